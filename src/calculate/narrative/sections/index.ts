import type { SectionContext } from '../context.js';
import type { NarrativeSectionId } from '../../../model/narrative-sections.js';
import type { SectionOutput } from '../types.js';
import { computeAdminOperation } from './admin_operation.js';
import { computeAssets } from './assets.js';
import { computeBasic } from './basic.js';
import { computeExpenditure } from './expenditure.js';
import { computeFiscal } from './fiscal.js';
import { computeGeneralBudget } from './general_budget.js';
import { computeGovernmentFund } from './government_fund.js';
import { computeIncome } from './income.js';
import { computePerformance } from './performance.js';
import { computeProcurement } from './procurement.js';
import { computeStateCapital } from './state_capital.js';
import { computeThreePublic } from './three_public.js';
import { computeTotals } from './totals.js';
import { computeGeneralBudgetByItem } from './general_budget_by_item.js';
import { computeThreePublicDetail } from './three_public_detail.js';
import { computeProcurementSme } from './procurement_sme.js';
import { computePerformanceCounts } from './performance_counts.js';

export type NarrativeSectionCompute = (ctx: SectionContext) => SectionOutput;

/** Each section of 第三部分 by id: the function that computes its figures. */
export const NARRATIVE_SECTIONS: Readonly<Record<NarrativeSectionId, NarrativeSectionCompute>> = {
  totals: computeTotals,
  income: computeIncome,
  expenditure: computeExpenditure,
  fiscal: computeFiscal,
  general_budget: computeGeneralBudget,
  basic: computeBasic,
  government_fund: computeGovernmentFund,
  state_capital: computeStateCapital,
  three_public: computeThreePublic,
  admin_operation: computeAdminOperation,
  procurement: computeProcurement,
  assets: computeAssets,
  performance: computePerformance,
  general_budget_by_item: computeGeneralBudgetByItem,
  three_public_detail: computeThreePublicDetail,
  procurement_sme: computeProcurementSme,
  performance_counts: computePerformanceCounts,
  // a heading only: its sub-sections compute their own figures
  other_matters: () => ({}),
};
