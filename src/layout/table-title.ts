import { toAtoms, type Atoms } from './inline-atoms.js';
import { LayoutError, quoted } from './layout-error.js';
import { breakBalanced, breakLines, type BrokenLine } from './line-breaking.js';
import { placeLine } from './line-boxes.js';
import { moveDown, type LayoutContext } from './flow.js';
import type { TableBlock } from './markup-model.js';
import { STYLE } from './style.js';
import { drawBand } from './table-bands.js';
import type { TableRows } from './table-rows.js';
import type { DrawItem } from './types.js';

const T = STYLE.table;

/**
 * What stands above the grid: the form id (公开02表) top right, the title centred in the title
 * face (or, `plain`, in the table face at the cells' size), the left/right line (部门：… / 金额单位：…, wrapped side by side when too long for one
 * row), then the header rows. On a continuation page (`continued`) the title line reads
 * "<form>（续）", the form id is not repeated and everything is an artifact (the content was
 * tagged on the first page).
 */
export function titleBlock(
  table: TableBlock, rows: TableRows, ctx: LayoutContext, continued: boolean, caption: number,
): { items: DrawItem[]; height: number } {
  const { fonts, geometry: g } = ctx;
  const items: DrawItem[] = [];
  const struct = continued ? undefined : caption;
  const ascent = fonts.face('table').ascent;
  const right = g.left + g.contentWidth;
  let y = 0;

  if (!continued && table.form) {
    const fs = T.formSize;
    singleLine(ctx, table.form, fs, right, y + fs * ascent + 1, 'right', items, struct);
    y += fs * 1.5;
  }
  const titleText = continued ? table.continued || `${table.form || table.title}（续）` : table.title;
  if (titleText) {
    const plain = table.titleStyle === 'plain';
    const ts = plain ? rows.size : continued ? T.continuedTitleSize : T.titleSize;
    const role = plain ? 'table' : T.titleRole;
    const lead = ts * 1.45;
    const atoms = toAtoms([{ kind: 'text', text: titleText, bold: false }], { role, boldRole: role, size: ts }, fonts);
    const asc = fonts.face(role).ascent;
    for (const ln of breakBalanced(atoms, g.contentWidth, fonts)) {
      placeLine(ln, { x: g.left, baseline: y + (lead - ts) / 2 + asc * ts, align: 'center', struct }, fonts, items);
      y += lead;
    }
  }
  if (table.left || table.right) {
    const lrSize = Math.min(11, rows.size + 1);
    const lead = lrSize * 1.7;
    const { lines, rows: count } = sideBySide(ctx, table.left, table.right, lrSize, table.title || table.form);
    for (const p of lines) {
      const baseline = y + p.row * lead + (lead - lrSize) / 2 + ascent * lrSize;
      placeLine(p.line, { x: p.x, baseline, align: 'left', struct }, ctx.fonts, items);
    }
    y += count * lead;
  }
  const headRows = rows.grid.headRows;
  if (headRows > 0) {
    const head: DrawItem[] = [];
    drawBand(rows, 0, headRows, 0, rows.rowY[headRows]!, { artifact: continued, cut: false }, fonts, head);
    for (const it of head) {
      moveDown(it, y);
      items.push(it);
    }
    y += rows.rowY[headRows]!;
  }
  return { items, height: y };
}

/** One unbroken line of table-face text starting (left) or ending (right) at x. */
function singleLine(
  ctx: LayoutContext, text: string, size: number, x: number, baseline: number, anchor: 'left' | 'right',
  items: DrawItem[], struct: number | undefined,
): void {
  for (const ln of naturalLines(ctx, tableAtoms(ctx, text, size))) {
    if (ln.width > ctx.geometry.contentWidth + EPS) {
      throw new LayoutError(`版面排不下：表格上方的文字${quoted(text)}比版心宽度（${ctx.geometry.contentWidth.toFixed(0)} pt）还宽`, [text]);
    }
    const x0 = anchor === 'left' ? x : x - ln.width;
    placeLine(ln, { x: x0, baseline, align: 'left', struct }, ctx.fonts, items);
  }
}

const EPS = 0.01;

interface PlacedLine {
  line: BrokenLine;
  x: number;
  /** Row of the left/right block, from 0. */
  row: number;
}

/**
 * The left/right line (部门：… / 金额单位：…): both on one row when they fit with an em between
 * them. Otherwise each wraps within a box of its own, side by side, never over the other: the
 * right text keeps its width when it needs at most half the row, the left one takes the rest;
 * the left text's continuation lines hang under the text after its label (部门：), and the right
 * text ends on the last row, next to the grid, as printed forms have it. A text that fits in no
 * box (a piece the line breaker cannot split wider than the box) is a LayoutError, never an overlap.
 */
function sideBySide(
  ctx: LayoutContext, leftText: string, rightText: string, size: number, what: string,
): { lines: PlacedLine[]; rows: number } {
  const g = ctx.geometry;
  const rightEdge = g.left + g.contentWidth;
  const left = leftText ? tableAtoms(ctx, leftText, size) : null;
  const right = rightText ? tableAtoms(ctx, rightText, size) : null;
  const leftNatural = left ? naturalLines(ctx, left) : [];
  const rightNatural = right ? naturalLines(ctx, right) : [];
  const wL = Math.max(0, ...leftNatural.map((l) => l.width));
  const wR = Math.max(0, ...rightNatural.map((l) => l.width));
  const gap = left && right ? size : 0;
  if (wL + gap + wR <= g.contentWidth + EPS) {
    return {
      lines: [
        ...leftNatural.map((line) => ({ line, x: g.left, row: 0 })),
        ...rightNatural.map((line) => ({ line, x: rightEdge - line.width, row: 0 })),
      ],
      rows: 1,
    };
  }
  const half = (g.contentWidth - gap) / 2;
  const boxR = !left ? g.contentWidth : wR <= half ? wR : wL <= half ? g.contentWidth - gap - wL : half;
  const boxL = g.contentWidth - gap - (right ? boxR : 0);
  const where = `表格“${what}”上方`;
  const hanging = left ? labelWidth(ctx, leftText, size, boxL) : 0;
  const leftLines = left ? wrapped(ctx, left, leftText, boxL, hanging, where) : [];
  const rightLines = right ? wrapped(ctx, right, rightText, boxR, 0, where) : [];
  const rows = Math.max(leftLines.length, rightLines.length);
  return {
    lines: [
      ...leftLines.map((line, k) => ({ line, x: g.left + (k > 0 ? hanging : 0), row: k })),
      ...rightLines.map((line, k) => ({ line, x: rightEdge - line.width, row: rows - rightLines.length + k })),
    ],
    rows,
  };
}

/** Balanced lines within `box` (continuation lines `hanging` narrower); none may stick out. */
function wrapped(ctx: LayoutContext, atoms: Atoms, text: string, box: number, hanging: number, where: string): BrokenLine[] {
  const lines = breakBalanced(atoms, box, ctx.fonts, hanging);
  if (lines.some((l) => l.width > l.measure + EPS)) throw tooLong(text, box, where);
  return lines;
}

/** The width of a short label ending in a colon (部门：, 单位名称：) that continuation lines hang under. */
function labelWidth(ctx: LayoutContext, text: string, size: number, box: number): number {
  const colon = text.search(/[：:]/);
  if (colon < 0 || colon > 8) return 0;
  const w = ctx.fonts.face('table').measure(text.slice(0, colon + 1), size);
  return w <= box / 3 ? w : 0;
}

function tableAtoms(ctx: LayoutContext, text: string, size: number): Atoms {
  return toAtoms([{ kind: 'text', text, bold: false }], { role: 'table', boldRole: 'bold', size }, ctx.fonts);
}

/** The text unbroken (lines only at <br/>), each line as wide as its text. */
function naturalLines(ctx: LayoutContext, atoms: Atoms): BrokenLine[] {
  const lines = breakLines(atoms, () => Infinity, ctx.fonts);
  for (const ln of lines) ln.measure = ln.width;
  return lines;
}

function tooLong(text: string, box: number, where: string): LayoutError {
  return new LayoutError(
    `版面排不下：${where}的文字${quoted(text)}中有一段不能断开的字符比可用宽度（${box.toFixed(0)} pt）还宽。请缩短或在其中加入可断行的文字`,
    [text],
  );
}
