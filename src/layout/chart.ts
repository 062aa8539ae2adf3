import { drawBars } from './chart-bars.js';
import { drawPie } from './chart-pie.js';
import { chartText, fmt } from './chart-parts.js';
import type { LayoutContext, Slice } from './flow.js';
import type { ChartBlock } from './markup-model.js';
import { STYLE } from './style.js';
import type { DrawItem } from './types.js';

const C = STYLE.chart;

/** A chart and its caption: one slice, so they never part. */
export function chartSlices(chart: ChartBlock, ctx: LayoutContext): Slice[] {
  const g = ctx.geometry;
  const width = Math.min(g.contentWidth, C.maxWidth);
  const x = g.left + (g.contentWidth - width) / 2;
  const figure = ctx.structure.add('Figure', ctx.sect, altText(chart));
  const items: DrawItem[] = [];
  const h = chart.type === 'bars'
    ? drawBars(chart, ctx.fonts, x, width, items, figure)
    : drawPie(chart, ctx.fonts, x, width, items, figure);
  let height = h;
  if (chart.caption) {
    const caption = ctx.structure.add('Caption', ctx.sect);
    const size = C.captionSize;
    const asc = ctx.fonts.face(C.captionRole).ascent;
    const lines = chartText(ctx.fonts, chart.caption, C.captionRole, size, g.left + g.contentWidth / 2,
      height + 6 + asc * size, 'middle', items, caption, g.contentWidth);
    height += 6 + lines * size * 1.25 + 4;
  }
  return [{ height: height + C.spaceAfter, spaceBefore: C.spaceBefore, keepWithNext: false, items }];
}

/** The figure's alternative text: caption and the data it shows. */
function altText(chart: ChartBlock): string {
  const unit = chart.unit ? `（${chart.unit}）` : '';
  if (chart.type === 'bars') {
    const data = chart.groups
      .map((g) => `${g.label}：${g.bars.map((b, s) => `${chart.series[s] ?? ''} ${b.text || fmt(b.value)}`.trim()).join('，')}`)
      .join('；');
    return `${chart.caption}${unit}。${data}`;
  }
  return `${chart.caption}${unit}。${chart.slices.map((s) => `${s.label} ${s.text || fmt(s.value)}`).join('；')}`;
}
