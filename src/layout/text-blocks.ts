import { toAtoms } from './inline-atoms.js';
import { breakBalanced, breakLines } from './line-breaking.js';
import { placeLine, type LinePlacement } from './line-boxes.js';
import { newTarget, type LayoutContext, type Slice } from './flow.js';
import type { HeadingBlock, Inline, ParagraphAlign, ParagraphBlock } from './markup-model.js';
import { STYLE, type TextStyle } from './style.js';
import type { DrawItem, StructType } from './types.js';

export interface TextFlowOptions {
  style: TextStyle;
  align: ParagraphAlign;
  /** First-line indent in points. */
  indent: number;
  struct: number;
  /** Lines of a paragraph keep 2 together at its start and end (orphans / widows). */
  widowControl: boolean;
  /** Lines of about equal length (centred titles). */
  balanced?: boolean;
}

/** Breaks inline content into lines and makes one slice per line. */
export function textSlices(content: Inline[], ctx: LayoutContext, o: TextFlowOptions): Slice[] {
  const { style } = o;
  const boldRole = style.role === 'body' ? 'bold' : style.role;
  const atoms = toAtoms(content, { role: style.role, boldRole, size: style.size }, ctx.fonts);
  const width = ctx.geometry.contentWidth;
  const lines = o.balanced && o.indent === 0
    ? breakBalanced(atoms, width, ctx.fonts)
    : breakLines(atoms, (n) => (n === 0 ? width - o.indent : width), ctx.fonts);
  const ascent = ctx.fonts.face(style.role).ascent;
  const baseline = (style.leading - style.size) / 2 + ascent * style.size;
  const slices: Slice[] = [];
  // One placement for every line: placeLine keeps none of it.
  const at: LinePlacement = { x: 0, baseline, align: o.align, struct: o.struct };
  for (let n = 0; n < lines.length; n++) {
    const items: DrawItem[] = [];
    at.x = ctx.geometry.left + (n === 0 ? o.indent : 0);
    placeLine(lines[n]!, at, ctx.fonts, items);
    slices.push({ height: style.leading, spaceBefore: 0, keepWithNext: false, items });
  }
  if (o.widowControl && slices.length >= 2) {
    slices[0]!.keepWithNext = true;
    slices[slices.length - 2]!.keepWithNext = true;
  }
  return slices;
}

export function paragraphSlices(p: ParagraphBlock, ctx: LayoutContext): Slice[] {
  const struct = ctx.structure.add('P', ctx.sect);
  const style = STYLE.body;
  const indent = p.indent && (p.align === 'justify' || p.align === 'left') ? STYLE.indentChars * style.size : 0;
  return textSlices(p.content, ctx, { style, align: p.align, indent, struct, widowControl: true });
}

export function headingSlices(h: HeadingBlock, ctx: LayoutContext): Slice[] {
  const style = h.level === 1 ? STYLE.h1 : h.level === 2 ? STYLE.h2 : STYLE.h3;
  const struct = ctx.structure.add(`H${h.level}` as StructType, ctx.sect);
  const indent = h.level === 1 ? 0 : STYLE.indentChars * style.size;
  const slices = textSlices(h.content, ctx, {
    style,
    align: h.level === 1 ? 'center' : 'left',
    indent,
    struct,
    widowControl: false,
    balanced: h.level === 1,
  });
  for (const s of slices) s.keepWithNext = true;
  if (h.level === 1) {
    slices[0]!.spaceBefore = STYLE.h1SpaceBefore;
    slices[slices.length - 1]!.height += STYLE.h1SpaceAfter;
  }
  ctx.state.lastHeadingLevel = h.level; // a following table's 目录 entry goes one below
  if (h.tocText !== null) {
    const target = newTarget(ctx, h.tocText, h.level, true);
    slices[0]!.anchors = [{ target, dy: 0 }];
  }
  return slices;
}
