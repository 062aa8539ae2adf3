import type { LineItem, PathItem, RectItem } from '../layout/types.js';
import type { Doc } from './pdfkit-internals.js';

/**
 * Vector graphics: lines (consecutive lines of one style stroked as one path — a table's grid is
 * one stroke), rectangles, SVG paths.
 */
export class GraphicsPainter {
  private pending: LineItem[] = [];

  constructor(private readonly doc: Doc) {}

  line(l: LineItem): void {
    const p = this.pending[0];
    if (p && (p.lineWidth !== l.lineWidth || p.color !== l.color || !sameDash(p.dash, l.dash))) this.flush();
    this.pending.push(l);
  }

  /** Strokes the pending lines. Call before anything else is drawn. */
  flush(): void {
    const lines = this.pending;
    if (lines.length === 0) return;
    this.pending = [];
    const doc = this.doc;
    const first = lines[0]!;
    doc.save();
    doc.lineWidth(first.lineWidth).strokeColor(first.color ?? '#000000').lineCap('butt');
    if (first.dash) doc.dash(first.dash[0], { space: first.dash[1] });
    for (const l of lines) doc.moveTo(l.x1, l.y1).lineTo(l.x2, l.y2);
    doc.stroke();
    doc.restore();
  }

  rect(r: RectItem): void {
    this.flush();
    const doc = this.doc;
    doc.save();
    doc.rect(r.x, r.y, r.w, r.h);
    paint(doc, r.fill, r.stroke, r.lineWidth);
    doc.restore();
  }

  path(p: PathItem): void {
    this.flush();
    const doc = this.doc;
    doc.save();
    doc.translate(p.x, p.y);
    if (p.lineJoin) doc.lineJoin(p.lineJoin);
    if (p.lineCap) doc.lineCap(p.lineCap);
    doc.path(p.d);
    paint(doc, p.fill, p.stroke, p.lineWidth);
    doc.restore();
  }
}

function paint(doc: Doc, fill: string | undefined, stroke: string | undefined, lineWidth: number | undefined): void {
  if (stroke) doc.lineWidth(lineWidth ?? 1).strokeColor(stroke);
  if (fill) doc.fillColor(fill);
  if (fill && stroke) doc.fillAndStroke();
  else if (fill) doc.fill();
  else if (stroke) doc.stroke();
}

function sameDash(a?: [number, number], b?: [number, number]): boolean {
  return a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]);
}
