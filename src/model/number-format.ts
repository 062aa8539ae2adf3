import { Decimal } from 'decimal.js';
import type { Amount } from './amount.js';

/**
 * How the report prints numbers, in one place: the tables' fixed form, and the prose of 第三部分
 * under the form set's rule. The calculator formats the narrative's figures with it and the
 * templates format the tables with it, so neither stage imports the other for it.
 */

/**
 * The prose rules a form set chooses from (profile.yaml `numbers:`):
 * - `trim`: at most two decimals, trailing zeros dropped: 3105.2万元, 1679万元, 100% (Wuhan);
 * - `fixed2`: always two decimals: 3105.20万元, 0.00万元, 100.00% (Shanghai).
 * Both round half up to 0.01 and print no thousands separator.
 */
export const PROSE_RULES = ['trim', 'fixed2'] as const;
export type ProseRule = (typeof PROSE_RULES)[number];

/** A number in prose under a form set's rule (11314.64, 1679 or 1679.00). */
export function proseNumber(d: Decimal | Amount | undefined | null, rule: ProseRule = 'trim'): string {
  if (d === undefined || d === null) return rule === 'fixed2' ? '0.00' : '0';
  const v = d instanceof Decimal ? d : d.value;
  const fixed = v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return rule === 'fixed2' ? fixed : fixed.replace(/\.?0+$/, '');
}

/** Tables: thousands separators, two decimals, blank for an empty cell (11,314.64). */
export function tableAmount(a: Amount | undefined | null): string {
  if (!a) return '';
  return groupThousands(a.value.toFixed(2));
}

/** The precision the data gave (the 三公 table prints "19.6" and "19.50" as published). */
export function writtenAmount(a: Amount | undefined | null): string {
  if (!a) return '';
  return groupThousands(a.value.toFixed(a.decimals));
}

export function groupThousands(fixed: string): string {
  const [int, frac] = fixed.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${sign}${grouped}.${frac}` : `${sign}${grouped}`;
}
