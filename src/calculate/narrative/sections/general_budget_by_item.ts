import { Decimal } from 'decimal.js';
import { reasonOf, v, type SectionContext } from '../context.js';
import type { Path } from '../figures.js';
import type { ItemLine, SectionOutput } from '../types.js';
import { computeGeneralBudget } from './general_budget.js';

/**
 * 五 with （三） explained 项 by 项 (shanghai-2024): the section's figures, the budget's reason, and a
 * line per `items[]`: names from the catalog, 决算 from the general_budget table's 项 row (never
 * typed), 完成率 B/A computed for the checker (the form set does not print it).
 */
export function computeGeneralBudgetByItem(ctx: SectionContext): SectionOutput {
  const { generalBudget } = computeGeneralBudget(ctx);
  const { book, tables, ex, root: X, tableName } = ctx;
  const { catalog } = ctx.loaded;
  const GB: Path = [...X, 'general_budget'];
  const rows = new Map(tables.general_budget.rows.map((r) => [r.code, r]));
  const items: ItemLine[] = (ex.general_budget?.items ?? []).map((it, i) => {
    const path: Path = [...GB, 'items', i];
    const row = rows.get(it.code);
    const subject = `${catalog.functionalName(it.code) ?? it.name ?? row?.name ?? ''}（${it.code}）`;
    const actual = book.amount(`general_budget.item.${it.code}.actual`, `${subject}决算数`, v(row?.cells.total) ?? new Decimal(0), `${tableName('general_budget')} ${it.code} 合计`, {}, [...path, 'code']);
    const budget = book.amount(`general_budget.item.${it.code}.budget`, `${subject}年初预算`, it.budget?.value ?? new Decimal(0), '年初预算（数据）', {}, [...path, 'budget']);
    const name = (c: string) => catalog.functionalName(c);
    return {
      code: it.code,
      className: name(it.code.slice(0, 3)) ?? it.code.slice(0, 3),
      kuanName: name(it.code.slice(0, 5)) ?? it.code.slice(0, 5),
      itemName: name(it.code) ?? it.name ?? row?.name ?? it.code,
      givenName: it.name,
      inTable: row !== undefined,
      purpose: it.purpose.trim().replace(/。$/, ''),
      actual,
      budget,
      completion: book.completion(`general_budget.item.${it.code}`, subject, actual, budget)!,
      reason: reasonOf(it.reason, [...path, 'reason']),
      path,
    };
  });
  return {
    generalBudget: generalBudget && {
      ...generalBudget,
      budgetReason: reasonOf(ex.general_budget?.budget_reason, [...GB, 'budget_reason']),
      items,
      itemBudgetSum: items.length ? book.amount('general_budget.item_budget_sum', '各项年初预算之和', items.reduce((a, x) => a.plus(x.budget.value!), new Decimal(0)), 'Σ 项 年初预算', {}, [...GB, 'items']) : undefined,
    },
  };
}
