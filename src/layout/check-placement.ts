import type { FontSet } from '../fonts/index.js';
import type { PageBuild } from './flow.js';
import { LayoutError, quoted } from './layout-error.js';
import type { TextItem } from './types.js';

const EPS = 0.01;

interface Box {
  text: TextItem;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The last step of layout: no text runs over other text, out of the content width or off its
 * page. Each step places its own text in boxes of its own; this holds them all to it, so text
 * that did not fit where it was put is a LayoutError naming it, never a page printed with
 * overprinted or cut-off words. A text's box is its advance width by its em box.
 */
export function checkTextPlacement(pages: readonly PageBuild[], fonts: FontSet): void {
  pages.forEach((page, index) => {
    const g = page.geometry;
    const where = `PDF 第 ${index + 1} 页${page.number !== null ? `（页码 ${page.number}）` : ''}`;
    const boxes: Box[] = [];
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      const face = fonts.face(item.role);
      const box = { text: item, x0: item.x, x1: item.x + item.width, y0: item.y - face.ascent * item.size, y1: item.y + face.descent * item.size };
      if (box.x0 < g.left - EPS || box.x1 > g.left + g.contentWidth + EPS || box.y0 < -EPS || box.y1 > g.height + EPS) {
        throw new LayoutError(`版面错误：${where}上的文字${quoted(item.text)}超出了版面。请缩短这段文字`, [item.text]);
      }
      boxes.push(box);
    }
    // Sweep down the page: each box against the boxes still open above it.
    boxes.sort((a, b) => a.y0 - b.y0);
    let open: Box[] = [];
    for (const b of boxes) {
      open = open.filter((a) => a.y1 > b.y0 + EPS);
      for (const a of open) {
        if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > EPS) {
          throw new LayoutError(`版面错误：${where}上的文字${quoted(a.text.text)}与${quoted(b.text.text)}重叠。请缩短其中较长的文字`, [a.text.text, b.text.text]);
        }
      }
      open.push(b);
    }
  });
}
