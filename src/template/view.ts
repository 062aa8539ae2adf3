import type { Calculated } from '../calculate/index.js';
import { chineseDate } from '../model/format.js';
import { basicDetailRows, fiscalSummaryRows, summaryRows } from './table-rows.js';
import { CLASS_TABLE_KEYS, TABLES, type ClassTableKey, type Column, type TableEntry } from '../model/tables.js';
import { chineseNumber } from '../model/number-format.js';

/** Title, author, subject, keywords of the PDF: one wording for the metadata and the markup. */
export function documentMeta(model: Calculated['loaded']['model']) {
  const name = model.department.name;
  return {
    title: `${model.year}年度${name}部门决算`,
    author: name,
    subject: `${name}${model.year}年度部门决算公开`,
    keywords: `部门决算, ${model.year}, ${name}, 决算公开`,
  };
}

/** The object the templates see: the model's words, the calculator's figures, nothing computed here. */
export function buildView(calc: Calculated) {
  const { model, catalog, profile } = calc.loaded;
  const glossaryTerms = (model.glossary?.terms ?? []).map((t) => ({
    ...t,
    items: t.items?.map((it) => ({
      ...it,
      label:
        it.label ??
        catalog
          .functionalPath(it.code)
          .map((p) => `${p.name ?? p.code}（${p.level}）`)
          .join(''),
    })),
  }));
  return {
    year: model.year,
    /** The form set's prose rule for numbers (helpers `wan`, `pct`, `prose`; src/model/number-format.ts). */
    numbers: calc.narrative.numbers,
    department: model.department,
    cover: model.cover,
    /** A drafted year's to-dos (`juesuan new`): the cover says the report is a draft, and why its tables are not yet this year's. */
    todo: model.todo,
    publicationDate: model.cover.date === undefined ? undefined : chineseDate(model.cover.date),
    meta: documentMeta(model),
    overview: model.overview,
    tables: calc.tables,
    /** The form set's parts in order (id, the partial that prints it), and each one's number by id: 第一部分… */
    parts: profile.parts,
    partNumbers: Object.fromEntries(profile.parts.map((p, i) => [p.id, `第${chineseNumber(i + 1)}部分`])),
    furniture: { tocDepth: profile.furniture.tocDepth, tocIndent: profile.furniture.tocIndent, numbering: profile.furniture.pageNumbers ? 'arabic' : 'none' },
    /** 第二部分 in the form set's order: each table's registry entry (columns, labels) under its printed title, form number and 目录 line. */
    tableList: profile.tables.map((t) => ({
      ...TABLES[t.key],
      ...t,
      columns: formColumns(t),
      heading: { left: t.heading.department ? `部门：${model.department.name}` : '', right: t.heading.unit },
      partial: `tables/${t.key}`,
      landscape: t.orientation === 'landscape',
    })),
    formRows: { summary: summaryRows(calc.tables.summary), fiscal_summary: fiscalSummaryRows(calc.tables.fiscal_summary), basic_detail: basicDetailRows(calc.tables.basic_detail) },
    narrative: calc.narrative,
    forms: calc.forms,
    explanation: model.explanation,
    keyWork: model.key_work,
    glossary: { terms: glossaryTerms, incomeSources: model.glossary?.income_sources },
    appendix: model.appendix,
  };
}
export type View = ReturnType<typeof buildView>;

/** A table's columns as its form set prints them: the registry's, in the form set's choice and order. */
function formColumns(t: TableEntry): Record<string, Column> | undefined {
  if (!(CLASS_TABLE_KEYS as readonly string[]).includes(t.key)) return (TABLES[t.key] as { columns?: Record<string, Column> }).columns;
  const all = TABLES[t.key as ClassTableKey].columns as Record<string, Column>;
  return Object.fromEntries(t.columns.map((c) => [c, all[c]!]));
}
