import { toAtoms } from './inline-atoms.js';
import { breakBalanced, breakLines } from './line-breaking.js';
import { LayoutError, quoted } from './layout-error.js';
import { placeLine } from './line-boxes.js';
import type { LayoutContext, Slice } from './flow.js';
import type { CoverBlock, Inline } from './markup-model.js';
import { STYLE } from './style.js';
import type { DrawItem } from './types.js';

/**
 * The cover: title lines large and centred in the upper third (the size chosen so the longest
 * line fits, between 24 and 34 pt), the date centred lower down. Fills its page. Titles too long
 * for that wrap (balanced lines); when they would push the date off the page they are set smaller,
 * down to the smallest size, and a cover that still does not fit is a LayoutError.
 */
export function coverSlices(cover: CoverBlock, ctx: LayoutContext): Slice[] {
  const g = ctx.geometry;
  const { role, maxSize, minSize } = STYLE.coverTitle;
  const widest = Math.max(0, ...cover.titles.map((t) => plainWidth(t, ctx, role)));
  const first = widest > 0 ? Math.max(minSize, Math.min(maxSize, Math.floor((g.contentWidth / widest) * 2) / 2)) : maxSize;
  const titleStruct = ctx.structure.add('P', ctx.sect);
  const dateStruct = ctx.structure.add('P', ctx.sect);
  for (let size = first; ; size -= 0.5) {
    const page = coverPage(cover, ctx, size, titleStruct, dateStruct);
    if (page.height <= g.contentHeight + 0.01) return [{ height: g.contentHeight, spaceBefore: 0, keepWithNext: false, items: page.items }];
    if (size <= minSize) {
      const lines = cover.titles.map((t) => t.map((i) => (i.kind === 'text' ? i.text : '')).join(''));
      throw new LayoutError(`版面排不下：封面标题${quoted(lines.join(''))}太长，用最小字号 ${minSize} pt 排版后连同日期超出一页。请缩短封面标题`, lines);
    }
  }
}

/** The cover's items at one title size, and how far down the page they reach. */
function coverPage(
  cover: CoverBlock, ctx: LayoutContext, size: number, titleStruct: number, dateStruct: number,
): { items: DrawItem[]; height: number } {
  const { fonts, geometry: g } = ctx;
  const items: DrawItem[] = [];
  const { role } = STYLE.coverTitle;
  const face = fonts.face(role);
  const lead = size * 1.6;
  let y = g.height * 0.2 - g.top;
  for (const t of cover.titles) {
    const atoms = toAtoms(t, { role, boldRole: role, size }, fonts);
    for (const ln of breakBalanced(atoms, g.contentWidth, fonts)) {
      placeLine(ln, { x: g.left, baseline: y + (lead - size) / 2 + face.ascent * size, align: 'center', struct: titleStruct }, fonts, items);
      y += lead;
    }
  }
  const d = STYLE.coverDate;
  const dFace = fonts.face(d.role);
  let dy = Math.max(y + lead, g.height * 0.66 - g.top);
  for (const t of cover.dates) {
    const atoms = toAtoms(t, { role: d.role, boldRole: d.role, size: d.size }, fonts);
    for (const ln of breakLines(atoms, () => g.contentWidth, fonts)) {
      placeLine(ln, { x: g.left, baseline: dy + dFace.ascent * d.size, align: 'center', struct: dateStruct }, fonts, items);
      dy += d.size * 1.8;
    }
  }
  return { items, height: dy };
}

function plainWidth(content: Inline[], ctx: LayoutContext, role: 'title'): number {
  const text = content.map((i) => (i.kind === 'text' ? i.text : '')).join('');
  return ctx.fonts.face(role).measure(text, 1);
}
