import type { ResolvedTables, Cells, FundCol, DetailCell } from '../calculate/tables.js';
import type { Amount } from '../model/amount.js';

/**
 * The two-sided forms (公开01, 公开04) print income and expenditure side by side, one 行次 per
 * line, left numbered first: these pair the lines exactly as the official forms do.
 */
export interface Side {
  label: string;
  no: number;
  amount?: Amount;
}

export function t01Rows(t: ResolvedTables['t01']): { left: Side; right: Side }[] {
  const n = t.expenditure.length;
  const leftLabels: { label: string; amount?: Amount }[] = [
    ...t.income,
    ...Array.from({ length: Math.max(0, n - t.income.length) }, () => ({ label: '' })),
    { label: '本年收入合计', amount: t.incomeTotal },
    { label: '使用非财政拨款结余（含专用结余）', amount: t.nonFiscalSurplusUsed },
    { label: '年初结转和结余', amount: t.openingBalance },
    { label: '' },
    { label: '总计', amount: t.incomeGrandTotal },
  ];
  const rightLabels: { label: string; amount?: Amount }[] = [
    ...t.expenditure,
    { label: '本年支出合计', amount: t.expenditureTotal },
    { label: '结余分配', amount: t.surplusDistribution },
    { label: '年末结转和结余', amount: t.closingBalance },
    { label: '' },
    { label: '总计', amount: t.expenditureGrandTotal },
  ];
  const rows = Math.max(leftLabels.length, rightLabels.length);
  return Array.from({ length: rows }, (_, i) => ({
    left: { ...(leftLabels[i] ?? { label: '' }), no: i + 1 },
    right: { ...(rightLabels[i] ?? { label: '' }), no: rows + i + 1 },
  }));
}

export function t04Rows(t: ResolvedTables['t04']): { left: Side; right: { label: string; no: number; cells: Cells<FundCol> } }[] {
  const n = t.expenditure.length;
  const funds = [
    ['general_budget', '一般公共预算财政拨款'],
    ['government_fund', '政府性基金预算财政拨款'],
    ['state_capital', '国有资本经营预算财政拨款'],
  ] as const;
  const leftLabels: { label: string; amount?: Amount }[] = [
    ...funds.map(([k, label], i) => ({ label: `${'一二三'[i]}、${label}`, amount: t.income[k] })),
    ...Array.from({ length: Math.max(0, n - 3) }, () => ({ label: '' })),
    { label: '本年收入合计', amount: t.incomeTotal },
    { label: '年初财政拨款结转和结余', amount: t.openingBalanceTotal },
    ...funds.map(([k, label]) => ({ label, amount: t.openingBalance[k] })),
    { label: '总计', amount: t.incomeGrandTotal },
  ];
  const rightLabels: { label: string; cells: Cells<FundCol> }[] = [
    ...t.expenditure.map((l) => ({ label: l.name, cells: l.cells })),
    { label: '本年支出合计', cells: t.expenditureTotal },
    { label: '年末财政拨款结转和结余', cells: t.closingBalance },
    { label: '', cells: {} },
    { label: '', cells: {} },
    { label: '', cells: {} },
    { label: '总计', cells: t.expenditureGrandTotal },
  ];
  const rows = Math.max(leftLabels.length, rightLabels.length);
  return Array.from({ length: rows }, (_, i) => ({
    left: { ...(leftLabels[i] ?? { label: '' }), no: i + 1 },
    right: { ...(rightLabels[i] ?? { label: '', cells: {} }), no: rows + i + 1 },
  }));
}

/** 公开06: the three column groups side by side, row by row. */
export function t06Rows(t: ResolvedTables['t06']): (DetailCell | undefined)[][] {
  const height = Math.max(...t.groups.map((g) => g.length));
  return Array.from({ length: height }, (_, i) => t.groups.map((g) => g[i]));
}
