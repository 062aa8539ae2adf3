import type { PageText, Rule, Tick, TextItem } from './pdf-text.js';
import { toLines } from './pdf-text.js';

/**
 * A table whose every cell is ruled (the 自评表 of 第六部分, the 重点工作 table): its cells rebuilt
 * from the lines drawn, merged cells and all. A cell starts where a rule closes it above and on
 * the left; it spans right while no vertical rule parts it from its neighbour and down while no
 * horizontal rule does. Each run of text belongs to the cell it stands in.
 */

export interface CellLine {
  /** As printed, a typed blank kept (keepTypedBlanks). */
  text: string;
  x0: number;
  x1: number;
  y: number;
  fontSize: number;
}

export interface GridCell {
  /** Band (row of the ruled grid) and column it starts in, with its spans. */
  row: number;
  col: number;
  span: number;
  rowSpan: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  lines: CellLine[];
  /** Its runs, left to right on their lines: where a checkbox's label ends. */
  runs: Array<{ text: string; x0: number; x1: number }>;
  ticks: Tick[];
}

export interface RuledTable {
  page: number;
  top: number;
  bottom: number;
  /** The bands' top edges, and the bottom edge last. */
  bands: number[];
  cells: GridCell[];
}

const NEAR = 0.8;
const MIN_RULE = 10;

export function cluster(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (out.length === 0 || v - out.at(-1)! > NEAR) out.push(v);
  return out;
}

/** The ruled tables of a page, top down, with the runs of text standing in their cells. */
export function ruledTables(page: PageText, rules: readonly Rule[], ticks: readonly Tick[]): RuledTable[] {
  // A checkbox's sides are short rules too: no cell border is that short.
  const hs = rules.filter((r) => r.y0 === r.y1 && r.x1 - r.x0 > MIN_RULE);
  const vs = rules.filter((r) => r.x0 === r.x1 && r.y1 - r.y0 > MIN_RULE);
  const hasH = (y: number, x: number) => hs.some((h) => Math.abs(h.y0 - y) < NEAR && h.x0 - NEAR <= x && x <= h.x1 + NEAR);
  const hasV = (x: number, y: number) => vs.some((v) => Math.abs(v.x0 - x) < NEAR && v.y0 - NEAR <= y && y <= v.y1 + NEAR);
  const ys = cluster(hs.map((h) => h.y0));
  const tables: RuledTable[] = [];
  let start = -1;
  for (let i = 0; i < ys.length; i++) {
    const inTable = i < ys.length - 1 && vs.some((v) => v.y0 - NEAR <= ys[i]! && ys[i + 1]! <= v.y1 + NEAR);
    if (inTable && start < 0) start = i;
    if (!inTable && start >= 0) {
      tables.push(table(page, ys.slice(start, i + 1), vs, hasH, hasV, ticks));
      start = -1;
    }
  }
  return tables;
}

function table(
  page: PageText,
  bands: number[],
  vs: readonly Rule[],
  hasH: (y: number, x: number) => boolean,
  hasV: (x: number, y: number) => boolean,
  ticks: readonly Tick[],
): RuledTable {
  const top = bands[0]!;
  const bottom = bands.at(-1)!;
  const xs = cluster(vs.filter((v) => v.y1 > top + NEAR && v.y0 < bottom - NEAR).map((v) => v.x0));
  const midY = (r: number) => (bands[r]! + bands[r + 1]!) / 2;
  const midX = (c: number) => (xs[c]! + xs[c + 1]!) / 2;
  const cells: GridCell[] = [];
  for (let r = 0; r < bands.length - 1; r++) {
    for (let c = 0; c < xs.length - 1; c++) {
      if (!hasH(bands[r]!, midX(c)) || !hasV(xs[c]!, midY(r))) continue;
      let k = c + 1;
      while (k < xs.length - 1 && !hasV(xs[k]!, midY(r))) k++;
      let m = r + 1;
      while (m < bands.length - 1 && !hasH(bands[m]!, midX(c))) m++;
      cells.push({ row: r, col: c, span: k - c, rowSpan: m - r, x0: xs[c]!, x1: xs[k]!, y0: bands[r]!, y1: bands[m]!, lines: [], runs: [], ticks: [] });
    }
  }
  const inside = (cell: GridCell, x: number, y: number) => cell.x0 <= x && x <= cell.x1 && cell.y0 <= y && y <= cell.y1;
  const items = new Map<GridCell, TextItem[]>();
  for (const it of page.items) {
    const x = it.x + it.width / 2;
    const y = it.y - 0.3 * it.fontSize;
    const cell = cells.find((c) => inside(c, x, y));
    if (!cell) continue;
    const list = items.get(cell);
    if (list) list.push(it);
    else items.set(cell, [it]);
  }
  for (const [cell, its] of items) {
    cell.lines = toLines(its, page.number).map((l) => ({ text: keepTypedBlanks(l.cells.map((c) => c.raw).join('')), x0: l.x0, x1: l.x1, y: l.y, fontSize: l.fontSize }));
    cell.runs = [...its].sort((a, b) => a.y - b.y || a.x - b.x).map((i) => ({ text: i.raw, x0: i.x, x1: i.x + i.width }));
  }
  for (const t of ticks) cells.find((c) => inside(c, t.x, t.y))?.ticks.push(t);
  return { page: page.number, top, bottom, bands, cells };
}

/**
 * A line's text with the blanks typed in it ("1. 完成", "管理局 部门整体"), but not those pdf.js
 * reports between the glyphs of a justified line ("2023 年 江 岸 区").
 */
export function keepTypedBlanks(raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim();
  const glyphs = t.replace(/ /g, '').length;
  const spread = glyphs > 3 && (t.match(/\S (?=\S)/g)?.length ?? 0) >= 0.6 * (glyphs - 1);
  return spread ? t.replace(/(\S) (?=\S)/g, '$1') : t;
}

/** A cell's text: its lines joined (a wrapped line goes on where the last one stopped). */
export function cellText(cell: GridCell | undefined): string {
  return (cell?.lines ?? []).map((l) => l.text).join('');
}

const NO_START = new Set(Array.from('。，、；：？！）》」』”’】〕〉〗｝］％%…—·．｡､,.;:?!)]}>〙〛｠'));
const NO_END = new Set(Array.from('（《「『“‘【〔〈〖｛［([{<〘〚｟￥¥$'));
const WORD = /^[A-Za-z0-9](?:[A-Za-z0-9]|[.,:/\-_+'&@#](?=[A-Za-z0-9]))*/;

/** What the line breaker keeps together at the start of a line: a word or a character, its closing stops, an opening bracket with what follows. */
function firstPiece(text: string): string {
  let i = 0;
  const atom = () => {
    const w = WORD.exec(text.slice(i));
    i += w ? w[0].length : (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  };
  atom();
  while (i < text.length && (NO_START.has(text[i]!) || NO_END.has(text[i - 1]!))) atom();
  return text.slice(0, i);
}

const MARKER = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、)/;

/**
 * A line that opens with a list marker (（一）, (1), 1., 1、, 一、) after one that ended a sentence
 * starts anew even where the line before is full: a paragraph that ends exactly at the margin.
 */
export function opensItem(before: string, line: string): boolean {
  return /[。：:；;！？]$/.test(before) && MARKER.test(line);
}

/** Full-width (CJK) characters take an em, the rest about half of one: enough to share out a line's width. */
const weight = (s: string) => Array.from(s).reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55), 0);

/**
 * The paragraphs of a cell printed one per line (a list, or text with line breaks): a line starts
 * a new one where what it begins with would have fitted on the line before, which the line breaker
 * would then have put there.
 */
export function cellParagraphs(cell: GridCell | undefined, padding: number): string[] {
  const out: string[] = [];
  let prev: CellLine | undefined;
  for (const line of cell?.lines ?? []) {
    if (!prev || line.text === '') {
      out.push(line.text);
    } else {
      const room = cell!.x1 - cell!.x0 - 2 * padding - (prev.x1 - prev.x0);
      const piece = firstPiece(line.text);
      const width = ((line.x1 - line.x0) * weight(piece)) / Math.max(weight(line.text), 0.1);
      if (room >= width - 0.3 || opensItem(prev.text, line.text)) out.push(line.text);
      else out[out.length - 1] += line.text;
    }
    prev = line;
  }
  return out.filter((p) => p !== '');
}

/**
 * Cells numbered by the columns of all the tables given, which share one grid (the 自评表): a
 * table whose rows all merge two columns draws no rule between them, yet its cells are in them.
 */
export function sharedColumns(tables: readonly RuledTable[]): void {
  const xs = cluster(tables.flatMap((t) => t.cells.flatMap((c) => [c.x0, c.x1])));
  const index = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= NEAR);
  for (const t of tables) {
    for (const c of t.cells) {
      c.col = index(c.x0);
      c.span = index(c.x1) - c.col;
    }
  }
}

/** The space between a cell's rule and its text: the least found at the left of a table's cells. */
export function paddingOf(tables: readonly RuledTable[]): number {
  let pad = Infinity;
  for (const t of tables) for (const c of t.cells) for (const l of c.lines) pad = Math.min(pad, l.x0 - c.x0);
  return Number.isFinite(pad) && pad >= 0 ? pad : 2;
}
