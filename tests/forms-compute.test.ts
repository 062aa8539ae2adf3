import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { SAMPLE } from './helpers.js';
import { Decimal } from 'decimal.js';
import type { Document } from 'yaml';
import type { Calculated } from '../src/calculate/index.js';
import type { IndicatorRow, OverallFormView, ProjectFormView } from '../src/calculate/forms/index.js';
import { runChecks } from '../src/check/index.js';
import { formRules } from '../src/check/rules/forms.js';
import { RULE_FAMILIES } from '../src/check/registry.js';
import { sampleCalc, variant, partsMarkup } from './forms-support.js';

const calc = sampleCalc();
const { overall, projects } = calc.forms;

/** Σ of the 得分 cells a form prints (execution + every score cell of its rows), read off the rows. */
function printedSum(f: ProjectFormView | OverallFormView): Decimal {
  const rows: IndicatorRow[] = f.kind === 'project' ? f.rows : f.goals.flatMap((g) => g.rows);
  let s = new Decimal(f.execution.scoreText || 0);
  for (const r of rows) if (r.score?.text) s = s.plus(new Decimal(r.score.text.replace(/分$/, '')));
  return s;
}

const formFindings = (c: Calculated) => runChecks(c).filter((d) => d.rule.startsWith('form-') || d.rule.startsWith('glossary-') || d.rule.startsWith('key-work'));

describe('computeForms on the sample', () => {
  it('computes every form: 执行率, 预算执行得分, 总分', () => {
    expect(projects.length).toBe(7);
    const summary = [overall, ...projects].map((f) => [f.execution.computedRateText, f.execution.rateText, f.execution.computedScore?.toString(), f.execution.scoreText, f.computedTotal.toString(), f.totalText]);
    expect(summary).toEqual([
      ['550.6%', '550.6%', '20', '20', '79', '99'], // 部门整体: capped; printed 20 + 39 + 15 + 5 = 79; 年度目标1 unscored, 99 published
      ['99%', '99.1%', '20', '20', '90', '99'], // 10.4/10.5 = 99.05% → 99.0%; 满意度 score blank, 99 published
      ['97.2%', '97.2%', '19', '18', '95', '95'], // 19.44 by the rule, 18 published
      ['100%', '100%', '20', '20', '100', '100'],
      ['100%', '100', '20', '20', '100', '100'], // published without %
      ['100%', '100%', '20', '20', '100', '100'],
      ['100%', '100%', '20', '20', '100', '100'],
      ['100%', '100%', '20', '20', '99', '99'],
    ]);
  });

  it('总分 is the sum of the printed row scores and the execution score', () => {
    for (const f of [overall, ...projects]) expect(f.computedTotal.toString(), f.name).toBe(printedSum(f).toString());
    // where nothing is pinned, the printed 总分 is exactly that sum
    for (const f of projects.slice(1)) expect(f.totalText, f.name).toBe(printedSum(f).toString());
  });

  it('keeps the exact rule figures (Decimal) next to the printed ones', () => {
    const p2 = projects[1].execution;
    expect(p2.rate!.toFixed(6)).toBe('97.222222');
    expect(p2.rule!.score.toFixed(6)).toBe('19.444444');
    expect(p2.published).toEqual({ rate: '97.2%', score: '18' });
    expect(p2.scoreValue!.toString()).toBe('18');
    expect(projects[0].execution.rate!.toFixed(4)).toBe('99.0476');
    expect(overall.execution.rule!.capped).toBe(true);
  });

  it('lays the indicator rows out with their spans', () => {
    // 项目2: 产出 (6 rows: three 数量指标 groups, 质量, 时效, 成本) scored 37 once
    const r = projects[1].rows;
    expect(r[0].level1).toEqual({ name: '产出指标', weight: 40, rowspan: 6 });
    expect(r[0].score).toMatchObject({ text: '37', rowspan: 6 });
    expect(r.slice(1, 6).every((x) => x.score === undefined && x.level1 === undefined)).toBe(true);
    expect(r.map((x) => x.level2?.name)).toEqual(['数量指标', '数量指标', '数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响效益指标', '']);
    // 项目3: 数量指标 (7 rows) scored 10 for the group, 成本指标 scored on its row
    const p3 = projects[2].rows;
    expect(p3[0].level2).toEqual({ name: '数量指标', rowspan: 7 });
    expect(p3[0].score).toMatchObject({ text: '10', rowspan: 7 });
    expect(p3[11]).toMatchObject({ name: '成本控制率', score: { text: '10', rowspan: 1 } });
    // empty groups print one blank row
    expect(projects[1].rows[6]).toMatchObject({ level2: { name: '经济效益指标', rowspan: 1 }, name: undefined });
    // 部门整体: 日常工作目标 产出 (数量 10 + 质量 7 + 时效 2 + 成本 1 rows) spans its 20 rows with 39
    const g2 = overall.goals[1];
    expect(g2.rows[0].level1).toMatchObject({ name: '产出指标', rowspan: 20 });
    expect(g2.rows[0].score).toMatchObject({ text: '39分', rowspan: 20 });
  });

  it('records each computed figure in the trace', () => {
    const ids = calc.trace.entries.map((e) => e.id).filter((id) => id.startsWith('form.'));
    expect(ids).toContain('form.overall.执行率');
    expect(ids).toContain('form.project2.预算执行得分');
    expect(ids).toContain('form.project7.总分');
    expect(ids.length).toBe(8 * 3);
    const e = calc.trace.entries.find((x) => x.id === 'form.project2.预算执行得分')!;
    expect(e).toMatchObject({ value: '19', inputs: { A: '19.8', B: '19.25', weight: '20' } });
    expect(e.inputs.exact.startsWith('19.4444')).toBe(true);
  });
});

describe('checker rules on the sample', () => {
  it('are registered', () => {
    expect(RULE_FAMILIES).toContain(formRules);
  });

  it('report the published faults, as warnings, and nothing else', () => {
    const found = formFindings(calc).map((d) => [d.severity, d.rule, d.expected, d.actual]);
    expect(found).toEqual([
      ['warning', 'glossary-coverage', expect.any(String), expect.any(String)],
      ['warning', 'form-goal-unscored', '20', ''],
      ['warning', 'form-execution-rate', '99%', '99.1%'],
      ['warning', 'form-total', '90', '99'],
      ['warning', 'form-execution-score', '19', '18'],
      ['warning', 'form-execution-rate', '100%', '100'],
    ]);
  });

  it('glossary-coverage names the two extra and the three omitted 项', () => {
    const d = formFindings(calc).find((x) => x.rule === 'glossary-coverage')!;
    expect(d.message).toContain('列出了表中未使用的 2210103 棚户区改造、2210109 住房租赁市场发展');
    expect(d.message).toContain('漏列表中使用的 2011308 招商引资、2101199 其他行政事业单位医疗支出、2210108 老旧小区改造');
    expect(d.line).toBeGreaterThan(0);
  });

  it('the (十) 扶贫 label is reported against the catalog, and kept in the render', () => {
    const d = runChecks(calc).filter((x) => x.message.includes('2130599'));
    expect(d.map((x) => [x.severity, x.rule])).toEqual([['warning', 'catalog-label']]);
    expect(d[0].expected).toBe('农林水支出（类）巩固脱贫攻坚成果衔接乡村振兴（款）其他巩固脱贫攻坚成果衔接乡村振兴支出（项）');
    expect(partsMarkup(calc, ['part5'])).toContain('9. 农林水支出（类）扶贫（款）其他扶贫支出（项）：');
  });

  it('point at the YAML line of the pinned figure', () => {
    const d = formFindings(calc).find((x) => x.rule === 'form-execution-score')!;
    expect(d.message).toContain('19.44');
    expect(d.line).toBeGreaterThan(500);
  });
});

const P0 = ['appendix', 'projects', 0, 'form'];
const edit = (f: (doc: Document) => void) => variant(f);

describe('rules on variants', () => {
  it('zero budget: no rate, no rule score, a warning; the published figures still print', () => {
    const c = edit((doc) => {
      doc.setIn([...P0, 'execution', 'budget'], 0);
      doc.deleteIn([...P0, 'execution', 'published']);
    });
    const e = c.forms.projects[0].execution;
    expect(e.rate).toBeUndefined();
    expect(e.rateText).toBe('');
    expect(e.scoreText).toBe('');
    const d = formFindings(c).filter((x) => x.rule === 'form-execution-rate' && x.message.includes('项目1'));
    expect(d.map((x) => x.message)).toEqual([expect.stringContaining('预算数为空或 0')]);
  });

  it('a score may carry 分 as the form prints it; it counts by its number', () => {
    const c = edit((doc) => doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 0, 'score'], '10分'));
    const p = c.forms.projects[0];
    expect(p.cells.find((x) => x.text === '10分')?.value?.toString()).toBe('10');
    expect(p.computedTotal.toString()).toBe('90');
    expect(() => edit((doc) => doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 0, 'score'], '10点'))).toThrow(/得分应为数字/);
  });

  it('without pins the render prints the computed figures and 总分', () => {
    const c = edit((doc) => {
      doc.deleteIn([...P0, 'execution', 'published']);
      doc.deleteIn([...P0, 'published_total']);
    });
    const p = c.forms.projects[0];
    expect([p.execution.rateText, p.execution.scoreText, p.totalText]).toEqual(['99%', '20', '90']);
    // the form now agrees with itself; the result text still says 99分
    const d = formFindings(c).filter((x) => x.message.includes('项目1'));
    expect(d.map((x) => [x.rule, x.expected, x.actual])).toEqual([['form-narrative-score', '90', '99']]);
  });

  it('caps: a score above its weight, an 一级 group above its points, a total above 100', () => {
    const c = edit((doc) => {
      doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 0, 'weight'], 10);
      doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 0, 'score'], 12);
      doc.setIn([...P0, 'indicators', 2, 'groups', 0, 'rows', 0, 'score'], 10);
      doc.setIn([...P0, 'indicators', 1, 'groups', 0, 'rows', 0, 'score'], 20);
      doc.setIn([...P0, 'published_total'], 112);
    });
    const msgs = formFindings(c).filter((x) => x.rule === 'form-score-cap').map((x) => x.message);
    expect(msgs).toEqual([
      expect.stringContaining('产出指标：得分合计 42 超过该一级指标的 40 分'),
      expect.stringContaining('为公租房正常运营提供支持：得分 12 超过权重 10 分'),
      expect.stringContaining('效益指标：得分合计 50 超过该一级指标的 30 分'),
      expect.stringContaining('总分 112 超过 100 分'),
    ]);
    expect(formFindings(c).find((x) => x.rule === 'form-total' && x.message.includes('项目1'))?.actual).toBe('112');
  });

  it('weights: execution + goals = 100, 一级 points = goals', () => {
    const c = edit((doc) => {
      doc.setIn([...P0, 'goals_weight'], 70);
      doc.setIn(['appendix', 'overall', 'form', 'goals', 1, 'weight'], 50);
    });
    const msgs = formFindings(c).filter((x) => x.rule === 'form-weights').map((x) => x.message);
    expect(msgs).toEqual([
      expect.stringContaining('部门整体绩效自评表：预算执行与各年度目标的分值之和为 90 分'),
      expect.stringContaining('预算执行 20 分 + 年度绩效目标 70 分 = 90 分'),
      expect.stringContaining('一级指标分值之和为 80 分，年度绩效目标为 70 分'),
    ]);
  });

  it('a row with its weight is scored by 备注2; the computed score prints where none is given', () => {
    const c = edit((doc) => {
      // 正向 ≥10000套 / 12569套 with weight 10: capped at 10; printed 10: no finding
      doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 0, 'weight'], 10);
      // 反向 with a printed score that does not follow the rule
      doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 1], doc.createNode({ name: '响应时间', target: '≤8秒', actual: '10秒', score: 8, weight: 10 }));
      doc.setIn([...P0, 'indicators', 0, 'groups', 0, 'rows', 1, 'score'], 9);
      // no score given: computed (5 × 270/300 = 4.5 → 5 printed)
      doc.setIn([...P0, 'indicators', 0, 'groups', 1, 'rows', 0], doc.createNode({ name: '巡查', target: '≥300次', actual: '270次', weight: 5 }));
    });
    const rows = c.forms.projects[0].rows;
    expect(rows[0].rule!.capped).toBe(true);
    expect(rows[1].rule!.score.toString()).toBe('8');
    expect(rows[2].score).toMatchObject({ text: '5', computed: true });
    expect(rows[2].rule!.score.toString()).toBe('4.5');
    const d = formFindings(c).filter((x) => x.rule === 'form-indicator-score');
    expect(d.map((x) => [x.expected, x.actual])).toEqual([['8', '9']]);
    expect(c.trace.entries.some((e) => e.id === 'form.project1.产出指标.质量指标.巡查.得分' && e.value === '5')).toBe(true);
  });

  it('a score at two levels of one group is an error (only the outer one prints)', () => {
    const c = edit((doc) => doc.setIn(['appendix', 'projects', 1, 'form', 'indicators', 0, 'groups', 0, 'rows', 0, 'score'], 7));
    const d = formFindings(c).filter((x) => x.rule === 'form-score-overlap');
    expect(d.map((x) => x.severity)).toEqual(['error']);
    expect(d[0].message).toContain('交易监管');
    expect(c.forms.projects[1].rows[0].score?.text).toBe('37');
  });

  it('the narrative 自评得分 against the form 总分', () => {
    const c = edit((doc) => doc.setIn(['appendix', 'projects', 0, 'blocks', 1], doc.createNode({ line: '(一) 自评得分98分' })));
    const d = formFindings(c).filter((x) => x.rule === 'form-narrative-score');
    expect(d.map((x) => [x.expected, x.actual])).toEqual([['99', '98']]);
  });

  describe('部门整体: 年度目标1 prints no score, the 总分 99 scores it', () => {
    const OVERALL = ['appendix', 'overall', 'form'];
    const totals = (c: Calculated) => formFindings(c).filter((x) => x.rule === 'form-total' && x.message.includes('部门整体'));
    const unscored = (c: Calculated) => formFindings(c).filter((x) => x.rule === 'form-goal-unscored');

    it('on the sample: every printed score (20 + 39 + 15 + 5) counts, 99 leaves 20 for 年度目标1, no false 总分 finding', () => {
      expect(totals(calc)).toEqual([]);
      const [d] = unscored(calc);
      expect(d!.message).toContain('年度目标1（20分）：表中未印得分；总分印作 99，印出的各项得分之和为 20 + 39 + 15 + 5 = 79，所余 20 分即年度目标1所得');
      expect(d!.expected).toBe('20');
      // at the goal's own entry in the YAML
      expect(readFileSync(SAMPLE, 'utf8').split('\n')[d!.line! - 1]).toContain('label: 年度目标1');
      expect(unscored(calc)).toHaveLength(1);
    });

    it('a 总分 that leaves less than the goal’s weight: still consistent, the goal scores what is left', () => {
      const c = edit((doc) => doc.setIn([...OVERALL, 'published_total'], 95));
      expect(totals(c)).toEqual([]);
      expect(unscored(c).map((x) => x.expected)).toEqual(['16']);
    });

    it('a 总分 that leaves more than the goal’s weight is a 总分 finding', () => {
      const c = edit((doc) => doc.setIn([...OVERALL, 'published_total'], 100 + 20));
      expect(totals(c).map((x) => [x.expected, x.actual])).toEqual([['79', '120']]);
      expect(unscored(c)[0]!.message).toContain('所余不在其分值之内');
    });

    it('without the 效益指标 15 (as the sample was) the 总分 cannot be read: 99 − 64 = 35 exceeds 年度目标1’s 20', () => {
      const c = edit((doc) => doc.deleteIn([...OVERALL, 'goals', 1, 'indicators', 1, 'score']));
      expect(totals(c).map((x) => [x.expected, x.actual])).toEqual([['64', '99']]);
    });

    it('when 年度目标1 prints its scores, no goal is unscored and the sum is the 总分', () => {
      const c = edit((doc) => {
        doc.setIn([...OVERALL, 'goals', 0, 'indicators', 0, 'score'], 12);
        doc.setIn([...OVERALL, 'goals', 0, 'indicators', 1, 'score'], 8);
      });
      expect(unscored(c)).toEqual([]);
      expect(totals(c)).toEqual([]);
      expect(c.forms.overall.computedTotal.toString()).toBe('99');
    });
  });

  it('部门整体 totals against 公开03', () => {
    const c = edit((doc) => doc.setIn(['appendix', 'overall', 'form', 'project_total'], 9635.64));
    const d = formFindings(c).filter((x) => x.rule === 'form-overall-totals');
    expect(d.map((x) => [x.expected, x.actual])).toEqual([['9635.63', '9635.64']]);
  });

  it('the 重点工作 table numbers its rows 1…n', () => {
    const c = edit((doc) => doc.setIn(['key_work', 'table', 2, 'no'], 5));
    expect(formFindings(c).filter((x) => x.rule === 'key-work-numbering').map((x) => [x.expected, x.actual])).toEqual([['3', '5']]);
  });

  it('glossary-coverage is silent when (十) lists exactly the tables’ 项', () => {
    const c = edit((doc) => {
      const items = doc.getIn(['glossary', 'terms', 9, 'items']) as { items: unknown[] };
      const keep = (items.items as { get(k: string): unknown }[]).filter((n) => !['2210103', '2210109'].includes(String(n.get('code'))));
      for (const code of ['2011308', '2101199', '2210108']) keep.push(doc.createNode({ code, text: '反映…' }) as never);
      doc.setIn(['glossary', 'terms', 9, 'items'], doc.createNode([]));
      for (const k of keep) (doc.getIn(['glossary', 'terms', 9, 'items']) as { items: unknown[] }).items.push(k);
    });
    expect(formFindings(c).filter((x) => x.rule === 'glossary-coverage')).toEqual([]);
  });
});
