import { structurePie } from '../charts.js';
import { v, type SectionContext } from '../context.js';
import type { SectionOutput } from '../types.js';
import { shareParts } from '../share-parts.js';

/** 二 收入决算: 本年收入合计 and each source's share, and its pie chart. */
export function computeIncome(ctx: SectionContext): SectionOutput {
  const { tables } = ctx;
  const total = ctx.book.amount('income.total', '本年收入合计', v(tables.summary.incomeTotal ?? tables.income.total.total), `${ctx.tableName('summary')} 本年收入合计`);
  const parts = shareParts(ctx, 'income', total);
  return { income: { total, parts }, charts: { income: structurePie(parts) } };
}
