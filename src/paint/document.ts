import PDFDocument from 'pdfkit';
import type { Doc } from './pdfkit-internals.js';
import type { BufferedOutput } from './output.js';

export interface DocumentOptions {
  lang: string;
  info: Record<string, string | Date>;
}

/**
 * A pdfkit document set up for an archival report: PDF 1.7, PDF/A-3b (sRGB output intent, XMP
 * identification), tagged with the language, the title shown in the window. No default font (an
 * unused Helvetica would not be embedded). The document ID is pdfkit's MD5 of the info
 * dictionary, so it is fixed when the info (with its dates) is.
 */
export function createDocument(o: DocumentOptions): Doc {
  const doc = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: o.lang,
    displayTitle: true,
    compress: true,
    info: o.info as PDFKit.DocumentInfo,
    font: null as unknown as string,
    bufferPages: false,
  });
  return doc as unknown as Doc;
}

/** Ends the document and returns its bytes (pdfkit writes synchronously). */
export function finish(doc: Doc, output: BufferedOutput): Buffer {
  output.flushPage();
  doc.end();
  return output.bytes();
}
