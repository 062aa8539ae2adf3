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
] as const;

export type NarrativeSectionId = (typeof NARRATIVE_SECTION_IDS)[number];

export function isNarrativeSectionId(id: unknown): id is NarrativeSectionId {
  return typeof id === 'string' && (NARRATIVE_SECTION_IDS as readonly string[]).includes(id);
}

/**
 * What each section is called in messages, and the keys of `explanation:` that only it reads (so a
 * file that gives one under a form set without the section gives data nothing prints). Sections
 * computed from the tables alone read none. `reason_threshold` serves every section and is no
 * section's.
 */
export const NARRATIVE_SECTION_INFO: Readonly<Record<NarrativeSectionId, { name: string; inputs: readonly string[] }>> = {
  totals: { name: '收入支出决算总体情况', inputs: ['totals'] },
  income: { name: '收入决算', inputs: [] },
  expenditure: { name: '支出决算', inputs: [] },
  fiscal: { name: '财政拨款收入支出决算总体情况', inputs: ['fiscal_totals'] },
  general_budget: { name: '一般公共预算财政拨款支出', inputs: ['general_budget'] },
  basic: { name: '一般公共预算财政拨款基本支出', inputs: [] },
  government_fund: { name: '政府性基金预算财政拨款收入支出', inputs: [] },
  state_capital: { name: '国有资本经营预算财政拨款支出', inputs: [] },
  three_public: { name: '财政拨款“三公”经费支出', inputs: ['three_public'] },
  admin_operation: { name: '机关运行经费', inputs: ['admin_operation'] },
  procurement: { name: '政府采购', inputs: ['procurement'] },
  assets: { name: '国有资产占用', inputs: ['assets'] },
  performance: { name: '预算绩效', inputs: ['performance'] },
};
