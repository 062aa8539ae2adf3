import type { FontSet } from '../fonts/index.js';
import { placeLine, type LinePlacement } from './line-boxes.js';
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
  const { boxes, rowY, size, lineH, padY } = rows;
  const ascent = fonts.face('table').ascent;
  const base = rowY[from]!;
  rules.clear();
  // One placement for every line: placeLine keeps none of it.
  const at: LinePlacement = { x: 0, baseline: 0, align: 'left', struct: undefined };
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
      const free = cellH - 2 * padY - box.contentHeight;
      const off = valign === 'top' ? 0 : valign === 'bottom' ? free : free / 2;
      at.x = box.x + T.padX;
      at.align = gc.cell.align ?? (gc.head ? 'center' : 'left');
      at.struct = o.artifact ? undefined : box.struct;
      const lines = box.lines;
      for (let k = 0; k < lines.length; k++) {
        const lt = cellTop + padY + off + k * lineH;
        if (lt < top - 0.01 || lt + lineH > bottom + 0.01) continue;
        at.baseline = lt - top + (lineH - size) / 2 + ascent * size;
        placeLine(lines[k]!, at, fonts, items);
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

  clear(): void {
    this.h.clear();
    this.v.clear();
  }

  box(x0: number, y0: number, x1: number, y1: number): void {
    this.h.add(y0, x0, x1);
    this.h.add(y1, x0, x1);
    this.v.add(x0, y0, y1);
    this.v.add(x1, y0, y1);
  }

  emit(out: DrawItem[]): void {
    const { h, v } = this;
    h.merge();
    for (let k = 0; k < h.merged.length; k += 3) {
      const y = h.keys[h.merged[k]!]! / 100;
      out.push({ kind: 'line', x1: h.merged[k + 1]!, y1: y, x2: h.merged[k + 2]!, y2: y, lineWidth: T.border });
    }
    v.merge();
    for (let k = 0; k < v.merged.length; k += 3) {
      const x = v.keys[v.merged[k]!]! / 100;
      out.push({ kind: 'line', x1: x, y1: v.merged[k + 1]!, x2: x, y2: v.merged[k + 2]!, lineWidth: T.border });
    }
  }
}

/**
 * Segments on the lines of one direction. A line is its position rounded to 1/100 pt; lines come
 * out in the order they were first used, each line's segments sorted by start and merged.
 */
class Rules {
  /** Positions × 100, rounded, in order of first use. */
  readonly keys: number[] = [];
  /** line, start, end of each segment, in the order added. */
  private readonly added: number[] = [];
  /** line, start, end of the merged segments, after merge(). */
  readonly merged: number[] = [];

  clear(): void {
    this.keys.length = 0;
    this.added.length = 0;
    this.merged.length = 0;
  }

  add(at: number, a: number, b: number): void {
    const key = Math.round(at * 100);
    // A band has a few lines each way: a search beats a Map.
    let line = this.keys.indexOf(key);
    if (line < 0) line = this.keys.push(key) - 1;
    this.added.push(line, a, b);
  }

  merge(): void {
    const { added, merged } = this;
    for (let line = 0; line < this.keys.length; line++) {
      const first = merged.length;
      // This line's segments, insertion-sorted by start: stable, and they come nearly sorted.
      for (let k = 0; k < added.length; k += 3) {
        if (added[k] !== line) continue;
        const a = added[k + 1]!;
        const b = added[k + 2]!;
        let j = merged.length;
        merged.push(line, a, b);
        for (; j > first && merged[j - 2]! > a; j -= 3) {
          merged[j + 1] = merged[j - 2]!;
          merged[j + 2] = merged[j - 1]!;
        }
        merged[j + 1] = a;
        merged[j + 2] = b;
      }
      // Touching or overlapping segments become one.
      let n = first;
      for (let k = first; k < merged.length; k += 3) {
        if (n > first && merged[k + 1]! <= merged[n - 1]! + 0.01) merged[n - 1] = Math.max(merged[n - 1]!, merged[k + 2]!);
        else {
          merged[n] = line;
          merged[n + 1] = merged[k + 1]!;
          merged[n + 2] = merged[k + 2]!;
          n += 3;
        }
      }
      merged.length = n;
    }
  }
}

/** The grid being drawn (one at a time: drawing is synchronous), reused to spare allocations. */
const rules = new GridLines();
