import { Decimal } from 'decimal.js';
import type { SectionOutput } from '../types.js';
import { blank, v, type SectionContext } from '../context.js';

/** 八 国有资本经营预算财政拨款支出 (an empty table: the "本部门没有…" sentence). */
export function computeStateCapital(ctx: SectionContext): SectionOutput {
  const { tables } = ctx;
  const expenditure = tables.state_capital.total.total;
  return {
    stateCapital: {
      empty: blank(expenditure) && tables.state_capital.rows.every((r) => blank(r.cells.total)),
      expenditure: ctx.book.amount('state_capital.expenditure', '国有资本经营预算财政拨款支出', v(expenditure) ?? new Decimal(0), `${ctx.tableName('state_capital')} 合计`),
    },
  };
}
