import type { Calculated } from '../calculate/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { CheckContext, type CheckOptions } from './context.js';
import { allRules } from './registry.js';

export type { CheckOptions } from './context.js';
export type { Rule, RuleFamily } from './rule.js';
export { RULE_FAMILIES, allRules } from './registry.js';

/**
 * Runs every rule over the calculated report (勾稽关系, catalog, completeness). Findings are
 * deterministic and sorted by line, then rule id, then column and message. A difference within
 * 尾数误差 (`tailTolerance(n)`, or `options.tolerancePerFigure` × (n + 1)) is a warning, beyond it an error.
 * The rules that read printed words need `options.printed` (the laid-out report's words, or a
 * published PDF's); without it they find nothing.
 */
export function runChecks(calc: Calculated, options: CheckOptions = {}): Diagnostic[] {
  const ctx = new CheckContext(calc, options);
  const ids = new Set<string>();
  const out: Diagnostic[] = [];
  for (const rule of allRules()) {
    if (ids.has(rule.id)) throw new Error(`duplicate check rule id: ${rule.id}`);
    ids.add(rule.id);
    out.push(...rule.run(ctx));
  }
  return sortDiagnostics(out);
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
