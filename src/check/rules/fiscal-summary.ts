import { FUND_COLUMNS, type FundCol } from '../../calculate/tables.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { Amount } from '../../model/amount.js';
import { TABLES, columnKeys, type FundKey } from '../../model/tables.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';

/** 财政拨款收入支出决算总表: R4.1–R4.7. */
const KEY = 'fiscal_summary';
const P = ['tables', KEY] as const;
const { title: TITLE, lines: L, columns: C } = TABLES.fiscal_summary;
export const FUNDS = columnKeys(TABLES.fiscal_summary.funds);
export type Fund = FundKey;

export interface FiscalSummaryLine {
  code: string;
  label: string;
  fig: (col: FundCol) => Figure;
}

export function fiscalSummaryFigures(ctx: CheckContext) {
  const t = ctx.tables.fiscal_summary;
  const givenRows = ctx.model.tables.fiscal_summary.expenditure ?? [];
  const cellsFig = (cells: Partial<Record<string, Amount>>, path: readonly (string | number)[]) => (col: string): Figure => ({ amount: cells[col], path: [...path, col] });
  const lines: FiscalSummaryLine[] = t.expenditure.map((l) => {
    const i = givenRows.findIndex((r) => r.code === l.code);
    return {
      code: l.code,
      label: `${l.code} ${ctx.catalog.functionalName(l.code) ?? ''}`.trim(),
      fig: cellsFig(l.cells, i >= 0 ? [...P, 'expenditure', i] : [...P, 'expenditure']),
    };
  });
  return {
    income: cellsFig(t.income, [...P, 'income']) as (f: Fund) => Figure,
    incomeTotal: { amount: t.incomeTotal, path: [...P, 'income_total'] } as Figure,
    opening: cellsFig(t.openingBalance, [...P, 'opening_balance']) as (f: Fund) => Figure,
    incomeGrand: { amount: t.incomeGrandTotal, path: [...P, 'income_grand_total'] } as Figure,
    lines,
    expenditureTotal: cellsFig(t.expenditureTotal, [...P, 'expenditure_total']) as (c: FundCol) => Figure,
    closing: cellsFig(t.closingBalance, [...P, 'closing_balance']) as (c: FundCol) => Figure,
    expenditureGrand: cellsFig(t.expenditureGrandTotal, [...P, 'expenditure_grand_total']) as (c: FundCol) => Figure,
  };
}

const blank = (figs: Figure[]) => figs.every((f) => !f.amount || f.amount.value.isZero());

export const fiscalSummaryRules: RuleFamily = {
  family: 'fiscal-summary',
  rules: [
    {
      id: 'fiscal-summary-row-sum',
      description: `${TITLE}：支出各行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营财政拨款`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        const rows: { label: string; fig: (c: FundCol) => Figure }[] = [
          ...f.lines,
          { label: L.expenditure_total.label, fig: f.expenditureTotal },
          { label: L.closing_balance.label, fig: f.closing },
          { label: L.expenditure_grand_total.label, fig: f.expenditureGrand },
        ];
        const out: Diagnostic[] = [];
        for (const r of rows) {
          const parts = FUNDS.map((c) => r.fig(c));
          if (blank([r.fig('total'), ...parts])) continue;
          const s = sumOf(parts.map((p) => p.amount));
          out.push(...ctx.equation({ rule: 'fiscal-summary-row-sum', subject: { table: ctx.tableName(KEY), row: r.label, column: C.total.label }, printed: r.fig('total'), expected: s.value, expectedLabel: '三类财政拨款之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 'fiscal-summary-income-total',
      description: `${TITLE}：本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营财政拨款收入`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        const s = sumOf(FUNDS.map((c) => f.income(c).amount));
        return ctx.equation({ rule: 'fiscal-summary-income-total', subject: { table: ctx.tableName(KEY), row: L.income_total.label }, printed: f.incomeTotal, expected: s.value, expectedLabel: '三类财政拨款收入之和', parts: s.parts });
      },
    },
    {
      id: 'fiscal-summary-expenditure-total',
      description: `${TITLE}：本年支出合计 = 各类支出之和（逐列）`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        const out: Diagnostic[] = [];
        for (const c of FUND_COLUMNS) {
          const parts = f.lines.map((l) => l.fig(c));
          if (blank([f.expenditureTotal(c), ...parts])) continue;
          const s = sumOf(parts.map((p) => p.amount));
          out.push(...ctx.equation({ rule: 'fiscal-summary-expenditure-total', subject: { table: ctx.tableName(KEY), row: L.expenditure_total.label, column: C[c].label }, printed: f.expenditureTotal(c), expected: s.value, expectedLabel: '各类支出之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 'fiscal-summary-grand-totals',
      description: `${TITLE}：收入总计 = 本年收入合计 + 年初财政拨款结转和结余；支出总计 = 本年支出合计 + 年末财政拨款结转和结余（逐列）`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        const inc = sumOf([f.incomeTotal.amount, ...FUNDS.map((c) => f.opening(c).amount)]);
        const out = ctx.equation({ rule: 'fiscal-summary-grand-totals', subject: { table: ctx.tableName(KEY), row: L.income_grand_total.label }, printed: f.incomeGrand, expected: inc.value, expectedLabel: `${L.income_total.label} + ${L.opening_balance.label}`, parts: inc.parts });
        for (const c of FUND_COLUMNS) {
          if (blank([f.expenditureGrand(c), f.expenditureTotal(c), f.closing(c)])) continue;
          const s = sumOf([f.expenditureTotal(c).amount, f.closing(c).amount]);
          out.push(...ctx.equation({ rule: 'fiscal-summary-grand-totals', subject: { table: ctx.tableName(KEY), row: L.expenditure_grand_total.label, column: C[c].label }, printed: f.expenditureGrand(c), expected: s.value, expectedLabel: `${L.expenditure_total.label} + ${L.closing_balance.label}`, parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 'fiscal-summary-fund-balance',
      description: `${TITLE}：每类财政拨款 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        const out: Diagnostic[] = [];
        for (const c of FUNDS) {
          const figs = [f.income(c), f.opening(c), f.expenditureTotal(c), f.closing(c)];
          if (blank(figs)) continue;
          const s = sumOf([f.income(c).amount, f.opening(c).amount]);
          const spent = sumOf([f.expenditureTotal(c).amount]);
          // closing is what remains: income + opening − spending
          out.push(
            ...ctx.equation({
              rule: 'fiscal-summary-fund-balance',
              subject: { table: ctx.tableName(KEY), row: L.closing_balance.label, column: C[c].label },
              printed: f.closing(c),
              expected: s.value.minus(spent.value),
              expectedLabel: '本年收入 + 年初结转和结余 − 本年支出',
              parts: s.parts + spent.parts,
            }),
          );
        }
        return out;
      },
    },
    {
      id: 'fiscal-summary-balance',
      description: `${TITLE}：收入总计 = 支出总计`,
      run: (ctx) => {
        const f = fiscalSummaryFigures(ctx);
        return ctx.equation({ rule: 'fiscal-summary-balance', subject: { table: ctx.tableName(KEY), row: L.expenditure_grand_total.label, column: C.total.label }, printed: f.expenditureGrand('total'), expected: sumOf([f.incomeGrand.amount]).value, expectedLabel: L.income_grand_total.label, parts: sumOf([f.incomeGrand.amount]).parts });
      },
    },
  ],
};
