import { TABLES, columnKeys } from '../../model/tables.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';

/** 收入支出决算总表: R1.1–R1.5. */
const KEY = 'summary';
const P = ['tables', KEY] as const;
const { lines: L, grandTotals } = TABLES.summary;
const sumLabel = (i: number) => grandTotals[i].parts.map((k) => L[k].label).join(' + ');

export function summaryFigures(ctx: CheckContext) {
  const t = ctx.tables.summary;
  const given = ctx.model.tables.summary.expenditure ?? {};
  return {
    income: columnKeys(TABLES.summary.income).map((k, i): Figure => ({ amount: t.income[i]?.amount, path: [...P, 'income', k] })),
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

export const summaryRules: RuleFamily = {
  family: 'summary',
  rules: [
    {
      id: 'summary-income-total',
      description: `${TABLES.summary.title}：本年收入合计 = 收入行一至八之和`,
      run: (ctx) => {
        const f = summaryFigures(ctx);
        const s = sumOf(f.income.map((x) => x.amount));
        return ctx.equation({ rule: 'summary-income-total', subject: { table: ctx.tableName(KEY), row: L.income_total.label }, printed: f.incomeTotal, expected: s.value, expectedLabel: '收入行一至八之和', parts: s.parts });
      },
    },
    {
      id: 'summary-expenditure-total',
      description: `${TABLES.summary.title}：本年支出合计 = 各类支出之和`,
      run: (ctx) => {
        const f = summaryFigures(ctx);
        const s = sumOf(f.expenditure.map((x) => x.fig.amount));
        return ctx.equation({ rule: 'summary-expenditure-total', subject: { table: ctx.tableName(KEY), row: L.expenditure_total.label }, printed: f.expenditureTotal, expected: s.value, expectedLabel: '各类支出之和', parts: s.parts });
      },
    },
    {
      id: 'summary-grand-totals',
      description: `${TABLES.summary.title}：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余；支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余`,
      run: (ctx) => {
        const f = summaryFigures(ctx);
        const inc = sumOf([f.incomeTotal.amount, f.nonFiscal.amount, f.opening.amount]);
        const exp = sumOf([f.expenditureTotal.amount, f.surplus.amount, f.closing.amount]);
        return [
          ...ctx.equation({ rule: 'summary-grand-totals', subject: { table: ctx.tableName(KEY), row: L.income_grand_total.label }, printed: f.incomeGrand, expected: inc.value, expectedLabel: sumLabel(0), parts: inc.parts }),
          ...ctx.equation({ rule: 'summary-grand-totals', subject: { table: ctx.tableName(KEY), row: L.expenditure_grand_total.label }, printed: f.expenditureGrand, expected: exp.value, expectedLabel: sumLabel(1), parts: exp.parts }),
        ];
      },
    },
    {
      id: 'summary-balance',
      description: `${TABLES.summary.title}：收入总计 = 支出总计`,
      run: (ctx) => {
        const f = summaryFigures(ctx);
        return ctx.equation({ rule: 'summary-balance', subject: { table: ctx.tableName(KEY), row: L.expenditure_grand_total.label }, printed: f.expenditureGrand, expected: f.incomeGrand.amount?.value ?? sumOf([]).value, expectedLabel: L.income_grand_total.label, parts: sumOf([f.incomeGrand.amount]).parts });
      },
    },
  ],
};
