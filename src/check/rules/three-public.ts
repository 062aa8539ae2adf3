import type { Diagnostic } from '../../model/diagnostics.js';
import { TABLES, columnKeys, type ThreePublicBlock, type ThreePublicColumn } from '../../model/tables.js';
import { fmt, isBlank, plain, sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';

/** 财政拨款“三公”经费支出决算表: R9.1–R9.3, each for the 预算数 and the 决算数 block. */
const KEY = 'three_public';
const { title: TITLE, blocks: B, columns: C, vehicleSum, totalSum } = TABLES.three_public;
const BLOCKS = columnKeys(B);
const joined = (cols: readonly ThreePublicColumn[]) => cols.map((c) => C[c].label).join(' + ');
/** R9.1 with a blank 小计: its two parts stand in for it. */
const totalParts = (withSubtotal: boolean): ThreePublicColumn[] =>
  totalSum.parts.flatMap((c) => (c === vehicleSum.total && !withSubtotal ? vehicleSum.parts : [c]));

export function threePublicFigure(ctx: CheckContext, block: ThreePublicBlock, col: string): Figure {
  return { amount: (ctx.tables.three_public[block] as Record<string, Figure['amount']>)[col], path: ['tables', KEY, block, col] };
}

export const threePublicRules: RuleFamily = {
  family: 'three-public',
  rules: [
    {
      id: 'three-public-vehicle-subtotal',
      description: `${TITLE}：公务用车购置及运行维护费小计 = 公务用车购置费 + 公务用车运行维护费（小计有数时）`,
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const sub = threePublicFigure(ctx, b, vehicleSum.total);
          if (!sub.amount) continue;
          const s = sumOf(vehicleSum.parts.map((c) => threePublicFigure(ctx, b, c).amount));
          out.push(...ctx.equation({ rule: 'three-public-vehicle-subtotal', subject: { table: ctx.tableName(KEY), row: B[b].label, column: C.vehicle_subtotal.label }, printed: sub, expected: s.value, expectedLabel: joined(vehicleSum.parts), parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 'three-public-subtotal-blank',
      description: `${TITLE}：公务用车购置费或运行维护费有数，而小计栏空白`,
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const sub = threePublicFigure(ctx, b, vehicleSum.total);
          if (sub.amount) continue;
          const s = sumOf(vehicleSum.parts.map((c) => threePublicFigure(ctx, b, c).amount));
          if (s.value.isZero()) continue;
          out.push(
            ctx.diagnostic({
              severity: 'warning',
              rule: 'three-public-subtotal-blank',
              message: `${ctx.tableName(KEY)} ${B[b].label} ${C.vehicle_subtotal.label}：栏目空白，而${joined(vehicleSum.parts)}为 ${fmt(s.value)}；按表式应填 ${fmt(s.value)}`,
              at: sub,
              expected: plain(s.value),
              actual: '',
            }),
          );
        }
        return out;
      },
    },
    {
      id: 'three-public-total',
      description: `${TITLE}：合计 = 因公出国（境）费 + 公务用车购置及运行维护费（小计，小计空白时为购置费 + 运行维护费）+ 公务接待费`,
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const f = (c: string) => threePublicFigure(ctx, b, c);
          const parts = totalParts(Boolean(f(vehicleSum.total).amount));
          const s = sumOf(parts.map((c) => f(c).amount));
          if (s.value.isZero() && isBlank(f(totalSum.total).amount)) continue;
          const label = joined(parts);
          out.push(...ctx.equation({ rule: 'three-public-total', subject: { table: ctx.tableName(KEY), row: B[b].label, column: C.total.label }, printed: f(totalSum.total), expected: s.value, expectedLabel: label, parts: s.parts }));
        }
        return out;
      },
    },
  ],
};
