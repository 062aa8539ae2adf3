import { MAX_ALIASES, NumLit, type ParsedSource } from './parsed.js';
import { PosMap, PosSeq, positionLocator, type PosNode } from './source-positions.js';
import { canStartPlain, coreType, hasValueColon, isIndicator, trimSpaces } from './yaml-plain.js';

/**
 * A reader for the plain YAML people write in department files: block mappings and sequences,
 * one-line scalars, one-line flow collections, anchors on scalars. It returns exactly what the
 * yaml package path (yaml-full.ts) would, or undefined the moment the text steps outside that
 * subset, and the yaml package then reads it: anything odd, and every error, is decided there.
 * It exists because the yaml package's document model costs far more than the data needs.
 */
export function readFast(text: string, file: string): ParsedSource | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  try {
    const reader = new Reader(text);
    const data = reader.document();
    return { data, locator: positionLocator(file, text, reader.pos) };
  } catch (e) {
    // Nesting too deep for this reader's recursion is also the yaml package's to judge.
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Tabs, CR, control and odd Unicode characters: the yaml package treats these with care. */
const OUTSIDE_SUBSET = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** Thrown to abandon the fast reading; not an Error, as no stack is needed. */
const GIVE_UP = Symbol('outside the fast subset');
const giveUp = (): never => {
  throw GIVE_UP;
};

const NL = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMA = 44;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

const isFlowIndicator = (c: number) => c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
/** End of the line: a line feed, or past the end of the text (NaN). */
const isBreak = (c: number) => c === NL || c !== c;

/** A plain scalar in a flow collection runs to one of these (then checked: only , ] } may end it). */
const FLOW_PLAIN = /[^,[\]{}:#\n]*/y;
/** Legal inside a plain key, but rare enough to leave to the yaml package. */
const ODD_IN_KEY = /[#"',[\]{}]/;

/** YAML limits an implicit key to 1024 characters; longer keys are left to the yaml package. */
const MAX_KEY_SPAN = 1000;

class Reader {
  /** Offset of the current content line's first non-space character; text.length at the end. */
  private at = 0;
  /** Indentation of the current content line; -1 at the end of the text. */
  private indent = 0;
  private lineStart = 0;
  /** Offset of the current content line's line feed (text.length on the last line). */
  private lineEnd = 0;
  private lineNo = 1;
  /** Where the node just read ends, and its position record. */
  private end = 0;
  pos: PosNode = 0;
  private aliases = 0;
  private readonly anchors = new Map<string, unknown>();

  constructor(private readonly text: string) {}

  /** The whole text: one block mapping at the left margin. */
  document(): unknown {
    this.toContent(0);
    if (this.indent !== 0) giveUp();
    const data = this.blockMap(0);
    if (this.indent !== -1) giveUp();
    return data;
  }

  /** Moves to the next line holding something other than spaces or a comment. */
  private toContent(from: number): void {
    const t = this.text;
    let i = from;
    for (;;) {
      const lineStart = i;
      this.lineStart = i;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (c !== c) {
        this.at = t.length;
        this.indent = -1;
        return;
      }
      if (c === HASH) {
        i = t.indexOf('\n', i);
        if (i === -1) i = t.length;
      }
      if (t.charCodeAt(i) === NL) {
        i++;
        this.lineNo++;
        continue;
      }
      if (i >= t.length) continue;
      // Document markers and directives at the margin are the yaml package's business.
      if (i === lineStart && (t.startsWith('---', i) || t.startsWith('...', i))) giveUp();
      this.at = i;
      this.indent = i - lineStart;
      const end = t.indexOf('\n', i);
      this.lineEnd = end === -1 ? t.length : end;
      return;
    }
  }

  /** After a one-line value ending at `from`: only spaces and a comment may follow on its line. */
  private endLine(from: number): void {
    const t = this.text;
    let i = from;
    while (t.charCodeAt(i) === SPACE) i++;
    if (t.charCodeAt(i) === HASH) {
      if (i === from) giveUp();
      i = t.indexOf('\n', i);
      if (i === -1) i = t.length;
    }
    if (i < t.length) {
      if (t.charCodeAt(i) !== NL) giveUp();
      i++;
      this.lineNo++;
    }
    this.toContent(i);
  }

  private isSeqEntry(i: number): boolean {
    return this.text.charCodeAt(i) === DASH && (this.text.charCodeAt(i + 1) === SPACE || isBreak(this.text.charCodeAt(i + 1)));
  }

  /** A block mapping whose keys sit at column `indent`; the current line holds its first key. */
  private blockMap(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const keys: Record<string, PosNode> = Object.create(null);
    const offset = this.at;
    for (;;) {
      const key = this.key(this.at);
      if (key in out) giveUp(); // duplicate keys are reported by the yaml package
      out[key] = this.mapValue(indent, this.end);
      keys[key] = this.pos;
      if (this.indent < indent) break;
      if (this.indent > indent) giveUp();
    }
    this.pos = new PosMap(offset, keys);
    return out;
  }

  /** The value after a key's colon (at `from`): on the same line, or a block on the lines below. */
  private mapValue(indent: number, from: number): unknown {
    const t = this.text;
    let i = from;
    while (t.charCodeAt(i) === SPACE) i++;
    const c = t.charCodeAt(i);
    if (isBreak(c) || (c === HASH && i > from)) return this.emptyOrBlock(indent, i, false);
    const value = this.inline(i);
    const pos = this.pos;
    this.endLine(this.end);
    if (this.indent > indent) giveUp(); // a continued plain scalar, or bad indentation
    this.pos = pos;
    return value;
  }

  /**
   * Nothing after an indicator (`key:` or `-`) on its line: a block below, more indented, else
   * null, placed where the yaml package puts an empty scalar (after the indicator's spaces).
   */
  private emptyOrBlock(indent: number, emptyAt: number, inSeq: boolean): unknown {
    const t = this.text;
    let i = emptyAt;
    if (t.charCodeAt(i) === HASH) {
      i = t.indexOf('\n', i);
      if (i === -1) i = t.length;
    }
    if (i < t.length) {
      i++;
      this.lineNo++;
    }
    this.toContent(i);
    if (this.indent > indent) {
      return this.isSeqEntry(this.at) ? this.blockSeq(this.indent) : this.blockMap(this.indent);
    }
    // A sequence at the key's own indentation is valid YAML, but rare: left to the yaml package.
    if (!inSeq && this.indent === indent && this.isSeqEntry(this.at)) giveUp();
    this.pos = emptyAt;
    return null;
  }

  /** A block sequence whose dashes sit at column `indent`; the current line holds the first. */
  private blockSeq(indent: number): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    const items: PosNode[] = [];
    const offset = this.at;
    for (;;) {
      const dash = this.at;
      let i = dash + 1;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (isBreak(c) || (c === HASH && i > dash + 1)) {
        out.push(this.emptyOrBlock(indent, i, true));
      } else if (this.isSeqEntry(i)) {
        giveUp(); // a sequence inside a sequence's entry line
      } else if (this.startsKey(i)) {
        this.at = i;
        out.push(this.blockMap(i - this.lineStart));
      } else {
        const value = this.inline(i);
        const pos = this.pos;
        this.endLine(this.end);
        this.pos = pos;
        out.push(value);
      }
      items.push(this.pos);
      if (this.indent < indent) break;
      if (this.indent > indent || !this.isSeqEntry(this.at)) giveUp();
    }
    this.pos = new PosSeq(offset, items);
    return out;
  }

  /** Does a block mapping start at `i` (`- key: value`)? Only a key's colon can make it one. */
  private startsKey(i: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === DQUOTE || c === SQUOTE) {
      this.quoted(i);
      return t.charCodeAt(this.end) === COLON;
    }
    if (c === LBRACKET || c === LBRACE) return false;
    return hasValueColon(this.uncommented(i));
  }

  /**
   * The rest of the current line from `i`, up to a comment (` #`). Scanning goes through native
   * string searches: a first run is interpreted, and character loops in JS would dominate it.
   */
  private uncommented(i: number): string {
    const line = this.text.slice(i, this.lineEnd);
    const hash = line.indexOf(' #');
    return hash === -1 ? line : line.slice(0, hash);
  }

  /** A key and its colon; this.end is set after the colon. */
  private key(i: number): string {
    const t = this.text;
    const c = t.charCodeAt(i);
    let key: string;
    let j: number;
    if (c === DQUOTE || c === SQUOTE) {
      key = this.quoted(i);
      j = this.end;
      if (t.charCodeAt(j) !== COLON) giveUp();
    } else {
      if (isIndicator(c)) giveUp();
      // The key ends at the first colon followed by a space or the line's end.
      for (j = i; ; j++) {
        j = t.indexOf(':', j);
        if (j === -1 || j >= this.lineEnd) giveUp();
        const e = t.charCodeAt(j + 1);
        if (e === SPACE || e === NL || e !== e) break;
      }
      if (t.charCodeAt(j - 1) === SPACE) giveUp();
      key = t.slice(i, j);
      if (ODD_IN_KEY.test(key)) giveUp();
      // Keys the core schema reads as null, booleans or numbers are left to the yaml package.
      if (coreType(key) !== 'string' || key === '<<') giveUp();
    }
    const e = t.charCodeAt(j + 1);
    if (!(e === SPACE || isBreak(e)) || j - this.lineStart > MAX_KEY_SPAN) giveUp();
    this.end = j + 1;
    return key;
  }

  /** A one-line scalar, flow collection, anchored scalar or alias starting at `i`. */
  private inline(i: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) return this.flow(i);
    if (c === 38 /* & */) return this.anchored(i);
    if (c === 42 /* * */) return this.alias(i);
    return this.scalar(i);
  }

  /** A quoted or plain one-line scalar in block context. */
  private scalar(i: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(i);
    this.pos = i;
    if (c === DQUOTE || c === SQUOTE) return this.quoted(i);
    if (!canStartPlain(c, t.charCodeAt(i + 1))) giveUp();
    let s = this.uncommented(i);
    // `key: a: b` is a mapping in a compact value, an error the yaml package words. (A sequence
    // entry like that is a mapping: startsKey saw it.)
    if (hasValueColon(s)) giveUp();
    s = trimSpaces(s);
    this.end = i + s.length;
    return this.plain(s, i);
  }

  /** A plain scalar's value under the core schema; numbers keep their source text. */
  private plain(s: string, offset: number): unknown {
    switch (coreType(s)) {
      case 'number':
        return new NumLit(s, this.lineNo, offset - this.lineStart + 1);
      case 'null':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
      default:
        return s;
    }
  }

  /** A one-line quoted scalar without escapes; this.end is set after the closing quote. */
  private quoted(i: number): string {
    const t = this.text;
    const q = t[i];
    let doubled = false;
    let j = t.indexOf(q, i + 1);
    while (q === "'" && j !== -1 && t.charCodeAt(j + 1) === SQUOTE) {
      doubled = true;
      j = t.indexOf(q, j + 2);
    }
    if (j === -1 || j >= this.lineEnd) giveUp();
    const s = t.slice(i + 1, j);
    if (s.includes('\\')) giveUp(); // escapes (double quotes) are left to the yaml package
    this.end = j + 1;
    return doubled ? s.replace(/''/g, "'") : s;
  }

  /** `&name scalar`: the scalar, remembered for aliases (positioned at the scalar, not the `&`). */
  private anchored(i: number): unknown {
    const t = this.text;
    const j = this.name(i + 1);
    if (t.charCodeAt(j) !== SPACE) giveUp();
    let k = j;
    while (t.charCodeAt(k) === SPACE) k++;
    const c = t.charCodeAt(k);
    if (isBreak(c) || c === LBRACKET || c === LBRACE || c === 38 || c === 42 || c === HASH) giveUp();
    const name = t.slice(i + 1, j);
    if (this.anchors.has(name)) giveUp(); // a redefined anchor
    const value = this.scalar(k);
    this.anchors.set(name, value);
    return value;
  }

  /**
   * `*name`: the anchored scalar again, positioned at the `*`; a number is a fresh NumLit that keeps
   * the anchor's line and column, as the yaml path's is.
   */
  private alias(i: number): unknown {
    const j = this.name(i + 1);
    const name = this.text.slice(i + 1, j);
    // An unknown anchor is an error, and too many aliases an error of ours: both worded by the yaml path.
    if (!this.anchors.has(name) || ++this.aliases > MAX_ALIASES) giveUp();
    this.pos = i;
    this.end = j;
    const value = this.anchors.get(name);
    return value instanceof NumLit ? new NumLit(value.source, value.line, value.column) : value;
  }

  /** An anchor or alias name: plain ASCII word characters only; returns the offset after it. */
  private name(i: number): number {
    const t = this.text;
    let j = i;
    for (;;) {
      const c = t.charCodeAt(j);
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === DASH) j++;
      else break;
    }
    if (j === i) giveUp();
    const c = t.charCodeAt(j);
    if (!(c === SPACE || isBreak(c))) giveUp();
    return j;
  }

  /** A flow collection closed on the line it opens; this.end is set after the bracket. */
  private flow(i: number): unknown {
    return this.text.charCodeAt(i) === LBRACKET ? this.flowSeq(i) : this.flowMap(i);
  }

  private flowSeq(i: number): unknown[] {
    const out: unknown[] = [];
    const items: PosNode[] = [];
    let j = this.spaces(i + 1);
    if (this.text.charCodeAt(j) !== RBRACKET) {
      do {
        out.push(this.flowItem(j, false));
        items.push(this.pos);
      } while ((j = this.nextInFlow(RBRACKET)) !== -1);
      j = this.end;
    }
    this.end = j + 1;
    this.pos = new PosSeq(i, items);
    return out;
  }

  private flowMap(i: number): Record<string, unknown> {
    const out: Record<string, unknown> = Object.create(null);
    const keys: Record<string, PosNode> = Object.create(null);
    let j = this.spaces(i + 1);
    if (this.text.charCodeAt(j) !== RBRACE) {
      do {
        const key = this.flowKey(j);
        if (key in out) giveUp();
        out[key] = this.flowItem(this.spaces(this.end), false);
        keys[key] = this.pos;
      } while ((j = this.nextInFlow(RBRACE)) !== -1);
      j = this.end;
    }
    this.end = j + 1;
    this.pos = new PosMap(i, keys);
    return out;
  }

  /** After an entry: the next entry's offset, or -1 at the closing bracket (then at this.end). */
  private nextInFlow(close: number): number {
    const t = this.text;
    const j = this.spaces(this.end);
    const c = t.charCodeAt(j);
    if (c === close) {
      this.end = j;
      return -1;
    }
    if (c !== COMMA) giveUp();
    const k = this.spaces(j + 1);
    if (t.charCodeAt(k) === close) giveUp(); // a trailing comma
    return k;
  }

  private spaces(i: number): number {
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** A flow mapping's key and `: `; this.end is set after the colon. */
  private flowKey(i: number): string {
    const t = this.text;
    const c = t.charCodeAt(i);
    let key: string;
    if (c === DQUOTE || c === SQUOTE) key = this.quoted(i);
    else {
      const value = this.flowItem(i, true);
      if (typeof value !== 'string') giveUp(); // a key the core schema reads as null, a boolean or a number
      key = value as string;
    }
    if (t.charCodeAt(this.end) !== COLON || t.charCodeAt(this.end + 1) !== SPACE) giveUp();
    this.end++;
    return key;
  }

  /** An entry of a flow collection: a nested one, a quoted scalar, or a plain scalar. */
  private flowItem(i: number, isKey: boolean): unknown {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === LBRACKET || c === LBRACE) {
      if (isKey) giveUp();
      return this.flow(i);
    }
    this.pos = i;
    if (c === DQUOTE || c === SQUOTE) return this.quoted(i);
    if (!canStartPlain(c, t.charCodeAt(i + 1))) giveUp();
    FLOW_PLAIN.lastIndex = i;
    FLOW_PLAIN.test(t);
    const stop = t.charCodeAt(FLOW_PLAIN.lastIndex);
    if (!(isFlowIndicator(stop) || (stop === COLON && isKey))) giveUp(); // a line end, a comment, or a colon
    const s = trimSpaces(t.slice(i, FLOW_PLAIN.lastIndex));
    this.end = i + s.length;
    return this.plain(s, i);
  }
}
