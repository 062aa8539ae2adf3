import { PDFDict, PDFName, PDFNumber, PDFParser, PDFRawStream, PDFRef, type PDFContext, type PDFStream } from '@cantoo/pdf-lib';
import { InputError } from '../model/diagnostics.js';
import { inflateWithin, OverLimitError } from './capped-inflate.js';

/**
 * A PDF's objects, read with pdf-lib's parser (object streams, cross-reference streams,
 * incremental updates, damaged files) and two corrections for reading files other tools wrote:
 *
 * - A stream whose /Length is an indirect object (qpdf --qdf and other rewriters put it after the
 *   stream): the parser cannot know it when it meets the stream and looks for `endstream`
 *   instead, which drops or adds a byte at the end of the data. So a file with such lengths is
 *   read twice, the second time with the lengths the first read found.
 * - An object stream that would inflate past the limit (a compression bomb) is not inflated.
 *
 * Why pdf-lib and not pdfjs-dist (which reads text with positions, for importing published
 * PDFs later): pdfjs-dist's getAttachments() gives the inflated bytes only, without the recorded
 * /Size and /CheckSum to verify them against, and inflates without any limit.
 */
export async function readPdfObjects(bytes: Uint8Array, file: string, limit: number): Promise<PDFContext> {
  let parser = new ExactLengthParser(bytes, new Map(), limit);
  let context = await parseOrExplain(parser, file);
  if (parser.indirectLengths.size > 0) {
    const known = new Map<string, number>();
    for (const ref of parser.indirectLengths) {
      const n = context.lookup(ref);
      if (n instanceof PDFNumber && Number.isSafeInteger(n.asNumber()) && n.asNumber() >= 0) known.set(ref.tag, n.asNumber());
    }
    parser = new ExactLengthParser(bytes, known, limit);
    context = await parseOrExplain(parser, file);
  }
  if (parser.overLimit) {
    fail(file, 'too-large', `PDF 中有一段压缩数据解压后超过 ${megabytes(limit)} MB 的上限（可能是恶意构造的文件），不予读取`);
  }
  if (context.trailerInfo.Encrypt) {
    fail(file, 'encrypted', 'PDF 已加密，无法读取其中的附件；请使用未加密的 PDF（例如本工具当初生成的原文件）');
  }
  return context;
}

class ExactLengthParser extends PDFParser {
  /** /Length references met that were not known yet. */
  readonly indirectLengths = new Set<PDFRef>();
  overLimit = false;

  constructor(
    bytes: Uint8Array,
    private readonly knownLengths: Map<string, number>,
    private readonly limit: number,
  ) {
    super(bytes, Infinity, false, false, false);
  }

  protected override parseDict(ref?: PDFRef): PDFDict {
    const dict = super.parseDict(ref);
    const length = dict.get(PDFName.of('Length'));
    if (length instanceof PDFRef) {
      const known = this.knownLengths.get(length.tag);
      // Direct, the parser takes the data by its length (and checks `endstream` follows it).
      if (known !== undefined) dict.set(PDFName.of('Length'), PDFNumber.of(known));
      else this.indirectLengths.add(length);
    }
    return dict;
  }

  protected override parseDictOrStream(ref?: PDFRef): PDFDict | PDFStream {
    const object = super.parseDictOrStream(ref);
    // The parser inflates object and cross-reference streams as it meets them, without a limit.
    if (object instanceof PDFRawStream && isInflatedOnRead(object) && inflatesPastLimit(object, this.limit)) {
      this.overLimit = true;
      throw new OverLimitError(this.limit);
    }
    return object;
  }
}

function isInflatedOnRead(stream: PDFRawStream): boolean {
  const type = stream.dict.get(PDFName.of('Type'));
  return type === PDFName.of('ObjStm') || type === PDFName.of('XRef');
}

function inflatesPastLimit(stream: PDFRawStream, limit: number): boolean {
  if (stream.dict.get(PDFName.of('Filter')) !== PDFName.of('FlateDecode')) return false;
  try {
    inflateWithin(stream.contents, limit);
    return false;
  } catch (e) {
    // Damaged data is the parser's to deal with; only the size is checked here.
    return e instanceof OverLimitError;
  }
}

async function parseOrExplain(parser: PDFParser, file: string): Promise<PDFContext> {
  try {
    return await parser.parseDocument();
  } catch {
    return fail(file, 'damaged-pdf', 'PDF 文件已损坏，无法读取其结构');
  }
}

export function megabytes(bytes: number): string {
  return String(Math.round(bytes / (1024 * 1024)));
}

export function fail(file: string, rule: string, message: string): never {
  throw new InputError([{ severity: 'error', rule, message, file }], 2);
}
