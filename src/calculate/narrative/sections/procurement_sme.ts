import type { SectionContext } from '../context.js';
import type { Path } from '../figures.js';
import type { SectionOutput } from '../types.js';
import { computeProcurement } from './procurement.js';

/** 政府采购 with the amounts reserved for and awarded to 中小企业 / 小微企业 (shanghai-2024). */
export function computeProcurementSme(ctx: SectionContext): SectionOutput {
  const { procurement } = computeProcurement(ctx);
  if (!procurement) return {};
  const { book, ex, root: X } = ctx;
  const PR: Path = [...X, 'procurement'];
  const pr = ex.procurement;
  const a = (id: string, x: { value: import('decimal.js').Decimal } | undefined, what: string, path: Path) => (x ? book.amount(`procurement.${id}`, what, x.value, `${what}（数据）`, {}, [...PR, ...path]) : undefined);
  return {
    procurement: {
      ...procurement,
      reserved: pr?.reserved && {
        sme: a('reserved.sme', pr.reserved.sme, '面向中小企业预留项目预算金额', ['reserved', 'sme']),
        smallMicro: a('reserved.small_micro', pr.reserved.small_micro, '面向小微企业预留项目预算金额', ['reserved', 'small_micro']),
      },
      awarded: pr?.awarded && {
        smeInReserved: a('awarded.sme_in_reserved', pr.awarded.sme_in_reserved, '预留项目中中小企业中标或成交金额', ['awarded', 'sme_in_reserved']),
        smallMicroInReserved: a('awarded.small_micro_in_reserved', pr.awarded.small_micro_in_reserved, '预留项目中小微企业中标或成交金额', ['awarded', 'small_micro_in_reserved']),
        smeInOther: a('awarded.sme_in_other', pr.awarded.sme_in_other, '其他项目中中小企业中标或成交金额', ['awarded', 'sme_in_other']),
      },
    },
  };
}
