import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import { valueOf } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { COLUMN_NAMES, T09_NAMES, TABLE_NAMES } from '../tables.js';
import { rowFigure, rowLabel, totalFigure } from './class-tables.js';
import { t06Figure, t06Label } from './t06.js';
import { t09Figure } from './t09.js';

/** Subsets (≤, not =): X9 公开05 ⊂ 公开03, X10 公开06 三公 lines ⊂ 公开09 决算数. */

/** 公开05 column → 公开03 column holding the same kind of spending over all funds. */
const T05_IN_T03: [string, string][] = [
  ['total', 'total'],
  ['basic', 'basic'],
  ['project', 'project'],
];

/** 公开06 经济分类 款 → the 公开09 决算数 column it is part of. */
export const THREE_PUBLIC_LINES: [string, string][] = [
  ['30212', 'overseas'],
  ['30217', 'reception'],
  ['30231', 'vehicle_operation'],
  ['31013', 'vehicle_purchase'],
];

export const subsetRules: RuleFamily = {
  family: 'subset',
  rules: [
    {
      id: 'x09-t05-within-t03',
      description: '公开05 各行 ≤ 公开03 同一科目（小计 ≤ 本年支出合计，基本 ≤ 基本，项目 ≤ 项目）',
      run: (ctx) => {
        const t5 = ctx.tables.t05 as unknown as ClassTable<string>;
        const t3 = ctx.tables.t03 as unknown as ClassTable<string>;
        const out: Diagnostic[] = [];
        const reason = '一般公共预算财政拨款支出是全部支出的一部分，不应大于全部支出';
        const lines = [
          { label: '合计', f5: (c: string) => totalFigure('t05', t5, c), f3: (c: string) => totalFigure('t03', t3, c), name3: '合计' },
          ...t5.rows.map((r) => {
            const r3 = t3.rows.find((x) => x.code === r.code);
            return {
              label: rowLabel(r),
              f5: (c: string) => rowFigure('t05', r, c),
              f3: (c: string) => (r3 ? rowFigure('t03', r3, c) : { amount: undefined, path: ['tables', 't03', 'rows'] }),
              name3: r3 ? '同一科目' : '（无此科目）',
            };
          }),
        ];
        for (const l of lines) {
          for (const [c5, c3] of T05_IN_T03) {
            out.push(
              ...ctx.subset({
                rule: 'x09-t05-within-t03',
                subject: { table: TABLE_NAMES.t05, row: l.label, column: COLUMN_NAMES.t05[c5] },
                printed: l.f5(c5),
                bound: valueOf(l.f3(c3).amount),
                boundLabel: `${TABLE_NAMES.t03} ${l.name3} ${COLUMN_NAMES.t03[c3]}`,
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
      description: '公开06 30212/30217/30231/31013 ≤ 公开09 决算数 因公出国(境)费/公务接待费/公务用车运行维护费/公务用车购置费',
      run: (ctx) =>
        THREE_PUBLIC_LINES.flatMap(([code, col]) =>
          ctx.subset({
            rule: 'x10-three-public',
            subject: { table: TABLE_NAMES.t06, row: t06Label(ctx, code) },
            printed: t06Figure(ctx, code),
            bound: valueOf(t09Figure(ctx, 'actual', col).amount),
            boundLabel: `${TABLE_NAMES.t09} 决算数 ${T09_NAMES[col]}`,
            reason: '基本支出中的“三公”经费是“三公”经费决算数的一部分，不应更大',
          }),
        ),
    },
  ],
};
