/**
 * Where one character of a string value sits in the YAML text. A node's position is where its
 * scalar starts (the opening quote of a quoted one); the character's own column differs from it
 * by more than its index whenever the scalar has escapes ("\u4E00" is six columns for one
 * character), doubled quotes, or continues on further lines. So the scalar is read again from
 * its start, keeping for every unit of the value the source offset it came from.
 */

export interface SourcePoint {
  line: number;
  column: number;
}

/**
 * The line and column of value[index], the value of the scalar whose node starts at `node`;
 * the node's own position when the text there does not read back to `value` (an alias, say).
 */
export function positionInScalar(text: string, node: SourcePoint, value: string, index: number): SourcePoint {
  const starts = lineStarts(text);
  const start = (starts[node.line - 1] ?? 0) + node.column - 1;
  const read = readScalar(text, start);
  // A block scalar's final line break and a plain scalar read past its flow end are not compared.
  const n = read ? Math.min(read.value.length, value.length) : 0;
  if (!read || index >= n || read.value.slice(0, n) !== value.slice(0, n)) return node;
  return pointAt(starts, read.offsets[index]!);
}

/**
 * The position of the first `char` of a scalar whose value is `value`, or was before the loader
 * normalised it (then the scalar is read alone and searched for the character).
 */
export function positionOfChar(text: string, node: SourcePoint, value: string, char: string): SourcePoint {
  const i = value.indexOf(char);
  if (i === -1) return node;
  const exact = positionInScalar(text, node, value, i);
  if (exact !== node) return exact;
  const starts = lineStarts(text);
  const read = readScalar(text, (starts[node.line - 1] ?? 0) + node.column - 1);
  const j = read ? read.value.indexOf(char) : -1;
  return j === -1 ? node : pointAt(starts, read!.offsets[j]!);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function pointAt(starts: number[], offset: number): SourcePoint {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

interface Read {
  value: string;
  /** Source offset of each UTF-16 unit of value. */
  offsets: number[];
}

function readScalar(text: string, start: number): Read | undefined {
  const c = text[start];
  if (c === '"') return readDoubleQuoted(text, start);
  if (c === "'") return readSingleQuoted(text, start);
  if (c === '|' || c === '>') return readBlock(text, start);
  if (c === undefined || c === '\n' || c === '\r') return undefined;
  return readPlain(text, start);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Past a line break at i (LF or CRLF). */
function afterBreak(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

/**
 * Folding inside a flow scalar at a line break (i at the break): the break and the next line's
 * indentation become one space, or one "\n" per empty line. Returns the offset after the
 * indentation of the next non-empty line.
 */
function fold(text: string, i: number, out: Read): number {
  const at = i;
  let j = afterBreak(text, i);
  let empty = 0;
  for (;;) {
    while (isSpace(text[j])) j++;
    if (!isBreak(text[j])) break;
    empty++;
    j = afterBreak(text, j);
  }
  if (empty === 0) push(out, ' ', at);
  else for (let k = 0; k < empty; k++) push(out, '\n', at);
  return j;
}

function push(out: Read, s: string, offset: number): void {
  out.value += s;
  for (let k = 0; k < s.length; k++) out.offsets.push(offset);
}

/** Drops the spaces and tabs at the end of what was read (before a fold). */
function trimTrailing(out: Read): void {
  let n = out.value.length;
  while (n > 0 && isSpace(out.value[n - 1])) n--;
  out.value = out.value.slice(0, n);
  out.offsets.length = n;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

function readDoubleQuoted(text: string, start: number): Read | undefined {
  const out: Read = { value: '', offsets: [] };
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return out;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) return undefined;
      if (isBreak(e)) {
        // An escaped line break joins the lines without a space.
        i = afterBreak(text, i + 1);
        while (isSpace(text[i])) i++;
        continue;
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        push(out, simple, i);
        i += 2;
        continue;
      }
      const digits = HEX_ESCAPES[e];
      if (digits === undefined) return undefined;
      const hex = text.slice(i + 2, i + 2 + digits);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
      const cp = parseInt(hex, 16);
      push(out, cp > 0x10ffff ? '' : String.fromCodePoint(cp), i);
      i += 2 + digits;
      continue;
    }
    if (isBreak(c)) {
      trimTrailing(out);
      i = fold(text, i, out);
      continue;
    }
    push(out, c, i);
    i++;
  }
  return undefined;
}

function readSingleQuoted(text: string, start: number): Read | undefined {
  const out: Read = { value: '', offsets: [] };
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      if (text[i + 1] !== "'") return out;
      push(out, "'", i);
      i += 2;
      continue;
    }
    if (isBreak(c)) {
      trimTrailing(out);
      i = fold(text, i, out);
      continue;
    }
    push(out, c, i);
    i++;
  }
  return undefined;
}

/**
 * A plain scalar: continuation lines are folded; a comment or `: ` ends it, and in a flow
 * collection a flow indicator too.
 */
function readPlain(text: string, start: number): Read {
  const out: Read = { value: '', offsets: [] };
  const flow = inFlow(text, start);
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#' && isSpace(text[i - 1])) break;
    if (flow && (c === ',' || c === '[' || c === ']' || c === '{' || c === '}')) break;
    if (c === ':' && (isSpace(text[i + 1]) || isBreak(text[i + 1]) || i + 1 === text.length)) break;
    if (isBreak(c)) {
      trimTrailing(out);
      i = fold(text, i, out);
      continue;
    }
    push(out, c, i);
    i++;
  }
  return out;
}

/** Is `start` inside a flow collection opened earlier on its line (quotes skipped)? */
function inFlow(text: string, start: number): boolean {
  let depth = 0;
  let quote = '';
  for (let i = text.lastIndexOf('\n', start - 1) + 1; i < start; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
  }
  return depth > 0;
}

/** A literal (|) or folded (>) block scalar, with its content indented below the indicator. */
function readBlock(text: string, start: number): Read | undefined {
  const folded = text[start] === '>';
  let i = start + 1;
  while (i < text.length && !isBreak(text[i])) i++;
  if (i >= text.length) return undefined;
  i = afterBreak(text, i);
  // The indentation is that of the first non-empty line.
  let indent = -1;
  for (let j = i; j < text.length; ) {
    let k = j;
    while (text[k] === ' ') k++;
    if (!isBreak(text[k])) {
      indent = k - j;
      break;
    }
    j = afterBreak(text, k);
  }
  if (indent <= 0) return undefined;
  const out: Read = { value: '', offsets: [] };
  let first = true;
  let lastBreak = -1;
  let previousMoreIndented = false;
  while (i < text.length) {
    let k = i;
    while (text[k] === ' ' && k - i < indent) k++;
    const emptyLine = isBreak(text[k]) || k >= text.length;
    if (!emptyLine && k - i < indent) break;
    if (k >= text.length) break;
    if (emptyLine) {
      // Literal: the break before an empty line is kept; folded: it gives way to the empty line's.
      if (!folded && lastBreak >= 0) push(out, '\n', lastBreak);
      if (folded || lastBreak < 0) push(out, '\n', k);
      lastBreak = folded ? -1 : k;
      i = afterBreak(text, k);
      continue;
    }
    const moreIndented = isSpace(text[k]);
    if (!first && lastBreak >= 0) {
      push(out, folded && !moreIndented && !previousMoreIndented ? ' ' : '\n', lastBreak);
    }
    first = false;
    previousMoreIndented = moreIndented;
    let e = k;
    while (e < text.length && !isBreak(text[e])) {
      push(out, text[e]!, e);
      e++;
    }
    lastBreak = e;
    if (e >= text.length) break;
    i = afterBreak(text, e);
  }
  return out;
}
