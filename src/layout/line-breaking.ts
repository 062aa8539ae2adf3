import type { FontSet } from '../fonts/index.js';
import { canBreakBetween, naturalWidth, splitWord, type Atom } from './inline-atoms.js';

/** One line of a paragraph or cell, before positioning. */
export interface BrokenLine {
  atoms: Atom[];
  /** Natural width (no trailing spaces). */
  width: number;
  /** The width the line was filled to. */
  measure: number;
  /** Last line of its paragraph, or ended by <br/>: never justified. */
  last: boolean;
}

const EPS = 0.01;

/**
 * Chinese line breaking, greedy: a line may break between any two characters except before
 * closing punctuation (。，、）…) or after opening punctuation (（《“…); a run of ASCII
 * letters/digits stays whole unless it alone is wider than the line. Spaces at a line's ends vanish.
 * `measure(lineIndex)` gives each line's width (the first is shorter by the indent).
 */
export function breakLines(atoms: Atom[], measure: (line: number) => number, fonts: FontSet): BrokenLine[] {
  const lines: BrokenLine[] = [];
  // Split into segments: runs of atoms with no break opportunity inside.
  const segments: Atom[][] = [];
  let seg: Atom[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    if (a.kind === 'br') {
      if (seg.length) segments.push(seg);
      segments.push([a]);
      seg = [];
      continue;
    }
    if (seg.length > 0 && canBreakBetween(seg[seg.length - 1]!, a)) {
      segments.push(seg);
      seg = [];
    }
    seg.push(a);
  }
  if (seg.length) segments.push(seg);

  let line: Atom[] = [];
  let lineWidth = 0; // including trailing spaces
  const finish = (last: boolean): void => {
    trimSpaces(line);
    const m = measure(lines.length);
    lines.push({ atoms: line, width: naturalWidth(line), measure: m, last });
    line = [];
    lineWidth = 0;
  };

  const queue = segments;
  for (let s = 0; s < queue.length; s++) {
    const segment = queue[s]!;
    if (segment[0]!.kind === 'br') {
      finish(true);
      continue;
    }
    if (line.length === 0) {
      // Spaces never begin a line.
      while (segment.length && segment[0]!.kind === 'space') segment.shift();
      if (segment.length === 0) continue;
    }
    const avail = measure(lines.length);
    const segWidth = naturalWidth(segment);
    const segFull = segment.reduce((w, a) => w + a.width, 0);
    if (lineWidth + segWidth <= avail + EPS) {
      line.push(...segment);
      lineWidth += segFull;
      continue;
    }
    if (line.length > 0) {
      finish(false);
      s--; // retry the segment on the new line
      continue;
    }
    // The segment alone is wider than the line: break it by characters, keeping what fits.
    const pieces = segment.flatMap((a) => (a.kind === 'word' ? splitWord(a, fonts) : [a]));
    let k = 0;
    while (k < pieces.length) {
      const p = pieces[k]!;
      const lim = measure(lines.length);
      if (line.length > 0 && lineWidth + p.width > lim + EPS) {
        finish(false);
        continue;
      }
      line.push(p);
      lineWidth += p.width;
      k++;
    }
  }
  if (line.length > 0 || lines.length === 0) finish(true);
  else if (lines.length > 0) lines[lines.length - 1]!.last = true;
  return lines;
}

function trimSpaces(line: Atom[]): void {
  while (line.length && line[line.length - 1]!.kind === 'space') line.pop();
  while (line.length && line[0]!.kind === 'space') line.shift();
}

/**
 * Lines of about equal length for titles (centred headings, 目录 entries, table titles): the
 * narrowest measure that needs no more lines than `width` does, so a title never ends with one
 * lonely character on its last line.
 */
export function breakBalanced(atoms: Atom[], width: number, fonts: FontSet, hanging = 0): BrokenLine[] {
  const base = breakLines(atoms, (n) => (n === 0 ? width : width - hanging), fonts);
  if (base.length < 2) return base;
  let lo = width / 2;
  let hi = width;
  let best = base;
  for (let i = 0; i < 10; i++) {
    const mid = (lo + hi) / 2;
    const trial = breakLines(atoms, (n) => (n === 0 ? mid : mid - hanging), fonts);
    if (trial.length <= base.length) {
      hi = mid;
      best = trial;
    } else lo = mid;
  }
  best.forEach((l, n) => (l.measure = n === 0 ? width : width - hanging));
  return best;
}
