import { reasonOf, v, type SectionContext } from '../context.js';
import type { SectionOutput } from '../types.js';

/** 十 机关运行经费: stated, else the basic_detail table's 公用经费合计; against last year. */
export function computeAdminOperation(ctx: SectionContext): SectionOutput {
  const { book, tables, ex, root: X, tableName } = ctx;
  const ao = ex.admin_operation;
  const amount = book.amount('admin_operation.amount', '机关运行经费', ao?.amount?.value ?? v(tables.basic_detail.publicTotal), ao?.amount ? '机关运行经费（数据）' : `${tableName('basic_detail')} 公用经费合计`, {}, ao?.amount ? [...X, 'admin_operation', 'amount'] : ['tables', 'basic_detail', 'public_total']);
  return {
    adminOperation: {
      amount,
      stated: ao?.amount !== undefined,
      table: tables.basic_detail.publicTotal,
      change: book.change('admin_operation', '机关运行经费', amount, v(ao?.last_year), [...X, 'admin_operation', 'last_year']),
      reason: reasonOf(ao?.reason, [...X, 'admin_operation', 'reason']),
    },
  };
}
