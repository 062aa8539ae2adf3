import { FUND_COLUMNS, type FundCol } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import type { Amount } from '../../model/amount.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { FUND_NAMES, TABLE_NAMES } from '../tables.js';

/** 公开04 财政拨款收入支出决算总表: R4.1–R4.7. */
const T = TABLE_NAMES.t04;
const P = ['tables', 't04'] as const;
export const FUNDS = ['general_budget', 'government_fund', 'state_capital'] as const;
export type Fund = (typeof FUNDS)[number];

export interface T04Line {
  code: string;
  label: string;
  fig: (col: FundCol) => Figure;
}

export function t04Figures(ctx: CheckContext) {
  const t = ctx.tables.t04;
  const givenRows = ctx.model.tables.t04.expenditure ?? [];
  const cellsFig = (cells: Partial<Record<string, Amount>>, path: readonly (string | number)[]) => (col: string): Figure => ({ amount: cells[col], path: [...path, col] });
  const lines: T04Line[] = t.expenditure.map((l) => {
    const i = givenRows.findIndex((r) => r.code === l.code);
    return {
      code: l.code,
      label: `${l.code} ${ctx.catalog.functionalName(l.code) ?? ''}`.trim(),
      fig: cellsFig(l.cells, i >= 0 ? [...P, 'expenditure', i] : [...P, 'expenditure']),
    };
  });
  return {
    income: cellsFig(t.income, [...P, 'income']) as (f: Fund) => Figure,
    incomeTotal: { amount: t.incomeTotal, path: [...P, 'income_total'] } as Figure,
    opening: cellsFig(t.openingBalance, [...P, 'opening_balance']) as (f: Fund) => Figure,
    incomeGrand: { amount: t.incomeGrandTotal, path: [...P, 'income_grand_total'] } as Figure,
    lines,
    expenditureTotal: cellsFig(t.expenditureTotal, [...P, 'expenditure_total']) as (c: FundCol) => Figure,
    closing: cellsFig(t.closingBalance, [...P, 'closing_balance']) as (c: FundCol) => Figure,
    expenditureGrand: cellsFig(t.expenditureGrandTotal, [...P, 'expenditure_grand_total']) as (c: FundCol) => Figure,
  };
}

const blank = (figs: Figure[]) => figs.every((f) => !f.amount || f.amount.value.isZero());

export const t04Rules: RuleFamily = {
  family: 't04',
  rules: [
    {
      id: 't04-row-sum',
      description: '公开04：支出各行 合计 = 一般公共预算 + 政府性基金 + 国有资本经营财政拨款',
      run: (ctx) => {
        const f = t04Figures(ctx);
        const rows: { label: string; fig: (c: FundCol) => Figure }[] = [
          ...f.lines,
          { label: '本年支出合计', fig: f.expenditureTotal },
          { label: '年末财政拨款结转和结余', fig: f.closing },
          { label: '支出总计', fig: f.expenditureGrand },
        ];
        const out: Diagnostic[] = [];
        for (const r of rows) {
          const parts = FUNDS.map((c) => r.fig(c));
          if (blank([r.fig('total'), ...parts])) continue;
          const s = sumOf(parts.map((p) => p.amount));
          out.push(...ctx.equation({ rule: 't04-row-sum', subject: { table: T, row: r.label, column: '合计' }, printed: r.fig('total'), expected: s.value, expectedLabel: '三类财政拨款之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 't04-income-total',
      description: '公开04：本年收入合计 = 一般公共预算 + 政府性基金 + 国有资本经营财政拨款收入',
      run: (ctx) => {
        const f = t04Figures(ctx);
        const s = sumOf(FUNDS.map((c) => f.income(c).amount));
        return ctx.equation({ rule: 't04-income-total', subject: { table: T, row: '本年收入合计' }, printed: f.incomeTotal, expected: s.value, expectedLabel: '三类财政拨款收入之和', parts: s.parts });
      },
    },
    {
      id: 't04-expenditure-total',
      description: '公开04：本年支出合计 = 各类支出之和（逐列）',
      run: (ctx) => {
        const f = t04Figures(ctx);
        const out: Diagnostic[] = [];
        for (const c of FUND_COLUMNS) {
          const parts = f.lines.map((l) => l.fig(c));
          if (blank([f.expenditureTotal(c), ...parts])) continue;
          const s = sumOf(parts.map((p) => p.amount));
          out.push(...ctx.equation({ rule: 't04-expenditure-total', subject: { table: T, row: '本年支出合计', column: FUND_NAMES[c] }, printed: f.expenditureTotal(c), expected: s.value, expectedLabel: '各类支出之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 't04-grand-totals',
      description: '公开04：收入总计 = 本年收入合计 + 年初财政拨款结转和结余；支出总计 = 本年支出合计 + 年末财政拨款结转和结余（逐列）',
      run: (ctx) => {
        const f = t04Figures(ctx);
        const inc = sumOf([f.incomeTotal.amount, ...FUNDS.map((c) => f.opening(c).amount)]);
        const out = ctx.equation({ rule: 't04-grand-totals', subject: { table: T, row: '收入总计' }, printed: f.incomeGrand, expected: inc.value, expectedLabel: '本年收入合计 + 年初财政拨款结转和结余', parts: inc.parts });
        for (const c of FUND_COLUMNS) {
          if (blank([f.expenditureGrand(c), f.expenditureTotal(c), f.closing(c)])) continue;
          const s = sumOf([f.expenditureTotal(c).amount, f.closing(c).amount]);
          out.push(...ctx.equation({ rule: 't04-grand-totals', subject: { table: T, row: '支出总计', column: FUND_NAMES[c] }, printed: f.expenditureGrand(c), expected: s.value, expectedLabel: '本年支出合计 + 年末财政拨款结转和结余', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 't04-fund-balance',
      description: '公开04：每类财政拨款 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余',
      run: (ctx) => {
        const f = t04Figures(ctx);
        const out: Diagnostic[] = [];
        for (const c of FUNDS) {
          const figs = [f.income(c), f.opening(c), f.expenditureTotal(c), f.closing(c)];
          if (blank(figs)) continue;
          const s = sumOf([f.income(c).amount, f.opening(c).amount]);
          const spent = sumOf([f.expenditureTotal(c).amount]);
          // closing is what remains: income + opening − spending
          out.push(
            ...ctx.equation({
              rule: 't04-fund-balance',
              subject: { table: T, row: '年末财政拨款结转和结余', column: FUND_NAMES[c] },
              printed: f.closing(c),
              expected: s.value.minus(spent.value),
              expectedLabel: '本年收入 + 年初结转和结余 − 本年支出',
              parts: s.parts + spent.parts,
            }),
          );
        }
        return out;
      },
    },
    {
      id: 't04-balance',
      description: '公开04：收入总计 = 支出总计',
      run: (ctx) => {
        const f = t04Figures(ctx);
        return ctx.equation({ rule: 't04-balance', subject: { table: T, row: '支出总计', column: '合计' }, printed: f.expenditureGrand('total'), expected: sumOf([f.incomeGrand.amount]).value, expectedLabel: '收入总计', parts: sumOf([f.incomeGrand.amount]).parts });
      },
    },
  ],
};
