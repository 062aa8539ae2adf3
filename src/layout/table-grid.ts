import type { TableBlock, TableCell } from './markup-model.js';

/** A cell placed on the table's grid. */
export interface GridCell {
  cell: TableCell;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  head: boolean;
  /** Number of the cell in the grid, 0 … cellCount-1 (for per-cell tables). */
  index: number;
}

export interface Grid {
  cols: number;
  /** Header rows are 0 … headRows-1; body rows follow. */
  headRows: number;
  rowCount: number;
  /** Cells by the row they start in. */
  rows: GridCell[][];
  cellCount: number;
}

const EMPTY_CELL: TableCell = { content: [], colspan: 1, rowspan: 1, nowrap: false };

/**
 * Resolves colspan/rowspan into grid positions (the HTML table algorithm). A rowspan does not
 * reach from the header into the body. Slots that no cell covers get an empty cell, so the
 * border grid is complete.
 */
export function resolveGrid(table: TableBlock): Grid {
  const headRows = table.head.length;
  const all = [...table.head, ...table.body];
  const rowCount = all.length;
  const occupied: boolean[][] = all.map(() => []);
  const rows: GridCell[][] = all.map(() => []);
  let cols = 0;
  let index = 0;
  all.forEach((row, r) => {
    const head = r < headRows;
    const sectionEnd = head ? headRows : rowCount;
    let c = 0;
    for (const cell of row.cells) {
      while (occupied[r]![c]) c++;
      const rowspan = Math.min(cell.rowspan, sectionEnd - r);
      for (let rr = r; rr < r + rowspan; rr++) {
        for (let cc = c; cc < c + cell.colspan; cc++) occupied[rr]![cc] = true;
      }
      rows[r]!.push({ cell, row: r, col: c, rowspan, colspan: cell.colspan, head, index: index++ });
      c += cell.colspan;
      cols = Math.max(cols, c);
    }
  });
  // Fill uncovered slots.
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < cols; c++) {
      if (!occupied[r]![c]) {
        occupied[r]![c] = true;
        rows[r]!.push({ cell: EMPTY_CELL, row: r, col: c, rowspan: 1, colspan: 1, head: r < headRows, index: index++ });
      }
    }
    if (!inColumnOrder(rows[r]!)) rows[r]!.sort((a, b) => a.col - b.col);
  }
  return { cols, headRows, rowCount, rows, cellCount: index };
}

function inColumnOrder(cells: GridCell[]): boolean {
  for (let i = 1; i < cells.length; i++) if (cells[i - 1]!.col > cells[i]!.col) return false;
  return true;
}

/**
 * Row groups: consecutive rows bound together by rowspans (they move between pages as a unit).
 * Returns [start, end) pairs over the body rows.
 */
export function rowGroups(grid: Grid, from: number, to: number): [number, number][] {
  const groups: [number, number][] = [];
  let start = from;
  let reach = from;
  for (let r = from; r < to; r++) {
    if (r > reach) {
      groups.push([start, r]);
      start = r;
    }
    for (const gc of grid.rows[r]!) reach = Math.max(reach, r + gc.rowspan - 1);
  }
  if (start < to) groups.push([start, to]);
  return groups;
}
