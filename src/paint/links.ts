import type { DestItem, LinkItem } from '../layout/types.js';
import type { Doc } from './pdfkit-internals.js';

/** Named destinations (a heading's top-left) and link annotations going to them (the 目录). */
export function paintDestination(doc: Doc, d: DestItem): void {
  doc.addNamedDestination(d.name, 'XYZ', d.x, d.y, null);
}

export function paintLink(doc: Doc, l: LinkItem): void {
  doc.goTo(l.x, l.y, l.w, l.h, l.dest);
}
