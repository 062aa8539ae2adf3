import type { FontRole } from '../fonts/index.js';
import type { Orientation } from './types.js';

/** Typography of an official Chinese report (GB/T 9704-like): A4, 16 pt body on a 28 pt grid. */

export const A4 = { width: 595.28, height: 841.89 } as const;
export const CM = 72 / 2.54;

export interface PageGeometry {
  width: number;
  height: number;
  orientation: Orientation;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Content box width and height. */
  contentWidth: number;
  contentHeight: number;
  /** Baseline of the footer page number, from the page top. */
  footerBaseline: number;
}

export function pageGeometry(orientation: Orientation): PageGeometry {
  if (orientation === 'landscape') {
    const width = A4.height;
    const height = A4.width;
    const m = 2.5 * CM;
    return {
      width, height, orientation,
      top: 2.2 * CM, bottom: 2.2 * CM, left: m, right: m,
      contentWidth: width - 2 * m,
      contentHeight: height - 4.4 * CM,
      footerBaseline: height - 1.1 * CM,
    };
  }
  const width = A4.width;
  const height = A4.height;
  // Left/right margins ≈ 2.6 cm make the measure exactly 28 characters of 16 pt (448 pt).
  const side = (width - 28 * 16) / 2;
  const top = 2.5 * CM;
  const bottom = 2.5 * CM;
  return {
    width, height, orientation,
    top, bottom, left: side, right: side,
    contentWidth: width - 2 * side,
    contentHeight: height - top - bottom,
    footerBaseline: height - 1.3 * CM,
  };
}

export interface TextStyle {
  role: FontRole;
  size: number;
  leading: number;
}

export const STYLE = {
  body: { role: 'body', size: 16, leading: 28 } satisfies TextStyle,
  h1: { role: 'heading', size: 16, leading: 28 } satisfies TextStyle,
  h2: { role: 'heading', size: 16, leading: 28 } satisfies TextStyle,
  h3: { role: 'heading', size: 16, leading: 28 } satisfies TextStyle,
  h1SpaceBefore: 14,
  h1SpaceAfter: 14,
  /** First-line indent of paragraphs and h2/h3, in characters. */
  indentChars: 2,
  footer: { role: 'body', size: 14 } as const,
  coverTitle: { role: 'title', maxSize: 34, minSize: 24 } as const,
  coverDate: { role: 'bold', size: 18 } as const,
  tocTitle: { role: 'heading', size: 18, leading: 28 } satisfies TextStyle,
  tocEntry: { role: 'body', size: 14, leading: 26 } satisfies TextStyle,
  tocEntryTop: { role: 'heading', size: 14, leading: 26 } satisfies TextStyle,
  table: {
    defaultSize: 9,
    minSize: 7.5,
    lineHeight: 1.3,
    padX: 3,
    padY: 2.5,
    border: 0.5,
    titleRole: 'title' as FontRole,
    titleSize: 18,
    continuedTitleSize: 14,
    formSize: 10.5,
    spaceBefore: 8,
    spaceAfter: 12,
  },
  chart: {
    role: 'table' as FontRole,
    size: 9,
    captionRole: 'body' as FontRole,
    captionSize: 12,
    maxWidth: 440,
    plotHeight: 200,
    spaceBefore: 10,
    spaceAfter: 14,
  },
  block: { spaceBefore: 0 },
} as const;

/** Colours that stay distinct in greyscale (dark, light, mid + hatch, pale). */
export const SERIES_FILLS = ['#1f3b5c', '#a9bfd8', '#5d7fa6', '#e3e8ee', '#404040', '#bdbdbd'];
export const SERIES_HATCH = [false, false, true, true, false, true];
export const PIE_FILLS = ['#1f3b5c', '#9fb7d3', '#4f6f96', '#d8e2ee', '#2f2f2f', '#7a7a7a', '#b8b8b8', '#ececec'];
export const GRID_COLOR = '#c8c8c8';
export const AXIS_COLOR = '#404040';
