import type { Diagnostic } from '../../model/diagnostics.js';
import { TABLES } from '../../model/tables.js';
import { sumOf, type CheckContext, type Figure } from '../context.js';
import type { RuleFamily } from '../rule.js';

/** 一般公共预算财政拨款基本支出决算明细表 (经济分类): R6.1–R6.3. */
const KEY = 'basic_detail';
const { title: TITLE, totals } = TABLES.basic_detail;

export function basicDetailFigure(ctx: CheckContext, code: string): Figure {
  const i = ctx.model.tables.basic_detail.rows.findIndex((r) => r.code === code);
  return { amount: ctx.tables.basic_detail.byCode.get(code), path: i >= 0 ? ['tables', KEY, 'rows', i, 'amount'] : ['tables', KEY, 'rows'] };
}

export const basicDetailLabel = (ctx: CheckContext, code: string) => `${code} ${ctx.catalog.economicName(code) ?? ''}`.trim();

export function basicDetailTotals(ctx: CheckContext) {
  return {
    personnel: { amount: ctx.tables.basic_detail.personnelTotal, path: ['tables', KEY, 'personnel_total'] } as Figure,
    public: { amount: ctx.tables.basic_detail.publicTotal, path: ['tables', KEY, 'public_total'] } as Figure,
  };
}

/** A total of 类 (registry: TABLES.basic_detail.totals) against the sum of those the form prints or the data gives. */
function classTotal(ctx: CheckContext, rule: string, printed: Figure, { label: row, classes }: { label: string; classes: readonly string[] }): Diagnostic[] {
  const formClasses = new Set(ctx.loaded.profile.forms.basicDetail.flat().filter((c) => c.length === 3));
  const present = classes.filter((c) => formClasses.has(c) || ctx.tables.basic_detail.byCode.has(c));
  const figs = present.map((c) => basicDetailFigure(ctx, c));
  const s = sumOf(figs.map((f) => f.amount));
  if (s.value.isZero() && (!printed.amount || printed.amount.value.isZero())) return [];
  return ctx.equation({ rule, subject: { table: ctx.tableName(KEY), row }, printed, expected: s.value, expectedLabel: `${present.join(' + ')} 之和`, parts: s.parts });
}

export const basicDetailRules: RuleFamily = {
  family: 'basic-detail',
  rules: [
    {
      id: 'basic-detail-group-sum',
      description: `${TITLE}：每个经济分类类（301、302、303、310 等）= 其下各款之和`,
      run: (ctx) => {
        const byCode = ctx.tables.basic_detail.byCode;
        const formCodes = ctx.loaded.profile.forms.basicDetail.flat();
        const all = [...new Set([...formCodes, ...byCode.keys()])];
        const classes = all.filter((c) => c.length === 3).sort();
        const out: Diagnostic[] = [];
        for (const cls of classes) {
          const kids = all.filter((c) => c.length === 5 && c.startsWith(cls)).sort();
          if (kids.length === 0) continue;
          const printed = basicDetailFigure(ctx, cls);
          const s = sumOf(kids.map((k) => byCode.get(k)));
          if (s.value.isZero() && !printed.amount) continue;
          out.push(...ctx.equation({ rule: 'basic-detail-group-sum', subject: { table: ctx.tableName(KEY), row: basicDetailLabel(ctx, cls) }, printed, expected: s.value, expectedLabel: '各款之和', parts: s.parts }));
        }
        return out;
      },
    },
    {
      id: 'basic-detail-personnel',
      description: `${TITLE}：${totals.personnel_total.label} = ${totals.personnel_total.classes.join(' + ')}`,
      run: (ctx) => classTotal(ctx, 'basic-detail-personnel', basicDetailTotals(ctx).personnel, totals.personnel_total),
    },
    {
      id: 'basic-detail-public',
      description: `${TITLE}：${totals.public_total.label} = ${totals.public_total.classes.join(' + ')}（表中没有的类不计）`,
      run: (ctx) => classTotal(ctx, 'basic-detail-public', basicDetailTotals(ctx).public, totals.public_total),
    },
  ],
};
