import { Decimal } from 'decimal.js';
import type { Change, Figure } from './figures.js';
import type { Bar, BarChart, PieChart, SharePart } from './types.js';

/**
 * The numbers of a chart; its words (caption, group and series labels, units) are the section
 * template's. The composer numbers the charts of the text in order.
 */
export type Unnumbered<C> = Omit<C, 'number'>;

/** The chart's own figure for its geometry: exact to 0.01 万元 (what it prints is the figure's text). */
const value = (d: Decimal | undefined): string => (d ?? new Decimal(0)).toFixed(2);

/** 收入总计 and 支出总计, last year beside this year when last year is known. */
export function totalsBars(income: Figure, expenditure: Figure, change: Change | undefined, year: number): Unnumbered<BarChart> {
  const bar = (f: Figure): Bar => ({ value: value(f.value), figure: f });
  const bars = (f: Figure) => (change ? [bar(change.previous), bar(f)] : [bar(f)]);
  return { kind: 'bars', years: change ? [year - 1, year] : [year], income: bars(income), expenditure: bars(expenditure) };
}

/** The non-zero parts of a total, each with its amount and share; none, no chart (and no number taken). */
export function structurePie(parts: SharePart[]): Unnumbered<PieChart> | undefined {
  if (parts.length === 0) return undefined;
  return { kind: 'pie', slices: parts.map((p) => ({ ...p, value: value(p.amount.value) })) };
}
