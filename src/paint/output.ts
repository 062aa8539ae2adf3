import { deflateSync } from 'node:zlib';
import type { Doc, DocumentWriter } from './pdfkit-internals.js';
import { OBJECTS_PER_STREAM, objectStream, xrefStream, type XrefEntry } from './object-streams.js';

/**
 * pdfkit turns each string it writes into bytes with a JavaScript loop and passes every piece
 * through a Node stream: some 15 000 pieces for an 80-page report, and a page's content stream
 * grows by one small array per drawing operation. Here the page content is gathered as strings
 * and written once per page, and the document's output is gathered as strings and converted to
 * bytes natively ('latin1' keeps the low byte of each code unit, as pdfkit's loop does), only
 * when a binary chunk (a compressed stream) comes between.
 *
 * Objects other than streams are held back as they are finished and written at the end into
 * compressed object streams, followed by a cross-reference stream instead of pdfkit's xref table
 * and trailer (object-streams.ts). The document catalog stays loose, where any reader finds it,
 * written last before the cross-reference stream: a file cut short anywhere has lost it (or
 * its cross-reference), so a reader sees a damaged file, not one whose attachments or pages
 * lead nowhere.
 */
export interface BufferedOutput {
  /** Writes the current page's gathered content; call before the page ends (next addPage, end). */
  flushPage(): void;
  /** The whole file, once doc.end() has run. */
  bytes(): Buffer;
}

/**
 * zlib level of the page content streams (pdfkit uses the default, 6, for every stream). Drawing
 * operators compress almost as well at 2 (the sample: 162 KB instead of 147 KB) for two thirds of
 * the time.
 */
const PAGE_CONTENT_LEVEL = 2;

/** How pdfkit begins an object (PDFReference.finalize). */
const OBJECT_HEADER = /^(\d+) 0 obj$/;

export function bufferOutput(doc: Doc): BufferedOutput {
  let page: string[] = [];
  doc.addContent = (data: string) => {
    page.push(data);
    return doc;
  };

  const writer = doc as unknown as DocumentWriter;
  // Strings in an object stream are not encrypted apart, as pdfkit would encrypt them.
  if (writer._security) throw new Error('paint: object streams are written for unencrypted documents only');

  // What pdfkit wrote before this was installed (the file header) is waiting in its stream.
  const chunks: Buffer[] = [];
  for (let chunk = doc.read(); chunk !== null; chunk = doc.read()) chunks.push(chunk);
  let text: string[] = [];
  const flushText = () => {
    if (text.length > 0) chunks.push(Buffer.from(text.join(''), 'latin1'));
    text = [];
  };
  const emit = (data: string | Uint8Array) => {
    if (data instanceof Uint8Array) {
      flushText();
      chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      writer._offset += data.length;
    } else {
      const s = data + '\n';
      text.push(s);
      writer._offset += s.length;
    }
  };

  // An object's header and dictionary are held until the next piece shows whether a stream
  // follows. Nothing is written meanwhile, so the offset pdfkit noted for it stays right.
  const objects = new Map<number, string>();
  let held: { id: number; header: string; body?: string } | null = null;
  writer._write = (data) => {
    if (held) {
      if (held.body === undefined && typeof data === 'string') {
        held.body = data;
        return;
      }
      const { id, header, body } = held;
      held = null;
      if (data === 'endobj' && body !== undefined) {
        objects.set(id, body);
        return;
      }
      emit(header);
      if (body !== undefined) emit(body);
    }
    const header = typeof data === 'string' ? OBJECT_HEADER.exec(data) : null;
    if (header) held = { id: Number(header[1]), header: data as string };
    else emit(data);
  };

  writer._finalize = () => {
    writeObjectStreamsAndXref(writer, emit, objects);
    writer.push(null);
  };

  return {
    flushPage() {
      if (page.length === 0) return;
      page.push('');
      const content = doc.page.content;
      if (content.data.Filter) throw new Error('paint: a page content stream was flushed twice');
      // Compressed here, once, at PAGE_CONTENT_LEVEL; pdfkit then writes the bytes as they are.
      content.compress = false;
      content.data.Filter = 'FlateDecode';
      content.write(deflateSync(Buffer.from(page.join('\n'), 'latin1'), { level: PAGE_CONTENT_LEVEL }));
      page = [];
    },
    bytes() {
      flushText();
      return Buffer.concat(chunks);
    },
  };
}

/**
 * The end of the file in place of pdfkit's: the held objects in object streams of
 * OBJECTS_PER_STREAM in object-number order (so the same document always packs the same way),
 * numbered after pdfkit's objects, then the catalog, then the cross-reference stream.
 */
function writeObjectStreamsAndXref(writer: DocumentWriter, emit: (data: string | Uint8Array) => void, held: Map<number, string>): void {
  const rootId = writer._root.id;
  const catalog = held.get(rootId);
  if (catalog === undefined) throw new Error('paint: the document catalog was never written');
  const count = writer._offsets.length;
  const packed = [...held.keys()].filter((id) => id !== rootId).sort((a, b) => a - b);
  const firstStream = count + 1;
  const entries: XrefEntry[] = [{ type: 0, next: 0, generation: 65535 }];
  const where = new Map(packed.map((id, i) => [id, i]));
  for (let id = 1; id <= count; id++) {
    const i = where.get(id);
    if (i !== undefined) {
      entries.push({ type: 2, stream: firstStream + Math.floor(i / OBJECTS_PER_STREAM), index: i % OBJECTS_PER_STREAM });
    } else if (id === rootId) {
      entries.push({ type: 1, offset: NaN }); // written below, after the object streams
    } else {
      const offset = writer._offsets[id - 1];
      if (offset === null || offset === undefined) throw new Error(`paint: object ${id} was never written`);
      entries.push({ type: 1, offset });
    }
  }
  for (let start = 0; start < packed.length; start += OBJECTS_PER_STREAM) {
    entries.push({ type: 1, offset: writer._offset });
    const members = packed.slice(start, start + OBJECTS_PER_STREAM).map((id) => [id, held.get(id)!] as const);
    writeStreamObject(emit, entries.length - 1, objectStream(members));
  }
  entries[rootId] = { type: 1, offset: writer._offset };
  emit(`${rootId} 0 obj`);
  emit(catalog);
  emit('endobj');
  const xrefId = entries.length;
  const xrefOffset = writer._offset;
  entries.push({ type: 1, offset: xrefOffset });
  writeStreamObject(emit, xrefId, xrefStream(entries, { root: writer._root.toString(), info: writer._info.toString(), id: writer._id }));
  emit('startxref');
  emit(`${xrefOffset}`);
  emit('%%EOF');
}

/** As pdfkit writes a stream object (PDFReference.finalize). */
function writeStreamObject(emit: (data: string | Uint8Array) => void, id: number, s: { dictionary: string; data: Buffer }): void {
  emit(`${id} 0 obj`);
  emit(s.dictionary);
  emit('stream');
  emit(s.data);
  emit('\nendstream');
  emit('endobj');
}
