import { TABLES } from '../../../model/tables.js';
import { v, type SectionContext } from '../context.js';
import type { SectionOutput } from '../types.js';

/** 六 基本支出: 人员经费 (301, 303) and 公用经费 (302, 310, …) with their non-zero 款. */
export function computeBasic(ctx: SectionContext): SectionOutput {
  const { book, tables, tableName } = ctx;
  const { catalog } = ctx.loaded;
  const kuanNames = (prefixes: readonly string[]) =>
    [...tables.basic_detail.byCode.entries()]
      .filter(([code, a]) => code.length === 5 && prefixes.includes(code.slice(0, 3)) && !a.value.isZero())
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code]) => catalog.economicName(code) ?? code);
  const { personnel_total: personnelClasses, public_total: publicClasses } = TABLES.basic_detail.totals;
  return {
    basic: {
      total: book.amount('basic.total', '基本支出', v(tables.general_budget.total.basic), `${tableName('general_budget')} 合计 基本支出`),
      personnel: book.amount('basic.personnel', '人员经费', v(tables.basic_detail.personnelTotal), `${tableName('basic_detail')} ${personnelClasses.label}`),
      personnelItems: book.list('basic.personnel.items', '人员经费主要包括的款', kuanNames(personnelClasses.classes), `${tableName('basic_detail')} ${personnelClasses.classes.join('/')} 下非零的款`),
      public: book.amount('basic.public', '公用经费', v(tables.basic_detail.publicTotal), `${tableName('basic_detail')} ${publicClasses.label}`),
      publicItems: book.list('basic.public.items', '公用经费主要包括的款', kuanNames(publicClasses.classes), `${tableName('basic_detail')} ${publicClasses.classes.join('/')} 下非零的款`),
    },
  };
}
