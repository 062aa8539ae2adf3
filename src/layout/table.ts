import { newTarget, type LayoutContext, type Slice } from './flow.js';
import type { TableBlock } from './markup-model.js';
import { STYLE } from './style.js';
import { drawBand } from './table-bands.js';
import { planColumns, TableTooTallError } from './table-columns.js';
import { resolveGrid, rowGroups } from './table-grid.js';
import { cellAtomCache, cutRows, layoutRows, type TableRows } from './table-rows.js';
import { titleBlock } from './table-title.js';
import { textSlices } from './text-blocks.js';
import type { DrawItem } from './types.js';

const T = STYLE.table;

/**
 * A form: form id top right, title centred, the left/right line, the grid, the notes. The header
 * rows (and a title line "<form>（续）" with the left/right line) repeat on each continuation page;
 * a row group (rows bound by rowspans) never splits unless it alone is taller than a page.
 *
 * Steps: grid (spans) → column widths (and type size) → rows → title slice → row slices → notes.
 */
export function tableSlices(table: TableBlock, ctx: LayoutContext): Slice[] {
  const { fonts, geometry: g } = ctx;
  const grid = resolveGrid(table);
  if (grid.cols === 0) return [];

  const atomsOf = cellAtomCache(grid, fonts);
  const what = `"${table.title || table.form}"`;
  const plan = planColumns(grid, table.widths, table.fontSize ?? T.defaultSize, g.contentWidth, atomsOf, what);
  const colX = [g.left];
  for (const w of plan.widths) colX.push(colX[colX.length - 1]! + w);

  // Structure: Table > Caption (the title lines), TR > TH/TD.
  const tableStruct = ctx.structure.add('Table', ctx.sect);
  const caption = ctx.structure.add('Caption', tableStruct);
  const trs = grid.rows.map(() => ctx.structure.add('TR', tableStruct));
  const rows = layoutRows(grid, colX, plan.size, atomsOf, fonts, (gc) =>
    gc.cell.content.length > 0 ? ctx.structure.add(gc.head ? 'TH' : 'TD', trs[gc.row]!) : undefined,
  table.padY ?? undefined);

  const first = titleBlock(table, rows, ctx, false, caption);
  const head: Slice = {
    height: first.height,
    spaceBefore: T.spaceBefore,
    keepWithNext: grid.rowCount > grid.headRows || table.notes.length > 0,
    items: first.items,
  };
  if (table.tocText) {
    const level = Math.min(3, ctx.state.lastHeadingLevel + 1);
    head.anchors = [{ target: newTarget(ctx, table.tocText, level, true), dy: 0 }];
  }
  let repeated: Slice | null = null;
  const continuation = (): Slice => {
    if (!repeated) {
      const c = titleBlock(table, rows, ctx, true, caption);
      repeated = { height: c.height, spaceBefore: 0, keepWithNext: false, items: c.items, reused: true };
    }
    return repeated;
  };

  const slices = [head, ...rowSlices(rows, ctx, head.height, continuation, what)];
  slices.push(...noteSlices(table, rows, ctx, slices[slices.length - 1]!));
  slices[slices.length - 1]!.height += T.spaceAfter;
  return slices;
}

/** One slice per row group; a group taller than a page is cut between lines. */
function rowSlices(rows: TableRows, ctx: LayoutContext, headHeight: number, continuation: () => Slice, what: string): Slice[] {
  const { grid, rowY } = rows;
  const g = ctx.geometry;
  const maxBand = g.contentHeight - continuation().height - 1;
  // A continuation page must hold its repeated header and at least a line of the rows.
  if (grid.rowCount > grid.headRows && maxBand < rows.lineH) {
    throw new TableTooTallError(
      `Table ${what}: its header repeated on a continuation page (title and header rows, ${continuation().height.toFixed(0)} pt) leaves no room for rows on a ${g.contentHeight.toFixed(0)} pt page`,
    );
  }
  // The first rows share their page with the full title block (they are kept with it).
  const firstMax = Math.max(g.contentHeight - headHeight - 1, rows.lineH * 2);
  const slices: Slice[] = [];
  for (const [from, to] of rowGroups(grid, grid.headRows, grid.rowCount)) {
    const height = rowY[to]! - rowY[from]!;
    const isFirst = slices.length === 0;
    const bands = height <= (isFirst ? Math.min(firstMax, maxBand) : maxBand)
      ? [[0, height] as [number, number]]
      : cutRows(rows, from, to, isFirst ? firstMax : maxBand, maxBand);
    for (const [top, bottom] of bands) {
      const items: DrawItem[] = [];
      drawBand(rows, from, to, top, bottom, { artifact: false, cut: bands.length > 1 }, ctx.fonts, items);
      slices.push({ height: bottom - top, spaceBefore: 0, keepWithNext: false, items, continuation });
    }
  }
  return slices;
}

/** The notes under the grid, in the table face; the last row stays with the first note line. */
function noteSlices(table: TableBlock, rows: TableRows, ctx: LayoutContext, lastRow: Slice): Slice[] {
  if (table.notes.length === 0) return [];
  lastRow.keepWithNext = true;
  const size = Math.max(rows.size, 9);
  const style = { role: 'table' as const, size, leading: size * 1.55 };
  return table.notes.flatMap((note, k) => {
    const struct = ctx.structure.add('P', ctx.sect);
    const slices = textSlices(note, ctx, { style, align: 'justify', indent: 0, struct, widowControl: true });
    if (slices.length > 0 && k === 0) slices[0]!.spaceBefore = 3;
    return slices;
  });
}
