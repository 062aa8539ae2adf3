import { arc, pie, type PieArcDatum } from 'd3-shape';
import type { FontSet } from '../fonts/index.js';
import { chartText } from './chart-parts.js';
import { moveDown } from './flow.js';
import type { PieChart } from './markup-model.js';
import { PIE_FILLS, STYLE } from './style.js';
import type { DrawItem } from './types.js';

const C = STYLE.chart;
type Slice = PieChart['slices'][number];

/**
 * A pie from d3-shape arcs (SVG path strings), slices in reading order clockwise from 12 o'clock,
 * each labelled outside (label, then its text) with a leader line; labels on one side are spread so
 * they never overlap. Returns the height used.
 */
export function drawPie(chart: PieChart, fonts: FontSet, x: number, width: number, into: DrawItem[], struct: number): number {
  const out: DrawItem[] = [];
  const role = C.role;
  const size = C.size;
  const R = Math.min(C.plotHeight * 0.42, width * 0.2);
  const cx = x + width / 2;
  const top = size;
  const cy = top + R + size * 1.5;
  const arcs = pie<Slice>().sort(null).value((d) => d.value)(chart.slices);
  const path = arc<PieArcDatum<Slice>>().innerRadius(0).outerRadius(R);
  // Fills cycle through the palette; the last slice never takes the colour of the first, its neighbour.
  const fills = arcs.map((_, i) => PIE_FILLS[i % PIE_FILLS.length]!);
  const last = fills.length - 1;
  if (last > 0 && fills[last] === fills[0]) fills[last] = PIE_FILLS[(last + 1) % PIE_FILLS.length]!;
  arcs.forEach((a, i) => {
    const d = path(a);
    if (!d) return;
    out.push({
      kind: 'path', x: cx, y: cy, d, fill: fills[i]!, stroke: '#ffffff', lineWidth: 0.8,
      lineJoin: 'round', struct,
    });
  });
  out.push({ kind: 'path', x: cx, y: cy, d: circle(R), stroke: '#333333', lineWidth: 0.5, struct });

  // Labels: two lines each, spread vertically per side.
  const lineGap = size * 1.25;
  const labelH = lineGap * 2;
  const labelW = width / 2 - R - 34;
  interface Label { a: PieArcDatum<Slice>; right: boolean; ex: number; ey: number; ly: number }
  const labels: Label[] = arcs.filter((a) => a.endAngle - a.startAngle > 1e-6).map((a) => {
    const mid = (a.startAngle + a.endAngle) / 2;
    const ex = Math.sin(mid) * R;
    const ey = -Math.cos(mid) * R;
    return { a, right: ex >= -1e-6, ex, ey, ly: -Math.cos(mid) * (R + 14) };
  });
  for (const side of [true, false]) {
    const group = labels.filter((l) => l.right === side).sort((p, q) => p.ly - q.ly);
    // Push down to keep labelH apart, then pull the block up if it runs past the bottom.
    for (let k = 1; k < group.length; k++) group[k]!.ly = Math.max(group[k]!.ly, group[k - 1]!.ly + labelH);
    const maxY = R + size * 2;
    const over = group.length ? group[group.length - 1]!.ly - maxY : 0;
    if (over > 0) for (const l of group) l.ly -= over;
    for (let k = group.length - 2; k >= 0; k--) group[k]!.ly = Math.min(group[k]!.ly, group[k + 1]!.ly - labelH);
  }
  let minY = cy - R;
  let maxY = cy + R;
  for (const l of labels) {
    const sign = l.right ? 1 : -1;
    const elbowX = cx + sign * (R + 12);
    const endX = cx + sign * (R + 22);
    const ly = cy + l.ly;
    out.push({
      kind: 'path', x: 0, y: 0, d: `M${n(cx + l.ex)} ${n(cy + l.ey)}L${n(elbowX)} ${n(ly)}L${n(endX)} ${n(ly)}`,
      stroke: '#555555', lineWidth: 0.5, struct,
    });
    const anchor = l.right ? 'start' : 'end';
    const tx = endX + sign * 3;
    const label = l.a.data.label;
    const text = l.a.data.text;
    const labelLines = chartText(fonts, label, role, size, tx, ly - 1, anchor, out, struct, labelW);
    if (text) chartText(fonts, text, role, size - 0.5, tx, ly - 1 + Math.max(1, labelLines) * lineGap, anchor, out, struct, labelW, '#333333');
    minY = Math.min(minY, ly - size - 2);
    maxY = Math.max(maxY, ly + lineGap + 4);
  }
  // Labels that rose above the top move everything down.
  const shift = Math.max(0, -minY);
  for (const it of out) {
    if (shift) moveDown(it, shift);
    into.push(it);
  }
  return Math.max(maxY, cy + R + size) + shift;
}

function circle(r: number): string {
  return `M0 ${n(-r)}A${n(r)} ${n(r)} 0 1 1 0 ${n(r)}A${n(r)} ${n(r)} 0 1 1 0 ${n(-r)}Z`;
}

const n = (v: number): string => (Math.round(v * 100) / 100).toString();
