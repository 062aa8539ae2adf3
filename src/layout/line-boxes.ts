import type { FontRole, FontSet } from '../fonts/index.js';
import { store } from './atom-store.js';
import { BOLD, BOX, CHECKED, roleOf, WORD, type Atoms } from './inline-atoms.js';
import type { BrokenLine } from './line-breaking.js';
import type { ParagraphAlign } from './markup-model.js';
import type { DrawItem, TextItem } from './types.js';

export interface LinePlacement {
  /** Left edge of the line's measure (after any indent). */
  x: number;
  baseline: number;
  align: ParagraphAlign;
  /** Structure node of the text; none for artifacts (repeated headers). */
  struct?: number;
  /** Fill colour; black when absent. */
  color?: string;
}

/**
 * Positions one line: justified lines spread their slack over the gaps between atoms (the
 * characterSpacing of each run; a run of ASCII letters/digits keeps its own spacing), so the
 * line ends exactly at the measure; the last line of a paragraph is never justified.
 * Emits one text item per run of same-role characters, plus vector checkboxes.
 */
export function placeLine(line: BrokenLine, at: LinePlacement, fonts: FontSet, out: DrawItem[]): void {
  const { atoms, from, to } = line;
  if (to === from) return;
  const slack = line.measure - line.width;
  let align = at.align;
  if (align === 'justify' && (line.last || to - from < 2 || slack <= 0)) align = 'left';
  const gap = align === 'justify' ? slack / (to - from - 1) : 0;
  let x = at.x;
  if (align === 'center') x += slack / 2;
  else if (align === 'right') x += slack;

  const { kind, flags, width } = store;
  // Two atoms have the same role when both are bold or neither is, or when bold is the same font.
  const roleBits = atoms.boldRole === atoms.role ? 0 : BOLD;
  // The open run: atoms runFrom … i-1 (none when runFrom < 0), starting at runX.
  let runFrom = -1;
  let runX = 0;
  let runSpacing = 0;
  for (let i = from; i < to; i++) {
    const otherRole = runFrom >= 0 && ((flags[i]! ^ flags[runFrom]!) & roleBits) !== 0;
    if (kind[i] === BOX) {
      if (runFrom >= 0) emitRun(atoms, runFrom, i, runX, runSpacing, at, out);
      runFrom = -1;
      drawCheckbox(x, at.baseline, atoms.size, (flags[i]! & CHECKED) !== 0, fonts, roleOf(atoms, i), out, at.struct);
    } else if (gap === 0) {
      // Unjustified: one run per role.
      if (runFrom < 0 || otherRole) {
        if (runFrom >= 0) emitRun(atoms, runFrom, i, runX, runSpacing, at, out);
        runFrom = i;
        runX = x;
        runSpacing = 0;
      }
    } else if (kind[i] === WORD) {
      // A word keeps its letter spacing; the gap after it is the next run's start.
      if (runFrom >= 0) emitRun(atoms, runFrom, i, runX, runSpacing, at, out);
      emitRun(atoms, i, i + 1, x, 0, at, out);
      runFrom = -1;
    } else if (runFrom < 0 || runSpacing !== gap || otherRole) {
      if (runFrom >= 0) emitRun(atoms, runFrom, i, runX, runSpacing, at, out);
      runFrom = i;
      runX = x;
      runSpacing = gap;
    }
    x += width[i]! + gap;
  }
  if (runFrom >= 0) emitRun(atoms, runFrom, to, runX, runSpacing, at, out);
}

/** One text item for atoms from … to-1 (consecutive atoms are one slice of the text). */
function emitRun(atoms: Atoms, from: number, to: number, x: number, spacing: number, at: LinePlacement, out: DrawItem[]): void {
  const { offset, width } = store;
  const text = atoms.text.slice(offset[from], offset[to]);
  let w = 0;
  for (let i = from; i < to; i++) w += width[i]!;
  const role = roleOf(atoms, from);
  const runWidth = w + spacing * (textLength(text) - 1);
  out.push(textItem(x, at.baseline, role, atoms.size, text, spacing, runWidth, at.color || undefined, at.struct));
}

/**
 * A text item with its optional fields, made in one piece: adding a field to an object after
 * it is made gives it a new shape and a separate property store, which costs more than the
 * object itself. (The fields keep the order they always had.)
 */
export function textItem(
  x: number, y: number, role: FontRole, size: number, text: string, characterSpacing: number, width: number,
  color: string | undefined, struct: number | undefined,
): TextItem {
  if (color === undefined) {
    return struct === undefined
      ? { kind: 'text', x, y, role, size, text, characterSpacing, width }
      : { kind: 'text', x, y, role, size, text, characterSpacing, width, struct };
  }
  return struct === undefined
    ? { kind: 'text', x, y, role, size, text, characterSpacing, width, color }
    : { kind: 'text', x, y, role, size, text, characterSpacing, width, color, struct };
}

function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** A vector checkbox in a 1 em cell: a square of ≈0.8 em on the em box, a tick when checked. */
export function drawCheckbox(
  x: number, baseline: number, size: number, checked: boolean, fonts: FontSet,
  role: FontRole, out: DrawItem[], struct?: number,
): void {
  const face = fonts.face(role);
  const side = size * 0.78;
  const emTop = baseline - face.ascent * size;
  const bx = x + (size - side) / 2;
  const by = emTop + (size - side) / 2;
  const lw = Math.max(0.5, size * 0.055);
  out.push({ kind: 'rect', x: bx, y: by, w: side, h: side, stroke: '#000000', lineWidth: lw, ...(struct !== undefined ? { struct } : {}) });
  if (checked) {
    const s = side;
    const d = `M${f(s * 0.2)} ${f(s * 0.52)}L${f(s * 0.42)} ${f(s * 0.76)}L${f(s * 0.82)} ${f(s * 0.24)}`;
    out.push({
      kind: 'path', x: bx, y: by, d, stroke: '#000000', lineWidth: Math.max(0.8, size * 0.1),
      lineCap: 'round', lineJoin: 'round', ...(struct !== undefined ? { struct } : {}),
    });
  }
}

const f = (n: number): string => (Math.round(n * 1000) / 1000).toString();
