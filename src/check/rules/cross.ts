import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { COLUMN_NAMES, FUND_NAMES, T01_INCOME_NAMES, TABLE_NAMES } from '../tables.js';
import { rowFigure, rowLabel, totalFigure } from './class-tables.js';
import { t01Figures } from './t01.js';
import { t04Figures, type Fund } from './t04.js';
import { t06Totals } from './t06.js';

/** Between tables: X1–X8 of the domain notes (equalities). The subset rules X9/X10 are in subset.ts. */

type AnyTable = ClassTable<string>;
const tbl = (ctx: CheckContext, key: 't02' | 't03' | 't05' | 't07' | 't08') => ctx.tables[key] as unknown as AnyTable;

/** The row of a code in a class table, as a figure (blank, pointing at the table, when the row is absent). */
export function codeFigure(ctx: CheckContext, key: 't02' | 't03' | 't05' | 't07' | 't08', code: string, col: string): { fig: Figure; label: string; present: boolean } {
  const t = tbl(ctx, key);
  const r = t.rows.find((x) => x.code === code);
  if (r) return { fig: rowFigure(key, r, col), label: rowLabel(r), present: true };
  return { fig: { amount: undefined, path: ['tables', key, 'rows'] }, label: `${code} ${ctx.catalog.functionalName(code) ?? ''}`.trim(), present: false };
}

const one = (f: Figure) => sumOf([f.amount]);
const blank = (figs: Figure[]) => figs.every((f) => !f.amount || f.amount.value.isZero());

/** `printed` (in one table) = `other` (the same figure in another table). */
function same(ctx: CheckContext, rule: string, subject: { table: string; row?: string; column?: string }, printed: Figure, other: Figure, otherLabel: string): Diagnostic[] {
  if (blank([printed, other])) return [];
  return ctx.equation({ rule, subject, printed, expected: one(other).value, expectedLabel: otherLabel, parts: one(other).parts });
}

const FUND_TABLES: { fund: Fund; key: 't07' | 't08' }[] = [
  { fund: 'government_fund', key: 't07' },
  { fund: 'state_capital', key: 't08' },
];

export const crossRules: RuleFamily = {
  family: 'cross',
  rules: [
    {
      id: 'x01-income-total',
      description: '公开01 本年收入合计 = 公开02 合计 本年收入合计',
      run: (ctx) => same(ctx, 'x01-income-total', { table: TABLE_NAMES.t01, row: '本年收入合计' }, t01Figures(ctx).incomeTotal, totalFigure('t02', tbl(ctx, 't02'), 'total'), `${TABLE_NAMES.t02} 合计 本年收入合计`),
    },
    {
      id: 'x02-expenditure-total',
      description: '公开01 本年支出合计 = 公开03 合计 本年支出合计',
      run: (ctx) => same(ctx, 'x02-expenditure-total', { table: TABLE_NAMES.t01, row: '本年支出合计' }, t01Figures(ctx).expenditureTotal, totalFigure('t03', tbl(ctx, 't03'), 'total'), `${TABLE_NAMES.t03} 合计 本年支出合计`),
    },
    {
      id: 'x03-class',
      description: '公开01 各类支出 = 公开03 同一类的本年支出合计（公开01 写明各类支出时）',
      run: (ctx) =>
        t01Figures(ctx)
          .expenditure.filter((l) => l.given)
          .flatMap((l) => {
            const o = codeFigure(ctx, 't03', l.code, 'total');
            return same(ctx, 'x03-class', { table: TABLE_NAMES.t01, row: l.label.replace(/^[^、]*、/, `${l.code} `) }, l.fig, o.fig, `${TABLE_NAMES.t03} ${o.label} 本年支出合计`);
          }),
    },
    {
      id: 'x04-fund-income',
      description: '公开01 收入行一、二、三 = 公开04 一般公共预算、政府性基金、国有资本经营财政拨款收入',
      run: (ctx) => {
        const f1 = t01Figures(ctx);
        const f4 = t04Figures(ctx);
        const funds: Fund[] = ['general_budget', 'government_fund', 'state_capital'];
        return funds.flatMap((fund, i) => same(ctx, 'x04-fund-income', { table: TABLE_NAMES.t01, row: T01_INCOME_NAMES[fund] }, f1.income[i], f4.income(fund), `${TABLE_NAMES.t04} ${FUND_NAMES[fund]}收入`));
      },
    },
    {
      id: 'x05-fiscal-income',
      description: '公开02 合计 财政拨款收入 = 公开04 本年收入合计',
      run: (ctx) => same(ctx, 'x05-fiscal-income', { table: TABLE_NAMES.t02, row: '合计', column: '财政拨款收入' }, totalFigure('t02', tbl(ctx, 't02'), 'fiscal'), t04Figures(ctx).incomeTotal, `${TABLE_NAMES.t04} 本年收入合计`),
    },
    {
      id: 'x06-general-budget',
      description: '公开04 一般公共预算财政拨款列 = 公开05 小计（各类及本年支出合计）',
      run: (ctx) => {
        const f4 = t04Figures(ctx);
        const out: Diagnostic[] = [];
        for (const l of f4.lines) {
          const o = codeFigure(ctx, 't05', l.code, 'total');
          out.push(...same(ctx, 'x06-general-budget', { table: TABLE_NAMES.t04, row: l.label, column: FUND_NAMES.general_budget }, l.fig('general_budget'), o.fig, `${TABLE_NAMES.t05} ${o.label} 小计`));
        }
        out.push(...same(ctx, 'x06-general-budget', { table: TABLE_NAMES.t04, row: '本年支出合计', column: FUND_NAMES.general_budget }, f4.expenditureTotal('general_budget'), totalFigure('t05', tbl(ctx, 't05'), 'total'), `${TABLE_NAMES.t05} 合计 小计`));
        return out;
      },
    },
    {
      id: 'x07-fund-tables',
      description: '公开04 政府性基金/国有资本经营列 = 公开07/公开08 的数；该列全空 ⇔ 该表为空表',
      run: (ctx) => {
        const f4 = t04Figures(ctx);
        const out: Diagnostic[] = [];
        for (const { fund, key } of FUND_TABLES) {
          const t = tbl(ctx, key);
          const column = [f4.income(fund), f4.opening(fund), ...f4.lines.map((l) => l.fig(fund)), f4.expenditureTotal(fund), f4.closing(fund), f4.expenditureGrand(fund)];
          const tableFigs = [...t.columns.map((c) => totalFigure(key, t, c)), ...t.rows.flatMap((r) => t.columns.map((c) => rowFigure(key, r, c)))];
          const columnEmpty = blank(column);
          const tableEmpty = blank(tableFigs);
          if (columnEmpty !== tableEmpty) {
            const at = columnEmpty ? (tableFigs.find((f) => f.amount && !f.amount.value.isZero()) ?? { amount: undefined, path: ['tables', key] }) : column.find((f) => f.amount && !f.amount.value.isZero())!;
            out.push(
              ctx.diagnostic({
                severity: 'error',
                rule: 'x07-fund-tables',
                message: columnEmpty
                  ? `${TABLE_NAMES[key]}：表中有数，而 ${TABLE_NAMES.t04} ${FUND_NAMES[fund]}列全部为空；两者应同时有数或同时为空`
                  : `${TABLE_NAMES.t04} ${FUND_NAMES[fund]}列有数，而 ${TABLE_NAMES[key]} 为空表；两者应同时有数或同时为空`,
                at,
              }),
            );
            continue;
          }
          if (tableEmpty) continue;
          const tName = TABLE_NAMES[key];
          const spentCol = COLUMN_NAMES[key].total;
          // 本年支出: the total and each 类
          out.push(...same(ctx, 'x07-fund-tables', { table: TABLE_NAMES.t04, row: '本年支出合计', column: FUND_NAMES[fund] }, f4.expenditureTotal(fund), totalFigure(key, t, 'total'), `${tName} 合计 ${spentCol}`));
          for (const l of f4.lines) {
            const o = codeFigure(ctx, key, l.code, 'total');
            out.push(...same(ctx, 'x07-fund-tables', { table: TABLE_NAMES.t04, row: l.label, column: FUND_NAMES[fund] }, l.fig(fund), o.fig, `${tName} ${o.label} ${spentCol}`));
          }
          // 公开07 carries 年初/本年收入/年末 too: compare when it gives them
          if (key === 't07') {
            const pairs: [string, Figure, string][] = [
              ['income', f4.income(fund), `${FUND_NAMES[fund]}收入`],
              ['opening', f4.opening(fund), `年初财政拨款结转和结余 ${FUND_NAMES[fund]}`],
              ['closing', f4.closing(fund), `年末财政拨款结转和结余 ${FUND_NAMES[fund]}`],
            ];
            for (const [col, fig4, row] of pairs) {
              const f7 = totalFigure(key, t, col);
              if (!f7.amount && !t.rows.some((r) => r.cells[col as never])) continue;
              out.push(...same(ctx, 'x07-fund-tables', { table: TABLE_NAMES.t04, row }, fig4, f7, `${tName} 合计 ${COLUMN_NAMES.t07[col]}`));
            }
          }
        }
        return out;
      },
    },
    {
      id: 'x08-basic',
      description: '公开05 合计 基本支出 = 公开06 人员经费合计 + 公用经费合计',
      run: (ctx) => {
        const t6 = t06Totals(ctx);
        const s = sumOf([t6.personnel.amount, t6.public.amount]);
        const printed = totalFigure('t05', tbl(ctx, 't05'), 'basic');
        if (s.value.isZero() && blank([printed])) return [];
        return ctx.equation({ rule: 'x08-basic', subject: { table: TABLE_NAMES.t05, row: '合计', column: '基本支出' }, printed, expected: s.value, expectedLabel: `${TABLE_NAMES.t06} 人员经费合计 + 公用经费合计`, parts: s.parts });
      },
    },
  ],
};
