/**
 * Every section 第三部分 can have, by id (a form set's `narrative.sections` lists some of them,
 * in its order). Each id has a function in sections/<id>.ts and a partial in
 * templates/part3/sections/<id>.hbs.
 */
export const NARRATIVE_SECTION_IDS = [
  'totals', // 收入支出决算总体情况
  'income', // 收入决算
  'expenditure', // 支出决算
  'fiscal', // 财政拨款收入支出决算总体情况
  'general_budget', // 一般公共预算财政拨款支出 (总体, 结构, 具体)
  'basic', // 一般公共预算财政拨款基本支出
  'government_fund', // 政府性基金预算财政拨款收入支出
  'state_capital', // 国有资本经营预算财政拨款支出
  'three_public', // 财政拨款“三公”经费支出
  'admin_operation', // 机关运行经费
  'procurement', // 政府采购
  'assets', // 国有资产占用
  'performance', // 预算绩效
] as const;

export type NarrativeSectionId = (typeof NARRATIVE_SECTION_IDS)[number];

/**
 * The sections of hubei-wuhan-2023, 一 … 十三: the list for a form set that gives none (written out,
 * so that a section added for another form set does not enter Wuhan's text).
 */
export const DEFAULT_NARRATIVE_SECTIONS: readonly NarrativeSectionId[] = [
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
];

export function isNarrativeSectionId(id: unknown): id is NarrativeSectionId {
  return typeof id === 'string' && (NARRATIVE_SECTION_IDS as readonly string[]).includes(id);
}
