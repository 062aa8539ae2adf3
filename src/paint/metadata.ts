import type { Doc } from './pdfkit-internals.js';

export interface MetadataOptions {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  date: Date;
}

export const CREATOR = 'juesuan';
export const PRODUCER = 'juesuan (PDFKit)';

/** The document information dictionary: every date is the given one, never the clock; empty fields are left out. */
export function infoDictionary(o: MetadataOptions): Record<string, string | Date> {
  const info: Record<string, string | Date> = {};
  const text: [string, string | undefined][] = [['Title', o.title], ['Author', o.author], ['Subject', o.subject], ['Keywords', o.keywords]];
  for (const [key, value] of text) if (value) info[key] = value;
  return { ...info, Creator: CREATOR, Producer: PRODUCER, CreationDate: o.date, ModDate: o.date };
}

/**
 * XMP metadata matching the info dictionary, as PDF/A requires (pdfkit's own omits ModifyDate
 * and does not escape &, <, > in the title). Replaces pdfkit's `_addInfo` on this document.
 */
export function installXmp(doc: Doc, o: MetadataOptions): void {
  const iso = o.date.toISOString().split('.')[0] + 'Z';
  const lang = esc(o.lang || 'x-default');
  doc._addInfo = function addInfo(): void {
    doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${iso}</xmp:CreateDate>
            <xmp:ModifyDate>${iso}</xmp:ModifyDate>
            <xmp:MetadataDate>${iso}</xmp:MetadataDate>
            <xmp:CreatorTool>${esc(CREATOR)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>${
              o.title ? `\n            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(o.title)}</rdf:li></rdf:Alt></dc:title>` : ''}${
              o.author ? `\n            <dc:creator><rdf:Seq><rdf:li>${esc(o.author)}</rdf:li></rdf:Seq></dc:creator>` : ''}${
              o.subject ? `\n            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(o.subject)}</rdf:li></rdf:Alt></dc:description>` : ''}
            <dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${esc(PRODUCER)}</pdf:Producer>
${o.keywords ? `            <pdf:Keywords>${esc(o.keywords)}</pdf:Keywords>` : ''}
        </rdf:Description>
        `);
  };
}

function esc(s: string | undefined): string {
  if (!s) return '';
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
