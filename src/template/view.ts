import type { Calculated } from '../calculate/index.js';
import { chineseDate } from './format.js';
import { basicDetailRows, fiscalSummaryRows, summaryRows } from './table-rows.js';

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
  const { model, catalog } = calc.loaded;
  const glossaryTerms = model.glossary.terms.map((t) => ({
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
    department: model.department,
    cover: model.cover,
    publicationDate: chineseDate(model.cover.date),
    meta: documentMeta(model),
    overview: model.overview,
    tables: calc.tables,
    formRows: { summary: summaryRows(calc.tables.summary), fiscal_summary: fiscalSummaryRows(calc.tables.fiscal_summary), basic_detail: basicDetailRows(calc.tables.basic_detail) },
    narrative: calc.narrative,
    forms: calc.forms,
    explanation: model.explanation,
    keyWork: model.key_work,
    glossary: { terms: glossaryTerms },
    appendix: model.appendix,
  };
}
export type View = ReturnType<typeof buildView>;
