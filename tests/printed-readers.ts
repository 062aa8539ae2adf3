import type { Calculated } from '../src/calculate/index.js';
import { allRules, type Rule } from '../src/check/index.js';
import { CheckContext, type CheckOptions } from '../src/check/context.js';

/**
 * The ids of the rules that read ctx.printed without declaring `readsPrinted`: each rule is run
 * with a context that records the read (the checker itself never hands such a rule the words, so
 * the slip would only show as findings missing their page). The read is recorded whatever the
 * words are, but only on the paths the input makes the rule take: run it where the rule finds
 * something (the check harness does, for every case of tests/check-rules.test.ts).
 */
export function undeclaredReaders(calc: Calculated, options: CheckOptions = {}, rules: readonly Rule[] = allRules()): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    let read = false;
    const ctx: CheckContext = new Proxy(new CheckContext(calc, { ...options, printed: options.printed ?? [] }), {
      get(target, prop) {
        if (prop === 'printed') read = true;
        const value = Reflect.get(target, prop, target);
        // the context's own methods read through the recording context too
        return typeof value === 'function' ? value.bind(ctx) : value;
      },
    });
    rule.run(ctx);
    if (read && !rule.readsPrinted) out.push(rule.id);
  }
  return out;
}
