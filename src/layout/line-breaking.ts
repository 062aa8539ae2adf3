import type { FontSet } from '../fonts/index.js';
import { store } from './atom-store.js';
import { BR, GLUED, SPACE, splitWords, type Atoms } from './inline-atoms.js';

/** One line of a paragraph or cell, before positioning: atoms from … to-1 of `atoms`. */
export interface BrokenLine {
  atoms: Atoms;
  from: number;
  to: number;
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
 *
 * The atoms go by segments: runs with no break opportunity inside. Widths are summed in the
 * order and grouping they always were (a segment's sum, then added to the line's), so every
 * position comes out to the same bits.
 */
export function breakLines(atoms: Atoms, measure: (line: number) => number, fonts: FontSet): BrokenLine[] {
  const lines: BrokenLine[] = [];
  let list = atoms; // becomes a copy with split words after an emergency break
  let { kind, flags, width } = store;
  // The open line: atoms from … to-1 of `list`; lineWidth includes trailing spaces.
  let from = 0;
  let to = 0;
  let lineWidth = 0;
  let limit = measure(0) + EPS; // the open line's measure (and the tolerance)
  let i = list.first;
  while (i < list.end) {
    if (kind[i] === BR) {
      closeLine(lines, list, from, to, measure, true);
      from = to = lineWidth = 0;
      limit = measure(lines.length) + EPS;
      i++;
      continue;
    }
    let s = i;
    let e = i + 1;
    while (e < list.end && kind[e] !== BR && flags[e]! & GLUED) e++;
    if (to === from) {
      // Spaces never begin a line.
      while (s < e && kind[s] === SPACE) s++;
      if (s === e) {
        i = e;
        continue;
      }
    }
    // The segment's width without and with its trailing spaces.
    let natural = 0;
    let full = 0;
    for (let k = s; k < e; k++) {
      full += width[k]!;
      if (kind[k] !== SPACE) natural = full;
    }
    if (lineWidth + natural <= limit) {
      if (to === from) from = s;
      to = e;
      lineWidth += full;
      i = e;
      continue;
    }
    if (to > from) {
      closeLine(lines, list, from, to, measure, false);
      from = to = lineWidth = 0;
      limit = measure(lines.length) + EPS;
      continue; // retry the segment on the new line
    }
    // The segment alone is wider than the line: break it by characters, keeping what fits.
    const after = list.end - e;
    list = splitWords(list, s, e, fonts);
    ({ kind, flags, width } = store);
    const stop = list.end - after; // the pieces of this segment; the atoms after it follow
    i = list.first;
    while (i < stop) {
      if (to > from && lineWidth + width[i]! > limit) {
        closeLine(lines, list, from, to, measure, false);
        from = to = lineWidth = 0;
        limit = measure(lines.length) + EPS;
        continue;
      }
      if (to === from) from = i;
      to = i + 1;
      lineWidth += width[i]!;
      i++;
    }
  }
  if (to > from || lines.length === 0) closeLine(lines, list, from, to, measure, true);
  else lines[lines.length - 1]!.last = true;
  return lines;
}

/** Ends a line: spaces at its ends vanish. */
function closeLine(
  lines: BrokenLine[], atoms: Atoms, from: number, to: number, measure: (line: number) => number, last: boolean,
): void {
  const { kind, width } = store;
  while (to > from && kind[to - 1] === SPACE) to--;
  while (from < to && kind[from] === SPACE) from++;
  let w = 0;
  for (let k = from; k < to; k++) w += width[k]!;
  lines.push({ atoms, from, to, width: w, measure: measure(lines.length), last });
}

/**
 * Lines of about equal length for titles (centred headings, 目录 entries, table titles): the
 * narrowest measure that needs no more lines than `width` does, so a title never ends with one
 * lonely character on its last line.
 */
export function breakBalanced(atoms: Atoms, width: number, fonts: FontSet, hanging = 0): BrokenLine[] {
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

