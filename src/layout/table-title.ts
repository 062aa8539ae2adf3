import { toAtoms } from './inline-atoms.js';
import { breakBalanced, breakLines } from './line-breaking.js';
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
 * face, the left/right line (部门：… / 金额单位：…), then the header rows. On a continuation
 * page (`continued`) the title line reads "<form>（续）", the form id is not repeated and
 * everything is an artifact (the content was tagged on the first page).
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
    const ts = continued ? T.continuedTitleSize : T.titleSize;
    const lead = ts * 1.45;
    const atoms = toAtoms([{ kind: 'text', text: titleText, bold: false }], { role: T.titleRole, boldRole: T.titleRole, size: ts }, fonts);
    const asc = fonts.face(T.titleRole).ascent;
    for (const ln of breakBalanced(atoms, g.contentWidth, fonts)) {
      placeLine(ln, { x: g.left, baseline: y + (lead - ts) / 2 + asc * ts, align: 'center', struct }, fonts, items);
      y += lead;
    }
  }
  if (table.left || table.right) {
    const lrSize = Math.min(11, rows.size + 1);
    const lead = lrSize * 1.7;
    const baseline = y + (lead - lrSize) / 2 + ascent * lrSize;
    if (table.left) singleLine(ctx, table.left, lrSize, g.left, baseline, 'left', items, struct);
    if (table.right) singleLine(ctx, table.right, lrSize, right, baseline, 'right', items, struct);
    y += lead;
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
  const atoms = toAtoms([{ kind: 'text', text, bold: false }], { role: 'table', boldRole: 'bold', size }, ctx.fonts);
  for (const ln of breakLines(atoms, () => Infinity, ctx.fonts)) {
    ln.measure = ln.width;
    const x0 = anchor === 'left' ? x : x - ln.width;
    placeLine(ln, { x: x0, baseline, align: 'left', struct }, ctx.fonts, items);
  }
}
