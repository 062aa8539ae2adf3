import { Decimal } from 'decimal.js';
import type { SectionContext } from '../context.js';
import { rateFormula, shareName, type Path } from '../figures.js';
import type { SectionOutput } from '../types.js';

/** 十一 政府采购: 货物, 工程, 服务 and their total, 中小企业 and 小微企业 (absent data: the heading only). */
export function computeProcurement(ctx: SectionContext): SectionOutput {
  const { book, ex, root: X } = ctx;
  const pr = ex.procurement;
  if (!pr) return {};
  const zero = new Decimal(0);
  const PR: Path = [...X, 'procurement'];
  const part = (key: 'goods' | 'works' | 'services', label: string) => ({ key, label, amount: book.amount(`procurement.${key}`, label, pr[key]?.value ?? zero, `${label}（数据）`, {}, [...PR, key]) });
  const parts = [part('goods', '政府采购货物支出'), part('works', '政府采购工程支出'), part('services', '政府采购服务支出')];
  const anyPart = pr.goods || pr.works || pr.services;
  const totalValue = anyPart ? parts.reduce((a, p) => a.plus(p.amount.value!), zero) : (pr.total?.value ?? zero);
  const total = book.amount('procurement.total', '政府采购支出总额', totalValue, anyPart ? '货物 + 工程 + 服务' : '政府采购支出总额（数据）', { goods: pr.goods?.value, works: pr.works?.value, services: pr.services?.value }, [...PR, anyPart ? 'goods' : 'total']);
  const stated = pr.total && anyPart ? book.amount('procurement.stated_total', '所填政府采购支出总额', pr.total.value, '政府采购支出总额（数据）', {}, [...PR, 'total']) : undefined;
  const sme = pr.sme ? book.amount('procurement.sme', '授予中小企业合同金额', pr.sme.value, '授予中小企业合同金额（数据）', {}, [...PR, 'sme']) : undefined;
  return {
    procurement: {
      empty: totalValue.isZero(),
      total,
      stated,
      parts,
      goods: parts[0].amount,
      works: parts[1].amount,
      services: parts[2].amount,
      sme,
      smeShare: sme ? book.percent('procurement.sme_share', shareName(sme.name, total.name), sme.value, total.value, rateFormula(sme.name, total.name), {}, [...PR, 'sme']) : undefined,
      smallMicro: pr.small_micro ? book.amount('procurement.small_micro', '授予小微企业合同金额', pr.small_micro.value, '授予小微企业合同金额（数据）', {}, [...PR, 'small_micro']) : undefined,
    },
  };
}
