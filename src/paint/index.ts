import type { FontSet } from '../fonts/index.js';
import type { DrawItem, LaidOutDocument } from '../layout/types.js';
import { paintAttachments, type Attachment } from './attachments.js';
import { createDocument, finish } from './document.js';
import { bufferOutput } from './output.js';
import { GraphicsPainter } from './graphics.js';
import { paintDestination, paintLink } from './links.js';
import { infoDictionary, installXmp } from './metadata.js';
import { paintOutline } from './outline.js';
import { StructurePainter } from './structure.js';
import { TextPainter } from './text.js';

export type { Attachment } from './attachments.js';
import type { MetadataOptions } from './metadata.js';

/** The document's metadata (its `date` also dates the attachments: same input, same bytes). */
export interface PaintOptions extends MetadataOptions {
  attachments?: Attachment[];
}

/**
 * Paints a laid-out document into PDF bytes: PDF 1.7, PDF/A-3b, tagged, fonts embedded as
 * subsets, bookmarks, 目录 links to named destinations, embedded source files. Deterministic:
 * nothing comes from the clock or a random source.
 */
export function paintPdf(laidOut: LaidOutDocument, fonts: FontSet, options: PaintOptions): Buffer {
  if (!(options.date instanceof Date) || Number.isNaN(options.date.getTime())) {
    throw new TypeError('paintPdf: options.date must be a valid Date (the report date: the PDF never reads the clock)');
  }
  const meta = { ...options, lang: options.lang || laidOut.meta.lang || 'zh-CN' };
  const doc = createDocument({ lang: meta.lang, info: infoDictionary(meta) });
  installXmp(doc, meta);
  const output = bufferOutput(doc);
  const text = new TextPainter(doc, fonts);
  const graphics = new GraphicsPainter(doc);
  const structure = new StructurePainter(doc, laidOut.structure, meta.lang);

  for (const page of laidOut.pages) {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    text.newPage();
    for (const item of page.items) paintItem(item);
    graphics.flush();
    structure.close();
    output.flushPage();
  }

  /** Pending grid lines belong to the open marked-content sequence: stroke them before it changes. */
  function enter(struct: number | undefined): void {
    if (!structure.isOpen(struct)) graphics.flush();
    structure.enter(struct);
  }

  function paintItem(item: DrawItem): void {
    switch (item.kind) {
      case 'text':
        enter(item.struct);
        graphics.flush();
        text.draw(item);
        return;
      case 'line':
        enter(item.struct);
        graphics.line(item);
        return;
      case 'rect':
        enter(item.struct);
        graphics.rect(item);
        return;
      case 'path':
        enter(item.struct);
        graphics.path(item);
        return;
      case 'link':
        paintLink(doc, item);
        return;
      case 'dest':
        paintDestination(doc, item);
        return;
    }
  }

  paintOutline(doc, laidOut.outline);
  paintAttachments(doc, options.attachments ?? [], options.date);
  return finish(doc, output);
}
