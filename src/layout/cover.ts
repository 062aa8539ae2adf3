import { toAtoms } from './inline-atoms.js';
import { breakBalanced, breakLines } from './line-breaking.js';
import { placeLine } from './line-boxes.js';
import type { LayoutContext, Slice } from './flow.js';
import type { CoverBlock, Inline } from './markup-model.js';
import { STYLE } from './style.js';
import type { DrawItem } from './types.js';

/**
 * The cover: title lines large and centred in the upper third (the size chosen so the longest
 * line fits, between 24 and 34 pt), the date centred lower down. Fills its page.
 */
export function coverSlices(cover: CoverBlock, ctx: LayoutContext): Slice[] {
  const { fonts, geometry: g } = ctx;
  const items: DrawItem[] = [];
  const { role, maxSize, minSize } = STYLE.coverTitle;
  const face = fonts.face(role);
  const widest = Math.max(0, ...cover.titles.map((t) => plainWidth(t, ctx, role)));
  const size = widest > 0 ? Math.max(minSize, Math.min(maxSize, Math.floor((g.contentWidth / widest) * 2) / 2)) : maxSize;
  const lead = size * 1.6;
  let y = g.height * 0.2 - g.top;
  const titleStruct = ctx.structure.add('P', ctx.sect);
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
  const dateStruct = ctx.structure.add('P', ctx.sect);
  for (const t of cover.dates) {
    const atoms = toAtoms(t, { role: d.role, boldRole: d.role, size: d.size }, fonts);
    for (const ln of breakLines(atoms, () => g.contentWidth, fonts)) {
      placeLine(ln, { x: g.left, baseline: dy + dFace.ascent * d.size, align: 'center', struct: dateStruct }, fonts, items);
      dy += d.size * 1.8;
    }
  }
  return [{ height: Math.max(g.contentHeight, dy), spaceBefore: 0, keepWithNext: false, items }];
}

function plainWidth(content: Inline[], ctx: LayoutContext, role: 'title'): number {
  const text = content.map((i) => (i.kind === 'text' ? i.text : '')).join('');
  return ctx.fonts.face(role).measure(text, 1);
}
