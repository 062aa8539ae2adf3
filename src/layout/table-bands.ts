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
      const struct = o.artifact ? undefined : box.struct;
      const lines = box.lines;
      for (let k = 0; k < lines.length; k++) {
        const lt = cellTop + T.padY + off + k * lineH;
        if (lt < top - 0.01 || lt + lineH > bottom + 0.01) continue;
        const baseline = lt - top + (lineH - size) / 2 + ascent * size;
        placeLine(lines[k]!, { x: box.x + T.padX, baseline, align, struct }, fonts, items);
      }
    }
  }
  rules.emit(items);
}

/**
 * The border grid of a band: each cell's box, collinear touching segments merged, so a row's
 * rule is one line and shared edges are drawn once.
 */
class GridLines {
  private readonly h = new Rules();
  private readonly v = new Rules();

  box(x0: number, y0: number, x1: number, y1: number): void {
    this.h.add(y0, x0, x1);
    this.h.add(y1, x0, x1);
    this.v.add(x0, y0, y1);
    this.v.add(x1, y0, y1);
  }

  emit(out: DrawItem[]): void {
    const { h, v } = this;
    for (let g = 0; g < h.keys.length; g++) {
      const y = h.keys[g]! / 100;
      const segs = h.merged(g);
      for (let k = 0; k < segs.length; k += 2) {
        out.push({ kind: 'line', x1: segs[k]!, y1: y, x2: segs[k + 1]!, y2: y, lineWidth: T.border });
      }
    }
    for (let g = 0; g < v.keys.length; g++) {
      const x = v.keys[g]! / 100;
      const segs = v.merged(g);
      for (let k = 0; k < segs.length; k += 2) {
        out.push({ kind: 'line', x1: x, y1: segs[k]!, x2: x, y2: segs[k + 1]!, lineWidth: T.border });
      }
    }
  }
}

/** Segments on lines of one direction, by position (to 1/100 pt) in order of first use. */
class Rules {
  /** Positions × 100, rounded. */
  readonly keys: number[] = [];
  /** Per position: start, end, start, end, … in the order added. */
  private readonly segs: number[][] = [];
  private readonly index = new Map<number, number>();

  add(at: number, a: number, b: number): void {
    const key = Math.round(at * 100);
    let g = this.index.get(key);
    if (g === undefined) {
      g = this.keys.length;
      this.index.set(key, g);
      this.keys.push(key);
      this.segs.push([]);
    }
    this.segs[g]!.push(a, b);
  }

  /** The segments at position g sorted by start (stably: they come nearly sorted) and merged. */
  merged(g: number): number[] {
    const s = this.segs[g]!;
    for (let i = 2; i < s.length; i += 2) {
      const a = s[i]!;
      const b = s[i + 1]!;
      let j = i - 2;
      while (j >= 0 && s[j]! > a) {
        s[j + 2] = s[j]!;
        s[j + 3] = s[j + 1]!;
        j -= 2;
      }
      s[j + 2] = a;
      s[j + 3] = b;
    }
    let n = 0;
    for (let i = 0; i < s.length; i += 2) {
      if (n > 0 && s[i]! <= s[n - 1]! + 0.01) s[n - 1] = Math.max(s[n - 1]!, s[i + 1]!);
      else {
        s[n] = s[i]!;
        s[n + 1] = s[i + 1]!;
        n += 2;
      }
    }
    s.length = n;
    return s;
  }
}
