import type { Diagnostic } from '../../load/diagnostics.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { TABLE_NAMES } from '../tables.js';

/** 公开06 基本支出决算明细表 (经济分类): R6.1–R6.3. */
const T = TABLE_NAMES.t06;
/** 人员经费 = 301 + 303; 公用经费 = 302 + 310 (+ 307/309/399 when they appear). */
export const PERSONNEL_CLASSES = ['301', '303'];
export const PUBLIC_CLASSES = ['302', '307', '309', '310', '399'];

export function t06Figure(ctx: CheckContext, code: string): Figure {
  const i = ctx.model.tables.t06.rows.findIndex((r) => r.code === code);
  return { amount: ctx.tables.t06.byCode.get(code), path: i >= 0 ? ['tables', 't06', 'rows', i, 'amount'] : ['tables', 't06', 'rows'] };
}

export const t06Label = (ctx: CheckContext, code: string) => `${code} ${ctx.catalog.economicName(code) ?? ''}`.trim();

export function t06Totals(ctx: CheckContext) {
  return {
    personnel: { amount: ctx.tables.t06.personnelTotal, path: ['tables', 't06', 'personnel_total'] } as Figure,
    public: { amount: ctx.tables.t06.publicTotal, path: ['tables', 't06', 'public_total'] } as Figure,
  };
}

function classTotal(ctx: CheckContext, rule: string, printed: Figure, row: string, classes: string[]): Diagnostic[] {
  const present = classes.filter((c) => c === '301' || c === '302' || c === '303' || c === '310' || ctx.tables.t06.byCode.has(c));
  const figs = present.map((c) => t06Figure(ctx, c));
  const s = sumOf(figs.map((f) => f.amount));
  if (s.value.isZero() && (!printed.amount || printed.amount.value.isZero())) return [];
  return ctx.equation({ rule, subject: { table: T, row }, printed, expected: s.value, expectedLabel: `${present.join(' + ')} 之和`, parts: s.parts });
}

export const t06Rules: RuleFamily = {
  family: 't06',
  rules: [
    {
      id: 't06-group-sum',
      description: '公开06：每个经济分类类（301、302、303、310 等）= 其下各款之和',
      run: (ctx) => {
        const byCode = ctx.tables.t06.byCode;
        const formCodes = ctx.catalog.data.basic_detail_form.flat();
        const all = [...new Set([...formCodes, ...byCode.keys()])];
        const classes = all.filter((c) => c.length === 3).sort();
        const out: Diagnostic[] = [];
        for (const cls of classes) {
          const kids = all.filter((c) => c.length === 5 && c.startsWith(cls)).sort();
          if (kids.length === 0) continue;
          const printed = t06Figure(ctx, cls);
          const s = sumOf(kids.map((k) => byCode.get(k)));
          if (s.value.isZero() && !printed.amount) continue;
          out.push(...ctx.equation({ rule: 't06-group-sum', subject: { table: T, row: t06Label(ctx, cls) }, printed, expected: s.value, expectedLabel: '各款之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 't06-personnel',
      description: '公开06：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助',
      run: (ctx) => classTotal(ctx, 't06-personnel', t06Totals(ctx).personnel, '人员经费合计', PERSONNEL_CLASSES),
    },
    {
      id: 't06-public',
      description: '公开06：公用经费合计 = 302 商品和服务支出 + 310 资本性支出（+ 307/309/399）',
      run: (ctx) => classTotal(ctx, 't06-public', t06Totals(ctx).public, '公用经费合计', PUBLIC_CLASSES),
    },
  ],
};
