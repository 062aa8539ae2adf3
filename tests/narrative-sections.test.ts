import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate, type Calculated } from '../src/calculate/index.js';
import { NARRATIVE_SECTION_IDS, NARRATIVE_SECTIONS, type NarrativeSectionId } from '../src/calculate/narrative/index.js';
import { runChecks } from '../src/check/index.js';
import { toMarkup } from '../src/render.js';
import { NARRATIVE_GROUP_IDS } from '../src/model/narrative-sections.js';
import { ROOT, SAMPLE, scratchData } from './helpers.js';
import { underProfile, WUHAN_SECTIONS } from './profile-support.js';

/** 第三部分 as a form set composes it: the sample under a profile with the given sections, in that order. */
const withSections = (sections: readonly NarrativeSectionId[], file = SAMPLE, charts?: boolean): Calculated =>
  calculate(underProfile(loadDepartment(file), { sections: [...sections], charts }));
const narrativeFindings = (calc: Calculated) => runChecks(calc).filter((d) => d.rule.startsWith('narrative-'));
const rulesOf = (calc: Calculated) => narrativeFindings(calc).map((d) => d.rule);

describe('the section registry', () => {
  it('has one function per section id, and Wuhan’s profile lists all thirteen in order', () => {
    expect(Object.keys(NARRATIVE_SECTIONS).sort()).toEqual([...NARRATIVE_SECTION_IDS].sort());
    expect(WUHAN_SECTIONS).toEqual([
      'totals',
      'income',
      'expenditure',
      'fiscal',
      'general_budget',
      'basic',
      'government_fund',
      'state_capital',
      'three_public',
      'admin_operation',
      'procurement',
      'assets',
      'performance',
    ]);
  });

  it('composing Wuhan’s list explicitly gives the sample’s narrative and the same trace', () => {
    const byDefault = calculate(loadDepartment(SAMPLE));
    const explicit = withSections([...WUHAN_SECTIONS]);
    expect(explicit.trace.entries).toEqual(byDefault.trace.entries);
    expect(byDefault.narrative.sections).toEqual(WUHAN_SECTIONS.map((id, i) => ({ id, n: i + 1, children: [] })));
    expect(narrativeFindings(explicit)).toEqual(narrativeFindings(byDefault));
  });

  it('refuses an unknown or repeated section id (a form set’s list is checked where it is read)', () => {
    expect(() => withSections(['totals', 'nonsense' as NarrativeSectionId])).toThrow(/unknown narrative sections: nonsense/);
    expect(() => withSections(['totals', 'income', 'totals'])).toThrow(/listed twice: totals/);
  });
});

describe('a subset of the sections, reordered', () => {
  const sections: NarrativeSectionId[] = ['three_public', 'totals', 'admin_operation', 'performance'];
  const calc = withSections(sections);
  const n = calc.narrative;

  it('numbers the sections by position', () => {
    expect(n.sections).toEqual([
      { id: 'three_public', n: 1, children: [] },
      { id: 'totals', n: 2, children: [] },
      { id: 'admin_operation', n: 3, children: [] },
      { id: 'performance', n: 4, children: [] },
    ]);
  });

  it('computes the sections present and nothing of the others', () => {
    expect(n.threePublic?.actual.text).toBe('19.5');
    expect(n.totals?.grandTotal.text).toBe('11314.64');
    expect(n.adminOperation?.amount.text).toBe('55.89');
    expect(n.performance?.count.text).toBe('7');
    for (const absent of ['income', 'expenditure', 'fiscal', 'generalBudget', 'basic', 'governmentFund', 'stateCapital', 'procurement', 'assets'] as const) {
      expect(n[absent], absent).toBeUndefined();
    }
    const ids = n.figures.map((f) => f.id);
    expect(ids.some((id) => id.startsWith('basic.') || id.startsWith('income.') || id.startsWith('procurement.'))).toBe(false);
  });

  it('records the figures in the order of its text', () => {
    const ids = calc.trace.entries.filter((e) => e.id.startsWith('narrative.')).map((e) => e.id);
    expect(ids.findIndex((id) => id.startsWith('narrative.three_public.'))).toBeLessThan(ids.indexOf('narrative.totals.grand_total'));
    expect(ids.indexOf('narrative.totals.grand_total')).toBeLessThan(ids.indexOf('narrative.admin_operation.amount'));
  });

  it('a figure 十三 takes from 五 is made there when 五 is absent, with the same value', () => {
    const full = calculate(loadDepartment(SAMPLE)).narrative;
    expect(n.figures.find((f) => f.id === 'general_budget.project')?.text).toBe('9635.63');
    expect(n.performance?.coverage.text).toBe(full.performance?.coverage.text);
  });

  it('rules about absent sections do not fire; rules about present ones do, named by their new ordinals', () => {
    const ds = narrativeFindings(calc);
    const rules = ds.map((d) => d.rule);
    // about 五 and 六 in the full text
    for (const r of ['narrative-basic-items', 'narrative-budget-term', 'narrative-class-order']) expect(rules).not.toContain(r);
    // about 九 and 十, now 一 and 三
    const reasons = ds.filter((d) => d.rule === 'narrative-reason').map((d) => d.message);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^第三部分 一（二） 公务接待费：完成预算的 0%/), expect.stringMatching(/^第三部分 三 机关运行经费：较上年减少 7\.31 万元/)]),
    );
    expect(ds.find((d) => d.rule === 'narrative-budget-basis')?.message).toMatch(/^第三部分 一（一）：正文“预算为10\.48万元”是年初预算/);
    expect(rules).toContain('narrative-empty-reason'); // 九（二）3's "，。", in 一 now
  });

  it('a pin of an absent section names no figure of this text', () => {
    const unknown = narrativeFindings(calc).filter((d) => d.rule === 'narrative-pin-unknown').map((d) => d.message);
    expect(unknown).toEqual(
      expect.arrayContaining([expect.stringContaining('“expenditure.project”'), expect.stringContaining('“basic.personnel.items”'), expect.stringContaining('“basic.public.items”')]),
    );
    expect(unknown.some((m) => m.includes('three_public.overseas.completion'))).toBe(false);
  });
});

describe('a rule about a section fires only with the section', () => {
  /** The sample with one edit, in a scratch folder beside the catalog. */
  function variant(from: string | RegExp, to: string): string {
    const text = readFileSync(SAMPLE, 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit did not apply: ${String(from)}`);
    const file = join(scratchData(), 'data/2023/jiangan-housing.yaml');
    writeFileSync(file, next);
    return file;
  }
  const everyOther = (drop: NarrativeSectionId) => WUHAN_SECTIONS.filter((id) => id !== drop);

  it.each<[string, NarrativeSectionId, () => string]>([
    ['narrative-procurement', 'procurement', () => variant('    sme: 317.7', '    sme: 400')],
    ['narrative-missing', 'assets', () => variant(/\n {2}assets:\n(?: {4}.*\n)+/, '\n')],
    ['narrative-breakdown', 'three_public', () => variant('{label: 燃料费, amount: 1}', '{label: 燃料费, amount: 2}')],
    ['narrative-class-order', 'general_budget', () => SAMPLE],
    ['narrative-basic-items', 'basic', () => SAMPLE],
    ['narrative-admin-operation', 'admin_operation', () => variant('    amount: 55.89', '    amount: 60')],
  ])('%s: fires with %s, not without it', (rule, section, file) => {
    const f = file();
    expect(rulesOf(withSections(WUHAN_SECTIONS, f))).toContain(rule);
    const without = narrativeFindings(withSections(everyOther(section), f)).filter((d) => d.rule === rule);
    expect(without.map((d) => d.message)).toEqual([]);
  });

  it('narrative-missing speaks of the sections present only, by their ordinals', () => {
    const f = variant(/\n {2}assets:\n(?: {4}.*\n)+/, '\n');
    const missing = (ids: readonly NarrativeSectionId[]) =>
      narrativeFindings(withSections(ids, f))
        .filter((d) => d.rule === 'narrative-missing')
        .map((d) => d.message);
    expect(missing(WUHAN_SECTIONS)).toEqual(['第三部分 缺少数据 十二 国有资产占用（assets）：该节只有标题']);
    expect(missing(['totals', 'assets'])).toEqual(['第三部分 缺少数据 二 国有资产占用（assets）：该节只有标题']);
    expect(missing(['totals', 'performance'])).toEqual([]);
  });
});

describe('charts', () => {
  it('are numbered in the order of the text, and only for the sections present', () => {
    const n = withSections(['fiscal', 'general_budget', 'totals']).narrative;
    expect(Object.keys(n.charts)).toEqual(['fiscal', 'totals']);
    expect(n.charts.fiscal?.number).toBe(1);
    expect(n.charts.totals?.number).toBe(2);
    const full = calculate(loadDepartment(SAMPLE)).narrative.charts;
    expect([full.totals?.number, full.income?.number, full.expenditure?.number, full.fiscal?.number]).toEqual([1, 2, 3, 4]);
  });

  it('are left out when the form set has none, the figures staying the same', () => {
    const off = withSections(WUHAN_SECTIONS, SAMPLE, false);
    expect(off.narrative.charts).toEqual({});
    expect(off.trace.entries).toEqual(calculate(loadDepartment(SAMPLE)).trace.entries);
  });
});

describe('figures quoted in the department’s text', () => {
  it('may name a figure of a section that comes later in the text', () => {
    const text = readFileSync(SAMPLE, 'utf8').replace('    conclusion: "从绩效评价情况来看，', '    conclusion: "一般公共预算财政拨款支出{general_budget.total}万元。从绩效评价情况来看，');
    const file = join(scratchData(), 'data/2023/jiangan-housing.yaml');
    writeFileSync(file, text);
    const before = withSections(['performance', 'general_budget'], file);
    expect(before.narrative.performance?.conclusion).toMatch(/^一般公共预算财政拨款支出11314\.64万元。从绩效评价情况来看/);
    expect(before.narrative.placeholderProblems).toEqual([]);
    // and naming a figure of a section the text does not have is the usual error
    const without = withSections(['performance'], file);
    expect(without.narrative.placeholderProblems.map((p) => p.id)).toEqual(['general_budget.total']);
    expect(rulesOf(without)).toContain('narrative-placeholder');
  });
});

describe('the templates of a composed 第三部分', () => {
  /** 第三部分's markup, as the report prints it. */
  const part3 = (calc: Calculated) => {
    const markup = toMarkup(calc);
    return markup.slice(markup.indexOf('<h1>第三部分'), markup.indexOf('<h1>第四部分'));
  };
  const headings = (markup: string) => [...markup.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);

  it('Wuhan’s text: the thirteen headings 一 … 十三', () => {
    expect(headings(part3(calculate(loadDepartment(SAMPLE))))).toEqual([
      '一、收入支出决算总体情况说明',
      '二、收入决算情况说明',
      '三、支出决算情况说明',
      '四、财政拨款收入支出决算总体情况说明',
      '五、一般公共预算财政拨款支出决算情况说明',
      '六、一般公共预算财政拨款基本支出决算情况说明',
      '七、政府性基金预算财政拨款收入支出决算情况说明',
      '八、国有资本经营预算财政拨款支出决算情况说明',
      '九、财政拨款“三公”经费支出决算情况说明',
      '十、机关运行经费支出说明',
      '十一、政府采购支出说明',
      '十二、国有资产占用情况',
      '十三、预算绩效情况说明',
    ]);
  });

  it('a subset, reordered: headings numbered by their place, the others absent', () => {
    const markup = part3(withSections(['three_public', 'totals', 'admin_operation', 'performance']));
    expect(headings(markup)).toEqual(['一、财政拨款“三公”经费支出决算情况说明', '二、收入支出决算总体情况说明', '三、机关运行经费支出说明', '四、预算绩效情况说明']);
    // the sections' own sub-headings keep their marks
    expect(markup).toContain('<h3 toc="no">(一)“三公”经费财政拨款支出决算总体情况说明</h3>');
    expect(markup).toContain('<h3 toc="no">(四)绩效自评结果应用情况</h3>');
    expect(markup).not.toContain('收入决算情况说明');
    expect(markup).not.toContain('本部门没有政府性基金预算财政拨款收入');
  });

  // a grouping section alone is its heading only (tests/shanghai-part3.test.ts prints one with its sub-sections)
  it.each(NARRATIVE_SECTION_IDS.filter((id) => !NARRATIVE_GROUP_IDS.includes(id)).map((id) => [id]))('%s alone is section 一, printed whole', (id) => {
    const markup = part3(withSections([id]));
    const hs = headings(markup);
    expect(hs).toHaveLength(1);
    expect(hs[0]).toMatch(/^一、/);
    expect(markup).not.toMatch(/undefined|NaN|\[object/);
    expect(markup.split('<p>').length).toBeGreaterThan(1);
  });

  it('the sections of the sample print the same paragraphs in any order', () => {
    const paragraphs = (markup: string) => [...markup.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1]).sort();
    const reversed = [...WUHAN_SECTIONS].reverse();
    expect(paragraphs(part3(withSections(reversed)))).toEqual(paragraphs(part3(calculate(loadDepartment(SAMPLE)))));
    expect(headings(part3(withSections(reversed)))[0]).toBe('一、预算绩效情况说明');
  });
});

describe('the charts’ words are the templates’', () => {
  const charts = (markup: string) => [...markup.matchAll(/<chart kind="(\w+)" caption="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);

  it('captions are numbered in the order of the text', () => {
    expect(charts(toMarkup(withSections(['fiscal', 'general_budget', 'expenditure', 'totals'])))).toEqual([
      'bars 图 1：财政拨款收、支决算总计变动情况',
      'pie 图 2：支出决算结构',
      'bars 图 3：收、支决算总计变动情况',
    ]);
    expect(charts(toMarkup(withSections(WUHAN_SECTIONS, SAMPLE, false)))).toEqual([]);
  });

  it('a pie with nothing to share out is not drawn and takes no number', () => {
    const text = readFileSync(SAMPLE, 'utf8').replace('    total: {total: 11314.64, fiscal: 11314.64}\n', '    total: {total: 0, fiscal: 0}\n');
    const file = join(scratchData(), 'data/2023/jiangan-housing.yaml');
    writeFileSync(file, text);
    const calc = calculate(loadDepartment(file));
    expect(calc.narrative.charts.income).toBeUndefined();
    expect(charts(toMarkup(calc))).toEqual(['bars 图 1：收、支决算总计变动情况', 'pie 图 2：支出决算结构', 'bars 图 3：财政拨款收、支决算总计变动情况']);
  });

  it('a template overlay rewords a chart without code: caption, group and series labels', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'juesuan-templates-')), 'templates');
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const totals = join(dir, 'part3/sections/totals.hbs');
    writeFileSync(totals, readFileSync(totals, 'utf8').replace('caption="收、支决算总计变动情况" incomeLabel="收入总计" expenditureLabel="支出总计"', 'caption="收支总计" incomeLabel="收入" expenditureLabel="支出"'));
    const bars = join(dir, 'part3/bar-chart.hbs');
    writeFileSync(bars, readFileSync(bars, 'utf8').replace('<series name="{{this}}年度"/>', '<series name="{{this}}年"/>'));
    const markup = toMarkup(calculate(loadDepartment(SAMPLE)), dir);
    expect(markup).toContain('<chart kind="bars" caption="图 1：收支总计" unit="万元"><series name="2022年"/><series name="2023年"/><group label="收入"><bar value="9333.50" text="9333.5"/>');
    expect(markup).toContain('<chart kind="bars" caption="图 4：财政拨款收、支决算总计变动情况" unit="万元"><series name="2022年"/>');
  });

  it('the calculator holds no chart words', () => {
    const files = ['charts.ts', ...readdirSync(join(ROOT, 'src/calculate/narrative/sections')).map((f) => `sections/${f}`)];
    const words = files.flatMap((f) => {
      // a figure's name (the argument after its id) is for messages, not a chart's words
      const text = readFileSync(join(ROOT, 'src/calculate/narrative', f), 'utf8')
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        .replace(/\.(amount|percent|count|list|change|completion)\(\s*'[^']*',\s*'[^']*'/g, '');
      return [...text.matchAll(/图\s*\d|年度|收入总计'|支出总计'|'万元'|决算结构/g)].map((m) => `${f}: ${m[0]}`);
    });
    expect(words).toEqual([]);
  });
});
