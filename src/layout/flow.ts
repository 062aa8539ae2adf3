import type { FontSet } from '../fonts/index.js';
import type { PageGeometry } from './style.js';
import type { DrawItem, StructNode, StructType } from './types.js';

/**
 * A slice is the unit of pagination: a piece of a block that never splits (a line of a
 * paragraph, a table row group, a chart with its caption). Items have page x coordinates and
 * y relative to the slice's top; the paginator moves them down to where the slice lands.
 */
export interface Slice {
  height: number;
  /** Space above the slice, dropped at the top of a page. */
  spaceBefore: number;
  /** Keep on the same page as the next slice (headings, orphans/widows, table head, `keep`). */
  keepWithNext: boolean;
  items: DrawItem[];
  /** Places that the 目录 and the bookmarks point at, `dy` below the slice top. */
  anchors?: { target: Target; dy: number }[];
  /** When this slice begins a page (a table row after a page break): what to put above it first. */
  continuation?: () => Slice;
  /** `<pagebreak/>`: start a new page (unless the page is empty). */
  forceBreak?: boolean;
  /** Placed on several pages (a continuation header): its items are copied, not moved. */
  reused?: boolean;
}

/** A heading or a table with a 目录 entry: where it landed is filled in by the paginator. */
export interface Target {
  dest: string;
  level: number;
  title: string;
  inToc: boolean;
  page?: PageBuild;
  y?: number;
}

export interface PageBuild {
  geometry: PageGeometry;
  numbering: 'none' | 'arabic';
  items: DrawItem[];
  number: number | null;
}

export class StructureBuilder {
  readonly nodes: StructNode[] = [{ type: 'Document', parent: null }];
  add(type: StructType, parent: number, alt?: string): number {
    const node: StructNode = { type, parent };
    if (alt) node.alt = alt;
    this.nodes.push(node);
    return this.nodes.length - 1;
  }
}

/** What the block layouts share: fonts, the section's page geometry, targets, structure. */
export interface LayoutContext {
  fonts: FontSet;
  geometry: PageGeometry;
  targets: Target[];
  structure: StructureBuilder;
  /** The structure node of the current section. */
  sect: number;
  /** Shared by all sections of one document, in reading order. */
  state: { lastHeadingLevel: number };
}

export function newTarget(ctx: LayoutContext, title: string, level: number, inToc: boolean): Target {
  const t: Target = { dest: `d${ctx.targets.length + 1}`, level, title, inToc };
  ctx.targets.push(t);
  return t;
}

/** Moves an item down by dy, in place (a slice is placed once). */
export function moveDown(item: DrawItem, dy: number): void {
  if (item.kind === 'line') {
    item.y1 += dy;
    item.y2 += dy;
  } else item.y += dy;
}

/** A moved copy (for slices placed more than once, like a table's repeated header). */
export function movedCopy(item: DrawItem, dy: number): DrawItem {
  return item.kind === 'line' ? { ...item, y1: item.y1 + dy, y2: item.y2 + dy } : { ...item, y: item.y + dy };
}
