/**
 * The tables of 第二部分, named by what they are rather than by where one region numbers them:
 * their official titles, their columns with the labels the forms print, and which figures add up
 * to which. The schema, the calculator, the checker and the templates all read them from here; a
 * form set (profiles/<region-year>/tables.yaml) only says which tables it prints, in what order,
 * under what labels and 目录 titles.
 */

export type TableKind = 'summary' | 'class-rows' | 'fiscal-summary' | 'economic-detail' | 'three-public';

/**
 * A column or fixed line: `label` names it in findings, `printed` is the cell the form prints
 * (shorter under a merged group heading: 本年支出 / 小计).
 */
export interface Column {
  label: string;
  printed: string;
}

export type Columns<K extends string> = { readonly [P in K]: Column };

/** `total` = Σ `parts`, printed beside each other in one row or block. */
export interface RowSum<K extends string> {
  total: K;
  parts: readonly K[];
}

type Spec<K extends string> = Record<K, string | readonly [label: string, printed: string]>;

function columns<K extends string>(spec: Spec<K>): Columns<K> {
  const out = {} as Record<K, Column>;
  for (const key of Object.keys(spec) as K[]) {
    const s = spec[key];
    out[key] = typeof s === 'string' ? { label: s, printed: s } : { label: s[0], printed: s[1] };
  }
  return out;
}

/** The keys of a column set, in printed order. */
export const columnKeys = <K extends string>(cols: Columns<K>): K[] => Object.keys(cols) as K[];

const FUND_LABELS = {
  general_budget: '一般公共预算财政拨款',
  government_fund: '政府性基金预算财政拨款',
  state_capital: '国有资本经营预算财政拨款',
} as const;
const FUNDS = columns(FUND_LABELS);

export const TABLES = {
  summary: {
    key: 'summary',
    title: '收入支出决算总表',
    kind: 'summary',
    /** The income lines 一…八, in order (the ordinal is added where they print). */
    income: columns({
      general_budget: '一般公共预算财政拨款收入',
      government_fund: '政府性基金预算财政拨款收入',
      state_capital: '国有资本经营预算财政拨款收入',
      superior: '上级补助收入',
      business: '事业收入',
      operating: '经营收入',
      affiliated: '附属单位上缴收入',
      other: '其他收入',
    }),
    lines: columns({
      income_total: '本年收入合计',
      non_fiscal_surplus_used: ['使用非财政拨款结余', '使用非财政拨款结余（含专用结余）'],
      opening_balance: '年初结转和结余',
      income_grand_total: ['收入总计', '总计'],
      expenditure_total: '本年支出合计',
      surplus_distribution: '结余分配',
      closing_balance: '年末结转和结余',
      expenditure_grand_total: ['支出总计', '总计'],
    }),
    /** 收入总计 and 支出总计 (R1.3, R1.4). */
    grandTotals: [
      { total: 'income_grand_total', parts: ['income_total', 'non_fiscal_surplus_used', 'opening_balance'] },
      { total: 'expenditure_grand_total', parts: ['expenditure_total', 'surplus_distribution', 'closing_balance'] },
    ],
  },
  income: {
    key: 'income',
    title: '收入决算表',
    kind: 'class-rows',
    columns: columns({
      total: '本年收入合计',
      fiscal: '财政拨款收入',
      superior: '上级补助收入',
      business: '事业收入',
      operating: '经营收入',
      affiliated: '附属单位上缴收入',
      other: '其他收入',
    }),
    rowSum: { total: 'total', parts: ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'] },
    mayBeEmpty: false,
  },
  expenditure: {
    key: 'expenditure',
    title: '支出决算表',
    kind: 'class-rows',
    columns: columns({
      total: '本年支出合计',
      basic: '基本支出',
      project: '项目支出',
      to_superior: '上缴上级支出',
      operating: '经营支出',
      to_affiliated: '对附属单位补助支出',
    }),
    rowSum: { total: 'total', parts: ['basic', 'project', 'to_superior', 'operating', 'to_affiliated'] },
    mayBeEmpty: false,
  },
  fiscal_summary: {
    key: 'fiscal_summary',
    title: '财政拨款收入支出决算总表',
    kind: 'fiscal-summary',
    /** The three kinds of 财政拨款: the income lines, and the expenditure columns after 合计. */
    funds: FUNDS,
    columns: columns({ total: '合计', ...FUND_LABELS }),
    lines: columns({
      income_total: '本年收入合计',
      opening_balance: '年初财政拨款结转和结余',
      income_grand_total: ['收入总计', '总计'],
      expenditure_total: '本年支出合计',
      closing_balance: '年末财政拨款结转和结余',
      expenditure_grand_total: ['支出总计', '总计'],
    }),
    rowSum: { total: 'total', parts: ['general_budget', 'government_fund', 'state_capital'] },
  },
  general_budget: {
    key: 'general_budget',
    title: '一般公共预算财政拨款支出决算表',
    kind: 'class-rows',
    columns: columns({ total: '小计', basic: '基本支出', project: '项目支出' }),
    rowSum: { total: 'total', parts: ['basic', 'project'] },
    mayBeEmpty: false,
  },
  basic_detail: {
    key: 'basic_detail',
    title: '一般公共预算财政拨款基本支出决算明细表',
    kind: 'economic-detail',
    columns: columns({ amount: '决算数' }),
    /**
     * 人员经费 = 301 + 303; 公用经费 = 302 + 310, and 307/309/399 when a department has them
     * (R6.2, R6.3). The 类 codes of 支出经济分类.
     */
    totals: {
      personnel_total: { label: '人员经费合计', classes: ['301', '303'] },
      public_total: { label: '公用经费合计', classes: ['302', '307', '309', '310', '399'] },
    },
  },
  government_fund: {
    key: 'government_fund',
    title: '政府性基金预算财政拨款收入支出决算表',
    kind: 'class-rows',
    columns: columns({
      opening: '年初结转和结余',
      income: '本年收入',
      total: ['本年支出小计', '小计'],
      basic: '基本支出',
      project: '项目支出',
      closing: '年末结转和结余',
    }),
    rowSum: { total: 'total', parts: ['basic', 'project'] },
    mayBeEmpty: true,
  },
  state_capital: {
    key: 'state_capital',
    title: '国有资本经营预算财政拨款支出决算表',
    kind: 'class-rows',
    /**
     * A 支出 table (合计, 基本支出, 项目支出) in one form set, a 收入支出 table with the 结转 columns
     * in another: each form set's table list says which columns it has.
     */
    columns: columns({
      opening: '年初结转和结余',
      income: '本年收入',
      total: '合计',
      basic: '基本支出',
      project: '项目支出',
      closing: '年末结转和结余',
    }),
    rowSum: { total: 'total', parts: ['basic', 'project'] },
    mayBeEmpty: true,
  },
  three_public: {
    key: 'three_public',
    title: '财政拨款“三公”经费支出决算表',
    kind: 'three-public',
    blocks: columns({ budget: '预算数', actual: '决算数' }),
    columns: columns({
      total: '合计',
      overseas: '因公出国（境）费',
      vehicle_subtotal: ['公务用车购置及运行维护费小计', '小计'],
      vehicle_purchase: '公务用车购置费',
      vehicle_operation: '公务用车运行维护费',
      reception: '公务接待费',
    }),
    /** R9.2, then R9.1 (with the 小计 standing for its two parts when it is blank). */
    vehicleSum: { total: 'vehicle_subtotal', parts: ['vehicle_purchase', 'vehicle_operation'] },
    totalSum: { total: 'total', parts: ['overseas', 'vehicle_subtotal', 'reception'] },
  },
} as const satisfies Record<string, { key: string; title: string; kind: TableKind; [more: string]: unknown }>;

export type TableKey = keyof typeof TABLES;
export type TableDef = (typeof TABLES)[TableKey];

/** Every table, in the order the data file and the schema list them. */
export const TABLE_KEYS = Object.keys(TABLES) as TableKey[];

/** The tables listed by 功能分类 类/款/项 under a 合计 row. */
export type ClassTableKey = { [K in TableKey]: (typeof TABLES)[K]['kind'] extends 'class-rows' ? K : never }[TableKey];
export const CLASS_TABLE_KEYS = TABLE_KEYS.filter((k): k is ClassTableKey => TABLES[k].kind === 'class-rows');

export type ColumnOf<K extends ClassTableKey> = keyof (typeof TABLES)[K]['columns'] & string;
export type FundKey = keyof typeof FUNDS;
export type FundColumn = keyof (typeof TABLES)['fiscal_summary']['columns'] & string;
export type ThreePublicColumn = keyof (typeof TABLES)['three_public']['columns'] & string;
export type ThreePublicBlock = keyof (typeof TABLES)['three_public']['blocks'] & string;

/**
 * The keys of format 1 before the tables had names (t01…t09: Hubei's 公开01–09), still read with a
 * deprecation warning; `juesuan migrate` rewrites them.
 */
export const LEGACY_TABLE_KEYS: Readonly<Record<string, TableKey>> = {
  t01: 'summary',
  t02: 'income',
  t03: 'expenditure',
  t04: 'fiscal_summary',
  t05: 'general_budget',
  t06: 'basic_detail',
  t07: 'government_fund',
  t08: 'state_capital',
  t09: 'three_public',
};

/** The line above a table's grid: the 部门 at the left (or nothing), the unit at the right. */
export interface TableHeading {
  /** Print "部门：<department name>" at the left. */
  department: boolean;
  /** The unit at the right: "金额单位：万元", "单位：万元". */
  unit: string;
}

/** A table as one form set prints it (profiles/<id>/profile.yaml `tables:`). */
export interface TableEntry {
  key: TableKey;
  /** The form's number printed above it ("公开01表"), when the form set numbers its tables. */
  label?: string;
  title: string;
  /** The 目录 line ("一、收入支出决算总表"). */
  toc: string;
  orientation: 'portrait' | 'landscape';
  /** The form prints 栏次 (column numbers) and 行次 (line numbers). */
  lineNumbers: boolean;
  heading: TableHeading;
  /**
   * The columns this form set's table has, in printed order, for a table listed by 类/款/项: a
   * subset of the registry's (the 国有资本经营 table is 支出 only in one form set, 收入支出 with
   * 年初/年末结转 in another). All of the registry's when the form set does not say.
   */
  columns: readonly string[];
}

/**
 * How a finding or a trace names a table: its title, then the form's number when the form set
 * prints one — 收入支出决算总表（公开01表）, or just the title.
 */
export function tableName(key: TableKey, list: readonly TableEntry[] = []): string {
  const entry = list.find((e) => e.key === key);
  const title = entry?.title ?? TABLES[key].title;
  return entry?.label ? `${title}（${entry.label}）` : title;
}
