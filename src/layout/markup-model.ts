import type { Orientation } from './types.js';

/** The typed block tree the markup (docs/markup.md) parses into. */

export type Inline =
  | { kind: 'text'; text: string; bold: boolean }
  | { kind: 'br' }
  | { kind: 'checkbox'; checked: boolean };

export type Align = 'left' | 'center' | 'right';
export type ParagraphAlign = Align | 'justify';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface MarkupDocument {
  meta: Record<string, string>;
  sections: Section[];
}

export interface Section {
  numbering: 'none' | 'arabic';
  orientation: Orientation;
  blocks: Block[];
}

export type Block =
  | CoverBlock
  | TocBlock
  | HeadingBlock
  | ParagraphBlock
  | { kind: 'pagebreak' }
  | { kind: 'keep'; blocks: Block[] }
  | TableBlock
  | ChartBlock;

export interface CoverBlock {
  kind: 'cover';
  titles: Inline[][];
  dates: Inline[][];
}

export interface TocBlock {
  kind: 'toc';
  title: string;
  /** The deepest heading level listed: 1 the parts, 2 their sections, 3 (default) sub-sections. */
  depth: number;
  /** Entries indented by level (default), or all flush left (`indent="0"`). */
  indent: boolean;
}

export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  content: Inline[];
  /** The text shown in the 目录 and the bookmarks; null when `toc="no"`. */
  tocText: string | null;
}

export interface ParagraphBlock {
  kind: 'p';
  content: Inline[];
  indent: boolean;
  align: ParagraphAlign;
}

export interface TableCell {
  content: Inline[];
  colspan: number;
  rowspan: number;
  align?: Align;
  valign?: VAlign;
  nowrap: boolean;
}

export interface TableRow {
  cells: TableCell[];
}

export interface TableBlock {
  kind: 'table';
  form: string;
  title: string;
  /**
   * `form` (default): the title large, in the title face; `plain`: in the table face at the size of
   * the table's cells, as forms that carry a document title above them print theirs.
   */
  titleStyle: 'form' | 'plain';
  /** The title line on continuation pages; default "<form or title>（续）". */
  continued: string;
  tocText: string | null;
  left: string;
  right: string;
  widths: number[] | null;
  fontSize: number | null;
  /** Space above and below the text of every cell, in points; null: the default. */
  padY: number | null;
  head: TableRow[];
  body: TableRow[];
  notes: Inline[][];
}

export interface BarsChart {
  kind: 'chart';
  type: 'bars';
  caption: string;
  unit: string;
  series: string[];
  groups: { label: string; bars: { value: number; text: string }[] }[];
}

export interface PieChart {
  kind: 'chart';
  type: 'pie';
  caption: string;
  unit: string;
  slices: { label: string; value: number; text: string }[];
}

export type ChartBlock = BarsChart | PieChart;
