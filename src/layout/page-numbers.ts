import { STYLE } from './style.js';
import type { FontSet } from '../fonts/index.js';
import type { PageBuild } from './flow.js';

/**
 * Body pages are numbered from 1 across all `numbering="arabic"` sections, in order; the cover
 * and the 目录 have none. (The 目录 is laid out after this, so its length changes no number.)
 */
export function numberPages(pages: PageBuild[]): void {
  let n = 0;
  for (const p of pages) p.number = p.numbering === 'arabic' ? ++n : null;
}

/** The footer "- 3 -", centred, on every numbered page (an artifact, not content). */
export function drawFooters(pages: PageBuild[], fonts: FontSet): void {
  const { role, size } = STYLE.footer;
  const face = fonts.face(role);
  const dash = '-';
  face.assertPrintable(dash + '0123456789');
  const dashW = face.measure(dash, size);
  const gap = size * 0.5;
  for (const p of pages) {
    if (p.number === null) continue;
    // "- 3 -": dash, number, dash as three runs with visible gaps (a space glyph is too narrow).
    const num = String(p.number);
    const numW = face.measure(num, size);
    const total = dashW * 2 + gap * 2 + numW;
    const g = p.geometry;
    let x = (g.width - total) / 2;
    const y = g.footerBaseline;
    for (const [text, w] of [[dash, dashW], [num, numW], [dash, dashW]] as const) {
      p.items.push({ kind: 'text', x, y, role, size, text, characterSpacing: 0, width: w });
      x += w + gap;
    }
  }
}
