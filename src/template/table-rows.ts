import type { ResolvedTables, Cells, FundCol, DetailCell } from '../calculate/tables.js';
import { chineseNumber } from '../model/number-format.js';
import type { Amount } from '../model/amount.js';
import { TABLES, columnKeys } from '../model/tables.js';

/**
 * The two-sided forms (the two 总表) print income and expenditure side by side, one 行次 per
 * line, left numbered first: these pair the lines exactly as the official forms do.
 */
export interface Side {
  label: string;
  no: number;
  amount?: Amount;
}

export function summaryRows(t: ResolvedTables['summary']): { left: Side; right: Side }[] {
  const n = t.expenditure.length;
  const L = TABLES.summary.lines;
  const leftLabels: { label: string; amount?: Amount }[] = [
    ...t.income,
    ...Array.from({ length: Math.max(0, n - t.income.length) }, () => ({ label: '' })),
    { label: L.income_total.printed, amount: t.incomeTotal },
    { label: L.non_fiscal_surplus_used.printed, amount: t.nonFiscalSurplusUsed },
    { label: L.opening_balance.printed, amount: t.openingBalance },
    { label: '' },
    { label: L.income_grand_total.printed, amount: t.incomeGrandTotal },
  ];
  const rightLabels: { label: string; amount?: Amount }[] = [
    ...t.expenditure,
    { label: L.expenditure_total.printed, amount: t.expenditureTotal },
    { label: L.surplus_distribution.printed, amount: t.surplusDistribution },
    { label: L.closing_balance.printed, amount: t.closingBalance },
    { label: '' },
    { label: L.expenditure_grand_total.printed, amount: t.expenditureGrandTotal },
  ];
  const rows = Math.max(leftLabels.length, rightLabels.length);
  return Array.from({ length: rows }, (_, i) => ({
    left: { ...(leftLabels[i] ?? { label: '' }), no: i + 1 },
    right: { ...(rightLabels[i] ?? { label: '' }), no: rows + i + 1 },
  }));
}

export function fiscalSummaryRows(t: ResolvedTables['fiscal_summary']): { left: Side; right: { label: string; no: number; cells: Cells<FundCol> } }[] {
  const n = t.expenditure.length;
  const { funds, lines: L } = TABLES.fiscal_summary;
  const fundKeys = columnKeys(funds);
  const leftLabels: { label: string; amount?: Amount }[] = [
    ...fundKeys.map((k, i) => ({ label: `${chineseNumber(i + 1)}、${funds[k].printed}`, amount: t.income[k] })),
    ...Array.from({ length: Math.max(0, n - fundKeys.length) }, () => ({ label: '' })),
    { label: L.income_total.printed, amount: t.incomeTotal },
    { label: L.opening_balance.printed, amount: t.openingBalanceTotal },
    ...fundKeys.map((k) => ({ label: funds[k].printed, amount: t.openingBalance[k] })),
    { label: L.income_grand_total.printed, amount: t.incomeGrandTotal },
  ];
  const rightLabels: { label: string; cells: Cells<FundCol> }[] = [
    ...t.expenditure.map((l) => ({ label: l.name, cells: l.cells })),
    { label: L.expenditure_total.printed, cells: t.expenditureTotal },
    { label: L.closing_balance.printed, cells: t.closingBalance },
    { label: '', cells: {} },
    { label: '', cells: {} },
    { label: '', cells: {} },
    { label: L.expenditure_grand_total.printed, cells: t.expenditureGrandTotal },
  ];
  const rows = Math.max(leftLabels.length, rightLabels.length);
  return Array.from({ length: rows }, (_, i) => ({
    left: { ...(leftLabels[i] ?? { label: '' }), no: i + 1 },
    right: { ...(rightLabels[i] ?? { label: '', cells: {} }), no: rows + i + 1 },
  }));
}

/** The 基本支出明细表: the three column groups side by side, row by row. */
export function basicDetailRows(t: ResolvedTables['basic_detail']): (DetailCell | undefined)[][] {
  const height = Math.max(...t.groups.map((g) => g.length));
  return Array.from({ length: height }, (_, i) => t.groups.map((g) => g[i]));
}
