import type { Diagnostic } from '../../load/diagnostics.js';
import { fmt, isBlank, plain, sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { T09_BLOCKS, T09_NAMES, TABLE_NAMES } from '../tables.js';

/** 公开09 “三公”经费: R9.1–R9.3, each for the 预算数 and the 决算数 block. */
const T = TABLE_NAMES.t09;
type Block = keyof typeof T09_BLOCKS;
const BLOCKS: Block[] = ['budget', 'actual'];

export function t09Figure(ctx: CheckContext, block: Block, col: string): Figure {
  return { amount: (ctx.tables.t09[block] as Record<string, Figure['amount']>)[col], path: ['tables', 't09', block, col] };
}

export const t09Rules: RuleFamily = {
  family: 't09',
  rules: [
    {
      id: 't09-vehicle-subtotal',
      description: '公开09：公务用车购置及运行维护费小计 = 公务用车购置费 + 公务用车运行维护费（小计有数时）',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const sub = t09Figure(ctx, b, 'vehicle_subtotal');
          if (!sub.amount) continue;
          const s = sumOf([t09Figure(ctx, b, 'vehicle_purchase').amount, t09Figure(ctx, b, 'vehicle_operation').amount]);
          out.push(...ctx.equation({ rule: 't09-vehicle-subtotal', subject: { table: T, row: T09_BLOCKS[b], column: T09_NAMES.vehicle_subtotal }, printed: sub, expected: s.value, expectedLabel: '公务用车购置费 + 公务用车运行维护费', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 't09-subtotal-blank',
      description: '公开09：公务用车购置费或运行维护费有数，而小计栏空白',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const sub = t09Figure(ctx, b, 'vehicle_subtotal');
          if (sub.amount) continue;
          const s = sumOf([t09Figure(ctx, b, 'vehicle_purchase').amount, t09Figure(ctx, b, 'vehicle_operation').amount]);
          if (s.value.isZero()) continue;
          out.push(
            ctx.diagnostic({
              severity: 'warning',
              rule: 't09-subtotal-blank',
              message: `${T} ${T09_BLOCKS[b]} ${T09_NAMES.vehicle_subtotal}：栏目空白，而公务用车购置费 + 公务用车运行维护费为 ${fmt(s.value)}；按表式应填 ${fmt(s.value)}`,
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
      id: 't09-total',
      description: '公开09：合计 = 因公出国(境)费 + 公务用车购置及运行维护费（小计，小计空白时为购置费 + 运行维护费）+ 公务接待费',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const b of BLOCKS) {
          const f = (c: string) => t09Figure(ctx, b, c);
          const vehicle = f('vehicle_subtotal').amount ? [f('vehicle_subtotal').amount] : [f('vehicle_purchase').amount, f('vehicle_operation').amount];
          const figs = [f('overseas').amount, ...vehicle, f('reception').amount];
          const s = sumOf(figs);
          if (s.value.isZero() && isBlank(f('total').amount)) continue;
          const label = f('vehicle_subtotal').amount ? '因公出国(境)费 + 公务用车购置及运行维护费小计 + 公务接待费' : '因公出国(境)费 + 公务用车购置费 + 公务用车运行维护费 + 公务接待费';
          out.push(...ctx.equation({ rule: 't09-total', subject: { table: T, row: T09_BLOCKS[b], column: T09_NAMES.total }, printed: f('total'), expected: s.value, expectedLabel: label, parts: s.parts }));
        }
        return out;
      },
    },
  ],
};
