import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import type { CheckContext, Path } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { CLASS_TABLE_KEYS, TABLES } from '../../model/tables.js';

/** Codes and names against the year's catalog (data/catalog/<year>.yaml). */

type Kind = 'functional' | 'economic';
interface CodeUse {
  table: string;
  code: string;
  kind: Kind;
  /** The code's node in the YAML. */
  path: Path;
  /** The `name:` the data gave, with its path. */
  name?: { text: string; path: Path };
  /** Only these codes print in this table (summary 类 of the two 总表, the 基本支出明细表 form). */
  printable?: Set<string>;
}

/** Every code the data writes, where, and what it may be. */
function codeUses(ctx: CheckContext): CodeUse[] {
  const tb = ctx.model.tables;
  const summary = new Set(ctx.catalog.data.summary_classes);
  const form = new Set(ctx.catalog.data.basic_detail_form.flat());
  const uses: CodeUse[] = [];
  for (const code of Object.keys(tb.summary.expenditure ?? {})) {
    uses.push({ table: ctx.tableName('summary'), code, kind: 'functional', path: ['tables', 'summary', 'expenditure', code], printable: summary });
  }
  for (const key of CLASS_TABLE_KEYS) {
    tb[key].rows.forEach((r: { code: string; name?: string }, i) => {
      const path = ['tables', key, 'rows', i];
      uses.push({ table: ctx.tableName(key), code: r.code, kind: 'functional', path: [...path, 'code'], name: r.name !== undefined ? { text: r.name, path: [...path, 'name'] } : undefined });
    });
  }
  (tb.fiscal_summary.expenditure ?? []).forEach((r, i) => {
    const path = ['tables', 'fiscal_summary', 'expenditure', i];
    uses.push({ table: ctx.tableName('fiscal_summary'), code: r.code, kind: 'functional', path: [...path, 'code'], name: r.name !== undefined ? { text: r.name, path: [...path, 'name'] } : undefined, printable: summary });
  });
  tb.basic_detail.rows.forEach((r, i) => {
    const path = ['tables', 'basic_detail', 'rows', i];
    uses.push({ table: ctx.tableName('basic_detail'), code: r.code, kind: 'economic', path: [...path, 'code'], name: r.name !== undefined ? { text: r.name, path: [...path, 'name'] } : undefined, printable: form });
  });
  ctx.model.glossary.terms.forEach((t, i) =>
    (t.items ?? []).forEach((it, j) => uses.push({ table: `第五部分 名词解释 ${t.term}`, code: it.code, kind: 'functional', path: ['glossary', 'terms', i, 'items', j, 'code'] })),
  );
  return uses;
}

const nameOf = (ctx: CheckContext, u: { code: string; kind: Kind }) => (u.kind === 'functional' ? ctx.catalog.functionalName(u.code) : ctx.catalog.economicName(u.code));
const kindName = (k: Kind) => (k === 'functional' ? '支出功能分类科目' : '支出经济分类科目');
/** Full-width and half-width brackets and spaces do not make a different name. */
const normal = (s: string) => s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');

export const catalogRules: RuleFamily = {
  family: 'catalog',
  rules: [
    {
      id: 'catalog-code',
      description: '每个科目编码（及其上级款、类）都在该年度的科目目录中',
      run: (ctx) =>
        codeUses(ctx).flatMap((u) => {
          if (nameOf(ctx, u) === undefined) {
            return [
              ctx.diagnostic({
                severity: 'error',
                rule: 'catalog-code',
                message: `${u.table} ${u.code}：编码不在 ${ctx.catalog.year} 年${kindName(u.kind)}目录中（${ctx.catalog.file}）`,
                at: u.path,
                actual: u.code,
              }),
            ];
          }
          const parents = [...new Set([u.code.slice(0, 3), u.code.slice(0, 5)])].filter((c) => c.length < u.code.length && nameOf(ctx, { code: c, kind: u.kind }) === undefined);
          if (parents.length === 0) return [];
          return [
            ctx.diagnostic({
              severity: 'error',
              rule: 'catalog-code',
              message: `${u.table} ${u.code}：其上级科目 ${parents.join('、')} 不在 ${ctx.catalog.year} 年${kindName(u.kind)}目录中（${ctx.catalog.file}），名称无从查得`,
              at: u.path,
              actual: u.code,
            }),
          ];
        }),
    },
    {
      id: 'catalog-form-row',
      description: `${TABLES.summary.title}、${TABLES.fiscal_summary.title}的支出类须是表式所列的类，${TABLES.basic_detail.title}的科目须是表式所列的科目（否则不会印出）`,
      run: (ctx) =>
        codeUses(ctx)
          .filter((u) => u.printable && nameOf(ctx, u) !== undefined && !u.printable.has(u.code))
          .map((u) =>
            ctx.diagnostic({
              severity: 'error',
              rule: 'catalog-form-row',
              message:
                u.kind === 'economic'
                  ? `${u.table} ${u.code} ${nameOf(ctx, u)}：表式中没有这一行，金额不会印出；请在科目目录的 basic_detail_form 中加入，或改用表式所列科目`
                  : `${u.table} ${u.code} ${nameOf(ctx, u)}：表中只列功能分类的类（3 位编码，目录 summary_classes 所列），这一行不会印出`,
              at: u.path,
              actual: u.code,
            }),
          ),
    },
    {
      id: 'catalog-name',
      description: '数据中写明的科目名称与科目目录一致',
      run: (ctx) =>
        codeUses(ctx).flatMap((u) => {
          const official = nameOf(ctx, u);
          if (!u.name || official === undefined || normal(u.name.text) === normal(official)) return [];
          return [
            ctx.diagnostic({
              severity: 'warning',
              rule: 'catalog-name',
              message: `${u.table} ${u.code}：科目名称写作“${u.name.text}”，${ctx.catalog.year} 年科目目录为“${official}”；表中按目录印出`,
              at: u.name.path,
              expected: official,
              actual: u.name.text,
            }),
          ];
        }),
    },
    {
      id: 'catalog-label',
      description: '名词解释中科目的自写标签（label）与科目目录的类、款、项名称一致',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        ctx.model.glossary.terms.forEach((t, i) =>
          (t.items ?? []).forEach((it, j) => {
            if (it.label === undefined) return;
            const path = ctx.catalog.functionalPath(it.code);
            if (path.some((p) => p.name === undefined)) return; // catalog-code reports it
            const official = path.map((p) => `${p.name}（${p.level}）`).join('');
            if (normal(it.label) === normal(official)) return;
            out.push(
              ctx.diagnostic({
                severity: 'warning',
                rule: 'catalog-label',
                message: `第五部分 名词解释 ${t.term} ${it.code}：写作“${it.label}”，${ctx.catalog.year} 年科目目录为“${official}”`,
                at: ['glossary', 'terms', i, 'items', j, 'label'],
                expected: official,
                actual: it.label,
              }),
            );
          }),
        );
        return out;
      },
    },
    {
      id: 'catalog-duplicate',
      description: '同一张表中同一科目编码只出现一次',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        const seen = new Map<string, CodeUse>();
        for (const u of codeUses(ctx)) {
          if (u.table.startsWith('第五部分')) continue;
          const k = `${u.table}\u0000${u.code}`;
          const first = seen.get(k);
          if (!first) {
            seen.set(k, u);
            continue;
          }
          const firstLine = ctx.where(first.path).line;
          out.push(
            ctx.diagnostic({
              severity: 'error',
              rule: 'catalog-duplicate',
              message: `${u.table} ${u.code} ${nameOf(ctx, u) ?? ''}：该科目在表中重复出现${firstLine ? `（第一次在第 ${firstLine} 行）` : ''}`.replace(' ：', '：'),
              at: u.path,
              actual: u.code,
            }),
          );
        }
        return out;
      },
    },
    {
      id: 'catalog-order',
      description: '按功能分类列示的各表中，类、款、项按编码顺序排列',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const key of CLASS_TABLE_KEYS) {
          const rows = (ctx.tables[key] as unknown as ClassTable<string>).rows;
          for (let i = 1; i < rows.length; i++) {
            const prev = rows[i - 1];
            const cur = rows[i];
            // 201 < 20113 < 2011308 < 208: code order is text order, each 类 before its 款 and 项.
            if (cur.code > prev.code) continue;
            if (cur.code === prev.code) continue; // catalog-duplicate
            out.push(
              ctx.diagnostic({
                severity: 'warning',
                rule: 'catalog-order',
                message: `${ctx.tableName(key)} ${cur.code} ${cur.name}：排在 ${prev.code} ${prev.name} 之后，不合编码顺序；表中按数据的顺序印出`,
                at: ['tables', key, 'rows', cur.index, 'code'],
              }),
            );
          }
        }
        return out;
      },
    },
    {
      id: 'catalog-parent',
      description: '按功能分类列示的各表中，每个项有其款、每个款有其类',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const key of CLASS_TABLE_KEYS) {
          const rows = (ctx.tables[key] as unknown as ClassTable<string>).rows;
          const codes = new Set(rows.map((r) => r.code));
          for (const r of rows) {
            const missing = [r.code.slice(0, 3), r.code.slice(0, 5)].filter((c) => c.length < r.code.length && !codes.has(c));
            const unique = [...new Set(missing)];
            if (unique.length === 0) continue;
            out.push(
              ctx.diagnostic({
                severity: 'warning',
                rule: 'catalog-parent',
                message: `${ctx.tableName(key)} ${r.code} ${r.name}：表中缺少其上级科目 ${unique.map((c) => `${c} ${ctx.catalog.functionalName(c) ?? ''}`.trim()).join('、')}`,
                at: ['tables', key, 'rows', r.index, 'code'],
              }),
            );
          }
        }
        return out;
      },
    },
  ],
};
