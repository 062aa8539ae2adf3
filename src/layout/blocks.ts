import { chartSlices } from './chart.js';
import { coverSlices } from './cover.js';
import type { LayoutContext, Slice } from './flow.js';
import type { Block } from './markup-model.js';
import { tableSlices } from './table.js';
import { headingSlices, paragraphSlices } from './text-blocks.js';

/** One block of the markup → its slices (the 目录 is laid out later, see toc.ts). */
export function blockSlices(block: Block, ctx: LayoutContext): Slice[] {
  switch (block.kind) {
    case 'cover':
      return coverSlices(block, ctx);
    case 'heading':
      return headingSlices(block, ctx);
    case 'p':
      return paragraphSlices(block, ctx);
    case 'table':
      return tableSlices(block, ctx);
    case 'chart':
      return chartSlices(block, ctx);
    case 'pagebreak':
      return [{ height: 0, spaceBefore: 0, keepWithNext: false, items: [], forceBreak: true }];
    case 'keep': {
      // Kept together if it fits on a page: every slice but the last keeps with the next.
      const slices = block.blocks.flatMap((b) => blockSlices(b, ctx));
      slices.forEach((s, i) => {
        if (i < slices.length - 1 && !s.forceBreak) s.keepWithNext = true;
      });
      return slices;
    }
    case 'toc':
      throw new Error('the 目录 is laid out after the body');
  }
}
