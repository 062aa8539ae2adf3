import { TABLES, type ColumnOf, type Columns } from '../../model/tables.js';
import type { Cells } from '../tables.js';
import { v, type SectionContext } from './context.js';
import { rateFormula, shareName, type Figure } from './figures.js';
import type { SharePart } from './types.js';

/** The parts of 收入决算表 and 支出决算表 合计 that 二 and 三 share out, in column order. */
const partsOf = <K extends 'income' | 'expenditure'>(key: K) =>
  (TABLES[key].rowSum.parts as readonly ColumnOf<K>[]).map((k) => [k, (TABLES[key].columns as Columns<ColumnOf<K>>)[k].label] as const);
const PARTS = { income: partsOf('income'), expenditure: partsOf('expenditure') };

/** 二 and 三: each non-zero part of the table's 合计 and its share of `total`. */
export function shareParts(ctx: SectionContext, key: 'income' | 'expenditure', total: Figure): SharePart[] {
  const { book, tableName } = ctx;
  const cells: Cells<string> = ctx.tables[key].total;
  return PARTS[key]
    .filter(([k]) => cells[k] && !cells[k].value.isZero())
    .map(([k, label]) => {
      const amount = book.amount(`${key}.${k}`, label, v(cells[k]), `${tableName(key)} 合计 ${label}`);
      const share = book.percent(`${key}.${k}.share`, shareName(label, total.name), amount.value, total.value, rateFormula(label, total.name));
      return { key: k, label, amount, share };
    });
}
