import type { ClassRow, ClassTable } from '../../calculate/tables.js';
import { normalName as normal, type FormerName } from '../../load/catalog.js';
import type { Diagnostic } from '../../model/diagnostics.js';
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
  /** A 名词解释 item's own `label:` (类（类）款（款）项（项）), with its path. */
  label?: { text: string; path: Path };
  /** Only these codes print in this table (summary 类 of the two 总表, the 基本支出明细表 form). */
  printable?: Set<string>;
}

/** Every code the data writes, where, and what it may be. */
function codeUses(ctx: CheckContext): CodeUse[] {
  const tb = ctx.model.tables;
  const summary = new Set(ctx.loaded.profile.forms.summaryClasses);
  const form = new Set(ctx.loaded.profile.forms.basicDetail.flat());
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
  (ctx.model.glossary?.terms ?? []).forEach((t, i) =>
    (t.items ?? []).forEach((it, j) => {
      const path = ['glossary', 'terms', i, 'items', j];
      uses.push({ table: `第五部分 名词解释 ${t.term}`, code: it.code, kind: 'functional', path: [...path, 'code'], label: it.label !== undefined ? { text: it.label, path: [...path, 'label'] } : undefined });
    }),
  );
  return uses;
}

const nameOf = (ctx: CheckContext, u: { code: string; kind: Kind }) => (u.kind === 'functional' ? ctx.catalog.functionalName(u.code) : ctx.catalog.economicName(u.code));
const kindName = (k: Kind) => (k === 'functional' ? '支出功能分类科目' : '支出经济分类科目');
/** The name a use gives a code it prints: its `name:` in a table, its `label:` in 名词解释. */
const givenName = (u: CodeUse) => u.name ?? u.label;

/** Why a code is not in the catalog, beyond its own absence: a 类 or 款 that is missing too. */
function missingParent(ctx: CheckContext, u: CodeUse): string {
  if (u.kind !== 'functional') return '';
  const [cls, kuan] = [u.code.slice(0, 3), u.code.slice(0, 5)];
  if (u.code.length > 3 && ctx.catalog.functionalName(cls) === undefined) return `，其类 ${cls} 也不在目录中`;
  if (u.code.length > 5 && ctx.catalog.functionalName(kuan) === undefined) return `，其款 ${kuan} 也不在目录中`;
  return '';
}

/** "沿用 2020 年的科目名称（扶贫、其他扶贫支出）": earlier names grouped by the year they last held. */
function formerNamesText(found: FormerName[]): string {
  const years = [...new Set(found.map((f) => f.until))].sort();
  return `沿用${years.map((y) => ` ${y} 年的科目名称（${found.filter((f) => f.until === y).map((f) => f.name).join('、')}）`).join('和')}`;
}

/** "农林水支出（类）扶贫（款）其他扶贫支出（项）" → its names by level; undefined when it is not of that form. */
function labelParts(label: string): { name: string; level: string }[] | undefined {
  const parts = [...normal(label).matchAll(/(.+?)（(类|款|项)）/g)].map((m) => ({ name: m[1], level: m[2] }));
  return parts.length > 0 && parts.map((p) => `${p.name}（${p.level}）`).join('') === normal(label) ? parts : undefined;
}

/** The parts of a 名词解释 label that are earlier names of the codes on its path (all of them, or none). */
function labelFormerNames(ctx: CheckContext, code: string, label: string): FormerName[] {
  const parts = labelParts(label);
  const path = ctx.catalog.functionalPath(code);
  if (!parts || parts.length !== path.length || parts.some((p, i) => p.level !== path[i].level)) return [];
  const found: FormerName[] = [];
  for (const [i, p] of path.entries()) {
    if (normal(parts[i].name) === normal(p.name ?? '')) continue;
    const former = ctx.catalog.formerName(p.code, parts[i].name);
    if (!former) return [];
    found.push(former);
  }
  return found;
}

export const catalogRules: RuleFamily = {
  family: 'catalog',
  rules: [
    {
      id: 'catalog-code',
      description: '每个科目编码都在该年度的科目目录中（目录未收的项级科目见 catalog-unlisted）',
      run: (ctx) =>
        codeUses(ctx).flatMap((u) => {
          if (nameOf(ctx, u) !== undefined) return [];
          const unlisted = u.kind === 'functional' && ctx.catalog.functionalStatus(u.code) === 'unlisted-item';
          if (unlisted && givenName(u)) return []; // catalog-unlisted
          const hint = unlisted
            ? `；其款 ${u.code.slice(0, 5)} ${ctx.catalog.functionalName(u.code.slice(0, 5))}在目录中，如确为该款下的项级科目，请在数据中写明科目名称（${u.path[0] === 'glossary' ? 'label' : 'name'}）`
            : '';
          return [
            ctx.diagnostic({
              severity: 'error',
              rule: 'catalog-code',
              message: `${u.table} ${u.code}：编码不在 ${ctx.catalog.year} 年${kindName(u.kind)}目录中（${ctx.catalog.file}）${missingParent(ctx, u)}${hint}`,
              at: u.path,
              actual: u.code,
            }),
          ];
        }),
    },
    {
      id: 'catalog-unlisted',
      description: '目录未收、但其类和款都在目录中的项级科目：数据写明了名称的，按所写名称使用（同一编码各表名称须一致）',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        const named = new Map<string, { table: string; text: string; path: Path }>();
        for (const u of codeUses(ctx)) {
          const given = givenName(u);
          if (u.kind !== 'functional' || !given || ctx.catalog.functionalStatus(u.code) !== 'unlisted-item') continue;
          const first = u.name ? named.get(u.code) : undefined;
          if (u.name && !first) named.set(u.code, { table: u.table, ...u.name });
          if (u.name && first && normal(first.text) !== normal(u.name.text)) {
            out.push(
              ctx.diagnostic({
                severity: 'error',
                rule: 'catalog-unlisted',
                message: `${u.table} ${u.code}：科目名称写作“${u.name.text}”，${first.table}（第 ${ctx.where(first.path).line} 行）写作“${first.text}”；目录未收此科目，各表按所写名称印出，名称须一致`,
                at: u.name.path,
                expected: first.text,
                actual: u.name.text,
              }),
            );
            continue;
          }
          const kuan = u.code.slice(0, 5);
          out.push(
            ctx.diagnostic({
              severity: 'warning',
              rule: 'catalog-unlisted',
              message: `${u.table} ${u.code}：不在 ${ctx.catalog.year} 年支出功能分类科目目录中（其款 ${kuan} ${ctx.catalog.functionalName(kuan)}在目录中），按数据所列名称“${given.text}”使用；请核对编码和名称`,
              at: u.path,
              actual: u.code,
            }),
          );
        }
        return out;
      },
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
                  ? `${u.table} ${u.code} ${nameOf(ctx, u)}：表式 ${ctx.loaded.profile.name} 中没有这一行，金额不会印出；请改用表式所列科目`
                  : `${u.table} ${u.code} ${nameOf(ctx, u)}：表中只列表式 ${ctx.loaded.profile.name} 所列的功能分类类（3 位编码），这一行不会印出`,
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
          const former = u.kind === 'functional' ? ctx.catalog.formerName(u.code, u.name.text) : undefined;
          const why = former ? `，是 ${former.until} 年的科目名称；` : '，';
          return [
            ctx.diagnostic({
              severity: 'warning',
              rule: 'catalog-name',
              message: `${u.table} ${u.code}：科目名称写作“${u.name.text}”${why}${ctx.catalog.year} 年科目目录为“${official}”；表中按目录印出`,
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
        (ctx.model.glossary?.terms ?? []).forEach((t, i) =>
          (t.items ?? []).forEach((it, j) => {
            if (it.label === undefined) return;
            const path = ctx.catalog.functionalPath(it.code);
            if (path.some((p) => p.name === undefined)) return; // catalog-code reports it
            const official = path.map((p) => `${p.name}（${p.level}）`).join('');
            if (normal(it.label) === normal(official)) return;
            const former = labelFormerNames(ctx, it.code, it.label);
            const why = former.length ? `，${formerNamesText(former)}；` : '，';
            out.push(
              ctx.diagnostic({
                severity: 'warning',
                rule: 'catalog-label',
                message: `第五部分 名词解释 ${t.term} ${it.code}：写作“${it.label}”${why}${ctx.catalog.year} 年科目目录为“${official}”`,
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
    {
      id: 'catalog-misplaced',
      description: '公开02/03/05/07/08 中每个款列在其所属的类之下、每个项列在其所属的款之下',
      run: (ctx) => {
        const out: Diagnostic[] = [];
        for (const key of CLASS_TABLE_KEYS) {
          const rows = (ctx.tables[key] as unknown as ClassTable<string>).rows;
          // The printed table nests a row under the 类 or 款 printed last above it.
          let cls: ClassRow<string> | undefined;
          let kuan: ClassRow<string> | undefined;
          for (const r of rows) {
            if (r.level === '类') {
              [cls, kuan] = [r, undefined];
              continue;
            }
            const under = r.level === '款' ? cls : (kuan ?? cls);
            if (r.level === '款') kuan = r;
            if (!under || r.code.startsWith(under.code)) continue;
            const own = r.code.slice(0, r.level === '款' ? 3 : 5);
            out.push(
              ctx.diagnostic({
                severity: 'error',
                rule: 'catalog-misplaced',
                message: `${ctx.tableName(key)} ${r.code} ${r.name}：列在${under.level} ${under.code} ${under.name} 之下，但不属于该${under.level}，按编码应列在 ${`${own} ${ctx.catalog.functionalName(own) ?? ''}`.trim()} 之下`,
                at: ['tables', key, 'rows', r.index, 'code'],
                actual: r.code,
              }),
            );
          }
        }
        return out;
      },
    },
  ],
};
