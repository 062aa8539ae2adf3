import type { FontSet } from '../fonts/index.js';
import { store } from './atom-store.js';
import { blockSlices } from './blocks.js';
import { checkTextPlacement } from './check-placement.js';
import { StructureBuilder, type LayoutContext, type PageBuild, type Target } from './flow.js';
import type { MarkupDocument, Section } from './markup-model.js';
import { buildOutline } from './outline.js';
import { drawFooters, numberPages } from './page-numbers.js';
import { paginate } from './paginate.js';
import { parseMarkup } from './parse-markup.js';
import { pageGeometry } from './style.js';
import { tocSlices } from './toc.js';
import type { LaidOutDocument } from './types.js';

export type * from './types.js';
export { MarkupError } from './parse-markup.js';
export { LayoutError } from './layout-error.js';
import { LayoutError } from './layout-error.js';
export { TableTooWideError, TableTooTallError } from './table-columns.js';
export { MissingGlyphError } from '../fonts/index.js';

/**
 * Markup (docs/markup.md) → positioned pages, in named steps:
 *
 *   parse     the markup into a typed block tree
 *   flowBody  every section but the 目录: blocks → lines / row groups / charts (slices) → pages
 *   limit     no more pages than MAX_PAGES (else a LayoutError)
 *   number    the body pages, from 1 across the arabic sections
 *   flowToc   the 目录 with those numbers (laid out last, so its length changes none of them)
 *   footers   "- n -" on the numbered pages
 *   check     no text over other text or off its page (else a LayoutError)
 *   assemble  pages in document order, bookmarks, structure, metadata
 */
export function layoutDocument(markup: string, fonts: FontSet, limits: { maxPages?: number } = {}): LaidOutDocument {
  store.clear(); // the atoms of the previous document are no longer needed
  const doc = parseMarkup(markup);
  const run = startRun(doc, fonts);
  const body = flowBody(doc, run);
  checkPageCount(body.reduce((n, pages) => n + (pages?.length ?? 0), 0), limits.maxPages ?? MAX_PAGES);
  numberPages(body.flatMap((pages) => pages ?? []));
  const pages = flowToc(doc, run, body);
  drawFooters(pages, fonts);
  checkTextPlacement(pages, fonts);
  return assemble(doc, run, pages);
}

/**
 * A 部门决算 runs to 50–150 pages; a thousand means data gone wrong (a table pasted many times),
 * and painting it would take minutes and gigabytes.
 */
export const MAX_PAGES = 1000;

function checkPageCount(pages: number, max: number): void {
  if (pages > max) throw new LayoutError(`版面共 ${pages} 页，超过上限 ${max} 页：请检查数据中是否有重复或过多的表行、段落`);
}

/** What all sections of one document share while they are laid out. */
interface Run {
  fonts: FontSet;
  targets: Target[];
  structure: StructureBuilder;
  sects: number[];
  state: LayoutContext['state'];
}

function startRun(doc: MarkupDocument, fonts: FontSet): Run {
  const structure = new StructureBuilder();
  const sects = doc.sections.map(() => structure.add('Sect', 0));
  return { fonts, targets: [], structure, sects, state: { lastHeadingLevel: 1 } };
}

function contextFor(run: Run, doc: MarkupDocument, i: number): LayoutContext {
  const { fonts, targets, structure, state } = run;
  return { fonts, geometry: pageGeometry(doc.sections[i]!.orientation), targets, structure, sect: run.sects[i]!, state };
}

const isTocSection = (section: Section): boolean => section.blocks.some((b) => b.kind === 'toc');

/** Pages of each section, null for the section holding the 目录 (laid out later). */
function flowBody(doc: MarkupDocument, run: Run): (PageBuild[] | null)[] {
  return doc.sections.map((section, i) => {
    if (isTocSection(section)) return null;
    const ctx = contextFor(run, doc, i);
    const slices = section.blocks.flatMap((b) => blockSlices(b, ctx));
    return paginate({ geometry: ctx.geometry, numbering: section.numbering, slices });
  });
}

/** Lays out the 目录 section(s) with the body's page numbers; all pages in document order. */
function flowToc(doc: MarkupDocument, run: Run, body: (PageBuild[] | null)[]): PageBuild[] {
  const entries = run.targets.slice();
  return doc.sections.flatMap((section, i) => {
    const done = body[i];
    if (done) return done;
    const ctx = contextFor(run, doc, i);
    const slices = section.blocks.flatMap((b) => (b.kind === 'toc' ? tocSlices(b, entries, ctx) : blockSlices(b, ctx)));
    // The 目录 is never numbered: numbering it would shift the numbers it prints.
    return paginate({ geometry: ctx.geometry, numbering: 'none', slices });
  });
}

function assemble(doc: MarkupDocument, run: Run, pages: PageBuild[]): LaidOutDocument {
  return {
    meta: doc.meta,
    pages: pages.map((p) => ({
      width: p.geometry.width,
      height: p.geometry.height,
      orientation: p.geometry.orientation,
      number: p.number,
      items: p.items,
    })),
    outline: buildOutline(run.targets, pages),
    structure: run.structure.nodes,
  };
}
