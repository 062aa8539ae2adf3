import { Decimal } from 'decimal.js';
import { roundPrinted } from '../../calculate/rounding.js';
import type { GridCell } from './sheet-grid.js';

export type Unit = '元' | '万元';

export type AmountRead = { kind: 'blank' } | { kind: 'amount'; text: string; value: Decimal; exact: Decimal } | { kind: 'error'; message: string };

/** Text that stands for an amount: digits with thousands separators and a sign (NFKC has made full-width ones plain). */
const NUMBER_TEXT = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
/** Cells the forms leave empty in other ways. */
const BLANK_TEXT = /^(-|—|–|--|——|…|\.\.\.|……)?$/;

/**
 * A cell of an amount column → the amount in 万元 as the data file writes it: two decimals (each
 * cell rounded by the report's rule, from 元 when the workbook is in 元), or, where a table keeps
 * the written precision (`keepDecimals`: Wuhan's 三公), the decimals the cell shows.
 */
export function readAmount(cell: GridCell | undefined, unit: Unit, keepDecimals = false): AmountRead {
  if (!cell || cell.mergedInto) return { kind: 'blank' };
  if (cell.uncalculated) return { kind: 'error', message: '公式没有计算结果（工作簿保存时未重新计算）；请在 Excel 中打开、重新计算并保存后再导入' };
  let exact: Decimal;
  if (cell.number !== undefined) {
    // The shortest text that reads back as the same double: what the spreadsheet shows, not its binary tail.
    exact = new Decimal(String(cell.number));
  } else {
    const text = cell.text.replace(/\s+/g, '').replace(/，/g, ',');
    if (BLANK_TEXT.test(text)) return { kind: 'blank' };
    if (!NUMBER_TEXT.test(text)) return { kind: 'error', message: `金额栏中是“${cell.text}”，不是数字` };
    exact = new Decimal(text.replace(/,/g, ''));
  }
  if (exact.isNegative()) return { kind: 'error', message: `金额为负数（${exact.toString()}），决算公开表中不应出现` };
  const wan = unit === '元' ? exact.div(10000) : exact;
  const shown = keepDecimals && unit === '万元' ? shownDecimals(cell, wan) : 2;
  const value = roundPrinted(wan, shown);
  return { kind: 'amount', text: value.toFixed(shown), value, exact: wan };
}

/** The decimals a cell's number format shows ("#,##0.0" → 1); without a format, as few as the value needs (at most 2). */
function shownDecimals(cell: GridCell, value: Decimal): number {
  const fmt = cell.numFmt && cell.numFmt !== 'General' && cell.numFmt !== '@' ? cell.numFmt : undefined;
  if (fmt) {
    const m = /\.(0+)/.exec(fmt.split(';')[0]!);
    return m ? Math.min(2, m[1]!.length) : 0;
  }
  return Math.min(2, value.decimalPlaces());
}
