/**
 * Every section 第三部分 (情况说明) can have, by id. A form set's `narrative.sections` lists some of
 * them in its order; the calculator has a function for each (src/calculate/narrative/sections/<id>.ts)
 * and the templates a partial (templates/part3/sections/<id>.hbs). Here, below the loader, so that
 * a profile's list and a department file's `explanation:` are checked against it when they are read.
 */
export const NARRATIVE_SECTION_IDS = [
  'totals',
  'income',
  'expenditure',
  'fiscal',
  'general_budget',
  'basic',
  'government_fund',
  'state_capital',
  'three_public',
  'admin_operation',
  'procurement',
  'assets',
  'performance',
  // the form sets that explain the budget 项 by 项 and quote counts (shanghai-2024)
  'general_budget_by_item',
  'three_public_detail',
  'procurement_sme',
  'performance_counts',
  // a heading over sub-sections (shanghai-2024's 十一 其他重要事项的情况说明)
  'other_matters',
] as const;

export type NarrativeSectionId = (typeof NARRATIVE_SECTION_IDS)[number];

export function isNarrativeSectionId(id: unknown): id is NarrativeSectionId {
  return typeof id === 'string' && (NARRATIVE_SECTION_IDS as readonly string[]).includes(id);
}

/**
 * What each section is called in messages, and the keys of `explanation:` it reads, as dotted paths
 * (so a file that gives one under a form set without the section gives data nothing prints).
 * Sections computed from the tables alone read none. Where two sections claim nested keys, the most
 * specific claim decides: `general_budget.items` is general_budget_by_item's even though
 * `general_budget` is general_budget's. `reason_threshold` serves every section and is no section's.
 */
export const NARRATIVE_SECTION_INFO: Readonly<Record<NarrativeSectionId, { name: string; inputs: readonly string[] }>> = {
  totals: { name: '收入支出决算总体情况', inputs: ['totals'] },
  income: { name: '收入决算', inputs: [] },
  expenditure: { name: '支出决算', inputs: [] },
  fiscal: { name: '财政拨款收入支出决算总体情况', inputs: ['fiscal_totals'] },
  // the keys it shares with general_budget_by_item are claimed by both, at the same depth
  general_budget: { name: '一般公共预算财政拨款支出', inputs: ['general_budget', 'general_budget.last_year', 'general_budget.reason', 'general_budget.budget'] },
  basic: { name: '一般公共预算财政拨款基本支出', inputs: [] },
  government_fund: { name: '政府性基金预算财政拨款收入支出', inputs: [] },
  state_capital: { name: '国有资本经营预算财政拨款支出', inputs: [] },
  three_public: { name: '财政拨款“三公”经费支出', inputs: ['three_public'] },
  admin_operation: { name: '机关运行经费', inputs: ['admin_operation'] },
  procurement: { name: '政府采购', inputs: ['procurement'] },
  assets: { name: '国有资产占用', inputs: ['assets'] },
  performance: { name: '预算绩效', inputs: ['performance'] },
  general_budget_by_item: {
    name: '一般公共预算财政拨款支出（按项说明）',
    inputs: ['general_budget.last_year', 'general_budget.reason', 'general_budget.budget', 'general_budget.budget_reason', 'general_budget.items'],
  },
  three_public_detail: {
    name: '财政拨款“三公”经费支出（团组、批次、车辆）',
    inputs: [
      'three_public',
      'three_public.budget_reason',
      'three_public.overseas.groups',
      'three_public.overseas.people',
      'three_public.overseas.content',
      'three_public.vehicle.last_year',
      'three_public.vehicle_purchase.purpose',
      'three_public.vehicle_purchase.count',
      'three_public.vehicle_operation.purpose',
      'three_public.reception.purpose',
      'three_public.reception.domestic',
      'three_public.reception.foreign',
      'three_public.reception.batches',
      'three_public.reception.people',
      'three_public.reception.foreign_batches',
      'three_public.reception.foreign_people',
    ],
  },
  procurement_sme: { name: '政府采购（面向中小企业预留）', inputs: ['procurement', 'procurement.reserved', 'procurement.awarded'] },
  performance_counts: {
    name: '预算绩效管理情况（制度、项目数和评级）',
    inputs: ['performance.systems', 'performance.mechanism', 'performance.targets', 'performance.monitoring', 'performance.self_evaluation'],
  },
  other_matters: { name: '其他重要事项', inputs: [] },
};

/**
 * A section that is a heading over others (its sub-sections are listed under it in the profile:
 * `{id: other_matters, sections: [admin_operation, procurement, assets]}`).
 */
export const NARRATIVE_GROUP_IDS: readonly NarrativeSectionId[] = ['other_matters'];

/** A section that prints another's figures in other words, with more inputs: rules about the other apply to it. */
export const NARRATIVE_SECTION_BASE: Readonly<Partial<Record<NarrativeSectionId, NarrativeSectionId>>> = {
  general_budget_by_item: 'general_budget',
  three_public_detail: 'three_public',
  procurement_sme: 'procurement',
};
