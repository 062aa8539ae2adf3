import type { PageText, TextLine } from './pdf-text.js';

/**
 * What a page carries besides its content: page numbers ("- 3 -", "3", "第 3 页", "3/81") in
 * the top or bottom margin, and running heads (the same short line at the top of many pages).
 */

const PAGE_NUMBER = /^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

/** Share of the page height, from the top or from the bottom, where furniture may stand. */
const MARGIN = 0.1;

export function isPageNumber(line: TextLine, page: PageText): boolean {
  return inMargin(line, page) && PAGE_NUMBER.test(line.text.trim());
}

function inMargin(line: TextLine, page: PageText): boolean {
  return line.y < page.height * MARGIN || line.y > page.height * (1 - MARGIN);
}

/** Lines in the top margin that recur on at least a third of the pages (and on 3 or more). */
export function runningHeads(pages: readonly PageText[]): Set<string> {
  const count = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const line of page.lines) {
      if (line.y < page.height * MARGIN && !seen.has(line.text)) {
        seen.add(line.text);
        count.set(line.text, (count.get(line.text) ?? 0) + 1);
      }
    }
  }
  const min = Math.max(3, Math.ceil(pages.length / 3));
  return new Set([...count].filter(([, n]) => n >= min).map(([text]) => text));
}

/** The page's lines without its page number and running heads. */
export function contentLines(page: PageText, heads: ReadonlySet<string>): TextLine[] {
  return page.lines.filter((l) => !isPageNumber(l, page) && !(l.y < page.height * MARGIN && heads.has(l.text)));
}
