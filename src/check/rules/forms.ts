import { Decimal } from 'decimal.js';
import type { ExecutionFigures, OverallFormView, ProjectFormView } from '../../calculate/forms/index.js';
import { FORM_RATE_PLACES, rateValue, scoreValue } from '../../calculate/forms/scoring.js';
import { trimZeros } from '../../model/number-format.js';
import { Catalog } from '../../load/catalog.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Block } from '../../load/schema-parts.js';
import { TABLES } from '../../model/tables.js';
import { fmt, type CheckContext, type Path } from '../context.js';
import type { RuleFamily } from '../rule.js';

/**
 * 第四、五、六部分: the self-evaluation forms (备注 1–2 scoring rules, 总分, caps and weights), the
 * 名词解释 (十) list against the tables, and the 重点工作 table's 序号. All warnings (the published
 * report has these faults and must still render, printing its own figures), except a score given at
 * two levels of one group, which the render cannot print (error).
 *
 * The (十) names against the catalog are `catalog-label` / `catalog-code` (rules/catalog.ts).
 */

type AnyForm = ProjectFormView | OverallFormView;

const forms = (ctx: CheckContext): AnyForm[] => {
  const f = ctx.calc.forms;
  return [...(f.overall ? [f.overall] : []), ...f.projects];
};

/** "部门整体绩效自评表" / "项目自评表 项目2 房产交易中心业务专项经费" */
const formName = (f: AnyForm): string => (f.kind === 'overall' ? '第六部分 部门整体绩效自评表' : `第六部分 项目自评表 ${f.name}`);
const show = (d: Decimal | undefined): string => (d === undefined ? '空' : trimZeros(d));
const fix2 = (d: Decimal): string => trimZeros(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP));

function executionText(e: ExecutionFigures): string {
  return `${e.label} 预算数(A) ${e.budget?.text ?? '空'}、执行数(B) ${e.actual?.text ?? '空'}`;
}

const executionRateRule = {
  id: 'form-execution-rate',
  description: '自评表的执行率 = 执行数(B) / 预算数(A)，保留一位小数、四舍五入，带 %',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) => {
      const e = f.execution;
      const out: Diagnostic[] = [];
      if (e.rate === undefined) {
        out.push(
          ctx.diagnostic({
            severity: 'warning',
            rule: 'form-execution-rate',
            message: `${formName(f)}：${executionText(e)}；预算数为空或 0，执行率无法计算，预算执行得分规则不适用`,
            at: [...e.path, 'budget'],
          }),
        );
        return out;
      }
      const pub = e.published?.rate;
      if (pub === undefined) return out;
      const at: Path = [...e.path, 'published', 'rate'];
      const v = rateValue(pub);
      if (!v) {
        out.push(ctx.diagnostic({ severity: 'warning', rule: 'form-execution-rate', message: `${formName(f)}：执行率写作“${pub}”，不是百分数`, at, expected: e.computedRateText, actual: pub }));
        return out;
      }
      if (!v.value.equals(e.rateRounded!)) {
        out.push(
          ctx.diagnostic({
            severity: 'warning',
            rule: 'form-execution-rate',
            message: `${formName(f)}：执行率按 B/A = ${e.actual?.text ?? 0}/${e.budget?.text} = ${fix2(e.rate)}%，保留一位小数为 ${e.rateRounded!.toFixed(FORM_RATE_PLACES)}%，表中为 ${pub}；按表中印出`,
            at,
            expected: e.computedRateText,
            actual: pub,
          }),
        );
      } else if (!v.percentSign) {
        out.push(
          ctx.diagnostic({
            severity: 'warning',
            rule: 'form-execution-rate',
            message: `${formName(f)}：执行率写作“${pub}”，缺少 %；按表中印出`,
            at,
            expected: e.computedRateText,
            actual: pub,
          }),
        );
      }
      return out;
    }),
};

const executionScoreRule = {
  id: 'form-execution-score',
  description: '预算执行得分 = 权重 × 执行率，不超过权重（备注1；取整）',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) => {
      const e = f.execution;
      const pub = e.published?.score;
      if (pub === undefined || !e.rule || !e.computedScore) return [];
      const v = scoreValue(pub);
      if (v && v.equals(e.computedScore)) return [];
      return [
        ctx.diagnostic({
          severity: 'warning',
          rule: 'form-execution-score',
          message:
            `${formName(f)}：预算执行得分按规则 ${e.rule.formula} = min(${e.weight}, ${e.weight} × ${fix2(e.rate!)}%) = ${fix2(e.rule.score)}，` +
            `取整为 ${show(e.computedScore)}，表中为 ${pub}；按表中印出`,
          at: [...e.path, 'published', 'score'],
          expected: show(e.computedScore),
          actual: pub,
        }),
      ];
    }),
};

/** The 年度目标 of a 部门整体 form that print no score at all (the form scores them only in its 总分). */
const unscoredGoals = (f: AnyForm) => (f.kind === 'overall' ? f.goals.filter((g) => !g.cells.some((c) => c.value)) : []);

/** "20 + 39 + 15 + 5": the printed scores that enter the 总分. */
const printedParts = (f: AnyForm): string => [f.execution.scoreText || '0', ...f.cells.filter((c) => c.value).map((c) => show(c.value!))].join(' + ');

/**
 * What the 总分 leaves for the unscored goals (总分 − Σ printed scores), when it fits their
 * weights: then the total is consistent, and form-goal-unscored says which goal it scores.
 */
function impliedForUnscored(f: AnyForm): Decimal | undefined {
  const goals = unscoredGoals(f);
  const total = f.publishedTotal !== undefined ? scoreValue(f.publishedTotal) : undefined;
  if (goals.length === 0 || !total) return undefined;
  const implied = total.minus(f.computedTotal);
  const room = goals.reduce((n, g) => n + g.weight, 0);
  return implied.gte(0) && implied.lte(room) ? implied : undefined;
}

const totalRule = {
  id: 'form-total',
  description: '自评表的总分 = 预算执行得分 + 表中各指标得分之和（未印得分的年度目标按总分所余计，不超过其分值）',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) => {
      if (f.publishedTotal === undefined) return [];
      const v = scoreValue(f.publishedTotal);
      if (v && v.equals(f.computedTotal)) return [];
      if (impliedForUnscored(f) !== undefined) return [];
      return [
        ctx.diagnostic({
          severity: 'warning',
          rule: 'form-total',
          message: `${formName(f)}：各项得分之和为 ${printedParts(f)} = ${show(f.computedTotal)}，总分印作 ${f.publishedTotal}；按表中印出`,
          at: [...f.path, 'published_total'],
          expected: show(f.computedTotal),
          actual: f.publishedTotal,
        }),
      ];
    }),
};

const unscoredGoalRule = {
  id: 'form-goal-unscored',
  description: '部门整体绩效自评表的年度目标未印得分：总分减去印出的各项得分，即该目标所得',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) => {
      const goals = unscoredGoals(f);
      if (goals.length === 0) return [];
      const implied = impliedForUnscored(f);
      const names = goals.map((g) => `${g.label}（${g.weight}分）`).join('、');
      const printed = `印出的各项得分之和为 ${printedParts(f)} = ${show(f.computedTotal)}`;
      const reading =
        f.publishedTotal === undefined
          ? `${printed}，表中没有总分可推其得分`
          : implied !== undefined
            ? `总分印作 ${f.publishedTotal}，${printed}，所余 ${show(implied)} 分即${goals.length === 1 ? `${goals[0]!.label}所得` : '这些目标合计所得'}`
            : `总分印作 ${f.publishedTotal}，${printed}，所余不在其分值之内（见 form-total）`;
      return [
        ctx.diagnostic({
          severity: 'warning',
          rule: 'form-goal-unscored',
          message: `${formName(f)} ${names}：表中未印得分；${reading}`,
          at: goals[0]!.path,
          expected: implied !== undefined ? show(implied) : undefined,
          actual: '',
        }),
      ];
    }),
};

const capRule = {
  id: 'form-score-cap',
  description: '得分不得突破权重：预算执行得分、各指标得分、一级指标小计不超过其分值，总分不超过 100',
  run: (ctx: CheckContext): Diagnostic[] => {
    const out: Diagnostic[] = [];
    const warn = (message: string, at: Path, expected: string, actual: string) =>
      out.push(ctx.diagnostic({ severity: 'warning', rule: 'form-score-cap', message, at, expected, actual }));
    for (const f of forms(ctx)) {
      const e = f.execution;
      if (e.scoreValue && e.scoreValue.gt(e.weight)) {
        warn(`${formName(f)}：预算执行得分 ${e.scoreText} 超过权重 ${e.weight} 分`, [...e.path, 'published', 'score'], `≤ ${e.weight}`, e.scoreText);
      }
      for (const c of f.cells) {
        if (c.value && c.weight !== undefined && c.value.gt(c.weight)) warn(`${formName(f)} ${c.where}：得分 ${c.text} 超过权重 ${c.weight} 分`, c.path, `≤ ${c.weight}`, c.text);
      }
      for (const l of f.level1) {
        if (l.weight !== undefined && l.sum.gt(l.weight)) warn(`${formName(f)} ${l.where}：得分合计 ${show(l.sum)} 超过该一级指标的 ${l.weight} 分`, l.path, `≤ ${l.weight}`, show(l.sum));
      }
      const total = f.publishedTotal !== undefined ? scoreValue(f.publishedTotal) : f.computedTotal;
      if (total && total.gt(100)) warn(`${formName(f)}：总分 ${show(total)} 超过 100 分`, [...f.path, 'published_total'], '≤ 100', show(total));
    }
    return out;
  },
};

const weightsRule = {
  id: 'form-weights',
  description: '自评表的分值相加为 100：预算执行 + 年度绩效目标（或年度目标1 + 年度目标2），一级指标分值之和等于年度绩效目标分值',
  run: (ctx: CheckContext): Diagnostic[] => {
    const out: Diagnostic[] = [];
    const warn = (message: string, at: Path, expected: string, actual: string) =>
      out.push(ctx.diagnostic({ severity: 'warning', rule: 'form-weights', message, at, expected, actual }));
    const level1Sum = (ws: (number | undefined)[]) => (ws.length && ws.every((w) => w !== undefined) ? ws.reduce<number>((a, w) => a + (w ?? 0), 0) : undefined);
    for (const f of forms(ctx)) {
      if (f.kind === 'project') {
        const sum = f.execution.weight + f.goalsWeight;
        if (sum !== 100) warn(`${formName(f)}：预算执行 ${f.execution.weight} 分 + 年度绩效目标 ${f.goalsWeight} 分 = ${sum} 分，不是 100 分`, [...f.path, 'goals_weight'], '100', String(sum));
        const l1 = level1Sum(f.source.indicators.map((i) => i.weight));
        if (l1 !== undefined && l1 !== f.goalsWeight) {
          warn(`${formName(f)}：一级指标分值之和为 ${l1} 分，年度绩效目标为 ${f.goalsWeight} 分`, [...f.path, 'indicators'], String(f.goalsWeight), String(l1));
        }
      } else {
        const sum = f.execution.weight + f.goals.reduce((a, g) => a + g.weight, 0);
        if (f.goals.length && sum !== 100) {
          warn(`${formName(f)}：预算执行与各年度目标的分值之和为 ${sum} 分，不是 100 分`, [...f.path, 'goals'], '100', String(sum));
        }
        f.source.goals.forEach((g, i) => {
          const l1 = level1Sum(g.indicators.map((x) => x.weight));
          if (l1 !== undefined && l1 !== g.weight) warn(`${formName(f)} ${g.label}：一级指标分值之和为 ${l1} 分，该目标为 ${g.weight} 分`, [...f.path, 'goals', i, 'weight'], String(g.weight), String(l1));
        });
      }
    }
    return out;
  },
};

const overlapRule = {
  id: 'form-score-overlap',
  description: '同一组指标的得分只写在一层（一级指标、二级指标或具体指标）：否则只有最外层印出',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) =>
      f.hidden.map((c) =>
        ctx.diagnostic({
          severity: 'error',
          rule: 'form-score-overlap',
          message: `${formName(f)} ${c.where}：已为其所在的指标组写了得分，这里的得分 ${c.text} 不会印出；请只在一层写得分`,
          at: c.path,
          actual: c.text,
        }),
      ),
    ),
};

const indicatorRule = {
  id: 'form-indicator-score',
  description: '给出分值（weight）的定量指标：正向指标（≥X）得分 = 权重 × B/A，反向指标（≤X）得分 = 权重 × A/B，不超过权重（备注2；取整）',
  run: (ctx: CheckContext): Diagnostic[] =>
    forms(ctx).flatMap((f) =>
      f.cells.flatMap((c) => {
        if (!c.rule || c.weight === undefined) return [];
        const expected = c.rule.score.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
        if (c.value && c.value.equals(expected)) return [];
        return [
          ctx.diagnostic({
            severity: 'warning',
            rule: 'form-indicator-score',
            message: `${formName(f)} ${c.where}：按 ${c.rule.formula} 得分为 ${fix2(c.rule.score)}，取整为 ${show(expected)}，表中为 ${c.text || '空'}`,
            at: c.path,
            expected: show(expected),
            actual: c.text,
          }),
        ];
      }),
    ),
};

const SCORE_IN_TEXT = /自评(?:总分|得分)[^0-9。；]{0,4}?(\d+(?:\.\d+)?)\s*分/g;
const blockText = (b: Block): string => (typeof b === 'string' ? b : 'line' in b ? b.line : 'h' in b ? b.h : 'h2' in b ? b.h2 : b.h3);

const narrativeRule = {
  id: 'form-narrative-score',
  description: '自评结果中写的自评得分与自评表的总分一致',
  run: (ctx: CheckContext): Diagnostic[] => {
    const out: Diagnostic[] = [];
    const { appendix } = ctx.model;
    const overall = ctx.calc.forms.overall;
    if (!appendix || !overall) return out;
    const pairs: { form: AnyForm; blocks: Block[]; path: Path }[] = [
      { form: overall, blocks: appendix.overall.blocks, path: ['appendix', 'overall', 'blocks'] },
      ...appendix.projects.map((p, i) => ({ form: ctx.calc.forms.projects[i] as AnyForm, blocks: p.blocks, path: ['appendix', 'projects', i, 'blocks'] as Path })),
    ];
    for (const { form, blocks, path } of pairs) {
      const total = scoreValue(form.totalText);
      if (!total) continue;
      blocks.forEach((b, i) => {
        for (const m of blockText(b).matchAll(SCORE_IN_TEXT)) {
          if (new Decimal(m[1]).equals(total)) continue;
          out.push(
            ctx.diagnostic({
              severity: 'warning',
              rule: 'form-narrative-score',
              message: `${formName(form)}：自评结果写“${m[0]}”，自评表总分为 ${form.totalText}`,
              at: [...path, i],
              expected: form.totalText,
              actual: m[1],
            }),
          );
        }
      });
    }
    return out;
  },
};

const overallTotalsRule = {
  id: 'form-overall-totals',
  description: `部门整体绩效自评表的基本支出总额、项目支出总额、执行数与${TABLES.expenditure.title}的合计一致`,
  run: (ctx: CheckContext): Diagnostic[] => {
    const f = ctx.calc.forms.overall;
    if (!f) return [];
    const t = ctx.tables.expenditure.total;
    const checks: { label: string; printed: typeof f.basicTotal; table: typeof f.basicTotal; column: string; at: Path }[] = [
      { label: '基本支出总额', printed: f.basicTotal, table: t.basic, column: '基本支出', at: [...f.path, 'basic_total'] },
      { label: '项目支出总额', printed: f.projectTotal, table: t.project, column: '项目支出', at: [...f.path, 'project_total'] },
      { label: '执行数(B)', printed: f.execution.actual, table: t.total, column: '本年支出合计', at: [...f.execution.path, 'actual'] },
    ];
    return checks.flatMap((c) => {
      if (!c.printed || !c.table || c.printed.value.equals(c.table.value)) return [];
      return [
        ctx.diagnostic({
          severity: 'warning',
          rule: 'form-overall-totals',
          message: `${formName(f)}：${c.label}为 ${c.printed.text}，${ctx.tableName('expenditure')} 合计 ${c.column}为 ${c.table.value.toFixed(2)}`,
          at: c.at,
          expected: c.table.value.toFixed(2),
          actual: c.printed.text,
        }),
      ];
    });
  },
};

const glossaryCoverageRule = {
  id: 'glossary-coverage',
  description: `名词解释“本部门使用的支出功能分类科目（到项级）”恰好列出${TABLES.expenditure.title}、${TABLES.general_budget.title}用到的项级科目`,
  run: (ctx: CheckContext): Diagnostic[] => {
    const terms = ctx.model.glossary?.terms;
    if (!terms) return [];
    const used = new Set<string>();
    for (const t of [ctx.tables.expenditure, ctx.tables.general_budget]) for (const r of t.rows) if (Catalog.level(r.code) === '项') used.add(r.code);
    const index = terms.findIndex((t) => t.items !== undefined);
    const listed = new Set(terms.flatMap((t) => (t.items ?? []).map((it) => it.code)));
    const extra = [...listed].filter((c) => !used.has(c)).sort();
    const missing = [...used].filter((c) => !listed.has(c)).sort();
    if (!extra.length && !missing.length) return [];
    const name = (c: string) => `${c} ${ctx.catalog.functionalName(c) ?? ''}`.trim();
    const parts: string[] = [];
    if (extra.length) parts.push(`列出了表中未使用的 ${extra.map(name).join('、')}`);
    if (missing.length) parts.push(`漏列表中使用的 ${missing.map(name).join('、')}`);
    const term = index >= 0 ? terms[index].term : '本部门使用的支出功能分类科目';
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'glossary-coverage',
        message: `第五部分 名词解释 ${term}：${parts.join('；')}（对照${ctx.tableName('expenditure')}、${ctx.tableName('general_budget')}的项级科目）`,
        at: index >= 0 ? ['glossary', 'terms', index, 'items'] : ['glossary', 'terms'],
        expected: [...used].sort().join(' '),
        actual: [...listed].sort().join(' '),
      }),
    ];
  },
};

/**
 * The "主要是：…收入等" of 名词解释 二、三、四 (a form set whose 名词解释 is fixed but for these): a
 * kind of income the 总表 lacks must not be explained (error: the report would claim it), and one it
 * has should be (warning: the template asks for it).
 */
const INCOME_SOURCES = { business: '二、事业收入', operating: '三、经营收入', other: '四、其他收入' } as const;

const glossaryIncomeSourcesRule = {
  id: 'glossary-income-sources',
  description: `名词解释 二、三、四 的“主要是：…收入等”恰好写给${TABLES.summary.title}中有的事业收入、经营收入、其他收入`,
  run: (ctx: CheckContext): Diagnostic[] => {
    if (!ctx.loaded.profile.inputs.optional.includes('glossary.income_sources') && !ctx.loaded.profile.inputs.required.includes('glossary.income_sources')) return [];
    const given = ctx.model.glossary?.income_sources ?? {};
    const income = ctx.model.tables.summary.income;
    return (Object.keys(INCOME_SOURCES) as (keyof typeof INCOME_SOURCES)[]).flatMap((k) => {
      const amount = income[k];
      const has = amount !== undefined && !amount.value.isZero();
      const item = `名词解释 ${INCOME_SOURCES[k]}`;
      const column = TABLES.summary.income[k].label;
      if (given[k] !== undefined && !has) {
        return [ctx.diagnostic({ severity: 'error', rule: 'glossary-income-sources', message: `${item}：写了“主要是：${given[k]}收入等”，但${ctx.tableName('summary')}没有${column}；请删去（没有该项收入的单位只保留名词解释）`, at: ['glossary', 'income_sources', k] })];
      }
      if (given[k] === undefined && has) {
        const at = ctx.model.glossary?.income_sources ? ['glossary', 'income_sources'] : ctx.model.glossary ? ['glossary'] : ['tables', 'summary', 'income', k];
        return [ctx.diagnostic({ severity: 'warning', rule: 'glossary-income-sources', message: `${item}：${ctx.tableName('summary')}有${column} ${fmt(amount.value)} 万元，名词解释未写明主要是哪些收入`, at })];
      }
      return [];
    });
  },
};

const keyWorkRule = {
  id: 'key-work-numbering',
  description: '第四部分 重点工作完成情况表的序号从 1 起连续',
  run: (ctx: CheckContext): Diagnostic[] =>
    (ctx.model.key_work?.table ?? []).flatMap((r, i) =>
      r.no === i + 1
        ? []
        : [
            ctx.diagnostic({
              severity: 'warning',
              rule: 'key-work-numbering',
              message: `第四部分 重点工作完成情况 第 ${i + 1} 行：序号为 ${r.no}，应为 ${i + 1}`,
              at: ['key_work', 'table', i, 'no'],
              expected: String(i + 1),
              actual: String(r.no),
            }),
          ],
    ),
};

export const formRules: RuleFamily = {
  family: 'forms',
  rules: [executionRateRule, executionScoreRule, totalRule, unscoredGoalRule, capRule, weightsRule, overlapRule, indicatorRule, narrativeRule, overallTotalsRule, glossaryCoverageRule, glossaryIncomeSourcesRule, keyWorkRule],
};
