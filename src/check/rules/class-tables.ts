import type { ClassRow, ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { CLASS_TABLE_KEYS, TABLES, type ClassTableKey, type Column } from '../../model/tables.js';
import { sumOf, valueOf, type CheckContext, type Figure } from '../context.js';
import type { Rule, RuleFamily } from '../rule.js';

/**
 * The tables by 功能分类 类/款/项 with a 合计 row (收入, 支出, 一般公共预算财政拨款支出, 政府性基金,
 * 国有资本经营). R2.2/R2.3 (and R3, R5, R7): 类 = Σ款, 款 = Σ项, 合计 = Σ类, per column.
 * R2.1/R3.1/R5.1/R7.1: each row's 合计 column = Σ its other columns (the registry's row sum).
 */
type AnyTable = ClassTable<string>;
type AnyRow = ClassRow<string>;

const table = (ctx: CheckContext, key: ClassTableKey): AnyTable => ctx.tables[key] as unknown as AnyTable;
const columnNames = (key: ClassTableKey) => TABLES[key].columns as Record<string, Column>;
const label = (key: ClassTableKey, col: string) => columnNames(key)[col].label;
export const rowLabel = (r: { code: string; name: string }): string => `${r.code} ${r.name}`.trim();
export const rowFigure = (key: string, r: AnyRow, col: string): Figure => ({ amount: r.cells[col as never], path: ['tables', key, 'rows', r.index, col] });
export const totalFigure = (key: string, t: AnyTable, col: string): Figure => ({ amount: t.total[col as never], path: ['tables', key, 'total', col] });

/** Nothing to compare when the figure and all its parts are blank. */
const allBlank = (figs: Figure[]) => figs.every((f) => !f.amount || f.amount.value.isZero());

/** A rule id from a table key: general_budget → general-budget-rollup. */
const ruleId = (key: ClassTableKey, what: string) => `${key.replace(/_/g, '-')}-${what}`;

function rollup(ctx: CheckContext, key: ClassTableKey, rule: string): Diagnostic[] {
  const t = table(ctx, key);
  const out: Diagnostic[] = [];
  const tableName = ctx.tableName(key);
  const levels: { parent: '类' | '款'; child: '款' | '项'; label: string }[] = [
    { parent: '类', child: '款', label: '各款之和' },
    { parent: '款', child: '项', label: '各项之和' },
  ];
  for (const col of t.columns) {
    for (const { parent, child, label: sumLabel } of levels) {
      for (const p of t.rows.filter((r) => r.level === parent)) {
        const kids = t.rows.filter((r) => r.level === child && r.code.startsWith(p.code));
        if (kids.length === 0) continue;
        const printed = rowFigure(key, p, col);
        const parts = kids.map((k) => rowFigure(key, k, col));
        if (allBlank([printed, ...parts])) continue;
        const s = sumOf(parts.map((f) => f.amount));
        out.push(...ctx.equation({ rule, subject: { table: tableName, row: rowLabel(p), column: label(key, col) }, printed, expected: s.value, expectedLabel: sumLabel, parts: s.parts }));
      }
    }
    const classes = t.rows.filter((r) => r.level === '类');
    if (classes.length === 0) continue;
    const printed = totalFigure(key, t, col);
    const parts = classes.map((c) => rowFigure(key, c, col));
    if (allBlank([printed, ...parts])) continue;
    const s = sumOf(parts.map((f) => f.amount));
    out.push(...ctx.equation({ rule, subject: { table: tableName, row: '合计', column: label(key, col) }, printed, expected: s.value, expectedLabel: '各类之和', parts: s.parts }));
  }
  return out;
}

function rowSum(ctx: CheckContext, key: ClassTableKey, rule: string): Diagnostic[] {
  const t = table(ctx, key);
  const out: Diagnostic[] = [];
  const { total, parts } = TABLES[key].rowSum as { total: string; parts: readonly string[] };
  const lines: { label: string; fig: (col: string) => Figure }[] = [
    { label: '合计', fig: (col) => totalFigure(key, t, col) },
    ...t.rows.map((r) => ({ label: rowLabel(r), fig: (col: string) => rowFigure(key, r, col) })),
  ];
  for (const line of lines) {
    const printed = line.fig(total);
    const partFigs = parts.map((c) => ({ col: c, fig: line.fig(c) }));
    if (allBlank([printed, ...partFigs.map((p) => p.fig)])) continue;
    const given = partFigs.filter((p) => p.fig.amount && !p.fig.amount.value.isZero());
    const s = sumOf(partFigs.map((p) => p.fig.amount));
    const expectedLabel = given.length > 0 ? `${given.map((p) => label(key, p.col)).join(' + ')} 之和` : `${parts.map((c) => label(key, c)).join('、')}均为空，之和`;
    out.push(...ctx.equation({ rule, subject: { table: ctx.tableName(key), row: line.label, column: label(key, total) }, printed, expected: s.value, expectedLabel, parts: s.parts }));
  }
  return out;
}

/** The 政府性基金 table (R7.2): 年初结转和结余 + 本年收入 = 本年支出小计 + 年末结转和结余, when the row gives a balance. */
function governmentFundBalance(ctx: CheckContext, rule: string): Diagnostic[] {
  const key = 'government_fund';
  const t = table(ctx, key);
  const names = TABLES.government_fund.columns;
  const out: Diagnostic[] = [];
  const lines: { label: string; fig: (col: string) => Figure }[] = [
    { label: '合计', fig: (col) => totalFigure(key, t, col) },
    ...t.rows.map((r) => ({ label: rowLabel(r), fig: (col: string) => rowFigure(key, r, col) })),
  ];
  for (const line of lines) {
    const [opening, income, spent, closing] = ['opening', 'income', 'total', 'closing'].map(line.fig);
    if (allBlank([opening, income, closing])) continue;
    const s = sumOf([opening.amount, income.amount, spent.amount]);
    out.push(
      ...ctx.equation({
        rule,
        subject: { table: ctx.tableName(key), row: line.label, column: names.closing.label },
        printed: closing,
        expected: valueOf(opening.amount).plus(valueOf(income.amount)).minus(valueOf(spent.amount)),
        expectedLabel: `${names.opening.label} + ${names.income.label} − ${names.total.label}`,
        parts: s.parts,
      }),
    );
  }
  return out;
}

export const classTableRules: RuleFamily = {
  family: 'class-tables',
  rules: [
    ...CLASS_TABLE_KEYS.flatMap((key): Rule[] => {
      const { title, rowSum: sum } = TABLES[key];
      return [
        { id: ruleId(key, 'rollup'), description: `${title}：类 = Σ款、款 = Σ项、合计 = Σ类（逐列）`, run: (ctx) => rollup(ctx, key, ruleId(key, 'rollup')) },
        {
          id: ruleId(key, 'row-sum'),
          description: `${title}：每行 ${label(key, sum.total)} = ${(sum.parts as readonly string[]).map((c) => label(key, c)).join(' + ')}`,
          run: (ctx) => rowSum(ctx, key, ruleId(key, 'row-sum')),
        },
      ];
    }),
    {
      id: 'government-fund-balance',
      description: `${TABLES.government_fund.title}：每行 年初结转和结余 + 本年收入 = 本年支出小计 + 年末结转和结余（有结转时）`,
      run: (ctx) => governmentFundBalance(ctx, 'government-fund-balance'),
    },
  ],
};
