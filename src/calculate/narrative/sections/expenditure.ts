import { structurePie } from '../charts.js';
import { shared, v, type SectionContext } from '../context.js';
import type { Figure } from '../figures.js';
import type { SectionOutput } from '../types.js';
import { shareParts } from '../share-parts.js';

/** 本年支出合计: 三's total, and the whole of 五's share. */
export function expenditureTotal(ctx: SectionContext): Figure {
  const { tables } = ctx;
  return shared(ctx, 'expenditure.total', () =>
    ctx.book.amount('expenditure.total', '本年支出合计', v(tables.summary.expenditureTotal ?? tables.expenditure.total.total), `${ctx.tableName('summary')} 本年支出合计`),
  );
}

/** 三 支出决算: 本年支出合计 and each kind's share (基本, 项目, …), and its pie chart. */
export function computeExpenditure(ctx: SectionContext): SectionOutput {
  const total = expenditureTotal(ctx);
  const parts = shareParts(ctx, 'expenditure', total);
  return { expenditure: { total, parts }, charts: { expenditure: structurePie(parts) } };
}
