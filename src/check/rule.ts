import type { Diagnostic } from '../model/diagnostics.js';
import type { CheckContext } from './context.js';

/**
 * One checker rule. `id` is stable (documented in docs/checks.md, used in `juesuan check` output
 * and in tests); `description` is one line of Chinese for the rule list.
 */
export interface Rule {
  id: string;
  description: string;
  run(ctx: CheckContext): Diagnostic[];
}

/** A rule family: one file under src/check/rules/, one line in src/check/registry.ts. */
export interface RuleFamily {
  family: string;
  rules: Rule[];
}
