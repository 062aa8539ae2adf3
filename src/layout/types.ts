import type { FontRole } from '../fonts/index.js';

/**
 * The laid-out document: every page holds positioned draw items only. Coordinates are in points
 * from the page's top-left corner, y growing downwards; text is positioned by its baseline.
 */
export interface LaidOutDocument {
  /** The `<document>` attributes (title, author, subject, keywords, lang, …). */
  meta: Record<string, string>;
  pages: LaidOutPage[];
  /** Bookmarks in reading order; `level` 1..3 gives the nesting. */
  outline: OutlineEntry[];
  /** Logical structure for tagged PDF: items point into it by `struct` (index). */
  structure: StructNode[];
}

export type Orientation = 'portrait' | 'landscape';

export interface LaidOutPage {
  width: number;
  height: number;
  orientation: Orientation;
  /** The printed page number (body pages, from 1), or null (cover, 目录). */
  number: number | null;
  items: DrawItem[];
}

export type DrawItem = TextItem | LineItem | RectItem | PathItem | LinkItem | DestItem;

export interface TextItem {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  role: FontRole;
  size: number;
  text: string;
  /** Extra space after each character (PDF Tc), used for justification. */
  characterSpacing: number;
  /** Rendered width: advances + characterSpacing between characters (not after the last). */
  width: number;
  /** Fill colour, '#rrggbb'; black when absent. */
  color?: string;
  /** Index into LaidOutDocument.structure; absent = artifact (page numbers, repeated headers). */
  struct?: number;
}

export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lineWidth: number;
  color?: string;
  dash?: [number, number];
  struct?: number;
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  struct?: number;
}

/** An SVG path (`d`) drawn with its origin at (x, y). */
export interface PathItem {
  kind: 'path';
  x: number;
  y: number;
  d: string;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
  lineJoin?: 'miter' | 'round' | 'bevel';
  lineCap?: 'butt' | 'round' | 'square';
  struct?: number;
}

/** A clickable area that goes to a named destination. */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  dest: string;
}

/** A named destination (the top-left of a heading or table). */
export interface DestItem {
  kind: 'dest';
  name: string;
  x: number;
  y: number;
}

export interface OutlineEntry {
  title: string;
  level: number;
  /** Index into `pages` (0-based, counting the cover). */
  pageIndex: number;
  /** Top of the target on that page. */
  y: number;
  /** The named destination of the same target. */
  dest: string;
}

export type StructType =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Caption'
  | 'Figure'
  | 'TOC'
  | 'TOCI';

export interface StructNode {
  type: StructType;
  /** Parent node index; null for the root. Children are in reading order of creation. */
  parent: number | null;
  /** Alternative text (figures). */
  alt?: string;
}
