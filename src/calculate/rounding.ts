import { Decimal } from 'decimal.js';

/**
 * The one rounding rule of the report: half up ("四舍五入"), to the printed precision.
 * Tables print amounts to 0.01 万元; percentages print to 0.01 %.
 */
export const PRINTED_ROUNDING = Decimal.ROUND_HALF_UP;

export function roundPrinted(value: Decimal, places = 2): Decimal {
  return value.toDecimalPlaces(places, PRINTED_ROUNDING);
}

/** part / whole × 100, rounded by the report's rule; undefined when the whole is zero. */
export function percentOf(part: Decimal, whole: Decimal): Decimal | undefined {
  if (whole.isZero()) return undefined;
  return roundPrinted(part.div(whole).times(100));
}

/**
 * 尾数误差: each printed figure is rounded to 0.01 万元 from exact yuan, so a printed total may
 * differ from the sum of its n printed parts by up to 0.005 × (n + 1) 万元. Within it: a warning;
 * beyond: an error. `TAIL_PER_FIGURE` is the half-step of the printed precision.
 */
export const TAIL_PER_FIGURE = new Decimal('0.005');

export function tailTolerance(parts: number): Decimal {
  return TAIL_PER_FIGURE.times(parts + 1);
}
