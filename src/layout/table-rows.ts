import type { FontSet } from '../fonts/index.js';
import { toAtoms, type Atoms } from './inline-atoms.js';
import { breakLines, type BrokenLine } from './line-breaking.js';
import { STYLE } from './style.js';
import type { CellAtoms } from './table-columns.js';
import type { Grid, GridCell } from './table-grid.js';

const T = STYLE.table;

/** One cell, its lines broken to its column width. */
export interface CellBox {
  gc: GridCell;
  lines: BrokenLine[];
  contentHeight: number;
  x: number;
  width: number;
  struct: number | undefined;
}

/** The table's rows laid out: cell boxes by starting row, row tops (rowY[r], rowY[rowCount] = total). */
export interface TableRows {
  grid: Grid;
  boxes: CellBox[][];
  rowY: number[];
  size: number;
  lineH: number;
  /** Space above and below the text in every cell. */
  padY: number;
}

/** Cell atoms, measured once per type size (column planning may try a smaller size). */
export function cellAtomCache(grid: Grid, fonts: FontSet): CellAtoms {
  let cache: (Atoms | undefined)[] = [];
  let cachedSize = -1;
  return (gc, size) => {
    if (size !== cachedSize) {
      cache = new Array<Atoms | undefined>(grid.cellCount);
      cachedSize = size;
    }
    return (cache[gc.index] ??= toAtoms(gc.cell.content, { role: 'table', boldRole: 'bold', size }, fonts));
  };
}

/**
 * Breaks every cell's text to its column (nowrap cells only at <br/>), then sizes the rows:
 * each row as tall as its tallest single-row cell, a rowspan cell's excess added to its last row.
 */
export function layoutRows(
  grid: Grid, colX: number[], size: number, atomsOf: CellAtoms, fonts: FontSet,
  structOf: (gc: GridCell) => number | undefined, padY: number = T.padY,
): TableRows {
  const lineH = size * T.lineHeight;
  const boxes: CellBox[][] = grid.rows.map((row) =>
    row.map((gc) => {
      const x = colX[gc.col]!;
      const width = colX[gc.col + gc.colspan]! - x;
      const inner = width - 2 * T.padX;
      const lines = breakLines(atomsOf(gc, size), () => (gc.cell.nowrap ? Infinity : inner), fonts);
      for (const l of lines) l.measure = inner;
      return { gc, lines, contentHeight: lines.length * lineH, x, width, struct: structOf(gc) };
    }),
  );
  const heights = new Array<number>(grid.rowCount).fill(lineH + 2 * padY);
  const spanning: CellBox[] = [];
  for (const row of boxes) {
    for (const b of row) {
      if (b.gc.rowspan === 1) heights[b.gc.row] = Math.max(heights[b.gc.row]!, b.contentHeight + 2 * padY);
      else spanning.push(b);
    }
  }
  spanning.sort((a, b) => a.gc.rowspan - b.gc.rowspan);
  for (const b of spanning) {
    const need = b.contentHeight + 2 * padY;
    let have = 0;
    for (let r = b.gc.row; r < b.gc.row + b.gc.rowspan; r++) have += heights[r]!;
    if (have < need) heights[b.gc.row + b.gc.rowspan - 1]! += need - have;
  }
  const rowY: number[] = [0];
  for (const h of heights) rowY.push(rowY[rowY.length - 1]! + h);
  return { grid, boxes, rowY, size, lineH, padY };
}

/**
 * Where to cut rows from..to that are taller than a page: bands of at most `firstBand`, then
 * `maxBand`, each ending on a line boundary of every cell (cells top-aligned when cut).
 */
export function cutRows(rows: TableRows, from: number, to: number, firstBand: number, maxBand: number): [number, number][] {
  const { boxes, rowY, lineH, padY } = rows;
  const base = rowY[from]!;
  const total = rowY[to]! - base;
  const lineSpans: [number, number][] = [];
  for (let r = from; r < to; r++) {
    for (const b of boxes[r]!) {
      const top = rowY[r]! - base + padY;
      b.lines.forEach((_, k) => lineSpans.push([top + k * lineH, top + (k + 1) * lineH]));
    }
  }
  const bands: [number, number][] = [];
  let start = 0;
  const limit = (): number => (bands.length === 0 ? firstBand : maxBand);
  while (total - start > limit()) {
    let cut = start + limit();
    for (let moved = true; moved; ) {
      moved = false;
      for (const [lt, lb] of lineSpans) {
        if (lt < cut - 0.01 && lb > cut + 0.01 && lt > start + 0.01) {
          cut = lt;
          moved = true;
        }
      }
    }
    if (cut <= start + lineH / 2) cut = start + limit(); // a line taller than a page: cut through it
    bands.push([start, cut]);
    start = cut;
  }
  bands.push([start, total]);
  return bands;
}
