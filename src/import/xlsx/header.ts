import { norm, type GridCell, type SheetGrid } from './sheet-grid.js';
import type { Unit } from './amounts.js';

/** A table's header on its sheet, found by its words rather than by fixed rows. */
export interface Header {
  /** The first row of the header and the first row of the body. */
  top: number;
  bodyStart: number;
  /** Per visible column: the header's texts from top to bottom, merged labels once ("本年支出小计"). */
  labels: Map<number, string>;
  unit?: { unit: Unit; cell: GridCell };
}

const CODE = /^\d{3}(\d{2}){0,2}$/;
const ORDINAL = /^[一二三四五六七八九十]+[、.]/;
const UNIT = /单位[:：]?(万元|元)/;

export const isCode = (text: string): boolean => CODE.test(text);

/** Lines above a table's grid that are not its header: the unit, the department, a form number. */
const isFurniture = (row: GridCell[], grid: SheetGrid): boolean =>
  grid.columns.some((c) => {
    const t = norm(row[c]?.text ?? '');
    return UNIT.test(t) || /^(部门|编制单位|单位名称)[:：]/.test(t) || /^(公开|财决|Z)\d+表?$/i.test(t);
  });

const texts = (row: GridCell[] | undefined, grid: SheetGrid): string[] => grid.columns.map((c) => norm(row?.[c]?.text ?? ''));

/** 栏次 / column numbers 1, 2, 3 …: part of the header, no label. */
function isLineNumberRow(row: GridCell[] | undefined, grid: SheetGrid): boolean {
  const t = texts(row, grid).filter((x) => x !== '');
  if (t.includes('栏次')) return true;
  return t.length >= 2 && t.every((x, i) => x === String(Number(t[0]) + i));
}

/** A row of figures or of the form's row labels: the body has begun. */
function isBodyRow(row: GridCell[] | undefined, grid: SheetGrid): boolean {
  if (!row || isLineNumberRow(row, grid)) return false;
  const words = texts(row, grid).filter((t) => t !== '');
  // A 合计 row (its label perhaps merged over code and name), not a header's 合计 among other labels.
  if (words.length > 0 && words.every((t) => t === '合计' || t === '总计')) return true;
  // The notes under an empty table.
  if (/^(注|说明)/.test(words[0] ?? '')) return true;
  return grid.columns.some((c) => {
    const cell = row[c];
    if (!cell) return false;
    const t = norm(cell.text);
    return cell.number !== undefined || isCode(t) || ORDINAL.test(t) || /^[-+]?[\d,]+\.\d+$/.test(t);
  });
}

/**
 * The header under a table's title: it begins at the first row after the title that is neither
 * empty nor furniture, and ends before the first row of figures or row labels; the unit is taken
 * from the unit line above the grid.
 */
export function findHeader(grid: SheetGrid, titleRow: number): Header {
  let top = titleRow + 1;
  while (top <= grid.rowCount && (texts(grid.rows[top], grid).every((t) => t === '') || isFurniture(grid.rows[top] ?? [], grid))) top++;
  let bodyStart = top;
  while (bodyStart <= grid.rowCount && !isBodyRow(grid.rows[bodyStart], grid)) bodyStart++;
  let unit: Header['unit'];
  for (let r = 1; r < bodyStart && !unit; r++) {
    for (const c of grid.columns) {
      const m = UNIT.exec(norm(grid.rows[r]?.[c]?.text ?? ''));
      if (m) {
        unit = { unit: m[1] as Unit, cell: grid.rows[r]![c]! };
        break;
      }
    }
  }
  const labels = new Map<number, string>();
  for (const c of grid.columns) {
    const parts: string[] = [];
    for (let r = top; r < bodyStart; r++) {
      if (isLineNumberRow(grid.rows[r], grid)) continue;
      const t = norm(grid.rows[r]?.[c]?.text ?? '');
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    labels.set(c, parts.join(''));
  }
  return { top, bodyStart, labels, unit };
}

/** The visible columns whose header ends with (or, `contains`, holds) a label. */
export function columnsLabelled(header: Header, label: string, how: 'ends' | 'contains' = 'ends'): number[] {
  const want = norm(label);
  return [...header.labels].filter(([, l]) => (how === 'ends' ? l.endsWith(want) : l.includes(want))).map(([c]) => c);
}
