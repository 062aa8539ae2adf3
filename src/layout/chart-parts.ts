import type { FontRole, FontSet } from '../fonts/index.js';
import { toAtoms } from './inline-atoms.js';
import { breakLines } from './line-breaking.js';
import { placeLine } from './line-boxes.js';
import type { DrawItem, LineItem } from './types.js';

export type Anchor = 'start' | 'middle' | 'end';

/**
 * Chart text: one line (or several, wrapped to maxWidth) anchored at x, first baseline at y.
 * Glyphs are checked like all other text. Returns the number of lines.
 */
export function chartText(
  fonts: FontSet, text: string, role: FontRole, size: number, x: number, y: number, anchor: Anchor,
  out: DrawItem[], struct: number | undefined, maxWidth = Infinity, color?: string,
): number {
  if (!text) return 0;
  const atoms = toAtoms([{ kind: 'text', text, bold: false }], { role, boldRole: role, size }, fonts);
  const lines = breakLines(atoms, () => maxWidth, fonts);
  lines.forEach((ln, k) => {
    ln.measure = ln.width;
    const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - ln.width / 2 : x - ln.width;
    placeLine(ln, { x: x0, baseline: y + k * size * 1.25, align: 'left', struct, color }, fonts, out);
  });
  return lines.length;
}

export function textWidth(fonts: FontSet, text: string, role: FontRole, size: number): number {
  return fonts.face(role).measure(text, size);
}

/** 45° hatching clipped to a rectangle (so bars differ by pattern too, not only by tone). */
export function hatch(x: number, y: number, w: number, h: number, spacing: number, color: string, struct?: number): LineItem[] {
  const out: LineItem[] = [];
  // Lines x - x0 = (y0 + h) - y + c, i.e. going up-right; c from -h to w.
  for (let c = -h + spacing / 2; c < w; c += spacing) {
    // Parametrise along the line from its bottom: point (x + c + t, y + h - t), t in [0, h].
    const t0 = Math.max(0, -c);
    const t1 = Math.min(h, w - c);
    if (t1 - t0 < 0.2) continue;
    const item: LineItem = {
      kind: 'line', x1: x + c + t0, y1: y + h - t0, x2: x + c + t1, y2: y + h - t1, lineWidth: 0.6, color,
    };
    if (struct !== undefined) item.struct = struct;
    out.push(item);
  }
  return out;
}

/** Relative luminance of '#rrggbb' (0 dark … 1 light): picks the label or hatch colour on a fill. */
export function lightness(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

export function fmt(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}
