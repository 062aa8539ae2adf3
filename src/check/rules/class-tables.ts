import type { ClassRow, ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import { sumOf, valueOf, type CheckContext, type Figure } from '../context.js';
import type { Rule, RuleFamily } from '../rule.js';
import { COLUMN_NAMES, TABLE_NAMES } from '../tables.js';

/**
 * 公开02/03/05/07/08: the tables by 功能分类 类/款/项 with a 合计 row.
 * R2.2/R2.3 (and R3, R5, R7): 类 = Σ款, 款 = Σ项, 合计 = Σ类, per column.
 * R2.1/R3.1/R5.1/R7.1: each row's 合计 column = Σ its other columns.
 */
type ClassKey = 't02' | 't03' | 't05' | 't07' | 't08';
type AnyTable = ClassTable<string>;
type AnyRow = ClassRow<string>;

/** Row-sum: which column is the sum of which. */
const ROW_SUMS: Record<ClassKey, { total: string; parts: string[] }> = {
  t02: { total: 'total', parts: ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] },
  t03: { total: 'total', parts: ['basic', 'project', 'to_superior', 'operating', 'to_affiliated'] },
  t05: { total: 'total', parts: ['basic', 'project'] },
  t07: { total: 'total', parts: ['basic', 'project'] },
  t08: { total: 'total', parts: ['basic', 'project'] },
};

const table = (ctx: CheckContext, key: ClassKey): AnyTable => ctx.tables[key] as unknown as AnyTable;
export const rowLabel = (r: { code: string; name: string }): string => `${r.code} ${r.name}`.trim();
export const rowFigure = (key: string, r: AnyRow, col: string): Figure => ({ amount: r.cells[col as never], path: ['tables', key, 'rows', r.index, col] });
export const totalFigure = (key: string, t: AnyTable, col: string): Figure => ({ amount: t.total[col as never], path: ['tables', key, 'total', col] });

/** Nothing to compare when the figure and all its parts are blank. */
const allBlank = (figs: Figure[]) => figs.every((f) => !f.amount || f.amount.value.isZero());

function rollup(ctx: CheckContext, key: ClassKey, rule: string): Diagnostic[] {
  const t = table(ctx, key);
  const out: Diagnostic[] = [];
  const tableName = TABLE_NAMES[key];
  const names = COLUMN_NAMES[key];
  const levels: { parent: '类' | '款'; child: '款' | '项'; label: string }[] = [
    { parent: '类', child: '款', label: '各款之和' },
    { parent: '款', child: '项', label: '各项之和' },
  ];
  for (const col of t.columns) {
    for (const { parent, child, label } of levels) {
      for (const p of t.rows.filter((r) => r.level === parent)) {
        const kids = t.rows.filter((r) => r.level === child && r.code.startsWith(p.code));
        if (kids.length === 0) continue;
        const printed = rowFigure(key, p, col);
        const parts = kids.map((k) => rowFigure(key, k, col));
        if (allBlank([printed, ...parts])) continue;
        const s = sumOf(parts.map((f) => f.amount));
        out.push(...ctx.equation({ rule, subject: { table: tableName, row: rowLabel(p), column: names[col] }, printed, expected: s.value, expectedLabel: label, parts: s.parts }));
      }
    }
    const classes = t.rows.filter((r) => r.level === '类');
    if (classes.length === 0) continue;
    const printed = totalFigure(key, t, col);
    const parts = classes.map((c) => rowFigure(key, c, col));
    if (allBlank([printed, ...parts])) continue;
    const s = sumOf(parts.map((f) => f.amount));
    out.push(...ctx.equation({ rule, subject: { table: tableName, row: '合计', column: names[col] }, printed, expected: s.value, expectedLabel: '各类之和', parts: s.parts }));
  }
  return out;
}

function rowSum(ctx: CheckContext, key: ClassKey, rule: string): Diagnostic[] {
  const t = table(ctx, key);
  const out: Diagnostic[] = [];
  const names = COLUMN_NAMES[key];
  const { total, parts } = ROW_SUMS[key];
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
    const expectedLabel = given.length > 0 ? `${given.map((p) => names[p.col]).join(' + ')} 之和` : `${parts.map((c) => names[c]).join('、')}均为空，之和`;
    out.push(...ctx.equation({ rule, subject: { table: TABLE_NAMES[key], row: line.label, column: names[total] }, printed, expected: s.value, expectedLabel, parts: s.parts }));
  }
  return out;
}

/** Shanghai-style 公开07 (R7.2): 年初结转和结余 + 本年收入 = 本年支出小计 + 年末结转和结余, when the row gives a balance. */
function t07Balance(ctx: CheckContext, rule: string): Diagnostic[] {
  const t = table(ctx, 't07');
  const names = COLUMN_NAMES.t07;
  const out: Diagnostic[] = [];
  const lines: { label: string; fig: (col: string) => Figure }[] = [
    { label: '合计', fig: (col) => totalFigure('t07', t, col) },
    ...t.rows.map((r) => ({ label: rowLabel(r), fig: (col: string) => rowFigure('t07', r, col) })),
  ];
  for (const line of lines) {
    const [opening, income, spent, closing] = ['opening', 'income', 'total', 'closing'].map(line.fig);
    if (allBlank([opening, income, closing])) continue;
    const s = sumOf([opening.amount, income.amount, spent.amount]);
    out.push(
      ...ctx.equation({
        rule,
        subject: { table: TABLE_NAMES.t07, row: line.label, column: names.closing },
        printed: closing,
        expected: valueOf(opening.amount).plus(valueOf(income.amount)).minus(valueOf(spent.amount)),
        expectedLabel: '年初结转和结余 + 本年收入 − 本年支出小计',
        parts: s.parts,
      }),
    );
  }
  return out;
}

const describe: Record<ClassKey, string> = {
  t02: '公开02 收入决算表',
  t03: '公开03 支出决算表',
  t05: '公开05 一般公共预算财政拨款支出决算表',
  t07: '公开07 政府性基金预算财政拨款收入支出决算表',
  t08: '公开08 国有资本经营预算财政拨款支出决算表',
};

const keys: ClassKey[] = ['t02', 't03', 't05', 't07', 't08'];

export const classTableRules: RuleFamily = {
  family: 'class-tables',
  rules: [
    ...keys.flatMap((key): Rule[] => [
      { id: `${key}-rollup`, description: `${describe[key]}：类 = Σ款、款 = Σ项、合计 = Σ类（逐列）`, run: (ctx) => rollup(ctx, key, `${key}-rollup`) },
      {
        id: `${key}-row-sum`,
        description: `${describe[key]}：每行 ${COLUMN_NAMES[key][ROW_SUMS[key].total]} = ${ROW_SUMS[key].parts.map((c) => COLUMN_NAMES[key][c]).join(' + ')}`,
        run: (ctx) => rowSum(ctx, key, `${key}-row-sum`),
      },
    ]),
    { id: 't07-balance', description: '公开07：每行 年初结转和结余 + 本年收入 = 本年支出小计 + 年末结转和结余（有结转时）', run: (ctx) => t07Balance(ctx, 't07-balance') },
  ],
};
