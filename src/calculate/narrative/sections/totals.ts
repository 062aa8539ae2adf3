import { totalsBars } from '../charts.js';
import { reasonOf, v, type SectionContext } from '../context.js';
import type { SectionOutput } from '../types.js';

/** 一 收入支出决算总体情况: 收、支总计 against last year, and its bar chart. */
export function computeTotals(ctx: SectionContext): SectionOutput {
  const { book, tables, ex, root: X, tableName } = ctx;
  const grandTotal = book.amount('totals.grand_total', '收入总计', v(tables.summary.incomeGrandTotal), `${tableName('summary')} 收入总计`);
  const expenditureGrandTotal = book.amount('totals.expenditure_grand_total', '支出总计', v(tables.summary.expenditureGrandTotal), `${tableName('summary')} 支出总计`);
  const change = book.change('totals', '收入总计', grandTotal, v(ex.totals?.last_year), [...X, 'totals', 'last_year']);
  return {
    totals: { grandTotal, expenditureGrandTotal, change, reason: reasonOf(ex.totals?.reason, [...X, 'totals', 'reason']) },
    charts: { totals: totalsBars(grandTotal, expenditureGrandTotal, change, ctx.year) },
  };
}
