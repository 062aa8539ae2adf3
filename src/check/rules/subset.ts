import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { valueOf } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { TABLES, type Column, type ThreePublicColumn } from '../../model/tables.js';
import { rowFigure, rowLabel, totalFigure } from './class-tables.js';
import { basicDetailFigure, basicDetailLabel } from './basic-detail.js';
import { threePublicFigure } from './three-public.js';

/** Subsets (≤, not =): X9 一般公共预算财政拨款支出 ⊂ 支出, X10 基本支出明细 三公 lines ⊂ 三公 决算数. */

/** general_budget column → expenditure column holding the same kind of spending over all funds. */
const GENERAL_BUDGET_IN_EXPENDITURE: [string, string][] = [
  ['total', 'total'],
  ['basic', 'basic'],
  ['project', 'project'],
];

/** basic_detail 经济分类 款 → the three_public 决算数 column it is part of. */
export const THREE_PUBLIC_LINES: [string, ThreePublicColumn][] = [
  ['30212', 'overseas'],
  ['30217', 'reception'],
  ['30231', 'vehicle_operation'],
  ['31013', 'vehicle_purchase'],
];

export const subsetRules: RuleFamily = {
  family: 'subset',
  rules: [
    {
      id: 'x09-general-budget-within-expenditure',
      description: `${TABLES.general_budget.title} 各行 ≤ ${TABLES.expenditure.title} 同一科目（小计 ≤ 本年支出合计，基本 ≤ 基本，项目 ≤ 项目）`,
      run: (ctx) => {
        const t5 = ctx.tables.general_budget as unknown as ClassTable<string>;
        const t3 = ctx.tables.expenditure as unknown as ClassTable<string>;
        const out: Diagnostic[] = [];
        const reason = '一般公共预算财政拨款支出是全部支出的一部分，不应大于全部支出';
        const lines = [
          { label: '合计', f5: (c: string) => totalFigure('general_budget', t5, c), f3: (c: string) => totalFigure('expenditure', t3, c), name3: '合计' },
          ...t5.rows.map((r) => {
            const r3 = t3.rows.find((x) => x.code === r.code);
            return {
              label: rowLabel(r),
              f5: (c: string) => rowFigure('general_budget', r, c),
              f3: (c: string) => (r3 ? rowFigure('expenditure', r3, c) : { amount: undefined, path: ['tables', 'expenditure', 'rows'] }),
              name3: r3 ? '同一科目' : '（无此科目）',
            };
          }),
        ];
        for (const l of lines) {
          for (const [c5, c3] of GENERAL_BUDGET_IN_EXPENDITURE) {
            out.push(
              ...ctx.subset({
                rule: 'x09-general-budget-within-expenditure',
                subject: { table: ctx.tableName('general_budget'), row: l.label, column: (TABLES.general_budget.columns as Record<string, Column>)[c5].label },
                printed: l.f5(c5),
                bound: valueOf(l.f3(c3).amount),
                boundLabel: `${ctx.tableName('expenditure')} ${l.name3} ${(TABLES.expenditure.columns as Record<string, Column>)[c3].label}`,
                reason,
              }),
            );
          }
        }
        return out;
      },
    },
    {
      id: 'x10-three-public',
      description: `${TABLES.basic_detail.title} 30212/30217/30231/31013 ≤ ${TABLES.three_public.title} 决算数 因公出国（境）费/公务接待费/公务用车运行维护费/公务用车购置费`,
      run: (ctx) =>
        THREE_PUBLIC_LINES.flatMap(([code, col]) =>
          ctx.subset({
            rule: 'x10-three-public',
            subject: { table: ctx.tableName('basic_detail'), row: basicDetailLabel(ctx, code) },
            printed: basicDetailFigure(ctx, code),
            bound: valueOf(threePublicFigure(ctx, 'actual', col).amount),
            boundLabel: `${ctx.tableName('three_public')} 决算数 ${TABLES.three_public.columns[col].label}`,
            reason: '基本支出中的“三公”经费是“三公”经费决算数的一部分，不应更大',
          }),
        ),
    },
  ],
};
