import { Decimal } from 'decimal.js';
import type { Amount } from './amount.js';

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

/** Prose: no separator, at most two decimals, trailing zeros dropped (1679万元, 11314.64万元). */
export function proseNumber(d: Decimal | Amount | undefined | null): string {
  if (d === undefined || d === null) return '0';
  const v = d instanceof Decimal ? d : d.value;
  return v.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2).replace(/\.?0+$/, '');
}

/** 2024-10-25 → 2024年10月25日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
