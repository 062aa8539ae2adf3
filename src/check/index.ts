import type { Calculated } from '../calculate/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { PrintedText } from '../model/printed-text.js';
import { CheckContext, type CheckOptions } from './context.js';
import type { Rule } from './rule.js';
import { allRules } from './registry.js';

export type { CheckOptions } from './context.js';
export type { Rule, RuleFamily } from './rule.js';
export { RULE_FAMILIES, allRules } from './registry.js';

/**
 * Runs every rule over the calculated report (勾稽关系, catalog, completeness). Findings are
 * deterministic and sorted by line, then rule id, then column and message. A difference within
 * 尾数误差 (`tailTolerance(n)`, or `options.tolerancePerFigure` × (n + 1)) is a warning, beyond it an error.
 * The rules that read printed words (Rule.readsPrinted) need `options.printed` (the laid-out
 * report's words, or a published PDF's); without it they find nothing in them.
 */
export function runChecks(calc: Calculated, options: CheckOptions = {}): Diagnostic[] {
  return sortDiagnostics(runRules(checkedRules(), calc, options).flat());
}

/** The checker's verdict before layout, and how to complete it once the words are laid out. */
export interface FirstPass {
  /** Every rule's findings, without printed words: errors here keep the report from layout. */
  findings: Diagnostic[];
  /**
   * The findings with the words as laid out: what `runChecks(calc, { printed })` finds, with only
   * the rules that read printed words run again and the others' findings of this pass kept.
   */
  afterLayout(printed: readonly PrintedText[]): Diagnostic[];
}

/**
 * The checker as render, check, batch and the studio run it: every rule before layout, then,
 * once laid out, only the rules that read printed words again: the others' findings cannot change.
 */
export function checkBeforeLayout(calc: Calculated, options: Omit<CheckOptions, 'printed'> = {}): FirstPass {
  const rules = checkedRules();
  const byRule = runRules(rules, calc, options);
  return {
    findings: sortDiagnostics(byRule.flat()),
    afterLayout(printed) {
      const ctx = new CheckContext(calc, { ...options, printed });
      // In the rules' order, as runChecks gathers them, so that ties sort the same.
      return sortDiagnostics(rules.flatMap((rule, i) => (rule.readsPrinted ? rule.run(ctx) : byRule[i]!)));
    },
  };
}

/**
 * Each rule's findings, in the rules' order. A rule that does not declare `readsPrinted` gets a
 * context without printed words whatever the caller has, so its findings cannot change once
 * the report is laid out, and the first pass's stand.
 */
function runRules(rules: readonly Rule[], calc: Calculated, options: CheckOptions): Diagnostic[][] {
  const { printed, ...rest } = options;
  const plain = new CheckContext(calc, rest);
  const withWords = printed ? new CheckContext(calc, options) : plain;
  return rules.map((rule) => rule.run(rule.readsPrinted ? withWords : plain));
}

function checkedRules(): Rule[] {
  const rules = allRules();
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) throw new Error(`duplicate check rule id: ${rule.id}`);
    ids.add(rule.id);
  }
  return rules;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const key = (n: number | undefined) => (n === undefined ? Number.MAX_SAFE_INTEGER : n);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...ds].sort(
    (a, b) =>
      key(a.line) - key(b.line) ||
      cmp(a.rule, b.rule) ||
      key(a.column) - key(b.column) ||
      cmp(a.message, b.message) ||
      cmp(a.severity, b.severity),
  );
}
