import { T01_INCOME } from '../../calculate/tables.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { TABLE_NAMES } from '../tables.js';

/** 公开01 收入支出决算总表: R1.1–R1.5. */
const T = TABLE_NAMES.t01;
const P = ['tables', 't01'] as const;

export function t01Figures(ctx: CheckContext) {
  const t = ctx.tables.t01;
  const given = ctx.model.tables.t01.expenditure ?? {};
  return {
    income: T01_INCOME.map((k, i): Figure => ({ amount: t.income[i]?.amount, path: [...P, 'income', k] })),
    incomeTotal: { amount: t.incomeTotal, path: [...P, 'income_total'] } as Figure,
    nonFiscal: { amount: t.nonFiscalSurplusUsed, path: [...P, 'non_fiscal_surplus_used'] } as Figure,
    opening: { amount: t.openingBalance, path: [...P, 'opening_balance'] } as Figure,
    incomeGrand: { amount: t.incomeGrandTotal, path: [...P, 'income_grand_total'] } as Figure,
    expenditure: t.expenditure.map((l) => ({
      code: l.code ?? '',
      label: l.label,
      given: l.code !== undefined && given[l.code] !== undefined,
      fig: { amount: l.amount, path: l.code !== undefined && given[l.code] ? [...P, 'expenditure', l.code] : [...P, 'expenditure'] } as Figure,
    })),
    expenditureTotal: { amount: t.expenditureTotal, path: [...P, 'expenditure_total'] } as Figure,
    surplus: { amount: t.surplusDistribution, path: [...P, 'surplus_distribution'] } as Figure,
    closing: { amount: t.closingBalance, path: [...P, 'closing_balance'] } as Figure,
    expenditureGrand: { amount: t.expenditureGrandTotal, path: [...P, 'expenditure_grand_total'] } as Figure,
  };
}

export const t01Rules: RuleFamily = {
  family: 't01',
  rules: [
    {
      id: 't01-income-total',
      description: '公开01：本年收入合计 = 收入行一至八之和',
      run: (ctx) => {
        const f = t01Figures(ctx);
        const s = sumOf(f.income.map((x) => x.amount));
        return ctx.equation({ rule: 't01-income-total', subject: { table: T, row: '本年收入合计' }, printed: f.incomeTotal, expected: s.value, expectedLabel: '收入行一至八之和', parts: s.parts });
      },
    },
    {
      id: 't01-expenditure-total',
      description: '公开01：本年支出合计 = 各类支出之和',
      run: (ctx) => {
        const f = t01Figures(ctx);
        const s = sumOf(f.expenditure.map((x) => x.fig.amount));
        return ctx.equation({ rule: 't01-expenditure-total', subject: { table: T, row: '本年支出合计' }, printed: f.expenditureTotal, expected: s.value, expectedLabel: '各类支出之和', parts: s.parts });
      },
    },
    {
      id: 't01-grand-totals',
      description: '公开01：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余',
      run: (ctx) => {
        const f = t01Figures(ctx);
        const inc = sumOf([f.incomeTotal.amount, f.nonFiscal.amount, f.opening.amount]);
        const exp = sumOf([f.expenditureTotal.amount, f.surplus.amount, f.closing.amount]);
        return [
          ...ctx.equation({ rule: 't01-grand-totals', subject: { table: T, row: '收入总计' }, printed: f.incomeGrand, expected: inc.value, expectedLabel: '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余', parts: inc.parts }),
          ...ctx.equation({ rule: 't01-grand-totals', subject: { table: T, row: '支出总计' }, printed: f.expenditureGrand, expected: exp.value, expectedLabel: '本年支出合计 + 结余分配 + 年末结转和结余', parts: exp.parts }),
        ];
      },
    },
    {
      id: 't01-balance',
      description: '公开01：收入总计 = 支出总计',
      run: (ctx) => {
        const f = t01Figures(ctx);
        return ctx.equation({ rule: 't01-balance', subject: { table: T, row: '支出总计' }, printed: f.expenditureGrand, expected: f.incomeGrand.amount?.value ?? sumOf([]).value, expectedLabel: '收入总计', parts: sumOf([f.incomeGrand.amount]).parts });
      },
    },
  ],
};
