import type { Diagnostic } from '../model/diagnostics.js';
import type { CheckContext } from './context.js';

/**
 * One checker rule. `id` is stable (documented in docs/checks.md, used in `juesuan check` output
 * and in tests); `description` is one line of Chinese for the rule list.
 */
export interface Rule {
  id: string;
  description: string;
  /**
   * The rule reads `ctx.printed` (the words as laid out, or a published PDF's). Only these rules
   * see printed words, and only these run again once the report is laid out (checkBeforeLayout);
   * tests/check-printed-declared.test.ts fails for a rule that reads them without saying so.
   */
  readsPrinted?: true;
  run(ctx: CheckContext): Diagnostic[];
}

/** A rule family: one file under src/check/rules/, one line in src/check/registry.ts. */
export interface RuleFamily {
  family: string;
  rules: Rule[];
}
