import type { Narrative } from '../../calculate/narrative/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { fmt, plain, type CheckContext, type Path } from '../context.js';
import type { Rule, RuleFamily } from '../rule.js';

/**
 * 第三部分 inputs that the form sets explaining the budget 项 by 项 and quoting counts add
 * (shanghai-2024): per-项 lines against the general_budget table and the catalog, the sums their
 * counts must make. Documented in docs/checks.md.
 */

const P3 = '第三部分';
const narrative = (ctx: CheckContext): Narrative => ctx.calc.narrative;
const E = (...p: (string | number)[]): Path => ['explanation', ...p];

const itemLinesRule: Rule = {
  id: 'narrative-item-lines',
  description: '第三部分 五（三）按项说明：每个项级科目一行（一般公共预算财政拨款支出决算表的项，按编码顺序）；科目名称按目录；年初预算之和 = 所述年初预算；决算≠预算时说明原因，持平时不说明',
  run: (ctx) => {
    const gb = narrative(ctx).generalBudget;
    const items = gb?.items;
    // A text given verbatim (explanation.text) prints its own 五（三） lines, not these inputs.
    if (!gb || !items || ctx.model.explanation?.text) return [];
    const out: Diagnostic[] = [];
    const err = (message: string, at: Path, severity: 'error' | 'warning' = 'error') => out.push(ctx.diagnostic({ severity, rule: 'narrative-item-lines', message: `${P3} 五（三）${message}`, at }));
    const tableItems = ctx.calc.tables.general_budget.rows.filter((r) => r.code.length === 7 && r.cells.total && !r.cells.total.value.isZero()).map((r) => r.code);
    const codes = items.map((x) => x.code);
    for (const x of items) {
      if (!x.inTable) err(`${x.code}：不是${ctx.tableName('general_budget')}中的项级科目，决算数无从取得`, [...x.path, 'code']);
      if (x.givenName !== undefined && ctx.loaded.catalog.functionalName(x.code) !== undefined && x.givenName !== x.itemName) {
        err(`${x.code}：名称“${x.givenName}”与科目目录的“${x.itemName}”不同（按目录印出）`, [...x.path, 'name'], 'warning');
      }
      const flat = x.completion.direction === 'flat';
      if (!flat && !x.reason) err(`${x.code} ${x.itemName}：决算数 ${fmt(x.actual.value!)} ${x.completion.direction === 'up' ? '大于' : '小于'}年初预算 ${fmt(x.budget.value!)}，未说明原因（reason）`, x.path);
      if (flat && x.reason) err(`${x.code} ${x.itemName}：决算数与预算数持平，不用说明原因（reason 不会印出）`, x.reason.path, 'warning');
    }
    for (const c of tableItems.filter((c) => !codes.includes(c))) err(`${ctx.tableName('general_budget')}的项 ${c} 没有说明（general_budget.items 缺此项）`, E('general_budget', 'items'));
    codes.forEach((c, i) => codes.indexOf(c) !== i && err(`${c} 列了两次`, [...items[i]!.path, 'code']));
    const sorted = [...codes].sort();
    if (codes.join() !== sorted.join()) err('各项应按科目编码顺序排列', E('general_budget', 'items'), 'warning');
    if (gb.budget && gb.itemBudgetSum && !gb.budget.value!.equals(gb.itemBudgetSum.value!)) {
      out.push(
        ctx.diagnostic({
          severity: 'error',
          rule: 'narrative-item-lines',
          message: `${P3} 五（三）所述年初预算 ${fmt(gb.budget.value!)} 不等于各项年初预算之和 ${fmt(gb.itemBudgetSum.value!)}`,
          at: E('general_budget', 'budget'),
          expected: plain(gb.itemBudgetSum.value!),
          actual: plain(gb.budget.value!),
        }),
      );
    }
    if (gb.completion && gb.completion.direction !== 'flat' && !gb.budgetReason) err(`一般公共预算财政拨款支出决算数与年初预算不同，未说明原因（budget_reason）`, E('general_budget'));
    return out;
  },
};

const sumRule = (id: string, description: string, check: (ctx: CheckContext) => { message: string; at: Path; expected: string; actual: string }[]): Rule => ({
  id,
  description,
  run: (ctx) => check(ctx).map((p) => ctx.diagnostic({ severity: 'error', rule: id, message: `${P3} ${p.message}`, at: p.at, expected: p.expected, actual: p.actual })),
});

const vehiclesRule = sumRule('narrative-vehicles', '第三部分 国有资产：各类车辆之和 = 车辆总数（vehicles_total）', (ctx) => {
  const a = narrative(ctx).assets;
  if (!a?.stated || !a.vehicles.length || a.stated.value!.equals(a.total.value!)) return [];
  return [{ message: `国有资产占用：各类车辆之和 ${a.total.computed} 辆，所述车辆总数 ${a.stated.computed} 辆`, at: E('assets', 'vehicles_total'), expected: a.total.computed!, actual: a.stated.computed! }];
});

const performanceCountsRule = sumRule('narrative-performance-counts', '第三部分 预算绩效：评级为优、良、合格、不合格的项目数之和 = 绩效自评项目数；已完成整改 + 正在整改 = 发现问题数', (ctx) => {
  const se = narrative(ctx).performanceCounts?.selfEvaluation;
  if (!se) return [];
  const out = [];
  const grades = [se.grades.excellent, se.grades.good, se.grades.pass, se.grades.fail].reduce((a, f) => a.plus(f.value!), se.count.value!.minus(se.count.value!));
  if (!grades.equals(se.count.value!)) out.push({ message: `预算绩效：各评级项目数之和 ${grades.toString()} 个，绩效自评项目 ${se.count.computed} 个`, at: E('performance', 'self_evaluation', 'grades'), expected: se.count.computed!, actual: grades.toString() });
  const fixed = se.problems.fixed.value!.plus(se.problems.fixing.value!);
  if (!fixed.equals(se.problems.found.value!)) out.push({ message: `预算绩效：已完成整改 + 正在整改 = ${fixed.toString()} 个，发现问题 ${se.problems.found.computed} 个`, at: E('performance', 'self_evaluation', 'problems'), expected: se.problems.found.computed!, actual: fixed.toString() });
  return out;
});

const receptionRule = sumRule('narrative-reception', '第三部分 “三公”：国内公务接待支出 = “三公”经费表公务接待费决算数；外宾接待支出 ≤ 国内公务接待支出', (ctx) => {
  const tp = narrative(ctx).threePublic;
  const d = tp?.detail?.domestic;
  if (!tp || !d) return [];
  const out = [];
  if (!d.value!.equals(tp.reception.actual.value!)) out.push({ message: `“三公”（二）国内公务接待支出 ${fmt(d.value!)} 不等于${ctx.tableName('three_public')}公务接待费决算数 ${fmt(tp.reception.actual.value!)}`, at: E('three_public', 'reception', 'domestic'), expected: plain(tp.reception.actual.value!), actual: plain(d.value!) });
  const f = tp.detail?.foreign;
  if (f && f.value!.gt(d.value!)) out.push({ message: `“三公”（二）外宾接待支出 ${fmt(f.value!)} 大于国内公务接待支出 ${fmt(d.value!)}`, at: E('three_public', 'reception', 'foreign'), expected: `≤ ${plain(d.value!)}`, actual: plain(f.value!) });
  return out;
});

export const narrativeCountRules: RuleFamily = { family: 'narrative-counts', rules: [itemLinesRule, vehiclesRule, performanceCountsRule, receptionRule] };
