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
});

const threePublicItems = {
  overseas: threePublicItem.optional(),
  /** 公务用车购置及运行维护费 as a whole (its budget and actual are the sums of the two below). */
  vehicle: obj({ label: text().optional(), reason: reason() }).optional(),
  vehicle_purchase: threePublicItem.optional(),
  vehicle_operation: threePublicItem
    .extend({
      /** "其中：燃料费1万元；维修费1.05万元；…" */
      breakdown: z.array(obj({ label: text(), amount: amount() })).optional(),
    })
    .optional(),
  reception: threePublicItem.optional(),
};

const performanceProject = obj({
  /** "住房保障中心工作经费": printed "N、<name>项目绩效自评综述：". */
  name: text(),
  /** 预算数 / 执行数 lines quoted in the summary; {budget} {actual} {rate} name the first, {budget2}… the second. */
  funds: z.array(obj({ budget: amount(), actual: amount() })).default([]),
  summary: blocks(),
});

export const explanationSchema = obj({
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
  }).optional(),
  /** 九 “三公”经费. */
  three_public: obj({
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
  admin_operation: obj({ amount: amount(), ...yearOnYear }).optional(),
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
  }).optional(),
});

export type Explanation = z.output<typeof explanationSchema>;
export type ExplanationClass = z.output<typeof classEntry>;
export type ExplanationThreePublicItem = z.output<typeof threePublicItem>;
