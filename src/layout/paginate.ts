import type { PageGeometry } from './style.js';
import { moveDown, movedCopy, type PageBuild, type Slice } from './flow.js';

export interface FlowSection {
  geometry: PageGeometry;
  numbering: 'none' | 'arabic';
  slices: Slice[];
}

const EPS = 0.01;

/**
 * Places slices on pages. A chain of slices joined by keepWithNext moves to a new page as a
 * whole when it does not fit but would fit on an empty page; a longer chain flows slice by slice.
 * A slice that begins a page because it did not fit gets its `continuation` (a table's repeated
 * header) placed above it. Each section starts a new page.
 */
export function paginate(section: FlowSection): PageBuild[] {
  const g = section.geometry;
  const pages: PageBuild[] = [];
  let page!: PageBuild;
  let y = 0; // used height on the current page
  let empty = true;

  const newPage = (): void => {
    page = { geometry: g, numbering: section.numbering, items: [], number: null };
    pages.push(page);
    y = 0;
    empty = true;
  };
  const place = (s: Slice): void => {
    const top = g.top + y + (empty ? 0 : s.spaceBefore);
    if (s.reused) for (const it of s.items) page.items.push(movedCopy(it, top));
    else {
      for (const it of s.items) {
        moveDown(it, top);
        page.items.push(it);
      }
    }
    if (s.anchors) {
      for (const a of s.anchors) {
        a.target.page = page;
        a.target.y = top + a.dy;
        page.items.push({ kind: 'dest', name: a.target.dest, x: g.left, y: top + a.dy });
      }
    }
    y = top - g.top + s.height;
    empty = false;
  };
  const breakBefore = (s: Slice): void => {
    newPage();
    if (s.continuation) place(s.continuation());
  };
  const slices = section.slices;
  // Height of slices from … to (inclusive), the first one's space dropped on an empty page.
  const chainHeight = (from: number, to: number, onEmpty: boolean): number => {
    let h = 0;
    for (let k = from; k <= to; k++) h += (k === from && onEmpty ? 0 : slices[k]!.spaceBefore) + slices[k]!.height;
    return h;
  };

  newPage();
  let i = 0;
  let breakPending = false;
  while (i < slices.length) {
    const s = slices[i]!;
    if (s.forceBreak) {
      // Honoured before the next slice: a break at the end of a section makes no blank page.
      breakPending = true;
      i++;
      continue;
    }
    if (breakPending) {
      if (!empty) newPage();
      breakPending = false;
    }
    let end = i;
    while (end + 1 < slices.length && slices[end]!.keepWithNext && !slices[end + 1]!.forceBreak) end++;
    const room = g.contentHeight - y;
    if (chainHeight(i, end, empty) <= room + EPS) {
      for (let k = i; k <= end; k++) place(slices[k]!);
      i = end + 1;
      continue;
    }
    const contH = s.continuation ? s.continuation().height : 0;
    if (!empty && contH + chainHeight(i, end, true) <= g.contentHeight + EPS) {
      breakBefore(s);
      for (let k = i; k <= end; k++) place(slices[k]!);
      i = end + 1;
      continue;
    }
    // Too long for one page: flow the chain slice by slice.
    for (let k = i; k <= end; k++) {
      const c = slices[k]!;
      if (!empty && (c.spaceBefore + c.height > g.contentHeight - y + EPS)) breakBefore(c);
      place(c);
    }
    i = end + 1;
  }
  return pages;
}
