import type { HelperDelegate, HelperOptions } from 'handlebars';
import { chineseDate } from '../model/format.js';
import { chineseNumber, proseNumber, tableAmount, writtenAmount } from '../model/number-format.js';
import { registerFormHelpers } from './form-helpers.js';
import { registerWordingHelpers, ruleOf } from './wording.js';

type HB = typeof import('handlebars');

/** Formatting and small logic helpers; wording lives in the templates, rules in calculate/. */
export function registerHelpers(hb: HB): void {
  const helpers: Record<string, HelperDelegate> = {
    amt: (a) => tableAmount(a),
    written: (a) => writtenAmount(a),
    prose: (a, options: HelperOptions) => proseNumber(a, ruleOf(options)),
    date: (s: string) => chineseDate(s),
    cn: (n: number) => chineseNumber(n),
    inc: (n: number) => n + 1,
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    not: (a: unknown) => !a,
    len: (a: unknown[]) => (Array.isArray(a) ? a.length : 0),
    isString: (a: unknown) => typeof a === 'string',
    concat: (...args: unknown[]) => args.slice(0, -1).join(''),
    array: (...args: unknown[]) => args.slice(0, -1),
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  registerFormHelpers(hb);
  registerWordingHelpers(hb);
}
