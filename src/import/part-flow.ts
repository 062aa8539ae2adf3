import type { Outline, Part } from './outline.js';
import type { PageDrawing, PageText, TextLine } from './pdf-text.js';
import { keepTypedBlanks, opensItem, ruledTables, sharedColumns, type GridCell, type RuledTable } from './ruled-grid.js';

/**
 * A part of the report read top down as what it prints: lines of text (with their style: a
 * heading in the sans bold face, bold text, plain text) and the rows of its ruled tables, in the
 * order they stand, page after page. 第四部分 and 第六部分 are read from this.
 */

export type LineStyle = 'heading' | 'bold' | 'plain';

export interface FlowLine {
  kind: 'line';
  page: number;
  y: number;
  x0: number;
  x1: number;
  fontSize: number;
  /** As printed, typed blanks kept. */
  text: string;
  style: LineStyle;
}

export interface FlowRow {
  kind: 'row';
  page: number;
  y: number;
  /** The cells starting on this band of the grid, left to right. */
  cells: GridCell[];
  table: RuledTable;
}

export type FlowItem = FlowLine | FlowRow;

export interface PartFlow {
  items: FlowItem[];
  tables: RuledTable[];
  /** The text's left and right margins and size (the most printed size). */
  left: number;
  right: number;
  size: number;
}

export interface PartSource {
  pages: readonly PageText[];
  /** Outline.content: each page's lines without page numbers and running heads. */
  content: Outline['content'];
  drawings: ReadonlyMap<number, PageDrawing>;
}

/** The pages a part covers: from its title to the next part (or the end). */
export function partPages(outline: Outline, part: Part): number[] {
  const next = outline.parts.find((p) => p.page > part.page || (p.page === part.page && p.y > part.y));
  const last = next ? next.page : outline.content.length;
  return Array.from({ length: last - part.page + 1 }, (_, i) => part.page + i);
}

export function partFlow(outline: Outline, part: Part, source: PartSource): PartFlow {
  const next = outline.parts.find((p) => p.page > part.page || (p.page === part.page && p.y > part.y));
  const inPart = (page: number, y: number) => (page > part.page || (page === part.page && y > part.bottom)) && (!next || page < next.page || (page === next.page && y < next.y));
  const items: FlowItem[] = [];
  const tables: RuledTable[] = [];
  for (const n of partPages(outline, part)) {
    const page = source.pages[n - 1]!;
    const drawing = source.drawings.get(n) ?? { rules: [], ticks: [], fonts: new Map() };
    const pageTables = ruledTables(page, drawing.rules, drawing.ticks).filter((t) => inPart(n, t.top));
    tables.push(...pageTables);
    const inTable = (l: TextLine) => pageTables.some((t) => t.top <= l.y && l.y <= t.bottom + 0.3 * l.fontSize);
    for (const l of source.content[n - 1] ?? []) {
      if (!inPart(n, l.y) || inTable(l)) continue;
      items.push({ kind: 'line', page: n, y: l.y, x0: l.x0, x1: l.x1, fontSize: l.fontSize, text: keepTypedBlanks(l.cells.map((c) => c.raw).join('')), style: styleOf(l, drawing.fonts) });
    }
    for (const t of pageTables) {
      for (let r = 0; r < t.bands.length - 1; r++) {
        const cells = t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
        if (cells.length > 0) items.push({ kind: 'row', page: n, y: t.bands[r]!, cells, table: t });
      }
    }
  }
  sharedColumns(tables);
  for (const item of items) if (item.kind === 'row') item.cells.sort((a, b) => a.col - b.col);
  items.sort((a, b) => a.page - b.page || a.y - b.y);
  const lines = items.filter((i): i is FlowLine => i.kind === 'line');
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.fontSize * 2) / 2, (weight.get(Math.round(l.fontSize * 2) / 2) ?? 0) + l.text.length);
  const size = [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
  const body = lines.filter((l) => Math.abs(l.fontSize - size) <= 0.12 * size);
  return { items, tables, left: Math.min(...body.map((l) => l.x0)), right: Math.max(...body.map((l) => l.x1)), size };
}

/** Bold by its font's name: a sans bold face is a heading's (黑体 in Word's reports), a serif bold one emphasis. */
function styleOf(line: TextLine, fonts: ReadonlyMap<string, string>): LineStyle {
  const names = line.fonts.map((f) => fonts.get(f) ?? '');
  if (names.length === 0 || !names.every((n) => /bold|black|heavy|黑体|hei/i.test(n))) return 'plain';
  return names.every((n) => /sans|黑体|hei/i.test(n)) ? 'heading' : 'bold';
}

/** A free-text block of the data file: a paragraph (indented), a line (flush), a bold line. */
export type Block = string | { line: string } | { h: string };

/**
 * Lines of text as the data file's blocks: an indented line starts a paragraph, a flush one a
 * `{line}`, a bold one an `{h}`; a line goes on from the one before when that one reached the right
 * margin (a justified line is set to the full measure) and the style is the same.
 */
export function blocksOf(lines: readonly FlowLine[], flow: PartFlow): Block[] {
  const blocks: Block[] = [];
  let prev: FlowLine | undefined;
  for (const l of lines) {
    const indented = l.x0 > flow.left + 0.9 * l.fontSize;
    const goesOn = prev && prev.style === l.style && !indented && prev.x1 >= flow.right - 1.2 * l.fontSize && !opensItem(prev.text, l.text);
    if (goesOn) {
      const last = blocks.at(-1)!;
      if (typeof last === 'string') blocks[blocks.length - 1] = last + l.text;
      else if ('line' in last) last.line += l.text;
      else last.h += l.text;
    } else if (l.style !== 'plain') blocks.push({ h: l.text });
    else blocks.push(indented ? l.text : { line: l.text });
    prev = l;
  }
  return blocks;
}
