import { Decimal } from 'decimal.js';
import type { Loaded } from '../../load/index.js';
import { proseFormat } from '../../model/number-format.js';
import { tableName, type TableKey } from '../../model/tables.js';
import type { ResolvedTables } from '../tables.js';
import type { Trace } from '../trace.js';
import type { SectionContext } from './context.js';
import { FigureBook } from './figures.js';
import { substitute, type PlaceholderProblem } from './placeholders.js';
import type { VerbatimSection } from '../../load/schema-explanation.js';
import { isNarrativeSectionId } from '../../model/narrative-sections.js';
import { NARRATIVE_SECTIONS } from './sections/index.js';
import type { Narrative, NarrativeBody, NarrativeCharts, VerbatimBlock, VerbatimSectionText } from './types.js';

export type { Figure, Change, Completion, Direction, FigureKind } from './figures.js';
export type * from './types.js';
export { NARRATIVE_SECTION_IDS, isNarrativeSectionId, type NarrativeSectionId } from '../../model/narrative-sections.js';
export { NARRATIVE_SECTIONS } from './sections/index.js';

/** The default of `explanation.reason_threshold`: a change or completion further than 10 % from par wants a reason. */
export const REASON_THRESHOLD_DEFAULT = 10;

/**
 * 第三部分 情况说明 as the file's form set has it (loaded.profile: `narrative.sections` in their
 * order, `narrative.charts`, `numbers`): each section computes its figures from the tables and the
 * explanation data into one figure book (and so one trace, in the order of the text).
 */
export function computeNarrative(loaded: Loaded, tables: ResolvedTables, trace: Trace): Narrative {
  const { model, profile } = loaded;
  const { sections: sectionIds, charts: drawCharts } = profile.narrative;
  const numbers = profile.numbers;
  checkSectionList(sectionIds);
  const book = new FigureBook(model.pins ?? {}, trace, proseFormat(numbers));
  const placeholderProblems: PlaceholderProblem[] = [];
  const fills: (() => void)[] = [];
  const ctx: SectionContext = {
    loaded,
    tables,
    book,
    year: model.year,
    lastYear: model.year - 1,
    ex: model.explanation ?? {},
    root: ['explanation'],
    tableName: (key: TableKey) => tableName(key, loaded.profile.tables),
    placeholderProblems,
    afterSections: (fill) => fills.push(fill),
  };

  const body: NarrativeBody = {};
  const charts: Partial<NarrativeCharts> = {};
  for (const id of sectionIds) {
    book.section = id;
    const { charts: drawn, ...part } = NARRATIVE_SECTIONS[id](ctx);
    Object.assign(body, part);
    if (!drawCharts) continue;
    for (const [key, chart] of Object.entries(drawn ?? {})) {
      if (chart) Object.assign(charts, { [key]: { ...chart, number: Object.keys(charts).length + 1 } });
    }
  }
  for (const fill of fills) fill();
  const verbatim = verbatimText(model.explanation?.text, book, placeholderProblems);

  return {
    year: model.year,
    numbers,
    lastYear: model.year - 1,
    sections: profile.narrative.outline.map((e, i) => ({ id: e.id, n: i + 1, children: e.children.map((c, j) => ({ id: c, n: j + 1, children: [] })) })),
    figures: book.all(),
    unusedPins: Object.keys(model.pins ?? {}).filter((k) => !book.usedPins.has(k)),
    placeholderProblems,
    reasonThreshold: new Decimal(model.explanation?.reason_threshold ?? REASON_THRESHOLD_DEFAULT),
    charts,
    ...(verbatim ? { verbatim } : {}),
    ...body,
  };
}

/** `explanation.text` with every `{id}` replaced by the figure's printed text (its pin, else computed). */
function verbatimText(sections: VerbatimSection[] | undefined, book: FigureBook, problems: PlaceholderProblem[]): VerbatimSectionText[] | undefined {
  if (!sections) return undefined;
  const lookup = (id: string) => book.get(id);
  return sections.map((s, i) => {
    const path = ['explanation', 'text', i];
    return {
      heading: substitute(s.heading, lookup, [...path, 'heading'], problems),
      blocks: s.blocks.map((b, k): VerbatimBlock => {
        const at = [...path, 'blocks', k];
        if (typeof b === 'string') return substitute(b, lookup, at, problems);
        if ('line' in b) return { line: substitute(b.line, lookup, [...at, 'line'], problems) };
        if ('h3' in b) return { h3: substitute(b.h3, lookup, [...at, 'h3'], problems) };
        return b;
      }),
    };
  });
}

/** A form set's list is checked where it is read; here a wrong list is a mistake in the code. */
function checkSectionList(ids: readonly string[]): void {
  const unknown = ids.filter((id) => !isNarrativeSectionId(id));
  if (unknown.length) throw new Error(`unknown narrative sections: ${unknown.join(', ')}`);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Error(`narrative sections listed twice: ${twice.join(', ')}`);
}
