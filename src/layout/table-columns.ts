import { LayoutError } from './layout-error.js';
import { store } from './atom-store.js';
import { BR, SPACE, widestUnbreakable, type Atoms } from './inline-atoms.js';
import type { Grid, GridCell } from './table-grid.js';
import { STYLE } from './style.js';

export class TableTooWideError extends LayoutError {
  constructor(message: string) {
    super(message);
    this.name = 'TableTooWideError';
  }
}

/** A table whose header, repeated on each continuation page, would leave no room for its rows. */
export class TableTooTallError extends LayoutError {
  constructor(message: string) {
    super(message);
    this.name = 'TableTooTallError';
  }
}

export interface ColumnPlan {
  size: number;
  widths: number[];
}

/** The widest line of atoms broken only at <br/> (a nowrap cell's width). */
export function nowrapWidth(atoms: Atoms): number {
  const { kind, width } = store;
  let max = 0;
  let w = 0;
  let trailing = 0;
  for (let i = atoms.first; i < atoms.end; i++) {
    if (kind[i] === BR) {
      max = Math.max(max, w - trailing);
      w = 0;
      trailing = 0;
      continue;
    }
    w += width[i]!;
    trailing = kind[i] === SPACE ? trailing + width[i]! : 0;
  }
  return Math.max(max, w - trailing);
}

interface Need {
  col: number;
  span: number;
  width: number;
  hard: boolean;
}

/** A grid cell's atoms at a type size. */
export type CellAtoms = (gc: GridCell, size: number) => Atoms;

function cellNeeds(grid: Grid, size: number, atomsOf: CellAtoms): Need[] {
  const pad = 2 * STYLE.table.padX;
  const needs: Need[] = [];
  for (const row of grid.rows) {
    for (const gc of row) {
      if (gc.cell.content.length === 0) continue;
      const atoms = atomsOf(gc, size);
      if (gc.cell.nowrap) needs.push({ col: gc.col, span: gc.colspan, width: nowrapWidth(atoms) + pad, hard: true });
      else needs.push({ col: gc.col, span: gc.colspan, width: widestUnbreakable(atoms) + pad, hard: false });
    }
  }
  return needs;
}

/** Per-column minimums from the needs (spanning needs spread over their columns by weight). */
function minimums(cols: number, weights: number[], needs: Need[], hardOnly: boolean): number[] {
  const min = new Array<number>(cols).fill(0);
  const spanning: Need[] = [];
  for (const n of needs) {
    if (hardOnly && !n.hard) continue;
    if (n.span === 1) min[n.col] = Math.max(min[n.col]!, n.width);
    else spanning.push(n);
  }
  spanning.sort((a, b) => a.span - b.span);
  for (const n of spanning) {
    let have = 0;
    let wsum = 0;
    for (let c = n.col; c < n.col + n.span; c++) {
      have += min[c]!;
      wsum += weights[c]!;
    }
    if (have < n.width) {
      const extra = n.width - have;
      for (let c = n.col; c < n.col + n.span; c++) min[c]! += (extra * weights[c]!) / wsum;
    }
  }
  return min;
}

/** Widths proportional to the weights, raised to the minimums, the rest shared by weight. */
function distribute(total: number, weights: number[], min: number[]): number[] {
  const n = weights.length;
  const fixed = new Array<boolean>(n).fill(false);
  let widths = weights.slice();
  for (let iter = 0; iter < n + 1; iter++) {
    let free = total;
    let wsum = 0;
    for (let c = 0; c < n; c++) {
      if (fixed[c]) free -= min[c]!;
      else wsum += weights[c]!;
    }
    widths = weights.map((w, c) => (fixed[c] ? min[c]! : (free * w) / wsum));
    let changed = false;
    for (let c = 0; c < n; c++) {
      if (!fixed[c] && widths[c]! < min[c]! - 1e-6) {
        fixed[c] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return widths;
}

/**
 * Column widths from the `widths` weights: each column gets at least what its nowrap cells
 * (codes, amounts) and its widest unbreakable word need. If the nowrap cells alone do not fit the
 * page, the table's type is scaled down (never below 7.5 pt); past that it is an error.
 */
export function planColumns(
  grid: Grid, weightsAttr: number[] | null, fontSize: number, available: number, atomsOf: CellAtoms, what: string,
): ColumnPlan {
  if (weightsAttr && weightsAttr.length !== grid.cols) {
    throw new TableTooWideError(
      `Table ${what}: widths="${weightsAttr.join(' ')}" gives ${weightsAttr.length} weights for ${grid.cols} columns`,
    );
  }
  const weights = weightsAttr ?? new Array<number>(grid.cols).fill(1);
  const minSize = STYLE.table.minSize;
  let size = fontSize;
  for (let attempt = 0; attempt < 12; attempt++) {
    const needs = cellNeeds(grid, size, atomsOf);
    const all = minimums(grid.cols, weights, needs, false);
    if (sum(all) <= available + 1e-6) return { size, widths: distribute(available, weights, all) };
    const hard = minimums(grid.cols, weights, needs, true);
    if (sum(hard) <= available + 1e-6) {
      // Wrappable cells may break inside a long word; nowrap cells keep their width.
      const soft = all.map((m, c) => Math.max(hard[c]!, Math.min(m, (available * weights[c]!) / sum(weights))));
      const use = sum(soft) <= available ? soft : hard;
      return { size, widths: distribute(available, weights, use) };
    }
    if (size <= minSize) {
      throw new TableTooWideError(
        `Table ${what} does not fit the page: its nowrap cells need ${sum(hard).toFixed(1)} pt at ${minSize} pt type, ` +
          `the page gives ${available.toFixed(1)} pt. Use a landscape section, fewer columns or shorter amounts.`,
      );
    }
    const pad = 2 * STYLE.table.padX * grid.cols;
    const ratio = (available - pad) / Math.max(1, sum(hard) - pad);
    size = Math.max(minSize, Math.floor(size * Math.min(ratio, 0.97) * 4) / 4);
  }
  throw new TableTooWideError(`Table ${what} does not fit the page`);
}

const sum = (a: number[]): number => a.reduce((s, v) => s + v, 0);
