import type { FontSet } from '../fonts/index.js';
import type { Atom } from './inline-atoms.js';
import type { BrokenLine } from './line-breaking.js';
import type { ParagraphAlign } from './markup-model.js';
import type { DrawItem, TextItem } from './types.js';

export interface LinePlacement {
  /** Left edge of the line's measure (after any indent). */
  x: number;
  baseline: number;
  align: ParagraphAlign;
  struct?: number;
  color?: string;
}

/**
 * Positions one line: justified lines spread their slack over the gaps between atoms (the
 * characterSpacing of each run; a run of ASCII letters/digits keeps its own spacing), so the
 * line ends exactly at the measure; the last line of a paragraph is never justified.
 * Emits one text item per run of same-role characters, plus vector checkboxes.
 */
export function placeLine(line: BrokenLine, at: LinePlacement, fonts: FontSet, out: DrawItem[]): void {
  const atoms = line.atoms;
  if (atoms.length === 0) return;
  const slack = line.measure - line.width;
  let align = at.align;
  if (align === 'justify' && (line.last || atoms.length < 2 || slack <= 0)) align = 'left';
  const gap = align === 'justify' ? slack / (atoms.length - 1) : 0;
  let x = at.x;
  if (align === 'center') x += slack / 2;
  else if (align === 'right') x += slack;

  let run: { atoms: Atom[]; x: number; spacing: number } | null = null;
  const flush = (): void => {
    if (!run) return;
    const first = run.atoms[0]!;
    let text = '';
    let w = 0;
    for (const a of run.atoms) {
      text += a.text;
      w += a.width;
    }
    const item: TextItem = {
      kind: 'text',
      x: run.x,
      y: at.baseline,
      role: first.role,
      size: first.size,
      text,
      characterSpacing: run.spacing,
      width: w + run.spacing * (textLength(text) - 1),
    };
    if (at.color) item.color = at.color;
    if (at.struct !== undefined) item.struct = at.struct;
    out.push(item);
    run = null;
  };

  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.kind === 'box') {
      flush();
      drawCheckbox(x, at.baseline, a.size, a.checked === true, fonts, a.role, out, at.struct);
    } else if (gap === 0) {
      // Unjustified: one run per role.
      if (run && run.atoms[0]!.role === a.role) run.atoms.push(a);
      else {
        flush();
        run = { atoms: [a], x, spacing: 0 };
      }
    } else if (a.kind === 'word') {
      // A word keeps its letter spacing; the gap after it is the next run's start.
      flush();
      run = { atoms: [a], x, spacing: 0 };
      flush();
    } else if (run && run.spacing === gap && run.atoms[0]!.role === a.role) {
      run.atoms.push(a);
    } else {
      flush();
      run = { atoms: [a], x, spacing: gap };
    }
    x += a.width + gap;
  }
  flush();
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
  role: Atom['role'], out: DrawItem[], struct?: number,
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
