import type { OutlineEntry } from '../layout/types.js';
import type { Doc, OutlineLike } from './pdfkit-internals.js';

/**
 * Bookmarks nested by level (a level-3 entry under the last level-2, …), each going to the
 * named destination of its target; the top level is expanded. pdfkit sets PageMode UseOutlines,
 * so the panel shows when the file opens.
 */
export function paintOutline(doc: Doc, entries: OutlineEntry[]): void {
  const stack: { level: number; node: OutlineLike }[] = [{ level: 0, node: doc.outline }];
  for (const e of entries) {
    while (stack.length > 1 && stack[stack.length - 1]!.level >= e.level) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    const item = parent.addItem(e.title, { pageNumber: e.pageIndex, expanded: e.level === 1, fit: true });
    // Go to the heading itself, not just its page.
    item.outlineData.Dest = new String(e.dest);
    stack.push({ level: e.level, node: item });
  }
}
