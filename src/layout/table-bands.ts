import type { FontSet } from '../fonts/index.js';
import { placeLine } from './line-boxes.js';
import { STYLE } from './style.js';
import type { TableRows } from './table-rows.js';
import type { DrawItem } from './types.js';

const T = STYLE.table;

export interface BandOptions {
  /** Repeated header rows are artifacts, not content. */
  artifact: boolean;
  /** A row cut across pages: its cells' text top-aligned so the cuts fall between lines. */
  cut: boolean;
}

/**
 * Draws rows from..to-1 — the part of them between y = top and bottom (relative to the first
 * row's top) — at y = 0: each cell's text aligned in its box, and the border grid.
 */
export function drawBand(
  rows: TableRows, from: number, to: number, top: number, bottom: number, o: BandOptions, fonts: FontSet, items: DrawItem[],
): void {
  const { boxes, rowY, size, lineH } = rows;
  const ascent = fonts.face('table').ascent;
  const base = rowY[from]!;
  const rules = new GridLines();
  for (let r = from; r < to; r++) {
    for (const box of boxes[r]!) {
      const gc = box.gc;
      const cellTop = rowY[r]! - base;
      const cellH = rowY[r + gc.rowspan]! - rowY[r]!;
      const t = Math.max(cellTop, top);
      const b = Math.min(cellTop + cellH, bottom);
      if (b <= t) continue;
      rules.box(box.x, t - top, box.x + box.width, b - top);
      const valign = o.cut ? 'top' : (gc.cell.valign ?? 'middle');
      const free = cellH - 2 * T.padY - box.contentHeight;
      const off = valign === 'top' ? 0 : valign === 'bottom' ? free : free / 2;
      const align = gc.cell.align ?? (gc.head ? 'center' : 'left');
      const struct = o.artifact || box.struct === undefined ? {} : { struct: box.struct };
      box.lines.forEach((ln, k) => {
        const lt = cellTop + T.padY + off + k * lineH;
        if (lt < top - 0.01 || lt + lineH > bottom + 0.01) return;
        const baseline = lt - top + (lineH - size) / 2 + ascent * size;
        placeLine(ln, { x: box.x + T.padX, baseline, align, ...struct }, fonts, items);
      });
    }
  }
  rules.emit(items);
}

/**
 * The border grid of a band: each cell's box, collinear touching segments merged, so a row's
 * rule is one line and shared edges are drawn once.
 */
class GridLines {
  private readonly h = new Map<number, [number, number][]>();
  private readonly v = new Map<number, [number, number][]>();

  box(x0: number, y0: number, x1: number, y1: number): void {
    add(this.h, y0, x0, x1);
    add(this.h, y1, x0, x1);
    add(this.v, x0, y0, y1);
    add(this.v, x1, y0, y1);
  }

  emit(out: DrawItem[]): void {
    for (const [y, segs] of this.h) {
      for (const [a, b] of merge(segs)) out.push({ kind: 'line', x1: a, y1: y / 100, x2: b, y2: y / 100, lineWidth: T.border });
    }
    for (const [x, segs] of this.v) {
      for (const [a, b] of merge(segs)) out.push({ kind: 'line', x1: x / 100, y1: a, x2: x / 100, y2: b, lineWidth: T.border });
    }
  }
}

function add(map: Map<number, [number, number][]>, at: number, a: number, b: number): void {
  const key = Math.round(at * 100);
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push([a, b]);
}

function merge(segs: [number, number][]): [number, number][] {
  segs.sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of segs) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 0.01) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
