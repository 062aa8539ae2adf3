import { createRequire } from 'node:module';
import type { ChildNode } from 'domhandler';

/**
 * The markup as a tree of elements and text, before it is read into blocks (parse-markup.ts).
 * Comments and processing instructions are left out (the layout ignores them); CDATA is text.
 */
export type MarkupNode = MarkupElement | MarkupText;

export interface MarkupElement {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: MarkupNode[];
  /** Offset of its `<` in the markup (for error messages). */
  startIndex: number;
}

export interface MarkupText {
  type: 'text';
  data: string;
}

/** The top-level nodes of the markup. */
export function markupTree(markup: string): MarkupNode[] {
  return scanPlainXml(markup) ?? readWithHtmlparser2(markup);
}

/**
 * htmlparser2 and domhandler, loaded the first time a markup needs them: the templates' markup
 * never does, and loading them cost every fresh process some 40 ms. (require() of an ES module is
 * synchronous from Node 20.19 on, which package.json asks for.)
 */
let dom: { htmlparser2: typeof import('htmlparser2'); domhandler: typeof import('domhandler') } | undefined;

function readWithHtmlparser2(markup: string): MarkupNode[] {
  const require = createRequire(import.meta.url);
  dom ??= { htmlparser2: require('htmlparser2'), domhandler: require('domhandler') };
  const doc = dom.htmlparser2.parseDocument(markup, { xmlMode: true, decodeEntities: true, withStartIndices: true });
  return fromDom(doc.children, dom.domhandler);
}

function fromDom(nodes: ChildNode[], d: typeof import('domhandler')): MarkupNode[] {
  const out: MarkupNode[] = [];
  for (const n of nodes) {
    if (d.isTag(n)) {
      out.push({ type: 'tag', name: n.name, attribs: n.attribs, children: fromDom(n.children, d), startIndex: n.startIndex ?? 0 });
    } else if (d.isText(n)) out.push({ type: 'text', data: n.data });
    else if (d.isCDATA(n)) out.push({ type: 'text', data: n.children.map((c) => (d.isText(c) ? c.data : '')).join('') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The templates write plain XML: elements with double-quoted attributes, text, the five XML
// entities and numeric references, perhaps an <?xml …?> declaration. Scanning that with indexOf
// and sticky regexps is several times faster than htmlparser2's character-by-character tokenizer
// (most of all in a fresh process, where the tokenizer runs interpreted). Anything else —
// comments, CDATA, unquoted or valueless attributes, mismatched or unclosed tags, other entities —
// makes the scan give up (null), and htmlparser2 reads the markup as it always did. So both give
// the same tree.

/** A tag or attribute name (sticky: tested at lastIndex, no match object made). */
const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const SPACES = /[ \t\n\r\f]*/y;

function scanPlainXml(src: string): MarkupNode[] | null {
  const top: MarkupNode[] = [];
  const open: MarkupElement[] = [];
  let children = top;
  let pos = 0;
  while (pos < src.length) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > pos) {
      const data = decodeEntities(src.slice(pos, textEnd));
      if (data === null) return null;
      children.push({ type: 'text', data });
    }
    if (lt < 0) break;
    const next = src.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      const end = nameEnd(src, lt + 2);
      const gt = skipSpaces(src, end);
      const el = open.pop();
      if (end < 0 || src.charCodeAt(gt) !== 62 /* > */ || !el || src.slice(lt + 2, end) !== el.name) return null;
      children = open.length > 0 ? open[open.length - 1]!.children : top;
      pos = gt + 1;
      continue;
    }
    if (next === 63 /* ? */) {
      // A processing instruction (the <?xml …?> declaration): the layout reads none.
      const end = src.indexOf('?>', lt + 2);
      if (end < 0 || src.indexOf('>', lt + 2) !== end + 1) return null;
      pos = end + 2;
      continue;
    }
    let at = next === 95 || next === 58 ? -1 : nameEnd(src, lt + 1); // _ and : begin no tag name
    if (at < 0) return null;
    const name = src.slice(lt + 1, at);
    const attribs: Record<string, string> = {};
    for (;;) {
      const spaced = skipSpaces(src, at);
      const c = src.charCodeAt(spaced);
      if (c === 62 /* > */ || (c === 47 /* / */ && src.charCodeAt(spaced + 1) === 62)) {
        const el: MarkupElement = { type: 'tag', name, attribs, children: [], startIndex: lt };
        children.push(el);
        if (c === 62) {
          open.push(el);
          children = el.children;
        }
        at = spaced + (c === 62 ? 1 : 2);
        break;
      }
      // name="value", set off by whitespace from what precedes it.
      const end = spaced === at ? -1 : nameEnd(src, spaced);
      if (end < 0 || src.charCodeAt(end) !== 61 /* = */ || src.charCodeAt(end + 1) !== 34 /* " */) return null;
      const quote = src.indexOf('"', end + 2);
      const attr = src.slice(spaced, end);
      const value = quote < 0 ? null : decodeEntities(src.slice(end + 2, quote));
      if (value === null || attr === '__proto__') return null;
      // The first of two same-named attributes wins, as in htmlparser2.
      if (!Object.hasOwn(attribs, attr)) attribs[attr] = value;
      at = quote + 1;
    }
    pos = at;
  }
  return open.length === 0 ? top : null;
}

/** Where the name starting at `at` ends, or -1 when none starts there. */
function nameEnd(src: string, at: number): number {
  NAME.lastIndex = at;
  return NAME.test(src) ? NAME.lastIndex : -1;
}

function skipSpaces(src: string, at: number): number {
  const c = src.charCodeAt(at);
  if (at < 0 || (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12)) return at;
  SPACES.lastIndex = at;
  SPACES.test(src);
  return SPACES.lastIndex;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with its entity references replaced, or null for a reference left to htmlparser2. */
function decodeEntities(raw: string): string | null {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(raw);
    if (!m) return null;
    let ch: string;
    if (m[1] !== undefined) ch = NAMED[m[1]]!;
    else {
      const cp = m[2] !== undefined ? parseInt(m[2], 10) : parseInt(m[3]!, 16);
      // Control characters, surrogates and non-characters get replaced by htmlparser2.
      const plain = cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp < 0xd800) ||
        (cp >= 0xe000 && cp < 0xfdd0) || (cp > 0xfdef && cp < 0xfffe) || (cp >= 0x10000 && cp <= 0x10ffff && (cp & 0xfffe) !== 0xfffe);
      if (!plain) return null;
      ch = String.fromCodePoint(cp);
    }
    out += raw.slice(from, amp) + ch;
    from = ENTITY.lastIndex;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}
