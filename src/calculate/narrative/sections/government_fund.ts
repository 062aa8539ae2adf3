import { Decimal } from 'decimal.js';
import type { SectionOutput } from '../types.js';
import { blank, v, type SectionContext } from '../context.js';

/** 七 政府性基金预算财政拨款收入支出 (an empty table: the "本部门没有…" sentence). */
export function computeGovernmentFund(ctx: SectionContext): SectionOutput {
  const { book, tables, tableName } = ctx;
  const income = tables.government_fund.total.income;
  const expenditure = tables.government_fund.total.total;
  return {
    governmentFund: {
      empty: blank(income) && blank(expenditure) && tables.government_fund.rows.every((r) => blank(r.cells.total) && blank(r.cells.income)),
      income: book.amount('government_fund.income', '政府性基金预算财政拨款收入', v(income) ?? new Decimal(0), `${tableName('government_fund')} 合计 本年收入`),
      expenditure: book.amount('government_fund.expenditure', '政府性基金预算财政拨款支出', v(expenditure) ?? new Decimal(0), `${tableName('government_fund')} 合计 本年支出`),
    },
  };
}
