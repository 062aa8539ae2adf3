import { scaleBand, scaleLinear } from 'd3-scale';
import type { FontSet } from '../fonts/index.js';
import { chartText, hatch, lightness, textWidth } from './chart-parts.js';
import type { BarsChart } from './markup-model.js';
import { AXIS_COLOR, GRID_COLOR, SERIES_FILLS, SERIES_HATCH, STYLE } from './style.js';
import type { DrawItem } from './types.js';

const C = STYLE.chart;

/**
 * Grouped bars: one band per group, one bar per series, value labels above the bars, a value
 * axis with nice ticks (d3-scale) and light grid lines, the unit top left, the legend top right.
 * Draws into a box of `width` at (x, 0); returns the height used.
 */
export function drawBars(chart: BarsChart, fonts: FontSet, x: number, width: number, out: DrawItem[], struct: number): number {
  const role = C.role;
  const size = C.size;
  const small = size - 0.5;
  // Header line: unit (left) and legend (right).
  const headerH = size * 2.2;
  const baseline = size * 1.2;
  if (chart.unit) chartText(fonts, `单位：${chart.unit}`, role, small, x, baseline, 'start', out, struct);
  let lx = x + width;
  for (let s = chart.series.length - 1; s >= 0; s--) {
    const name = chart.series[s]!;
    const tw = textWidth(fonts, name, role, small);
    lx -= tw;
    chartText(fonts, name, role, small, lx, baseline, 'start', out, struct);
    const sw = size * 1.1;
    lx -= sw + 3;
    swatch(lx, baseline - size * 0.8, sw, size * 0.8, s, out, struct);
    lx -= 10;
  }

  const values = chart.groups.flatMap((g) => g.bars.map((b) => b.value));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice(5);
  const ticks = y.ticks(5);
  const format = y.tickFormat(5);
  const tickLabels = ticks.map((t) => format(t));
  const axisW = Math.max(...tickLabels.map((t) => textWidth(fonts, t, role, small))) + 6;
  const plotTop = headerH + size; // room for the value labels of the tallest bar
  const plotH = C.plotHeight;
  const plotX = x + axisW;
  const plotW = width - axisW;
  y.range([plotTop + plotH, plotTop]);

  // Grid lines and tick labels.
  ticks.forEach((t, k) => {
    const ty = y(t);
    out.push({ kind: 'line', x1: plotX, y1: ty, x2: plotX + plotW, y2: ty, lineWidth: 0.4, color: t === 0 ? AXIS_COLOR : GRID_COLOR, struct });
    chartText(fonts, tickLabels[k]!, role, small, plotX - 4, ty + small * 0.35, 'end', out, struct, Infinity, AXIS_COLOR);
  });
  out.push({ kind: 'line', x1: plotX, y1: plotTop, x2: plotX, y2: plotTop + plotH, lineWidth: 0.6, color: AXIS_COLOR, struct });

  const band = scaleBand<number>().domain(chart.groups.map((_, i) => i)).range([plotX, plotX + plotW]).paddingInner(0.35).paddingOuter(0.2);
  const nSeries = Math.max(1, chart.series.length);
  const inner = scaleBand<number>().domain([...Array(nSeries).keys()]).range([0, band.bandwidth()]).paddingInner(0.08);
  const zero = y(0);
  let labelsBottom = plotTop + plotH;
  chart.groups.forEach((g, gi) => {
    const gx = band(gi)!;
    g.bars.forEach((b, s) => {
      const bx = gx + inner(s)!;
      const bw = inner.bandwidth();
      const by = Math.min(y(b.value), zero);
      const bh = Math.abs(y(b.value) - zero);
      const fill = SERIES_FILLS[s % SERIES_FILLS.length]!;
      out.push({ kind: 'rect', x: bx, y: by, w: bw, h: bh, fill, struct });
      if (SERIES_HATCH[s % SERIES_HATCH.length]) {
        out.push(...hatch(bx, by, bw, bh, 4, lightness(fill) > 0.5 ? '#4a4a4a' : '#ffffff', struct));
      }
      out.push({ kind: 'rect', x: bx, y: by, w: bw, h: bh, stroke: '#333333', lineWidth: 0.4, struct });
      const ly = b.value >= 0 ? by - 3 : by + bh + small + 1;
      chartText(fonts, b.text, role, small, bx + bw / 2, ly, 'middle', out, struct);
    });
    const lines = chartText(fonts, g.label, role, size, gx + band.bandwidth() / 2, plotTop + plotH + size * 1.35, 'middle', out, struct, band.step() * 0.98);
    labelsBottom = Math.max(labelsBottom, plotTop + plotH + size * 1.35 + (lines - 1) * size * 1.25 + size * 0.5);
  });
  return labelsBottom + 2;
}

function swatch(x: number, y: number, w: number, h: number, s: number, out: DrawItem[], struct: number): void {
  const fill = SERIES_FILLS[s % SERIES_FILLS.length]!;
  out.push({ kind: 'rect', x, y, w, h, fill, struct });
  if (SERIES_HATCH[s % SERIES_HATCH.length]) out.push(...hatch(x, y, w, h, 3, lightness(fill) > 0.5 ? '#4a4a4a' : '#ffffff', struct));
  out.push({ kind: 'rect', x, y, w, h, stroke: '#333333', lineWidth: 0.4, struct });
}
