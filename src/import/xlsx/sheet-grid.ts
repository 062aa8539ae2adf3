import type * as ExcelJS from 'exceljs';

/** A cell as the importer reads it: the text it shows (or its number), and where it is. */
export interface GridCell {
  /** 1-based row and column on the sheet. */
  row: number;
  col: number;
  /** "C12" */
  address: string;
  /** The value as text, NFKC-normalised (full-width digits and brackets made plain), trimmed. */
  text: string;
  /** A value stored as a number (a formula's cached result included). */
  number?: number;
  /** The cell's number format ("#,##0.00"), for the decimals a form keeps. */
  numFmt?: string;
  /** Covered by a merged cell whose value stands in its first cell: the header reads the value, the body none. */
  mergedInto?: string;
  /** A formula that was never calculated: no value to read. */
  uncalculated?: boolean;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c], 1-based; visible columns only (a hidden column is not part of the form). */
  rows: GridCell[][];
  /** The visible columns, in order. */
  columns: number[];
  rowCount: number;
}

export const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** A sheet's values as a grid: merged cells give their value to every cell they cover. */
export function sheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const columnCount = ws.columnCount;
  const columns: number[] = [];
  for (let c = 1; c <= columnCount; c++) if (!ws.getColumn(c).hidden) columns.push(c);
  const rows: GridCell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows[r] = [];
    for (const c of columns) rows[r]![c] = gridCell(row.getCell(c), r, c);
  }
  return { name: ws.name, rows, columns, rowCount: ws.rowCount };
}

function gridCell(cell: ExcelJS.Cell, row: number, col: number): GridCell {
  const out: GridCell = { row, col, address: cell.address, text: '' };
  if (cell.numFmt) out.numFmt = cell.numFmt;
  if (cell.isMerged && cell.master.address !== cell.address) out.mergedInto = cell.master.address;
  const v = valueOf(cell.value, out);
  if (typeof v === 'number') {
    out.number = v;
    out.text = String(v);
  } else out.text = v.normalize('NFKC').trim();
  return out;
}

function valueOf(v: ExcelJS.CellValue, out: GridCell): number | string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    if (result === undefined) {
      out.uncalculated = true;
      return '';
    }
    return typeof result === 'object' && result !== null && 'error' in result ? String(result.error) : valueOf(result as ExcelJS.CellValue, out);
  }
  if ('error' in v) return String(v.error);
  if ('text' in v) return String(v.text);
  return '';
}
