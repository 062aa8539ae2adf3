import { Decimal } from 'decimal.js';
import type { Change, Figure } from './figures.js';
import type { Bar, BarChart, PieChart, SharePart } from './types.js';

/**
 * The numbers of a chart; its words (caption, group and series labels, units) are the section
 * template's. The composer numbers the charts of the text in order.
 */
export type Unnumbered<C> = Omit<C, 'number'>;

const NUMBER = /^\d+(?:\.\d+)?$/;

/**
 * The chart's own figure for its geometry: the value its label states, so that a bar or slice is
 * drawn at the height its label prints (a pinned figure prints the published value, not the
 * tables'); to 0.01 万元.
 */
const value = (f: Figure): string => {
  const label = f.text?.replace(/,/g, '');
  return (label !== undefined && NUMBER.test(label) ? new Decimal(label) : (f.value ?? new Decimal(0))).toFixed(2);
};

/** 收入总计 and 支出总计, last year beside this year when last year is known. */
export function totalsBars(income: Figure, expenditure: Figure, change: Change | undefined, year: number): Unnumbered<BarChart> {
  const bar = (f: Figure): Bar => ({ value: value(f), figure: f });
  const bars = (f: Figure) => (change ? [bar(change.previous), bar(f)] : [bar(f)]);
  return { kind: 'bars', years: change ? [year - 1, year] : [year], income: bars(income), expenditure: bars(expenditure) };
}

/** The non-zero parts of a total, each with its amount and share; none, no chart (and no number taken). */
export function structurePie(parts: SharePart[]): Unnumbered<PieChart> | undefined {
  if (parts.length === 0) return undefined;
  return { kind: 'pie', slices: parts.map((p) => ({ ...p, value: value(p.amount) })) };
}
