import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { TABLES, columnKeys, type ClassTableKey, type Column } from '../../model/tables.js';
import { rowFigure, rowLabel, totalFigure } from './class-tables.js';
import { summaryFigures } from './summary.js';
import { FUNDS, fiscalSummaryFigures, type Fund } from './fiscal-summary.js';
import { basicDetailTotals } from './basic-detail.js';

/** Between tables: X1–X8 of the domain notes (equalities). The subset rules X9/X10 are in subset.ts. */

type AnyTable = ClassTable<string>;
const tbl = (ctx: CheckContext, key: ClassTableKey) => ctx.tables[key] as unknown as AnyTable;

/** The row of a code in a class table, as a figure (blank, pointing at the table, when the row is absent). */
export function codeFigure(ctx: CheckContext, key: ClassTableKey, code: string, col: string): { fig: Figure; label: string; present: boolean } {
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

const FUND_TABLES: { fund: Fund; key: 'government_fund' | 'state_capital' }[] = [
  { fund: 'government_fund', key: 'government_fund' },
  { fund: 'state_capital', key: 'state_capital' },
];

export const crossRules: RuleFamily = {
  family: 'cross',
  rules: [
    {
      id: 'x01-income-total',
      description: `${TABLES.summary.title} 本年收入合计 = ${TABLES.income.title} 合计 本年收入合计`,
      run: (ctx) => same(ctx, 'x01-income-total', { table: ctx.tableName('summary'), row: '本年收入合计' }, summaryFigures(ctx).incomeTotal, totalFigure('income', tbl(ctx, 'income'), 'total'), `${ctx.tableName('income')} 合计 本年收入合计`),
    },
    {
      id: 'x02-expenditure-total',
      description: `${TABLES.summary.title} 本年支出合计 = ${TABLES.expenditure.title} 合计 本年支出合计`,
      run: (ctx) => same(ctx, 'x02-expenditure-total', { table: ctx.tableName('summary'), row: '本年支出合计' }, summaryFigures(ctx).expenditureTotal, totalFigure('expenditure', tbl(ctx, 'expenditure'), 'total'), `${ctx.tableName('expenditure')} 合计 本年支出合计`),
    },
    {
      id: 'x03-class',
      description: `${TABLES.summary.title} 各类支出 = ${TABLES.expenditure.title} 同一类的本年支出合计（${TABLES.summary.title} 写明各类支出时）`,
      run: (ctx) =>
        summaryFigures(ctx)
          .expenditure.filter((l) => l.given)
          .flatMap((l) => {
            const o = codeFigure(ctx, 'expenditure', l.code, 'total');
            return same(ctx, 'x03-class', { table: ctx.tableName('summary'), row: l.label.replace(/^[^、]*、/, `${l.code} `) }, l.fig, o.fig, `${ctx.tableName('expenditure')} ${o.label} 本年支出合计`);
          }),
    },
    {
      id: 'x04-fund-income',
      description: `${TABLES.summary.title} 收入行一、二、三 = ${TABLES.fiscal_summary.title} 一般公共预算、政府性基金、国有资本经营财政拨款收入`,
      run: (ctx) => {
        const f1 = summaryFigures(ctx);
        const f4 = fiscalSummaryFigures(ctx);
        const incomeLines = columnKeys(TABLES.summary.income);
        return FUNDS.flatMap((fund) => {
          const i = incomeLines.indexOf(fund);
          return same(ctx, 'x04-fund-income', { table: ctx.tableName('summary'), row: ctx.tables.summary.income[i].label }, f1.income[i], f4.income(fund), `${ctx.tableName('fiscal_summary')} ${TABLES.fiscal_summary.columns[fund].label}收入`);
        });
      },
    },
    {
      id: 'x05-fiscal-income',
      description: `${TABLES.income.title} 合计 财政拨款收入 = ${TABLES.fiscal_summary.title} 本年收入合计`,
      run: (ctx) => same(ctx, 'x05-fiscal-income', { table: ctx.tableName('income'), row: '合计', column: '财政拨款收入' }, totalFigure('income', tbl(ctx, 'income'), 'fiscal'), fiscalSummaryFigures(ctx).incomeTotal, `${ctx.tableName('fiscal_summary')} 本年收入合计`),
    },
    {
      id: 'x06-general-budget',
      description: `${TABLES.fiscal_summary.title} 一般公共预算财政拨款列 = ${TABLES.general_budget.title} 小计（各类及本年支出合计）`,
      run: (ctx) => {
        const f4 = fiscalSummaryFigures(ctx);
        const out: Diagnostic[] = [];
        for (const l of f4.lines) {
          const o = codeFigure(ctx, 'general_budget', l.code, 'total');
          out.push(...same(ctx, 'x06-general-budget', { table: ctx.tableName('fiscal_summary'), row: l.label, column: TABLES.fiscal_summary.columns.general_budget.label }, l.fig('general_budget'), o.fig, `${ctx.tableName('general_budget')} ${o.label} 小计`));
        }
        out.push(...same(ctx, 'x06-general-budget', { table: ctx.tableName('fiscal_summary'), row: '本年支出合计', column: TABLES.fiscal_summary.columns.general_budget.label }, f4.expenditureTotal('general_budget'), totalFigure('general_budget', tbl(ctx, 'general_budget'), 'total'), `${ctx.tableName('general_budget')} 合计 小计`));
        return out;
      },
    },
    {
      id: 'x07-fund-tables',
      description: `${TABLES.fiscal_summary.title} 政府性基金/国有资本经营列 = ${TABLES.government_fund.title}/${TABLES.state_capital.title} 的数；该列全空 ⇔ 该表为空表`,
      run: (ctx) => {
        const f4 = fiscalSummaryFigures(ctx);
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
                  ? `${ctx.tableName(key)}：表中有数，而 ${ctx.tableName('fiscal_summary')} ${TABLES.fiscal_summary.columns[fund].label}列全部为空；两者应同时有数或同时为空`
                  : `${ctx.tableName('fiscal_summary')} ${TABLES.fiscal_summary.columns[fund].label}列有数，而 ${ctx.tableName(key)} 为空表；两者应同时有数或同时为空`,
                at,
              }),
            );
            continue;
          }
          if (tableEmpty) continue;
          const tName = ctx.tableName(key);
          const spentCol = TABLES[key].columns.total.label;
          // 本年支出: the total and each 类
          out.push(...same(ctx, 'x07-fund-tables', { table: ctx.tableName('fiscal_summary'), row: '本年支出合计', column: TABLES.fiscal_summary.columns[fund].label }, f4.expenditureTotal(fund), totalFigure(key, t, 'total'), `${tName} 合计 ${spentCol}`));
          for (const l of f4.lines) {
            const o = codeFigure(ctx, key, l.code, 'total');
            out.push(...same(ctx, 'x07-fund-tables', { table: ctx.tableName('fiscal_summary'), row: l.label, column: TABLES.fiscal_summary.columns[fund].label }, l.fig(fund), o.fig, `${tName} ${o.label} ${spentCol}`));
          }
          // the 政府性基金 table carries 年初/本年收入/年末 too: compare when it gives them
          if (key === 'government_fund') {
            const pairs: [string, Figure, string][] = [
              ['income', f4.income(fund), `${TABLES.fiscal_summary.columns[fund].label}收入`],
              ['opening', f4.opening(fund), `年初财政拨款结转和结余 ${TABLES.fiscal_summary.columns[fund].label}`],
              ['closing', f4.closing(fund), `年末财政拨款结转和结余 ${TABLES.fiscal_summary.columns[fund].label}`],
            ];
            for (const [col, fig4, row] of pairs) {
              const f7 = totalFigure(key, t, col);
              if (!f7.amount && !t.rows.some((r) => r.cells[col as never])) continue;
              out.push(...same(ctx, 'x07-fund-tables', { table: ctx.tableName('fiscal_summary'), row }, fig4, f7, `${tName} 合计 ${(TABLES.government_fund.columns as Record<string, Column>)[col].label}`));
            }
          }
        }
        return out;
      },
    },
    {
      id: 'x08-basic',
      description: `${TABLES.general_budget.title} 合计 基本支出 = ${TABLES.basic_detail.title} 人员经费合计 + 公用经费合计`,
      run: (ctx) => {
        const t6 = basicDetailTotals(ctx);
        const s = sumOf([t6.personnel.amount, t6.public.amount]);
        const printed = totalFigure('general_budget', tbl(ctx, 'general_budget'), 'basic');
        if (s.value.isZero() && blank([printed])) return [];
        return ctx.equation({ rule: 'x08-basic', subject: { table: ctx.tableName('general_budget'), row: '合计', column: '基本支出' }, printed, expected: s.value, expectedLabel: `${ctx.tableName('basic_detail')} 人员经费合计 + 公用经费合计`, parts: s.parts });
      },
    },
  ],
};
