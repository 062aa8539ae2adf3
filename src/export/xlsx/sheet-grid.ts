import type { TableRow } from '../../layout/markup-model.js';
import { inlineText } from '../../layout/parse-markup.js';

/** A cell of the table placed on the sheet's grid: 0-based row and column, with its span. */
export interface PlacedCell {
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  text: string;
  align?: 'left' | 'center' | 'right';
}

/**
 * Places rows of cells with colspan/rowspan as HTML does: each cell takes the first column its
 * row has free, after the cells of rows above that reach down into it.
 */
export function placeCells(rows: readonly TableRow[]): { cells: PlacedCell[]; width: number } {
  const taken: boolean[][] = [];
  const cells: PlacedCell[] = [];
  let width = 0;
  rows.forEach((r, row) => {
    taken[row] ??= [];
    let col = 0;
    for (const cell of r.cells) {
      while (taken[row]![col]) col++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        taken[row + dr] ??= [];
        for (let dc = 0; dc < cell.colspan; dc++) taken[row + dr]![col + dc] = true;
      }
      cells.push({ row, col, rowspan: cell.rowspan, colspan: cell.colspan, text: inlineText(cell.content), align: cell.align });
      col += cell.colspan;
      width = Math.max(width, col);
    }
  });
  return { cells, width };
}
