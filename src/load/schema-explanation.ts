import { z } from 'zod';
import { amount, code, text, int, blocks } from './schema-parts.js';

/**
 * 第三部分 情况说明: what the tables do not hold — last year's figures, the 年初预算 per 类 and per
 * “三公” item, the department's reasons and labels, the 项目支出 items, 政府采购, vehicles and the
 * self-evaluation summaries. Every printed figure is computed from these and the tables
 * (src/calculate/narrative); the words are the department's. Documented in docs/narrative.md.
 */
const obj = z.strictObject;

/** A reason as the department wrote it, lead-in included ("主要原因是…"); a final "。" is optional. */
const reason = () => text().optional().meta({ description: '原因（含“主要原因是”等引语，原文照录）' });

/** This year against last year: last year's figure and the reason for the change. */
const yearOnYear = {
  last_year: amount(),
  reason: reason(),
};

/** A count of the department's (团组, 人次, 批次, 辆, 个). */
const count = () => int().optional();

const BUDGET_TERMS = ['年初预算', '年度预算', '预算', '全年预算', '调整后预算'] as const;

/** 五（二）/（三）: one entry per 类, in the order the narrative lists them. */
const classEntry = obj({
  code: code(),
  /** 五（二） label, e.g. "一般公共服务(类)支出"; default: the catalog name. */
  label: text().optional(),
  /** 五（二） "主要是用于…" */
  purpose: text().optional(),
  /** 五（三） 年初预算 of this 类. */
  budget: amount(),
  /** 五（三） label; default: the catalog name. */
  detail_label: text().optional(),
  /** The word before "为B万元" (default 年初预算) and in "完成…的p%" (default: budget_term). */
  budget_term: z.enum(BUDGET_TERMS).optional(),
  completion_term: z.enum(BUDGET_TERMS).optional(),
  /** Punctuation between "…预算为B万元" and "支出决算为A万元" (default "，"). */
  separator: z.enum(['，', '；']).optional(),
  reason: reason(),
  /** Punctuation before the reason: "，" (default) or "。" (the reason is a new sentence). */
  reason_join: z.enum(['，', '。']).optional(),
});

/** 五（三） 项目支出主要用于: an item is an amount, or a 项 code of the general_budget table whose 项目支出 it is. */
const projectLine = obj({ name: text(), code: code().optional(), amount: amount() });
const projectItem = obj({ name: text(), code: code().optional(), amount: amount(), items: z.array(projectLine).optional() });

/** 九 “三公”: one entry per item. */
const threePublicItem = obj({
  /** 年初预算 (or whichever `budget_basis` names) of this item. */
  budget: amount(),
  /** Last year's 决算 of this item. */
  last_year: amount(),
  /** The printed label (default: the three_public table's name). */
  label: text().optional(),
  reason: reason(),
  /** "主要用于…" (shanghai-2024), without the lead-in and the final "。". */
  purpose: text().optional(),
});

const threePublicItems = {
  overseas: threePublicItem
    .extend({
      /** 全年安排因公出国（境）团组…个、累计…人次 (shanghai-2024). */
      groups: count(),
      people: count(),
      /** "开支内容包括：…" (shanghai-2024). */
      content: text().optional(),
    })
    .optional(),
  /** 公务用车购置及运行维护费 as a whole (its budget and actual are the sums of the two below). */
  vehicle: obj({ label: text().optional(), reason: reason(), last_year: amount() }).optional(),
  vehicle_purchase: threePublicItem
    .extend({
      /** 购置公务用车…辆 (shanghai-2024). */
      count: count(),
    })
    .optional(),
  vehicle_operation: threePublicItem
    .extend({
      /** "其中：燃料费1万元；维修费1.05万元；…" */
      breakdown: z.array(obj({ label: text(), amount: amount() })).optional(),
    })
    .optional(),
  reception: threePublicItem
    .extend({
      /** 国内公务接待支出 (= the three_public table's 公务接待费 决算数), of which 外宾接待支出 (shanghai-2024). */
      domestic: amount(),
      foreign: amount(),
      /** 共接待…批次、…人次，其中：接待外宾…批次、…人次 (shanghai-2024). */
      batches: count(),
      people: count(),
      foreign_batches: count(),
      foreign_people: count(),
    })
    .optional(),
};

/**
 * 五（三） in the form sets that explain the budget 项 by 项 (shanghai-2024): one line per 项 of the
 * general_budget table, in code order. The 决算 comes from that table's row, never from here; the
 * name from the catalog (`name` only for a 项 the catalog lacks).
 */
const itemLine = obj({
  code: code(),
  /** Only for a 项 the year's catalog lacks: its name as the department writes it. */
  name: text().optional(),
  /** "主要用于：…" without the lead-in and the final "。". */
  purpose: text(),
  /** 年初预算 of this 项. */
  budget: amount(),
  /** Why 决算 differs from 年初预算 (without "主要原因："); required exactly when they differ. */
  reason: text().optional(),
});

/** A number of projects and the budget they involve (预算绩效: 编报目标, 跟踪评价). */
const projectCount = obj({ count: int(), amount: amount() });

const performanceProject = obj({
  /** "住房保障中心工作经费": printed "N、<name>项目绩效自评综述：". */
  name: text(),
  /** 预算数 / 执行数 lines quoted in the summary; {budget} {actual} {rate} name the first, {budget2}… the second. */
  funds: z.array(obj({ budget: amount(), actual: amount() })).default([]),
  summary: blocks(),
});

/**
 * 第三部分 as a published report prints it (written by `juesuan import`): each section's heading and
 * paragraphs verbatim, every figure the calculator knows quoted as `{id}` (printed from the computed
 * value, or from `pins:` where the report printed another), the charts where they stood.
 */
const verbatimBlock = z.union([
  text(),
  obj({ line: text() }),
  obj({ h3: text() }),
  obj({ chart: z.enum(['totals', 'income', 'expenditure', 'fiscal']) }),
]);
export const verbatimSection = obj({ heading: text(), blocks: z.array(verbatimBlock).default([]) });
export type VerbatimSection = z.output<typeof verbatimSection>;

export const explanationSchema = obj({
  /** 第三部分 as published, verbatim: printed instead of the form set's sentences (docs/data-format.md). */
  text: z.array(verbatimSection).optional(),
  /** Percent: a change or a completion rate further than this from 0 % / 100 % wants a reason (checker). */
  reason_threshold: int().optional(),
  /** 一 收入支出决算总体情况: last year's 收、支总计 (summary 总计). */
  totals: obj(yearOnYear).optional(),
  /** 四 财政拨款收入支出决算总体情况: last year's 财政拨款收、支总计 (fiscal_summary 总计). */
  fiscal_totals: obj(yearOnYear).optional(),
  /** 五 一般公共预算财政拨款支出. */
  general_budget: obj({
    ...yearOnYear,
    /** 五（三） 年初预算 total as stated; the checker compares it to Σ classes[].budget. */
    budget: amount(),
    classes: z.array(classEntry).optional(),
    projects: z.array(projectItem).optional(),
    /** Why 决算 differs from the 年初预算 (without "主要原因："; shanghai-2024). */
    budget_reason: text().optional(),
    /** 五（三） per 项 (shanghai-2024). */
    items: z.array(itemLine).optional(),
  }).optional(),
  /** 九 “三公”经费. */
  three_public: obj({
    /** Why the total 决算 differs from its budget (without "主要原因："; shanghai-2024). */
    budget_reason: text().optional(),
    /** Which budget the narrative's 预算 is: 年初预算 (as approved) or 调整后预算 (the three_public table's 预算数). */
    budget_basis: z.enum(['年初预算', '调整后预算']),
    /** The word printed in 九（一） ("预算为…，完成预算的…"); default: budget_basis. */
    budget_term: text().optional(),
    /** Stated total budget; default Σ item budgets (or the three_public 预算数 when basis is 调整后预算). */
    budget: amount(),
    last_year: amount(),
    reason: reason(),
    ...threePublicItems,
    /** 年末公务用车保有量 and 开支财政拨款的公务用车保有量. */
    vehicles: obj({ held: int().optional(), fiscal_held: int().optional() }).optional(),
  }).optional(),
  /** 十 机关运行经费: default this year's figure is the basic_detail table's 公用经费合计. */
  admin_operation: obj({
    amount: amount(),
    ...yearOnYear,
    /**
     * The department has 事业单位 (not 参公): they are outside 机关运行经费, which then is at most
     * the basic_detail table's 公用经费合计 instead of equal to it.
     */
    has_public_institutions: z.boolean().optional(),
  }).optional(),
  /** 十一 政府采购. */
  procurement: obj({
    /** Stated total; the checker compares it to goods + works + services. */
    total: amount(),
    goods: amount(),
    works: amount(),
    services: amount(),
    /** 授予中小企业合同金额, of which 授予小微企业合同金额. */
    sme: amount(),
    small_micro: amount(),
    /** 面向中小企业 / 小微企业预留政府采购项目预算金额 (shanghai-2024). */
    reserved: obj({ sme: amount(), small_micro: amount() }).optional(),
    /** 由中小企业 / 小微企业供应商中标或成交的采购金额, in the reserved projects and in the others (shanghai-2024). */
    awarded: obj({ sme_in_reserved: amount(), small_micro_in_reserved: amount(), sme_in_other: amount() }).optional(),
  }).optional(),
  /** 十二 国有资产占用: vehicles by kind ("二级单位车辆 3"), 单价100万元以上设备. */
  assets: obj({
    vehicles: z.array(obj({ label: text(), count: int() })).default([]),
    vehicles_total: int().optional(),
    large_equipment: int().optional(),
  }).optional(),
  /** 十三 预算绩效. Text may quote figures as {performance.count}, {performance.amount}, …. */
  performance: obj({
    /** （一） the sentence after the coverage figures. */
    conclusion: text().optional(),
    /** （二） 部门整体支出自评结果. */
    overall: blocks().optional(),
    /** （三） one per evaluated project, in order. */
    projects: z.array(performanceProject).default([]),
    /** （四） 绩效自评结果应用情况. */
    application: blocks().optional(),
    /** shanghai-2024 十: the 制度 by name (with their 《》), joined by "、". */
    systems: z.array(text()).optional(),
    /** The 工作机制 in the department's words (“事前有评估、…”). */
    mechanism: text().optional(),
    /** 编报绩效目标的项目 and 绩效跟踪评价的项目: count and 涉及预算金额. */
    targets: projectCount.optional(),
    monitoring: projectCount.optional(),
    /** 绩效自评的项目: count, amount, 平均得分 (printed as written), ratings and problems found. */
    self_evaluation: obj({
      count: int(),
      amount: amount(),
      average_score: amount(),
      grades: obj({ excellent: int(), good: int(), pass: int(), fail: int() }),
      problems: obj({ found: int(), fixed: int(), fixing: int() }),
    }).optional(),
  }).optional(),
});

export type Explanation = z.output<typeof explanationSchema>;
export type ExplanationClass = z.output<typeof classEntry>;
export type ExplanationThreePublicItem = z.output<typeof threePublicItem>;
