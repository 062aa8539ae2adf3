import { Decimal } from 'decimal.js';
import type { Change, Figure } from './figures.js';
import type { BarChart, PieChart, SharePart } from './types.js';

/** A chart as a section draws it; the composer numbers the charts of the text in order. */
export type Unnumbered<C> = Omit<C, 'number'>;

const fixed = (d: Decimal | undefined): string => (d ?? new Decimal(0)).toFixed(2);

/** 收入总计 and 支出总计, last year beside this year when last year is known. */
export function totalsBars(caption: string, income: Figure, expenditure: Figure, change: Change | undefined, year: number): Unnumbered<BarChart> {
  const series = change ? [`${year - 1}年度`, `${year}年度`] : [`${year}年度`];
  const bar = (f: Figure) => ({ value: fixed(f.value), text: f.text ?? '' });
  const group = (label: string, f: Figure) => ({ label, bars: change ? [bar(change.previous), bar(f)] : [bar(f)] });
  return { kind: 'bars', caption, unit: '万元', series, groups: [group('收入总计', income), group('支出总计', expenditure)] };
}

/** The non-zero parts of a total, each with its printed amount and share. */
export function structurePie(caption: string, parts: SharePart[]): Unnumbered<PieChart> {
  return {
    kind: 'pie',
    caption,
    unit: '万元',
    slices: parts.map((p) => ({ label: p.label, value: fixed(p.amount.value), text: `${p.amount.text}万元，${p.share.text ?? ''}%` })),
  };
}
