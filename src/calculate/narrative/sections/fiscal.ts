import { totalsBars } from '../charts.js';
import { reasonOf, v, type SectionContext } from '../context.js';
import type { SectionOutput } from '../types.js';

/** 四 财政拨款收入支出决算总体情况: 财政拨款收、支总计 against last year, and its bar chart. */
export function computeFiscal(ctx: SectionContext): SectionOutput {
  const { book, tables, ex, root: X, tableName } = ctx;
  const grandTotal = book.amount('fiscal.grand_total', '财政拨款收入总计', v(tables.fiscal_summary.incomeGrandTotal), `${tableName('fiscal_summary')} 收入总计`);
  const expenditureGrandTotal = book.amount('fiscal.expenditure_grand_total', '财政拨款支出总计', v(tables.fiscal_summary.expenditureGrandTotal.total), `${tableName('fiscal_summary')} 支出总计 合计`);
  const change = book.change('fiscal', '财政拨款收入总计', grandTotal, v(ex.fiscal_totals?.last_year), [...X, 'fiscal_totals', 'last_year']);
  return {
    fiscal: { grandTotal, expenditureGrandTotal, change, reason: reasonOf(ex.fiscal_totals?.reason, [...X, 'fiscal_totals', 'reason']) },
    charts: { fiscal: totalsBars(grandTotal, expenditureGrandTotal, change, ctx.year) },
  };
}
