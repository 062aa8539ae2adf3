import { Decimal } from 'decimal.js';
import type { Loaded } from '../../load/index.js';
import type { Block } from '../../load/schema-parts.js';
import type { Explanation, ExplanationClass } from '../../load/schema-explanation.js';
import type { Amount } from '../../model/amount.js';
import { DEFAULT_PROSE_RULE, proseFormat, type ProseRule } from '../../model/number-format.js';
import { TABLES, tableName as nameTable, type ColumnOf, type Columns, type TableKey } from '../../model/tables.js';
import type { ResolvedTables } from '../tables.js';
import type { Trace } from '../trace.js';
import { FigureBook, sumDefined, type Change, type Completion, type Figure, type Path } from './figures.js';
import { substitute, substituteBlocks, type PlaceholderProblem } from './placeholders.js';

export type { Figure, Change, Completion, Direction, FigureKind } from './figures.js';

/** The default of `explanation.reason_threshold`: a change or completion further than 10 % from par wants a reason. */
export const REASON_THRESHOLD_DEFAULT = 10;

/** A reason as the department wrote it (final "。" dropped: the template ends the sentence). */
export interface Reason {
  text: string;
  path: Path;
}

export interface BarChart {
  kind: 'bars';
  caption: string;
  unit: string;
  series: string[];
  groups: { label: string; bars: { value: string; text: string }[] }[];
}

export interface PieChart {
  kind: 'pie';
  caption: string;
  unit: string;
  slices: { label: string; value: string; text: string }[];
}

export interface SharePart {
  key: string;
  label: string;
  amount: Figure;
  share: Figure;
}

/** One 类 of 五（二） (structure) and 五（三） (budget comparison). */
export interface ClassLine {
  code: string;
  /** 五（二） label */
  label: string;
  /** 五（三） label */
  detailLabel: string;
  purpose?: string;
  amount: Figure;
  share: Figure;
  /** Listed in the data (false: a non-zero 类 the data left out, appended in code order). */
  listed: boolean;
  budget?: {
    completion: Completion;
    budgetTerm: string;
    completionTerm: string;
    separator: string;
    reason?: Reason;
    reasonJoin: string;
  };
}

export interface ProjectLine {
  name: string;
  code?: string;
  amount: Figure;
  /** The amount the data states, when it also names a code (the checker compares). */
  stated?: Figure;
  items: ProjectLine[];
  path: Path;
}

export interface ThreePublicLine {
  key: 'overseas' | 'vehicle' | 'vehicle_purchase' | 'vehicle_operation' | 'reception';
  label: string;
  actual: Figure;
  budget: Figure;
  completion?: Completion;
  change?: Change;
  reason?: Reason;
  /** Print 完成…的p% (or, against a zero budget, the words "年初预算为0万元" unless a reason explains). */
  showCompletion: boolean;
  /** Print 比…减少Δ万元 (the actual fell short of the budget). */
  showBudgetChange: boolean;
  breakdown: { label: string; amount: Figure }[];
}

export interface PerformanceProject {
  n: number;
  name: string;
  funds: { budget: Figure; actual: Figure; rate: Figure }[];
  /** The summary's blocks with their figures filled in; the first is printed after "N、<name>项目绩效自评综述：". */
  first: string;
  rest: Block[];
}

export interface Narrative {
  year: number;
  /** The prose rule the figures' texts were computed under (the templates print plain numbers by it too). */
  numbers: ProseRule;
  lastYear: number;
  /** Every figure, in the order of the text. */
  figures: Figure[];
  /** `pins:` keys that name no figure. */
  unusedPins: string[];
  /** `{id}` placeholders naming no figure. */
  placeholderProblems: PlaceholderProblem[];
  reasonThreshold: Decimal;
  charts: { totals: BarChart; income: PieChart; expenditure: PieChart; fiscal: BarChart };
  totals: { grandTotal: Figure; expenditureGrandTotal: Figure; change?: Change; reason?: Reason };
  income: { total: Figure; parts: SharePart[] };
  expenditure: { total: Figure; parts: SharePart[] };
  fiscal: { grandTotal: Figure; expenditureGrandTotal: Figure; change?: Change; reason?: Reason };
  generalBudget: {
    total: Figure;
    share: Figure;
    change?: Change;
    reason?: Reason;
    classes: ClassLine[];
    /** The 类 as the data listed them (order checked against code order). */
    listedCodes: string[];
    budget?: Figure;
    /** Σ of the 类 年初预算 given in the data. */
    classBudgetSum?: Figure;
    completion?: Completion;
    basic: Figure;
    project: Figure;
    projects: ProjectLine[];
    projectSum?: Figure;
    hasClassBudgets: boolean;
    /** The 类 with a 年初预算 in the data: 五（三）'s per-类 paragraphs. */
    budgetLines: ClassLine[];
  };
  basic: { total: Figure; personnel: Figure; personnelItems: Figure; public: Figure; publicItems: Figure };
  governmentFund: { empty: boolean; income: Figure; expenditure: Figure };
  stateCapital: { empty: boolean; expenditure: Figure };
  threePublic: {
    none: boolean;
    basis: '年初预算' | '调整后预算';
    budgetTerm: string;
    /** The item completions name this budget ("完成年初预算的…"). */
    itemTerm: string;
    budget: Figure;
    /** Σ of the item budgets (the checker compares a stated total). */
    itemBudgetSum?: Figure;
    /** 三公 table 预算数 合计, for the label check. */
    tableBudget?: Amount;
    actual: Figure;
    completion?: Completion;
    change?: Change;
    reason?: Reason;
    overseas: ThreePublicLine;
    vehicle: ThreePublicLine;
    purchase: ThreePublicLine;
    operation: ThreePublicLine;
    reception: ThreePublicLine;
    vehicles?: { held?: Figure; fiscalHeld?: Figure };
    yearEnd: string;
  };
  adminOperation: { amount: Figure; stated: boolean; table?: Amount; change?: Change; reason?: Reason };
  procurement?: {
    /** Nothing bought: the text says so. */
    empty: boolean;
    total: Figure;
    stated?: Figure;
    parts: { key: 'goods' | 'works' | 'services'; label: string; amount: Figure }[];
    goods: Figure;
    works: Figure;
    services: Figure;
    sme?: Figure;
    smeShare?: Figure;
    smallMicro?: Figure;
  };
  assets?: { total: Figure; stated?: Figure; vehicles: { label: string; count: Figure }[]; largeEquipment?: Figure; yearEnd: string };
  performance?: {
    count: Figure;
    amount: Figure;
    coverage: Figure;
    conclusion?: string;
    overall: Block[];
    projects: PerformanceProject[];
    application: Block[];
  };
  /** 部门整体 执行率 (appendix form: 部门整体支出总额 执行数 / 预算数), not printed in 第三部分. */
  overallExecution?: Figure;
}

/** The parts of 收入决算表 and 支出决算表 合计 that 二 and 三 share out, in column order. */
const partsOf = <K extends 'income' | 'expenditure'>(key: K) =>
  (TABLES[key].rowSum.parts as readonly ColumnOf<K>[]).map((k) => [k, (TABLES[key].columns as Columns<ColumnOf<K>>)[k].label] as const);
const INCOME_PARTS = partsOf('income');
const EXPENDITURE_PARTS = partsOf('expenditure');

const THREE_PUBLIC_LABELS = {
  overseas: '因公出国(境)费',
  vehicle: '公务用车购置及运行维护费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  reception: '公务接待费',
} as const;

const v = (a: Amount | undefined): Decimal | undefined => a?.value;
const fixed = (d: Decimal | undefined): string => (d ?? new Decimal(0)).toFixed(2);

function reasonOf(text: string | undefined, path: Path): Reason | undefined {
  if (text === undefined) return undefined;
  return { text: text.trim().replace(/。$/, ''), path };
}

/** What a form set decides about its 第三部分. */
export interface NarrativeOptions {
  /** How figures print in prose (default: Wuhan's `trim`). */
  numbers?: ProseRule;
}

/** 第三部分 情况说明: every figure of the narrative, computed from the tables and the explanation data. */
export function computeNarrative(loaded: Loaded, tables: ResolvedTables, trace: Trace, options: NarrativeOptions = {}): Narrative {
  const { model, catalog } = loaded;
  const ex: Explanation = model.explanation ?? {};
  const X: Path = ['explanation'];
  const numbers = options.numbers ?? DEFAULT_PROSE_RULE;
  const book = new FigureBook(model.pins ?? {}, trace, proseFormat(numbers));
  const year = model.year;
  const lastYear = year - 1;
  const placeholderProblems: PlaceholderProblem[] = [];
  const tableName = (key: TableKey) => nameTable(key, loaded.tableList);

  // ── 一 收入支出决算总体情况 ───────────────────────────────────────────────────
  const grandTotal = book.amount('totals.grand_total', v(tables.summary.incomeGrandTotal), `${tableName('summary')} 收入总计`);
  const expenditureGrandTotal = book.amount('totals.expenditure_grand_total', v(tables.summary.expenditureGrandTotal), `${tableName('summary')} 支出总计`);
  const totals = {
    grandTotal,
    expenditureGrandTotal,
    change: book.change('totals', grandTotal, v(ex.totals?.last_year), [...X, 'totals', 'last_year']),
    reason: reasonOf(ex.totals?.reason, [...X, 'totals', 'reason']),
  };

  // ── 二 收入决算 ──────────────────────────────────────────────────────────────
  const incomeTotalAmount = tables.summary.incomeTotal ?? tables.income.total.total;
  const incomeTotal = book.amount('income.total', v(incomeTotalAmount), `${tableName('summary')} 本年收入合计`);
  const incomeParts: SharePart[] = INCOME_PARTS.filter(([k]) => tables.income.total[k] && !tables.income.total[k]!.value.isZero()).map(([k, label]) => {
    const amount = book.amount(`income.${k}`, v(tables.income.total[k]), `${tableName('income')} 合计 ${label}`);
    const share = book.percent(`income.${k}.share`, amount.value, incomeTotal.value, `income.${k} / income.total × 100%`);
    return { key: k, label, amount, share };
  });

  // ── 三 支出决算 ──────────────────────────────────────────────────────────────
  const expTotal = book.amount('expenditure.total', v(tables.summary.expenditureTotal ?? tables.expenditure.total.total), `${tableName('summary')} 本年支出合计`);
  const expParts: SharePart[] = EXPENDITURE_PARTS.filter(([k]) => tables.expenditure.total[k] && !tables.expenditure.total[k]!.value.isZero()).map(([k, label]) => {
    const amount = book.amount(`expenditure.${k}`, v(tables.expenditure.total[k]), `${tableName('expenditure')} 合计 ${label}`);
    const share = book.percent(`expenditure.${k}.share`, amount.value, expTotal.value, `expenditure.${k} / expenditure.total × 100%`);
    return { key: k, label, amount, share };
  });

  // ── 四 财政拨款收入支出决算总体情况 ─────────────────────────────────────────────
  const fiscalGrand = book.amount('fiscal.grand_total', v(tables.fiscal_summary.incomeGrandTotal), `${tableName('fiscal_summary')} 收入总计`);
  const fiscalExpGrand = book.amount('fiscal.expenditure_grand_total', v(tables.fiscal_summary.expenditureGrandTotal.total), `${tableName('fiscal_summary')} 支出总计 合计`);
  const fiscal = {
    grandTotal: fiscalGrand,
    expenditureGrandTotal: fiscalExpGrand,
    change: book.change('fiscal', fiscalGrand, v(ex.fiscal_totals?.last_year), [...X, 'fiscal_totals', 'last_year']),
    reason: reasonOf(ex.fiscal_totals?.reason, [...X, 'fiscal_totals', 'reason']),
  };

  // ── 五 一般公共预算财政拨款支出 ────────────────────────────────────────────────
  const gb = ex.general_budget;
  const GB: Path = [...X, 'general_budget'];
  const gbTotal = book.amount('general_budget.total', v(tables.general_budget.total.total), `${tableName('general_budget')} 合计 小计`);
  const gbShare = book.percent('general_budget.share', gbTotal.value, expTotal.value, 'general_budget.total / expenditure.total × 100%');
  const gbChange = book.change('general_budget', gbTotal, v(gb?.last_year), [...GB, 'last_year']);

  // （二）（三） the 类: the data's order, then any non-zero 类 it left out (code order).
  const classRows = tables.general_budget.rows.filter((r) => r.level === '类' && r.cells.total && !r.cells.total.value.isZero());
  const rowByCode = new Map(classRows.map((r) => [r.code, r]));
  const listed = (gb?.classes ?? []).map((c, i) => ({ c, i }));
  const listedCodes = listed.map(({ c }) => c.code);
  const unlisted = classRows.filter((r) => !listedCodes.includes(r.code)).map((r) => ({ c: { code: r.code } as ExplanationClass, i: -1 }));
  const order = [...listed.filter(({ c }) => rowByCode.has(c.code)), ...unlisted];
  const classes: ClassLine[] = order.map(({ c, i }) => {
    const row = rowByCode.get(c.code)!;
    const name = catalog.functionalName(c.code) ?? row.name ?? c.code;
    const cp: Path = i >= 0 ? [...GB, 'classes', i] : [...GB];
    const amount = book.amount(`general_budget.class.${c.code}.amount`, v(row.cells.total), `${tableName('general_budget')} ${c.code} 小计`);
    const share = book.percent(`general_budget.class.${c.code}.share`, amount.value, gbTotal.value, `general_budget.class.${c.code}.amount / general_budget.total × 100%`);
    const line: ClassLine = { code: c.code, label: c.label ?? name, detailLabel: c.detail_label ?? name, purpose: c.purpose, amount, share, listed: i >= 0 };
    if (c.budget) {
      const budget = book.amount(`general_budget.class.${c.code}.budget`, c.budget.value, `年初预算（数据）`, {}, [...cp, 'budget']);
      const completion = book.completion(`general_budget.class.${c.code}`, amount, budget)!;
      const budgetTerm = c.budget_term ?? '年初预算';
      line.budget = {
        completion,
        budgetTerm,
        completionTerm: c.completion_term ?? budgetTerm,
        separator: c.separator ?? '，',
        reason: reasonOf(c.reason, [...cp, 'reason']),
        reasonJoin: c.reason_join ?? '，',
      };
    }
    return line;
  });
  const classBudgets = (gb?.classes ?? []).map((c) => c.budget?.value);
  const classBudgetSumValue = sumDefined(classBudgets);
  const classBudgetSum = classBudgetSumValue === undefined ? undefined : book.amount('general_budget.class_budget_sum', classBudgetSumValue, 'Σ 类 年初预算', {}, [...GB, 'classes']);
  const gbBudgetValue = gb?.budget?.value ?? classBudgetSumValue;
  const gbBudget = gbBudgetValue === undefined ? undefined : book.amount('general_budget.budget', gbBudgetValue, gb?.budget ? '年初预算（数据）' : 'Σ 类 年初预算', {}, [...GB, 'budget']);
  const gbCompletion = gbBudget ? book.completion('general_budget', gbTotal, gbBudget) : undefined;
  const gbBasic = book.amount('general_budget.basic', v(tables.general_budget.total.basic), `${tableName('general_budget')} 合计 基本支出`);
  const gbProject = book.amount('general_budget.project', v(tables.general_budget.total.project), `${tableName('general_budget')} 合计 项目支出`);

  // （三） 项目支出主要用于: an item with a code takes the general_budget table's 项目支出 of that 项.
  const generalBudgetByCode = new Map(tables.general_budget.rows.map((r) => [r.code, r]));
  const projectLine = (p: { name: string; code?: string; amount?: Amount; items?: { name: string; code?: string; amount?: Amount }[] }, id: string, path: Path): ProjectLine => {
    const fromTable = p.code ? generalBudgetByCode.get(p.code)?.cells.project : undefined;
    const value = fromTable?.value ?? p.amount?.value;
    const amount = book.amount(id, value, fromTable ? `${tableName('general_budget')} ${p.code} 项目支出` : '项目金额（数据）', {}, [...path, p.code && !p.amount ? 'code' : 'amount']);
    const stated = fromTable && p.amount ? book.amount(`${id}.stated`, p.amount.value, '项目金额（数据）', {}, [...path, 'amount']) : undefined;
    const items = (p.items ?? []).map((it, j) => projectLine(it, `${id}.${j + 1}`, [...path, 'items', j]));
    return { name: p.name, code: p.code, amount, stated, items, path };
  };
  const projects = (gb?.projects ?? []).map((p, i) => projectLine(p, `general_budget.projects.${i + 1}`, [...GB, 'projects', i]));
  const projectSumValue = projects.length ? sumDefined(projects.map((p) => p.amount.value)) : undefined;
  const projectSum = projectSumValue === undefined ? undefined : book.amount('general_budget.projects_sum', projectSumValue, 'Σ 项目支出 items', {}, [...GB, 'projects']);

  const generalBudget = {
    total: gbTotal,
    share: gbShare,
    change: gbChange,
    reason: reasonOf(gb?.reason, [...GB, 'reason']),
    classes,
    listedCodes,
    budget: gbBudget,
    classBudgetSum,
    completion: gbCompletion,
    basic: gbBasic,
    project: gbProject,
    projects,
    projectSum,
    hasClassBudgets: classes.some((c) => c.budget),
    budgetLines: classes.filter((c) => c.budget),
  };

  // ── 六 基本支出: 人员经费 (301, 303) and 公用经费 (302, 310, …) with their non-zero 款 ──────────
  const kuanNames = (prefixes: readonly string[]) =>
    [...tables.basic_detail.byCode.entries()]
      .filter(([code, a]) => code.length === 5 && prefixes.includes(code.slice(0, 3)) && !a.value.isZero())
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code]) => catalog.economicName(code) ?? code);
  const { personnel_total: personnelClasses, public_total: publicClasses } = TABLES.basic_detail.totals;
  const basic = {
    total: book.amount('basic.total', v(tables.general_budget.total.basic), `${tableName('general_budget')} 合计 基本支出`),
    personnel: book.amount('basic.personnel', v(tables.basic_detail.personnelTotal), `${tableName('basic_detail')} ${personnelClasses.label}`),
    personnelItems: book.list('basic.personnel.items', kuanNames(personnelClasses.classes), `${tableName('basic_detail')} ${personnelClasses.classes.join('/')} 下非零的款`),
    public: book.amount('basic.public', v(tables.basic_detail.publicTotal), `${tableName('basic_detail')} ${publicClasses.label}`),
    publicItems: book.list('basic.public.items', kuanNames(publicClasses.classes), `${tableName('basic_detail')} ${publicClasses.classes.join('/')} 下非零的款`),
  };

  // ── 七 政府性基金, 八 国有资本经营 ─────────────────────────────────────────────
  const blank = (a: Amount | undefined) => !a || a.value.isZero();
  const gfIncome = tables.government_fund.total.income;
  const gfExp = tables.government_fund.total.total;
  const governmentFund = {
    empty: blank(gfIncome) && blank(gfExp) && tables.government_fund.rows.every((r) => blank(r.cells.total) && blank(r.cells.income)),
    income: book.amount('government_fund.income', v(gfIncome) ?? new Decimal(0), `${tableName('government_fund')} 合计 本年收入`),
    expenditure: book.amount('government_fund.expenditure', v(gfExp) ?? new Decimal(0), `${tableName('government_fund')} 合计 本年支出`),
  };
  const scExp = tables.state_capital.total.total;
  const stateCapital = {
    empty: blank(scExp) && tables.state_capital.rows.every((r) => blank(r.cells.total)),
    expenditure: book.amount('state_capital.expenditure', v(scExp) ?? new Decimal(0), `${tableName('state_capital')} 合计`),
  };

  // ── 九 “三公”经费 ────────────────────────────────────────────────────────────
  const tp = ex.three_public;
  const TP: Path = [...X, 'three_public'];
  const basis = tp?.budget_basis ?? '调整后预算';
  const t9a = tables.three_public.actual;
  const t9b = tables.three_public.budget;
  const zero = new Decimal(0);
  const itemBudget = (key: 'overseas' | 'vehicle_purchase' | 'vehicle_operation' | 'reception'): Decimal => {
    const given = tp?.[key]?.budget?.value;
    if (given !== undefined) return given;
    return basis === '调整后预算' ? (v(t9b[key]) ?? zero) : zero;
  };
  const budgetPath = (key: string): Path => (tp?.[key as 'overseas']?.budget ? [...TP, key, 'budget'] : ['tables', 'three_public', 'budget', key]);
  const itemTerm = basis;
  const tpLine = (key: 'overseas' | 'vehicle_purchase' | 'vehicle_operation' | 'reception'): ThreePublicLine => {
    const d = tp?.[key];
    const actual = book.amount(`three_public.${key}.actual`, v(t9a[key]) ?? zero, `${tableName('three_public')} 决算数 ${THREE_PUBLIC_LABELS[key]}`, {}, ['tables', 'three_public', 'actual', key]);
    const budget = book.amount(`three_public.${key}.budget`, itemBudget(key), `${basis}（${d?.budget ? '数据' : basis === '调整后预算' ? `${tableName('three_public')} 预算数` : '未填，按0'}）`, {}, budgetPath(key));
    const completion = book.completion(`three_public.${key}`, actual, budget)!;
    const change = d?.last_year ? book.change(`three_public.${key}`, actual, d.last_year.value, [...TP, key, 'last_year']) : undefined;
    const reason = reasonOf(d?.reason, [...TP, key, 'reason']);
    const op = key === 'vehicle_operation' ? tp?.vehicle_operation : undefined;
    const breakdown = (op?.breakdown ?? []).map((b, j) => ({
      label: b.label,
      amount: book.amount(`three_public.vehicle_operation.breakdown.${j + 1}`, b.amount?.value ?? zero, '运行费明细（数据）', {}, [...TP, 'vehicle_operation', 'breakdown', j, 'amount']),
    }));
    return {
      key,
      label: d?.label ?? THREE_PUBLIC_LABELS[key],
      actual,
      budget,
      completion,
      change,
      reason,
      showCompletion: !completion.zeroBase || completion.rate.pinned !== undefined || !reason,
      showBudgetChange: completion.direction === 'down',
      breakdown,
    };
  };
  const overseas = tpLine('overseas');
  const purchase = tpLine('vehicle_purchase');
  const operation = tpLine('vehicle_operation');
  const reception = tpLine('reception');
  const vehicleActual = book.amount(
    'three_public.vehicle.actual',
    t9a.vehicle_subtotal?.value ?? purchase.actual.value!.plus(operation.actual.value!),
    t9a.vehicle_subtotal ? `${tableName('three_public')} 决算数 公务用车购置及运行维护费小计` : '公务用车购置费 + 公务用车运行维护费',
  );
  const vehicleBudget = book.amount(
    'three_public.vehicle.budget',
    tp?.vehicle_purchase?.budget || tp?.vehicle_operation?.budget || basis === '年初预算' ? purchase.budget.value!.plus(operation.budget.value!) : (v(t9b.vehicle_subtotal) ?? purchase.budget.value!.plus(operation.budget.value!)),
    '公务用车购置费预算 + 公务用车运行维护费预算',
  );
  const vehicleCompletion = book.completion('three_public.vehicle', vehicleActual, vehicleBudget)!;
  const vehicleReason = reasonOf(tp?.vehicle?.reason, [...TP, 'vehicle', 'reason']);
  const vehicle: ThreePublicLine = {
    key: 'vehicle',
    label: tp?.vehicle?.label ?? THREE_PUBLIC_LABELS.vehicle,
    actual: vehicleActual,
    budget: vehicleBudget,
    completion: vehicleCompletion,
    reason: vehicleReason,
    showCompletion: !vehicleCompletion.zeroBase || vehicleCompletion.rate.pinned !== undefined || !vehicleReason,
    showBudgetChange: vehicleCompletion.direction === 'down',
    breakdown: [],
  };
  const itemBudgetSumValue = [overseas, purchase, operation, reception].reduce((a, l) => a.plus(l.budget.value!), zero);
  const itemBudgetSum = book.amount('three_public.item_budget_sum', itemBudgetSumValue, 'Σ 各项预算');
  const tpBudgetValue = tp?.budget?.value ?? (basis === '调整后预算' && t9b.total ? t9b.total.value : itemBudgetSumValue);
  const tpBudget = book.amount('three_public.budget', tpBudgetValue, tp?.budget ? `${basis}（数据）` : basis === '调整后预算' && t9b.total ? `${tableName('three_public')} 预算数 合计` : 'Σ 各项预算', {}, tp?.budget ? [...TP, 'budget'] : ['tables', 'three_public', 'budget', 'total']);
  const tpActualValue = t9a.total?.value ?? [overseas, vehicle, reception].reduce((a, l) => a.plus(l.actual.value!), zero);
  const tpActual = book.amount('three_public.actual', tpActualValue, t9a.total ? `${tableName('three_public')} 决算数 合计` : 'Σ 各项决算', {}, ['tables', 'three_public', 'actual', 'total']);
  const tpVehicles = tp?.vehicles
    ? {
        held: tp.vehicles.held === undefined ? undefined : book.count('three_public.vehicles.held', tp.vehicles.held, '年末公务用车保有量（数据）', [...TP, 'vehicles', 'held']),
        fiscalHeld: tp.vehicles.fiscal_held === undefined ? undefined : book.count('three_public.vehicles.fiscal_held', tp.vehicles.fiscal_held, '开支财政拨款的公务用车保有量（数据）', [...TP, 'vehicles', 'fiscal_held']),
      }
    : undefined;
  const threePublic = {
    none: tpActualValue.isZero() && tpBudgetValue.isZero(),
    basis,
    budgetTerm: tp?.budget_term ?? basis,
    itemTerm,
    budget: tpBudget,
    itemBudgetSum,
    tableBudget: t9b.total,
    actual: tpActual,
    completion: book.completion('three_public', tpActual, tpBudget),
    change: book.change('three_public', tpActual, v(tp?.last_year), [...TP, 'last_year']),
    reason: reasonOf(tp?.reason, [...TP, 'reason']),
    overseas,
    vehicle,
    purchase,
    operation,
    reception,
    vehicles: tpVehicles,
    yearEnd: `${year}年12月31日`,
  };

  // ── 十 机关运行经费 ───────────────────────────────────────────────────────────
  const ao = ex.admin_operation;
  const aoAmount = book.amount('admin_operation.amount', ao?.amount?.value ?? v(tables.basic_detail.publicTotal), ao?.amount ? '机关运行经费（数据）' : `${tableName('basic_detail')} 公用经费合计`, {}, ao?.amount ? [...X, 'admin_operation', 'amount'] : ['tables', 'basic_detail', 'public_total']);
  const adminOperation = {
    amount: aoAmount,
    stated: ao?.amount !== undefined,
    table: tables.basic_detail.publicTotal,
    change: book.change('admin_operation', aoAmount, v(ao?.last_year), [...X, 'admin_operation', 'last_year']),
    reason: reasonOf(ao?.reason, [...X, 'admin_operation', 'reason']),
  };

  // ── 十一 政府采购 ─────────────────────────────────────────────────────────────
  let procurement: Narrative['procurement'];
  const pr = ex.procurement;
  if (pr) {
    const PR: Path = [...X, 'procurement'];
    const part = (key: 'goods' | 'works' | 'services', label: string) => ({ key, label, amount: book.amount(`procurement.${key}`, pr[key]?.value ?? zero, `${label}（数据）`, {}, [...PR, key]) });
    const parts = [part('goods', '政府采购货物支出'), part('works', '政府采购工程支出'), part('services', '政府采购服务支出')];
    const anyPart = pr.goods || pr.works || pr.services;
    const totalValue = anyPart ? parts.reduce((a, p) => a.plus(p.amount.value!), zero) : (pr.total?.value ?? zero);
    const total = book.amount('procurement.total', totalValue, anyPart ? '货物 + 工程 + 服务' : '政府采购支出总额（数据）', { goods: pr.goods?.value, works: pr.works?.value, services: pr.services?.value }, [...PR, anyPart ? 'goods' : 'total']);
    const stated = pr.total && anyPart ? book.amount('procurement.stated_total', pr.total.value, '政府采购支出总额（数据）', {}, [...PR, 'total']) : undefined;
    const sme = pr.sme ? book.amount('procurement.sme', pr.sme.value, '授予中小企业合同金额（数据）', {}, [...PR, 'sme']) : undefined;
    procurement = {
      empty: totalValue.isZero(),
      total,
      stated,
      parts,
      goods: parts[0].amount,
      works: parts[1].amount,
      services: parts[2].amount,
      sme,
      smeShare: sme ? book.percent('procurement.sme_share', sme.value, total.value, 'procurement.sme / procurement.total × 100%', {}, [...PR, 'sme']) : undefined,
      smallMicro: pr.small_micro ? book.amount('procurement.small_micro', pr.small_micro.value, '授予小微企业合同金额（数据）', {}, [...PR, 'small_micro']) : undefined,
    };
  }

  // ── 十二 国有资产占用 ─────────────────────────────────────────────────────────
  let assets: Narrative['assets'];
  const as = ex.assets;
  if (as) {
    const AS: Path = [...X, 'assets'];
    const vehicles = as.vehicles.map((x, i) => ({ label: x.label, count: book.count(`assets.vehicles.${i + 1}`, x.count, `${x.label}（数据）`, [...AS, 'vehicles', i, 'count']) }));
    const sum = vehicles.reduce((a, x) => a + x.count.value!.toNumber(), 0);
    assets = {
      total: book.count('assets.vehicles', vehicles.length ? sum : (as.vehicles_total ?? 0), vehicles.length ? 'Σ 各类车辆' : '车辆总数（数据）', [...AS, 'vehicles']),
      stated: as.vehicles_total !== undefined && vehicles.length ? book.count('assets.vehicles_stated', as.vehicles_total, '车辆总数（数据）', [...AS, 'vehicles_total']) : undefined,
      vehicles,
      largeEquipment: as.large_equipment === undefined ? undefined : book.count('assets.large_equipment', as.large_equipment, '单价100万元以上设备（数据）', [...AS, 'large_equipment']),
      yearEnd: `${year}年12月31日`,
    };
  }

  // ── 十三 预算绩效 ─────────────────────────────────────────────────────────────
  let performance: Narrative['performance'];
  const pf = ex.performance;
  const lookup = (id: string) => book.get(id);
  if (pf) {
    const PF: Path = [...X, 'performance'];
    const projectFigures = pf.projects.map((p, i) => {
      const n = i + 1;
      const local: Record<string, string> = {};
      const funds = p.funds.map((f, k) => {
        const suffix = k === 0 ? '' : String(k + 1);
        const base = `performance.project.${n}`;
        const budget = book.amount(`${base}.budget${suffix}`, f.budget?.value, '预算数（数据）', {}, [...PF, 'projects', i, 'funds', k, 'budget']);
        const actual = book.amount(`${base}.actual${suffix}`, f.actual?.value, '执行数（数据）', {}, [...PF, 'projects', i, 'funds', k, 'actual']);
        const rate = book.percent(`${base}.rate${suffix}`, actual.value, budget.value, `执行数 / 预算数 × 100%`, {}, [...PF, 'projects', i, 'funds', k]);
        for (const [name, f2] of [['budget', budget], ['actual', actual], ['rate', rate]] as const) local[`${name}${suffix}`] = f2.id;
        return { budget, actual, rate };
      });
      return { p, i, n, funds, local };
    });
    const fundActuals = projectFigures.flatMap((x) => x.funds.map((f) => f.actual.value));
    const count = book.count('performance.count', pf.projects.length, '参评项目个数', [...PF, 'projects']);
    const amount = book.amount('performance.amount', sumDefined(fundActuals) ?? zero, 'Σ 参评项目执行数', {}, [...PF, 'projects']);
    const coverage = book.percent('performance.coverage', amount.value, gbProject.value, 'performance.amount / general_budget.project × 100%');
    performance = {
      count,
      amount,
      coverage,
      conclusion: pf.conclusion === undefined ? undefined : substitute(pf.conclusion, lookup, [...PF, 'conclusion'], placeholderProblems),
      overall: substituteBlocks(pf.overall, lookup, [...PF, 'overall'], placeholderProblems),
      projects: projectFigures.map(({ p, i, n, funds, local }) => {
        const blocks = substituteBlocks(p.summary, lookup, [...PF, 'projects', i, 'summary'], placeholderProblems, local);
        const [head, ...rest] = blocks;
        const first = head === undefined ? '' : typeof head === 'string' ? head : Object.values(head)[0];
        return { n, name: p.name, funds, first, rest };
      }),
      application: substituteBlocks(pf.application, lookup, [...PF, 'application'], placeholderProblems),
    };
  }
  const exec = model.appendix?.overall?.form?.execution;
  const overallExecution = exec?.budget && exec?.actual ? book.percent('performance.overall.rate', exec.actual.value, exec.budget.value, '部门整体支出总额 执行数 / 预算数 × 100%（第六部分 部门整体自评表）', {}, ['appendix', 'overall', 'form', 'execution']) : undefined;

  // ── charts ─────────────────────────────────────────────────────────────────
  const bars = (caption: string, income: Figure, expenditure: Figure, change: Change | undefined): BarChart => {
    const series = change ? [`${lastYear}年度`, `${year}年度`] : [`${year}年度`];
    const bar = (f: Figure) => ({ value: fixed(f.value), text: f.text ?? '' });
    const group = (label: string, f: Figure) => ({ label, bars: change ? [bar(change.previous), bar(f)] : [bar(f)] });
    return { kind: 'bars', caption, unit: '万元', series, groups: [group('收入总计', income), group('支出总计', expenditure)] };
  };
  const pie = (caption: string, parts: SharePart[]): PieChart => ({
    kind: 'pie',
    caption,
    unit: '万元',
    slices: parts.map((p) => ({ label: p.label, value: fixed(p.amount.value), text: `${p.amount.text}万元，${p.share.text ?? ''}%` })),
  });
  const charts = {
    totals: bars('图 1：收、支决算总计变动情况', grandTotal, expenditureGrandTotal, totals.change),
    income: pie('图 2：收入决算结构', incomeParts),
    expenditure: pie('图 3：支出决算结构', expParts),
    fiscal: bars('图 4：财政拨款收、支决算总计变动情况', fiscalGrand, fiscalExpGrand, fiscal.change),
  };

  return {
    year,
    numbers,
    lastYear,
    figures: book.all(),
    unusedPins: Object.keys(model.pins ?? {}).filter((k) => !book.usedPins.has(k)),
    placeholderProblems,
    reasonThreshold: new Decimal(ex.reason_threshold ?? REASON_THRESHOLD_DEFAULT),
    charts,
    totals,
    income: { total: incomeTotal, parts: incomeParts },
    expenditure: { total: expTotal, parts: expParts },
    fiscal,
    generalBudget,
    basic,
    governmentFund,
    stateCapital,
    threePublic,
    adminOperation,
    procurement,
    assets,
    performance,
    overallExecution,
  };
}
