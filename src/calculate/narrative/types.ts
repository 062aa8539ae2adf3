import type { Decimal } from 'decimal.js';
import type { Block } from '../../load/schema-parts.js';
import type { Amount } from '../../model/amount.js';
import type { ProseRule } from '../../model/number-format.js';
import type { Change, Completion, Figure, Path } from './figures.js';
import type { PlaceholderProblem } from './placeholders.js';
import type { NarrativeSectionId } from '../../model/narrative-sections.js';

/** A reason as the department wrote it (final "。" dropped: the template ends the sentence). */
export interface Reason {
  text: string;
  path: Path;
}

/** One bar: its figure (the text printed on it) and the value it is drawn to. */
export interface Bar {
  value: string;
  figure: Figure;
}

/** 收入总计 and 支出总计 in one series per year (last year first, when known). */
export interface BarChart {
  kind: 'bars';
  /** 图 N: the chart's place among the charts of the text, from 1. */
  number: number;
  years: number[];
  income: Bar[];
  expenditure: Bar[];
}

/** A total's non-zero parts: a slice each, drawn to `value`, labelled with its amount and share. */
export interface PieChart {
  kind: 'pie';
  /** 图 N: the chart's place among the charts of the text, from 1. */
  number: number;
  slices: (SharePart & { value: string })[];
}

export interface NarrativeCharts {
  totals: BarChart;
  income: PieChart;
  expenditure: PieChart;
  fiscal: BarChart;
}

export interface SharePart {
  key: string;
  label: string;
  amount: Figure;
  share: Figure;
}

/** 一 and 四: a 收、支总计 against last year. */
export interface GrandTotals {
  grandTotal: Figure;
  expenditureGrandTotal: Figure;
  change?: Change;
  reason?: Reason;
}

/** 二 and 三: a total and its non-zero parts with their shares. */
export interface Structure {
  total: Figure;
  parts: SharePart[];
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

/** 五（三） one 项 (form sets that explain the budget 项 by 项). */
export interface ItemLine {
  code: string;
  className: string;
  kuanName: string;
  itemName: string;
  /** The name the data gives (for a 项 the catalog lacks). */
  givenName?: string;
  /** The 项 is a row of the general_budget table. */
  inTable: boolean;
  purpose: string;
  actual: Figure;
  budget: Figure;
  /** 决算 / 年初预算 (for the checker; not printed). */
  completion: Completion;
  reason?: Reason;
  path: Path;
}

export interface GeneralBudgetNarrative {
  /** Why 决算 differs from 年初预算 (general_budget_by_item). */
  budgetReason?: Reason;
  items?: ItemLine[];
  /** Σ of the items' 年初预算. */
  itemBudgetSum?: Figure;
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
}

export interface BasicNarrative {
  total: Figure;
  personnel: Figure;
  personnelItems: Figure;
  public: Figure;
  publicItems: Figure;
}

export interface GovernmentFundNarrative {
  empty: boolean;
  income: Figure;
  expenditure: Figure;
}

export interface StateCapitalNarrative {
  empty: boolean;
  expenditure: Figure;
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

/** The counts and words of 七（二） (three_public_detail). */
export interface ThreePublicDetail {
  overseasShare: Figure;
  vehicleShare: Figure;
  receptionShare: Figure;
  groups?: Figure;
  people?: Figure;
  content?: string;
  purchasePurpose?: string;
  purchaseCount?: Figure;
  operationPurpose?: string;
  receptionPurpose?: string;
  domestic?: Figure;
  foreign?: Figure;
  batches?: Figure;
  receptionPeople?: Figure;
  foreignBatches?: Figure;
  foreignPeople?: Figure;
}

export interface ThreePublicNarrative {
  budgetReason?: Reason;
  /** The items with last year's figure (three_public_detail). */
  changeLines?: { label: string; change: Change; reason?: Reason }[];
  detail?: ThreePublicDetail;
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
}

export interface AdminOperationNarrative {
  amount: Figure;
  stated: boolean;
  table?: Amount;
  change?: Change;
  reason?: Reason;
}

export interface ProcurementNarrative {
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
  reserved?: { sme?: Figure; smallMicro?: Figure };
  awarded?: { smeInReserved?: Figure; smallMicroInReserved?: Figure; smeInOther?: Figure };
}

/** 预算绩效管理情况 in counts and amounts (performance_counts). */
export interface PerformanceCountsNarrative {
  systems: string[];
  mechanism?: string;
  targets?: { count: Figure; amount: Figure };
  monitoring?: { count: Figure; amount: Figure };
  selfEvaluation?: {
    count: Figure;
    amount: Figure;
    averageScore?: string;
    grades: { excellent: Figure; good: Figure; pass: Figure; fail: Figure };
    problems: { found: Figure; fixed: Figure; fixing: Figure };
  };
}

export interface AssetsNarrative {
  total: Figure;
  stated?: Figure;
  vehicles: { label: string; count: Figure }[];
  largeEquipment?: Figure;
  yearEnd: string;
}

export interface PerformanceProject {
  n: number;
  name: string;
  funds: { budget: Figure; actual: Figure; rate: Figure }[];
  /** The summary's blocks with their figures filled in; the first is printed after "N、<name>项目绩效自评综述：". */
  first: string;
  rest: Block[];
}

export interface PerformanceNarrative {
  count: Figure;
  amount: Figure;
  coverage: Figure;
  conclusion?: string;
  overall: Block[];
  projects: PerformanceProject[];
  application: Block[];
}

/**
 * What the sections compute, each under its own key. A key is absent when its section is not in
 * the form set's list; 十一, 十二 and 十三 are also absent when the data gives nothing for them
 * (their heading still prints: `sections` says which sections the text has).
 */
export interface NarrativeBody {
  totals?: GrandTotals;
  income?: Structure;
  expenditure?: Structure;
  fiscal?: GrandTotals;
  generalBudget?: GeneralBudgetNarrative;
  basic?: BasicNarrative;
  governmentFund?: GovernmentFundNarrative;
  stateCapital?: StateCapitalNarrative;
  threePublic?: ThreePublicNarrative;
  adminOperation?: AdminOperationNarrative;
  procurement?: ProcurementNarrative;
  assets?: AssetsNarrative;
  performance?: PerformanceNarrative;
  performanceCounts?: PerformanceCountsNarrative;
  /** 部门整体 执行率 (appendix form: 部门整体支出总额 执行数 / 预算数), not printed in 第三部分. */
  overallExecution?: Figure;
}

/** What one section's function returns: its part of the body and the charts it draws (numbered by the composer). */
export interface SectionOutput extends NarrativeBody {
  charts?: { [K in keyof NarrativeCharts]?: Omit<NarrativeCharts[K], 'number'> };
}

/** A section of the text, in the form set's order; `n` (from 1) is its heading's ordinal. */
export interface NarrativeSectionEntry {
  id: NarrativeSectionId;
  n: number;
  /** A grouping section's sub-sections, numbered （一）… by `n` among themselves. */
  children: NarrativeSectionEntry[];
}

export interface Narrative extends NarrativeBody {
  year: number;
  /** The prose rule the figures' texts were computed under (the templates print plain numbers by it too). */
  numbers: ProseRule;
  lastYear: number;
  /** The sections the text has, in order. */
  sections: NarrativeSectionEntry[];
  /** Every figure, in the order of the text. */
  figures: Figure[];
  /** `pins:` keys that name no figure. */
  unusedPins: string[];
  /** `{id}` placeholders naming no figure. */
  placeholderProblems: PlaceholderProblem[];
  reasonThreshold: Decimal;
  /** The charts of the sections present (none when the form set has no charts). */
  charts: Partial<NarrativeCharts>;
  /**
   * 第三部分 as the data gives it verbatim (`explanation.text`), figures filled in: printed instead
   * of the form set's sentences. Absent when the file has no verbatim text.
   */
  verbatim?: VerbatimSectionText[];
}

export type VerbatimBlock = string | { line: string } | { h3: string } | { chart: keyof NarrativeCharts };

export interface VerbatimSectionText {
  heading: string;
  blocks: VerbatimBlock[];
}
