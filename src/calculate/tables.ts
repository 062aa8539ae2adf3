import { Decimal } from 'decimal.js';
import type { Department } from '../load/schema.js';
import { Catalog, type Level } from '../load/catalog.js';
import { computedAmount, val, type Amount } from '../model/amount.js';
import type { Trace } from './trace.js';

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

export const T02_COLUMNS = ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] as const;
export const T03_COLUMNS = ['total', 'basic', 'project', 'to_superior', 'operating', 'to_affiliated'] as const;
export const T05_COLUMNS = ['total', 'basic', 'project'] as const;
export const T07_COLUMNS = ['opening', 'income', 'total', 'basic', 'project', 'closing'] as const;
export const FUND_COLUMNS = ['total', 'general_budget', 'government_fund', 'state_capital'] as const;
export const T01_INCOME = ['general_budget', 'government_fund', 'state_capital', 'superior', 'business', 'operating', 'affiliated', 'other'] as const;
export const T09_COLUMNS = ['total', 'overseas', 'vehicle_subtotal', 'vehicle_purchase', 'vehicle_operation', 'reception'] as const;

export type T02Col = (typeof T02_COLUMNS)[number];
export type T03Col = (typeof T03_COLUMNS)[number];
export type T05Col = (typeof T05_COLUMNS)[number];
export type FundCol = (typeof FUND_COLUMNS)[number];

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
  t01: {
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
  t02: ClassTable<T02Col>;
  t03: ClassTable<T03Col>;
  t04: {
    income: Cells<'general_budget' | 'government_fund' | 'state_capital'>;
    incomeTotal: Amount | undefined;
    openingBalance: Cells<'general_budget' | 'government_fund' | 'state_capital'>;
    openingBalanceTotal: Amount | undefined;
    incomeGrandTotal: Amount | undefined;
    expenditure: FundLine[];
    expenditureTotal: Cells<FundCol>;
    closingBalance: Cells<FundCol>;
    expenditureGrandTotal: Cells<FundCol>;
  };
  t05: ClassTable<T05Col>;
  t06: { groups: DetailCell[][]; personnelTotal: Amount | undefined; publicTotal: Amount | undefined; byCode: Map<string, Amount> };
  t07: ClassTable<(typeof T07_COLUMNS)[number]>;
  t08: ClassTable<T05Col>;
  t09: { budget: Cells<(typeof T09_COLUMNS)[number]>; actual: Cells<(typeof T09_COLUMNS)[number]> };
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

function classTable<C extends string>(
  key: string,
  columns: readonly C[],
  source: { total?: Cells<C>; rows: ({ code: string; name?: string } & Cells<C>)[] },
  catalog: Catalog,
  trace: Trace,
): ClassTable<C> {
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

const ORDINALS = '一二三四五六七八九十';
export function chineseNumber(n: number): string {
  if (n <= 10) return n === 10 ? '十' : ORDINALS[n - 1];
  if (n < 20) return `十${ORDINALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${ORDINALS[tens - 1]}十${ones ? ORDINALS[ones - 1] : ''}`;
}

const T01_INCOME_LABELS: Record<(typeof T01_INCOME)[number], string> = {
  general_budget: '一般公共预算财政拨款收入',
  government_fund: '政府性基金预算财政拨款收入',
  state_capital: '国有资本经营预算财政拨款收入',
  superior: '上级补助收入',
  business: '事业收入',
  operating: '经营收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
};

/** The nine tables with names, levels and totals resolved; nothing here formats text. */
export function resolveTables(model: Department, catalog: Catalog, trace: Trace): ResolvedTables {
  const tb = model.tables;
  const t02 = classTable('t02', T02_COLUMNS, tb.t02, catalog, trace);
  const t03 = classTable('t03', T03_COLUMNS, tb.t03, catalog, trace);
  const t05 = classTable('t05', T05_COLUMNS, tb.t05, catalog, trace);
  const t07 = classTable('t07', T07_COLUMNS, tb.t07, catalog, trace);
  const t08 = classTable('t08', T05_COLUMNS, tb.t08, catalog, trace);

  // 公开01
  const t1 = tb.t01;
  const income: SummaryLine[] = T01_INCOME.map((k, i) => ({ label: `${chineseNumber(i + 1)}、${T01_INCOME_LABELS[k]}`, amount: t1.income[k] }));
  const t03ByCode = new Map(t03.rows.map((r) => [r.code, r]));
  const expenditure: SummaryLine[] = catalog.data.summary_classes.map((code, i) => {
    const given = t1.expenditure?.[code];
    const amount = given ?? t03ByCode.get(code)?.cells.total;
    return { label: `${chineseNumber(i + 1)}、${catalog.functionalName(code) ?? code}`, code, amount };
  });
  const incomeTotal = givenOr(t1.income_total, () => sum(income.map((l) => l.amount)), trace, 't01.本年收入合计', 'Σ 收入行一至八');
  const incomeGrandTotal = givenOr(t1.income_grand_total, () => sum([incomeTotal, t1.non_fiscal_surplus_used, t1.opening_balance]), trace, 't01.收入总计', '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余');
  const expenditureTotal = givenOr(t1.expenditure_total, () => sum(expenditure.map((l) => l.amount)), trace, 't01.本年支出合计', 'Σ 支出类');
  const expenditureGrandTotal = givenOr(t1.expenditure_grand_total, () => sum([expenditureTotal, t1.surplus_distribution, t1.closing_balance]), trace, 't01.支出总计', '本年支出合计 + 结余分配 + 年末结转和结余');

  // 公开04
  const t4 = tb.t04;
  const t05ByCode = new Map(t05.rows.map((r) => [r.code, r]));
  const t4Given = new Map((t4.expenditure ?? []).map((r) => [r.code, r]));
  const t4Lines: FundLine[] = catalog.data.summary_classes.map((code, i) => {
    const g = t4Given.get(code);
    const cells: Cells<FundCol> = {};
    if (g) {
      for (const c of FUND_COLUMNS) if (g[c]) cells[c] = g[c];
    } else {
      const gb = t05ByCode.get(code)?.cells.total;
      if (gb) cells.general_budget = gb;
    }
    if (!cells.total && (cells.general_budget || cells.government_fund || cells.state_capital)) {
      const v = sum([cells.general_budget, cells.government_fund, cells.state_capital]);
      if (!v.isZero()) cells.total = computedAmount(v);
    }
    return { code, name: `${chineseNumber(i + 1)}、${catalog.functionalName(code) ?? code}`, cells };
  });
  const fundTotal = (given: Cells<FundCol> | undefined, lines: Cells<FundCol>[], id: string): Cells<FundCol> => {
    const out: Cells<FundCol> = {};
    for (const c of FUND_COLUMNS) {
      const a = givenOr(given?.[c], () => sum(lines.map((l) => l[c])), trace, `${id}.${c}`, `Σ ${c}`);
      if (a) out[c] = a;
    }
    return out;
  };
  const t4IncomeTotal = givenOr(t4.income_total, () => sum([t4.income.general_budget, t4.income.government_fund, t4.income.state_capital]), trace, 't04.本年收入合计', 'Σ 三项财政拨款');
  const opening = t4.opening_balance ?? {};
  const openingTotal = (() => {
    const v = sum([opening.general_budget, opening.government_fund, opening.state_capital]);
    return v.isZero() ? undefined : computedAmount(v);
  })();
  const t4ExpTotal = fundTotal(t4.expenditure_total, t4Lines.map((l) => l.cells), 't04.本年支出合计');
  const closing: Cells<FundCol> = { ...(t4.closing_balance ?? {}) };
  const t4GrandGiven = t4.expenditure_grand_total;
  const t4Grand: Cells<FundCol> = {};
  for (const c of FUND_COLUMNS) {
    const a = givenOr(t4GrandGiven?.[c], () => sum([t4ExpTotal[c], closing[c]]), trace, `t04.支出总计.${c}`, '本年支出合计 + 年末财政拨款结转和结余');
    if (a) t4Grand[c] = a;
  }

  // 公开06
  const byCode = new Map<string, Amount>();
  for (const r of tb.t06.rows) if (r.amount) byCode.set(r.code, r.amount);
  const groups = catalog.data.basic_detail_form.map((codes) =>
    codes.map((code) => ({ code, name: catalog.economicName(code) ?? '', level: Catalog.level(code), amount: byCode.get(code) })),
  );
  const classSum = (prefixes: string[]) => sum(prefixes.map((p) => byCode.get(p)));
  const personnelTotal = givenOr(tb.t06.personnel_total, () => classSum(['301', '303']), trace, 't06.人员经费合计', '301 + 303');
  const publicTotal = givenOr(tb.t06.public_total, () => classSum(['302', '307', '309', '310', '399']), trace, 't06.公用经费合计', '302 + 310 (+307/309/399)');

  return {
    t01: {
      income,
      incomeTotal,
      nonFiscalSurplusUsed: t1.non_fiscal_surplus_used,
      openingBalance: t1.opening_balance,
      incomeGrandTotal,
      expenditure,
      expenditureTotal,
      surplusDistribution: t1.surplus_distribution,
      closingBalance: t1.closing_balance,
      expenditureGrandTotal,
    },
    t02,
    t03,
    t04: {
      income: t4.income,
      incomeTotal: t4IncomeTotal,
      openingBalance: opening,
      openingBalanceTotal: openingTotal,
      incomeGrandTotal: givenOr(t4.income_grand_total, () => sum([t4IncomeTotal, openingTotal]), trace, 't04.收入总计', '本年收入合计 + 年初财政拨款结转和结余'),
      expenditure: t4Lines,
      expenditureTotal: t4ExpTotal,
      closingBalance: closing,
      expenditureGrandTotal: t4Grand,
    },
    t05,
    t06: { groups, personnelTotal, publicTotal, byCode },
    t07,
    t08,
    t09: { budget: tb.t09.budget, actual: tb.t09.actual },
  };
}
