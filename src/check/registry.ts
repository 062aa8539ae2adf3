import type { Rule, RuleFamily } from './rule.js';
import { completenessRules } from './rules/completeness.js';
import { catalogRules } from './rules/catalog.js';
import { classTableRules } from './rules/class-tables.js';
import { summaryRules } from './rules/summary.js';
import { fiscalSummaryRules } from './rules/fiscal-summary.js';
import { basicDetailRules } from './rules/basic-detail.js';
import { threePublicRules } from './rules/three-public.js';
import { crossRules } from './rules/cross.js';
import { subsetRules } from './rules/subset.js';
import { formRules } from './rules/forms.js';
import { narrativeRules } from './rules/narrative.js';
import { narrativeCountRules } from './rules/narrative-counts.js';
import { textRules } from './rules/text.js';
import { todoRules } from './rules/todo.js';
import { printedNameRules } from './rules/printed-names.js';
import { printedFigureRules } from './rules/printed-figures.js';
import { printedPartRules } from './rules/printed-parts.js';
import { printedRateRules } from './rules/printed-rates.js';

/**
 * Every rule family, one line each. A new family (e.g. 第三部分 narrative, 第六部分 forms) is a file
 * under src/check/rules/ exporting a RuleFamily, plus one line here and its rows in docs/checks.md.
 * A rule that reads ctx.printed declares `readsPrinted: true` (src/check/rule.ts).
 */
export const RULE_FAMILIES: readonly RuleFamily[] = [
  completenessRules,
  catalogRules,
  classTableRules,
  summaryRules,
  fiscalSummaryRules,
  basicDetailRules,
  threePublicRules,
  crossRules,
  subsetRules,
  formRules,
  narrativeRules,
  narrativeCountRules,
  textRules,
  todoRules,
  printedNameRules,
  printedFigureRules,
  printedRateRules,
  printedPartRules,
];

export function allRules(): Rule[] {
  return RULE_FAMILIES.flatMap((f) => f.rules);
}
