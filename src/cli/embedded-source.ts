import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, type PDFContext, type PDFObject } from '@cantoo/pdf-lib';
import { inflateWithin, OverLimitError } from './capped-inflate.js';
import { fail, megabytes } from './pdf-objects.js';

/** An embedded file is the department's YAML, a few hundred KB: far more is a mistake or an attack. */
export const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

export interface EmbeddedSource {
  /** The name the PDF gives the file: shown to the user, never used as a path. */
  name: string;
  content: Buffer;
  /** Whether the PDF recorded an MD5 checksum (then it matched): some rewriters drop it. */
  checksum: 'matched' | 'absent';
}

/**
 * The embedded source data (the file specification whose /AFRelationship is /Source), inflated
 * within the limit (or within its recorded /Size if smaller) and checked against its recorded
 * /Size and /CheckSum: a copy damaged, cut short or altered by hand is refused, not written.
 */
export function embeddedSource(context: PDFContext, file: string): EmbeddedSource {
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) fail(file, 'damaged-pdf', 'PDF 文件已损坏或不完整：找不到文档目录');
  const { specs, unresolved } = fileSpecs(context, catalog);
  const sources = specs.filter((s) => s.get(PDFName.of('AFRelationship')) === PDFName.of('Source'));
  if (sources.length === 0 && unresolved) {
    // A damaged object stream loses every object in it: the attachments may be among them.
    fail(file, 'damaged-pdf', 'PDF 文件已损坏或不完整：附件的说明无法读取，找不到内嵌的源数据');
  }
  if (sources.length === 0) {
    const others = specs.length ? `（它的附件 ${specs.map((s) => shown(specName(s))).join('、')} 都不是源数据）` : '';
    fail(file, 'no-source', `该 PDF 中没有内嵌的源数据${others}，不是本工具生成的？`);
  }
  if (sources.length > 1) {
    fail(file, 'ambiguous-source', `该 PDF 内嵌了 ${sources.length} 份源数据（${sources.map((s) => shown(specName(s))).join('、')}），无法确定取哪一份`);
  }
  const spec = sources[0]!;
  const name = specName(spec);
  const where = `内嵌的源数据 ${shown(name)}`;
  const stream = embeddedStream(context, spec);
  if (!stream) fail(file, 'damaged-pdf', `${where} 已损坏：找不到它的数据（PDF 可能不完整）`);
  const params = resolved(context, stream.dict.get(PDFName.of('Params')));
  const size = params instanceof PDFDict ? recordedSize(context, params) : undefined;
  const stored = params instanceof PDFDict ? recordedMd5(context, params) : undefined;
  if (stored === null) fail(file, 'checksum', `${where} 记载的校验和格式无法识别，无法核对内容是否完整`);

  const content = decode(context, stream, file, where, size);
  if (size !== undefined && content.length !== size) {
    fail(file, 'size', `${where} 的长度是 ${content.length} 字节，与 PDF 记载的 ${size} 字节不符：PDF 可能被改动过或已损坏，未写出文件`);
  }
  if (stored !== undefined) {
    const actual = createHash('md5').update(content).digest('hex');
    if (actual !== stored) {
      fail(file, 'checksum', `${where} 的内容与 PDF 记载的校验和（MD5 ${stored}）不符（实际 ${actual}）：PDF 可能被改动过或已损坏，未写出文件`);
    }
  }
  return { name, content, checksum: stored === undefined ? 'absent' : 'matched' };
}

/**
 * The file specifications of the document: its associated files (/AF) and its /EmbeddedFiles name
 * tree; `unresolved` when a reference on the way leads to no object (a damaged or cut file).
 */
function fileSpecs(context: PDFContext, catalog: PDFDict): { specs: PDFDict[]; unresolved: boolean } {
  const found = new Set<PDFDict>();
  const walk = { unresolved: false };
  const follow = (value: PDFObject | undefined): PDFObject | undefined => {
    const object = resolved(context, value);
    if (value instanceof PDFRef && object === undefined) walk.unresolved = true;
    return object;
  };
  const af = follow(catalog.get(PDFName.of('AF')));
  if (af instanceof PDFArray) {
    for (const item of af.asArray()) {
      const spec = follow(item);
      if (spec instanceof PDFDict) found.add(spec);
    }
  }
  const names = follow(catalog.get(PDFName.of('Names')));
  const tree = names instanceof PDFDict ? follow(names.get(PDFName.of('EmbeddedFiles'))) : undefined;
  if (tree instanceof PDFDict) nameTreeValues(follow, tree, found, new Set(), 0);
  return { specs: [...found], unresolved: walk.unresolved };
}

/** Depth and revisits are bounded: a hostile tree may loop. */
function nameTreeValues(follow: (value: PDFObject | undefined) => PDFObject | undefined, node: PDFDict, into: Set<PDFDict>, seen: Set<PDFDict>, depth: number): void {
  if (depth > 32 || seen.has(node)) return;
  seen.add(node);
  const names = follow(node.get(PDFName.of('Names')));
  if (names instanceof PDFArray) {
    for (let i = 1; i < names.size(); i += 2) {
      const spec = follow(names.get(i));
      if (spec instanceof PDFDict) into.add(spec);
    }
  }
  const kids = follow(node.get(PDFName.of('Kids')));
  if (kids instanceof PDFArray) {
    for (const kid of kids.asArray()) {
      const child = follow(kid);
      if (child instanceof PDFDict) nameTreeValues(follow, child, into, seen, depth + 1);
    }
  }
}

function embeddedStream(context: PDFContext, spec: PDFDict): PDFRawStream | undefined {
  const ef = resolved(context, spec.get(PDFName.of('EF')));
  if (!(ef instanceof PDFDict)) return undefined;
  const stream = resolved(context, ef.get(PDFName.of('UF')) ?? ef.get(PDFName.of('F')));
  return stream instanceof PDFRawStream ? stream : undefined;
}

/** FlateDecode (what PDF writers use for embedded files), or none; the inflated size is capped. */
function decode(context: PDFContext, stream: PDFRawStream, file: string, where: string, size: number | undefined): Buffer {
  const filter = resolved(context, stream.dict.get(PDFName.of('Filter')));
  const filters = filter === undefined ? [] : filter instanceof PDFArray ? filter.asArray().map((f) => resolved(context, f)) : [filter];
  for (const f of filters) {
    if (f !== PDFName.of('FlateDecode')) fail(file, 'unsupported-encoding', `${where} 使用了本工具不支持的编码 ${String(f)}，无法取出`);
  }
  const parms = resolved(context, stream.dict.get(PDFName.of('DecodeParms')));
  if (filters.length && parms !== undefined && !(parms instanceof PDFDict && parms.keys().length === 0)) {
    fail(file, 'unsupported-encoding', `${where} 的压缩带有本工具不支持的参数（DecodeParms），无法取出`);
  }
  const limit = size !== undefined && size < MAX_ATTACHMENT_BYTES ? size : MAX_ATTACHMENT_BYTES;
  let data: Buffer = Buffer.from(stream.contents);
  try {
    for (let i = 0; i < filters.length; i++) data = inflateWithin(data, limit);
  } catch (e) {
    if (!(e instanceof OverLimitError)) fail(file, 'damaged-pdf', `${where} 的压缩数据已损坏或不完整，无法解压`);
    if (limit < MAX_ATTACHMENT_BYTES) fail(file, 'size', `${where} 解压后比 PDF 记载的 ${limit} 字节更长：PDF 可能被改动过或已损坏，未写出文件`);
    fail(file, 'too-large', `${where} 解压后超过 ${megabytes(MAX_ATTACHMENT_BYTES)} MB 的上限（可能是恶意构造的压缩数据），不予取出`);
  }
  if (data.length > limit && limit === MAX_ATTACHMENT_BYTES) {
    fail(file, 'too-large', `${where} 超过 ${megabytes(MAX_ATTACHMENT_BYTES)} MB 的上限，不予取出`);
  }
  return data;
}

function recordedSize(context: PDFContext, params: PDFDict): number | undefined {
  const size = resolved(context, params.get(PDFName.of('Size')));
  return size instanceof PDFNumber && Number.isSafeInteger(size.asNumber()) && size.asNumber() >= 0 ? size.asNumber() : undefined;
}

/** The recorded MD5 as hex: the 16 bytes the PDF standard asks for, or the 32 hex digits pdfkit writes; null: unreadable. */
function recordedMd5(context: PDFContext, params: PDFDict): string | null | undefined {
  const value = resolved(context, params.get(PDFName.of('CheckSum')));
  if (value === undefined) return undefined;
  if (!(value instanceof PDFString || value instanceof PDFHexString)) return null;
  const bytes = Buffer.from(value.asBytes());
  if (bytes.length === 16) return bytes.toString('hex');
  const text = bytes.toString('latin1');
  return /^[0-9a-fA-F]{32}$/.test(text) ? text.toLowerCase() : null;
}

/** The name the PDF gives the file, made safe to print (no control or direction characters); '' if none. */
function specName(spec: PDFDict): string {
  const value = spec.get(PDFName.of('UF')) ?? spec.get(PDFName.of('F'));
  const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '?').slice(0, 120);
  return safe;
}

function shown(name: string): string {
  return name ? `“${name}”` : '（无名）';
}

function resolved(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? context.lookup(value) : value;
}
