import { Decimal } from 'decimal.js';
import type { Department } from '../load/schema.js';
import { Catalog, type Level } from '../load/catalog.js';
import { computedAmount, val, type Amount } from '../model/amount.js';
import { chineseNumber } from '../model/number-format.js';
import { TABLES, columnKeys, type ClassTableKey, type ColumnOf, type Columns, type FundColumn, type FundKey, type ThreePublicColumn } from '../model/tables.js';
import type { Trace } from './trace.js';
import type { Profile } from '../model/profile.js';

export type Cells<C extends string> = Partial<Record<C, Amount>>;

export interface ClassRow<C extends string> {
  code: string;
  name: string;
  level: Level;
  cells: Cells<C>;
  /** The name the data wrote, when it wrote one (the checker compares it to the catalog). */
  givenName?: string;
  index: number;
}

export interface ClassTable<C extends string> {
  key: string;
  columns: readonly C[];
  total: Cells<C>;
  rows: ClassRow<C>[];
}

export const FUND_COLUMNS = columnKeys(TABLES.fiscal_summary.columns);
export type FundCol = FundColumn;

export interface SummaryLine {
  label: string;
  /** The summary class code, for class rows. */
  code?: string;
  amount?: Amount;
}

export interface FundLine {
  code: string;
  name: string;
  cells: Cells<FundCol>;
}

export interface DetailCell {
  code: string;
  name: string;
  level: Level;
  amount?: Amount;
}

export interface ResolvedTables {
  summary: {
    income: SummaryLine[];
    incomeTotal: Amount | undefined;
    nonFiscalSurplusUsed?: Amount;
    openingBalance?: Amount;
    incomeGrandTotal: Amount | undefined;
    expenditure: SummaryLine[];
    expenditureTotal: Amount | undefined;
    surplusDistribution?: Amount;
    closingBalance?: Amount;
    expenditureGrandTotal: Amount | undefined;
  };
  income: ClassTable<ColumnOf<'income'>>;
  expenditure: ClassTable<ColumnOf<'expenditure'>>;
  fiscal_summary: {
    income: Cells<FundKey>;
    incomeTotal: Amount | undefined;
    openingBalance: Cells<FundKey>;
    openingBalanceTotal: Amount | undefined;
    incomeGrandTotal: Amount | undefined;
    expenditure: FundLine[];
    expenditureTotal: Cells<FundCol>;
    closingBalance: Cells<FundCol>;
    expenditureGrandTotal: Cells<FundCol>;
  };
  general_budget: ClassTable<ColumnOf<'general_budget'>>;
  basic_detail: { groups: DetailCell[][]; personnelTotal: Amount | undefined; publicTotal: Amount | undefined; byCode: Map<string, Amount> };
  government_fund: ClassTable<ColumnOf<'government_fund'>>;
  state_capital: ClassTable<ColumnOf<'state_capital'>>;
  three_public: { budget: Cells<ThreePublicColumn>; actual: Cells<ThreePublicColumn> };
}

const sum = (xs: (Amount | undefined)[]): Decimal => xs.reduce((acc, a) => acc.plus(val(a)), new Decimal(0));

/** A given figure stays as printed (the checker verifies it); a missing one is computed. */
function givenOr(given: Amount | undefined, compute: () => Decimal | undefined, trace: Trace, id: string, formula: string): Amount | undefined {
  if (given) return given;
  const v = compute();
  if (v === undefined) return undefined;
  trace.record(id, v.toFixed(2), formula);
  return v.isZero() ? undefined : computedAmount(v);
}

function classTable<K extends ClassTableKey>(
  key: K,
  source: { total?: Cells<ColumnOf<K>>; rows: ({ code: string; name?: string } & Cells<ColumnOf<K>>)[] },
  catalog: Catalog,
  profile: Profile,
  trace: Trace,
): ClassTable<ColumnOf<K>> {
  type C = ColumnOf<K>;
  // The form set's columns: a column its form lacks is neither read nor totalled.
  const printed = profile.tables.find((t) => t.key === key)?.columns;
  const columns = columnKeys(TABLES[key].columns as Columns<C>).filter((c) => !printed || printed.includes(c));
  const rows: ClassRow<C>[] = source.rows.map((r, index) => {
    const cells: Cells<C> = {};
    for (const c of columns) if ((r as Cells<C>)[c]) cells[c] = (r as Cells<C>)[c];
    return { code: r.code, name: catalog.functionalName(r.code) ?? r.name ?? '', givenName: r.name, level: Catalog.level(r.code), cells, index };
  });
  const classes = rows.filter((r) => r.level === '类');
  const total: Cells<C> = {};
  for (const c of columns) {
    const a = givenOr(source.total?.[c], () => (classes.length ? sum(classes.map((r) => r.cells[c])) : undefined), trace, `${key}.合计.${c}`, `Σ 类.${c}`);
    if (a) total[c] = a;
  }
  return { key, columns, total, rows };
}

/** The nine tables with names, levels and totals resolved, on the form set's fixed rows; nothing here formats text. */
export function resolveTables(model: Department, catalog: Catalog, profile: Profile, trace: Trace): ResolvedTables {
  const tb = model.tables;
  const income = classTable('income', tb.income, catalog, profile, trace);
  const expenditure = classTable('expenditure', tb.expenditure, catalog, profile, trace);
  const generalBudget = classTable('general_budget', tb.general_budget, catalog, profile, trace);
  const governmentFund = classTable('government_fund', tb.government_fund, catalog, profile, trace);
  const stateCapital = classTable('state_capital', tb.state_capital, catalog, profile, trace);

  // 收入支出决算总表
  const s = tb.summary;
  const { lines } = TABLES.summary;
  const incomeLines: SummaryLine[] = columnKeys(TABLES.summary.income).map((k, i) => ({ label: `${chineseNumber(i + 1)}、${TABLES.summary.income[k].label}`, amount: s.income[k] }));
  const expenditureByCode = new Map(expenditure.rows.map((r) => [r.code, r]));
  const expenditureLines: SummaryLine[] = profile.forms.summaryClasses.map((code, i) => {
    const given = s.expenditure?.[code];
    const amount = given ?? expenditureByCode.get(code)?.cells.total;
    return { label: `${chineseNumber(i + 1)}、${catalog.functionalName(code) ?? code}`, code, amount };
  });
  const grandFormula = (i: number) => TABLES.summary.grandTotals[i].parts.map((k) => lines[k].label).join(' + ');
  const incomeTotal = givenOr(s.income_total, () => sum(incomeLines.map((l) => l.amount)), trace, `summary.${lines.income_total.label}`, 'Σ 收入行一至八');
  const incomeGrandTotal = givenOr(s.income_grand_total, () => sum([incomeTotal, s.non_fiscal_surplus_used, s.opening_balance]), trace, `summary.${lines.income_grand_total.label}`, grandFormula(0));
  const expenditureTotal = givenOr(s.expenditure_total, () => sum(expenditureLines.map((l) => l.amount)), trace, `summary.${lines.expenditure_total.label}`, 'Σ 支出类');
  const expenditureGrandTotal = givenOr(s.expenditure_grand_total, () => sum([expenditureTotal, s.surplus_distribution, s.closing_balance]), trace, `summary.${lines.expenditure_grand_total.label}`, grandFormula(1));

  // 财政拨款收入支出决算总表
  const f = tb.fiscal_summary;
  const funds = columnKeys(TABLES.fiscal_summary.funds);
  const generalBudgetByCode = new Map(generalBudget.rows.map((r) => [r.code, r]));
  const fGiven = new Map((f.expenditure ?? []).map((r) => [r.code, r]));
  const fLines: FundLine[] = profile.forms.summaryClasses.map((code, i) => {
    const g = fGiven.get(code);
    const cells: Cells<FundCol> = {};
    if (g) {
      for (const c of FUND_COLUMNS) if (g[c]) cells[c] = g[c];
    } else {
      const gb = generalBudgetByCode.get(code)?.cells.total;
      if (gb) cells.general_budget = gb;
    }
    if (!cells.total && funds.some((c) => cells[c])) {
      const v = sum(funds.map((c) => cells[c]));
      if (!v.isZero()) cells.total = computedAmount(v);
    }
    return { code, name: `${chineseNumber(i + 1)}、${catalog.functionalName(code) ?? code}`, cells };
  });
  const fundTotal = (given: Cells<FundCol> | undefined, cellsOfLines: Cells<FundCol>[], id: string): Cells<FundCol> => {
    const out: Cells<FundCol> = {};
    for (const c of FUND_COLUMNS) {
      const a = givenOr(given?.[c], () => sum(cellsOfLines.map((l) => l[c])), trace, `${id}.${c}`, `Σ ${c}`);
      if (a) out[c] = a;
    }
    return out;
  };
  const fLabels = TABLES.fiscal_summary.lines;
  const fIncomeTotal = givenOr(f.income_total, () => sum(funds.map((c) => f.income[c])), trace, `fiscal_summary.${fLabels.income_total.label}`, 'Σ 三项财政拨款');
  const opening = f.opening_balance ?? {};
  const openingTotal = (() => {
    const v = sum(funds.map((c) => opening[c]));
    return v.isZero() ? undefined : computedAmount(v);
  })();
  const fExpTotal = fundTotal(f.expenditure_total, fLines.map((l) => l.cells), `fiscal_summary.${fLabels.expenditure_total.label}`);
  const closing: Cells<FundCol> = { ...(f.closing_balance ?? {}) };
  const fGrand: Cells<FundCol> = {};
  for (const c of FUND_COLUMNS) {
    const a = givenOr(f.expenditure_grand_total?.[c], () => sum([fExpTotal[c], closing[c]]), trace, `fiscal_summary.${fLabels.expenditure_grand_total.label}.${c}`, `${fLabels.expenditure_total.label} + ${fLabels.closing_balance.label}`);
    if (a) fGrand[c] = a;
  }

  // 一般公共预算财政拨款基本支出决算明细表
  const byCode = new Map<string, Amount>();
  for (const r of tb.basic_detail.rows) if (r.amount) byCode.set(r.code, r.amount);
  const groups = profile.forms.basicDetail.map((codes) =>
    codes.map((code) => ({ code, name: catalog.economicName(code) ?? '', level: Catalog.level(code), amount: byCode.get(code) })),
  );
  const classTotal = (given: Amount | undefined, { label, classes }: { label: string; classes: readonly string[] }) =>
    givenOr(given, () => sum(classes.map((p) => byCode.get(p))), trace, `basic_detail.${label}`, classes.join(' + '));
  const { personnel_total, public_total } = TABLES.basic_detail.totals;

  return {
    summary: {
      income: incomeLines,
      incomeTotal,
      nonFiscalSurplusUsed: s.non_fiscal_surplus_used,
      openingBalance: s.opening_balance,
      incomeGrandTotal,
      expenditure: expenditureLines,
      expenditureTotal,
      surplusDistribution: s.surplus_distribution,
      closingBalance: s.closing_balance,
      expenditureGrandTotal,
    },
    income,
    expenditure,
    fiscal_summary: {
      income: f.income,
      incomeTotal: fIncomeTotal,
      openingBalance: opening,
      openingBalanceTotal: openingTotal,
      incomeGrandTotal: givenOr(f.income_grand_total, () => sum([fIncomeTotal, openingTotal]), trace, `fiscal_summary.${fLabels.income_grand_total.label}`, `${fLabels.income_total.label} + ${fLabels.opening_balance.label}`),
      expenditure: fLines,
      expenditureTotal: fExpTotal,
      closingBalance: closing,
      expenditureGrandTotal: fGrand,
    },
    general_budget: generalBudget,
    basic_detail: { groups, personnelTotal: classTotal(tb.basic_detail.personnel_total, personnel_total), publicTotal: classTotal(tb.basic_detail.public_total, public_total), byCode },
    government_fund: governmentFund,
    state_capital: stateCapital,
    three_public: { budget: tb.three_public.budget, actual: tb.three_public.actual },
  };
}
