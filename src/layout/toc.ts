import { MissingGlyphError, contextAround } from '../fonts/index.js';
import { toAtoms } from './inline-atoms.js';
import { breakBalanced, breakLines } from './line-breaking.js';
import { placeLine } from './line-boxes.js';
import type { LayoutContext, Slice, Target } from './flow.js';
import type { TocBlock } from './markup-model.js';
import { STYLE } from './style.js';
import type { DrawItem } from './types.js';

/**
 * The 目录: its title, then one entry per target (h1/h2/h3 and tables with `toc=`) down to the
 * toc's depth, indented by level, dot leaders to the right-aligned body page number (neither when
 * the body pages are unnumbered), the whole entry a link to the target.
 * Laid out after the body, so the numbers are known and the 目录's length changes none of them.
 */
export function tocSlices(toc: TocBlock, targets: Target[], ctx: LayoutContext): Slice[] {
  const { fonts, geometry: g } = ctx;
  const tocStruct = ctx.structure.add('TOC', ctx.sect);
  const slices: Slice[] = [];

  // Title: centred, with a bookmark of its own.
  const ts = STYLE.tocTitle;
  const titleItems: DrawItem[] = [];
  const tAtoms = toAtoms([{ kind: 'text', text: toc.title, bold: false }], { role: ts.role, boldRole: ts.role, size: ts.size }, fonts);
  const titleStruct = ctx.structure.add('P', tocStruct);
  for (const ln of breakLines(tAtoms, () => g.contentWidth, fonts)) {
    placeLine(ln, { x: g.left, baseline: (ts.leading - ts.size) / 2 + fonts.face(ts.role).ascent * ts.size, align: 'center', struct: titleStruct }, fonts, titleItems);
  }
  const own: Target = { dest: 'toc', level: 1, title: toc.title.replace(/\s+/g, ''), inToc: false };
  ctx.targets.push(own);
  slices.push({ height: ts.leading + 14, spaceBefore: 0, keepWithNext: true, items: titleItems, anchors: [{ target: own, dy: 0 }] });

  for (const t of targets) {
    if (!t.inToc || !t.page || t.level > toc.depth) continue;
    const style = t.level === 1 ? STYLE.tocEntryTop : STYLE.tocEntry;
    const face = fonts.face(style.role);
    const size = style.size;
    const indent = toc.indent ? (t.level - 1) * 2 * size : 0;
    const num = t.page.number === null ? '' : String(t.page.number);
    const numW = face.measure(num, size);
    const numBox = Math.max(numW, face.measure('000', size));
    const gapBeforeNumber = size * 0.5;
    const textMeasure = g.contentWidth - indent - numBox - gapBeforeNumber - size;
    const atoms = toAtoms([{ kind: 'text', text: t.title, bold: false }], { role: style.role, boldRole: style.role, size }, fonts);
    const lines = breakBalanced(atoms, textMeasure, fonts, 2 * size);
    const items: DrawItem[] = [];
    const struct = ctx.structure.add('TOCI', tocStruct);
    const baseline0 = (style.leading - size) / 2 + face.ascent * size;
    lines.forEach((ln, k) => {
      ln.last = true; // entries are never justified
      placeLine(ln, { x: g.left + indent + (k > 0 ? 2 * size : 0), baseline: baseline0 + k * style.leading, align: 'left', struct }, fonts, items);
    });
    const last = lines[lines.length - 1]!;
    const lastY = baseline0 + (lines.length - 1) * style.leading;
    const textEnd = g.left + indent + (lines.length > 1 ? 2 * size : 0) + last.width;
    const right = g.left + g.contentWidth;
    // Dot leader between the text and the number.
    const dot = '.';
    if (num && !face.hasGlyph(dot.codePointAt(0)!)) {
      throw new MissingGlyphError(dot, style.role, face.path, contextAround(t.title, t.title.length - 1));
    }
    const dotAdv = face.measure(dot, size);
    const pitch = size * 0.5;
    const leadStart = textEnd + size * 0.4;
    const leadEnd = right - numBox - gapBeforeNumber;
    const count = Math.floor((leadEnd - leadStart + (pitch - dotAdv)) / pitch);
    if (num && count > 0) {
      const cs = pitch - dotAdv;
      const width = count * dotAdv + (count - 1) * cs;
      items.push({ kind: 'text', x: leadEnd - width, y: lastY, role: style.role, size, text: dot.repeat(count), characterSpacing: cs, width, struct });
    }
    if (num) items.push({ kind: 'text', x: right - numW, y: lastY, role: style.role, size, text: num, characterSpacing: 0, width: numW, struct });
    const height = lines.length * style.leading;
    items.push({ kind: 'link', x: g.left + indent, y: 0, w: g.contentWidth - indent, h: height, dest: t.dest });
    slices.push({ height, spaceBefore: 0, keepWithNext: false, items });
  }
  return slices;
}
