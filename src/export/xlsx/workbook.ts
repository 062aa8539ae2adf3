import { createRequire } from 'node:module';
import type * as ExcelJS from 'exceljs';
import type { TableBlock } from '../../layout/markup-model.js';
import { inlineText } from '../../layout/parse-markup.js';
import type { FormTable } from './form-tables.js';
import { placeCells, type PlacedCell } from './sheet-grid.js';
import { amountCell } from './amount-cell.js';

/** Loaded on first use: only `export` pays for it. */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

export interface WorkbookMeta {
  title: string;
  author: string;
  subject: string;
  /** The profile's name, so `import` knows the form set of a workbook it made. */
  keywords: string;
  /** The report's date, never the clock: the same input gives the same bytes. */
  date: Date;
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10 };
/** The body rows a form may have and still print on one page. */
const ONE_PAGE_ROWS = 45;
/** Sheet width in characters that fills an A4 page at 100 %, by orientation. */
const PAGE_CHARS = { portrait: 95, landscape: 140 };

/** One sheet per table, in the document's order, laid out as the form prints it. */
export function buildWorkbook(tables: readonly FormTable[], meta: WorkbookMeta): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = meta.author;
  wb.lastModifiedBy = meta.author;
  wb.title = meta.title;
  wb.subject = meta.subject;
  wb.keywords = meta.keywords;
  wb.created = meta.date;
  wb.modified = meta.date;
  wb.calcProperties = { fullCalcOnLoad: false };
  for (const t of tables) writeSheet(wb, t);
  return wb;
}

function sheetName(t: FormTable): string {
  const name = t.entry.label ? `${t.entry.label} ${t.block.title}` : t.block.title;
  return name.replace(/[[\]:*?/\\]/g, '').slice(0, 31);
}

function writeSheet(wb: ExcelJS.Workbook, { entry, block }: FormTable): void {
  const head = placeCells(block.head);
  const body = placeCells(block.body);
  const width = Math.max(head.width, body.width);
  const ws = wb.addWorksheet(sheetName({ entry, block }), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: entry.orientation,
      fitToPage: true,
      fitToWidth: 1,
      // A form of up to a page's rows keeps to one page, as the PDF prints it; a longer one runs on.
      fitToHeight: block.body.length <= ONE_PAGE_ROWS ? 1 : 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ showGridLines: false }],
  });
  setColumnWidths(ws, block, width, entry.orientation);

  let row = 1;
  const line = (text: string, style: Partial<ExcelJS.Style>, height?: number) => {
    ws.mergeCells(row, 1, row, width);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.style = style;
    if (height) ws.getRow(row).height = height;
    row++;
  };
  if (block.form) line(block.form, { font: FONT, alignment: { horizontal: 'right' } });
  line(block.title, { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }, 28);
  headingLine(ws, row++, width, block.left, block.right);

  const headStart = row;
  writeCells(ws, head.cells, headStart, true);
  // Header labels wrap in narrow columns; spreadsheets do not grow a row for a merged cell.
  for (let r = 0; r < block.head.length; r++) ws.getRow(headStart + r).height = 27;
  row += block.head.length;
  if (block.head.length > 0) ws.pageSetup.printTitlesRow = `${headStart}:${row - 1}`;
  writeCells(ws, body.cells, row, false);
  row += block.body.length;
  const chars = PAGE_CHARS[entry.orientation];
  for (const note of block.notes) {
    const text = inlineText(note);
    line(text, { font: FONT, alignment: { wrapText: true, vertical: 'top' } }, 14 * Math.ceil((text.length * 2) / chars));
  }
}

/** "部门：…" at the left, the unit at the right, on one line. */
function headingLine(ws: ExcelJS.Worksheet, row: number, width: number, left: string, right: string): void {
  const split = Math.max(1, Math.floor(width / 2));
  ws.mergeCells(row, 1, row, split);
  ws.getCell(row, 1).value = left;
  ws.getCell(row, 1).style = { font: FONT, alignment: { horizontal: 'left' } };
  ws.mergeCells(row, split + 1, row, width);
  ws.getCell(row, split + 1).value = right;
  ws.getCell(row, split + 1).style = { font: FONT, alignment: { horizontal: 'right' } };
}

function writeCells(ws: ExcelJS.Worksheet, cells: readonly PlacedCell[], top: number, header: boolean): void {
  for (const c of cells) {
    const r = top + c.row;
    const k = c.col + 1;
    if (c.rowspan > 1 || c.colspan > 1) ws.mergeCells(r, k, r + c.rowspan - 1, k + c.colspan - 1);
    const cell = ws.getCell(r, k);
    const amount = !header && c.align === 'right' ? amountCell(c.text) : undefined;
    const alignment: Partial<ExcelJS.Alignment> = { horizontal: c.align ?? 'left', vertical: 'middle', wrapText: !amount };
    if (amount) {
      cell.value = amount.value;
      cell.style = { font: FONT, alignment, border: BORDER, numFmt: amount.numFmt };
    } else {
      // Codes and 行次 stay text: 2011308 is a code, not a number.
      cell.value = c.text === '' ? null : c.text;
      cell.style = { font: { ...FONT, bold: header }, alignment, border: BORDER, numFmt: '@' };
    }
    // A merged range draws its border on every cell of it.
    for (let dr = 0; dr < c.rowspan; dr++) for (let dc = 0; dc < c.colspan; dc++) if (dr || dc) ws.getCell(r + dr, k + dc).style = { border: BORDER };
  }
}

/** The template's relative widths, scaled to the page. */
function setColumnWidths(ws: ExcelJS.Worksheet, block: TableBlock, width: number, orientation: 'portrait' | 'landscape'): void {
  const rel = block.widths && block.widths.length === width ? block.widths : Array.from({ length: width }, () => 1);
  const total = rel.reduce((a, b) => a + b, 0);
  rel.forEach((w, i) => {
    ws.getColumn(i + 1).width = Math.max(5, Math.round((w / total) * PAGE_CHARS[orientation] * 10) / 10);
  });
}
