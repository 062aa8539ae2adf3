/**
 * Amounts copied from a spreadsheet or the published PDF carry thousands separators
 * ("11,314.64"). YAML has none: in a block value the text stays a string, and inside a flow
 * mapping (`{general_budget: 11,314.64}`) the comma ends the entry, so "314.64" becomes a key of
 * its own: an unknown key, or a duplicate one when two cells hold the same amount. Either way
 * the reader's own message names a symptom; these name the cause.
 */

/** A number grouped by commas in threes: 1,234  11,314.64  1,234,567.8 */
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_IN_LINE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?/g;

export function isGroupedNumber(s: string): boolean {
  return GROUPED.test(s.trim());
}

/** What the officer reads about a grouped number, with the amount as it should be written. */
export function thousandsMessage(written: string): string {
  return `金额 ${written} 中的逗号不是千位分隔符：YAML 不认千位分隔符，应写作 ${written.replace(/,/g, '')}（不加逗号）`;
}

/**
 * The comma-grouped number that the source position (1-based line and column, in UTF-16 units)
 * falls in, e.g. the "314.64" of "11,314.64"; undefined when the text there is no such number.
 */
export function groupedNumberAt(text: string, line: number, column: number): string | undefined {
  const source = lineOf(text, line);
  if (source === undefined) return undefined;
  const at = column - 1;
  for (const m of source.matchAll(GROUPED_IN_LINE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (at >= start && at < end) return m[0];
    if (start > at) break;
  }
  return undefined;
}

/** The message for a reader's complaint at a grouped number inside a flow mapping. */
export function flowThousandsMessage(written: string): string {
  return `${thousandsMessage(written)}。在 {…} 里逗号分隔各字段，逗号后的数字被读成了另一个字段名`;
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}
