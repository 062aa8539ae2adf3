import { Decimal } from 'decimal.js';

/** An amount in 万元 exactly as the source wrote it: the value, and where it came from. */
export interface Amount {
  value: Decimal;
  /** The literal as written (keeps "19.6" vs "19.60"). */
  text: string;
  /** Decimals as written; tables print 2 unless a table keeps the written precision (三公). */
  decimals: number;
  line?: number;
  column?: number;
}

export function amountFromText(text: string, line?: number, column?: number): Amount {
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return { value: new Decimal(text), text, decimals, line, column };
}

/** A computed amount (no source position). */
export function computedAmount(value: Decimal): Amount {
  return { value, text: value.toFixed(2), decimals: 2 };
}

export const ZERO = new Decimal(0);

/** Value of an optional amount, blank counting as zero (as the forms mean a blank cell). */
export function val(a: Amount | undefined | null): Decimal {
  return a ? a.value : ZERO;
}
