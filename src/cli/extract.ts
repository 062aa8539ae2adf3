import { inflateSync } from 'node:zlib';

export interface EmbeddedFile {
  name: string;
  relationship?: string;
  content: Buffer;
}

/**
 * Reads the embedded files of a PDF this tool wrote (pdfkit writes plain indirect objects, no
 * object streams): each file specification's /EF stream, inflated.
 */
export function embeddedFiles(pdf: Buffer): EmbeddedFile[] {
  const text = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; streamStart?: number; streamEnd?: number }>();
  const objRe = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = objRe.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s >= 0 && body.startsWith('<<')) {
      let dataStart = start + s + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const dataEnd = text.lastIndexOf('endstream', end);
      objects.set(m[1], { dict: body.slice(0, s), streamStart: dataStart, streamEnd: dataEnd });
    } else {
      objects.set(m[1], { dict: body });
    }
    objRe.lastIndex = end;
  }
  const files: EmbeddedFile[] = [];
  for (const obj of objects.values()) {
    if (!/\/Type\s*\/Filespec/.test(obj.dict)) continue;
    const ef = /\/EF\s*<<\s*\/F\s+(\d+)\s+0\s+R/.exec(obj.dict);
    if (!ef) continue;
    const stream = objects.get(ef[1]);
    if (!stream || stream.streamStart === undefined || stream.streamEnd === undefined) continue;
    const length = /\/Length\s+(\d+)/.exec(stream.dict);
    const raw = pdf.subarray(stream.streamStart, length ? stream.streamStart + Number(length[1]) : stream.streamEnd);
    const content = /\/FlateDecode/.test(stream.dict) ? inflateSync(raw) : Buffer.from(raw);
    const name = pdfString(/\/UF\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/.exec(obj.dict)?.[1] ?? /\/F\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/.exec(obj.dict)?.[1] ?? '');
    const relationship = /\/AFRelationship\s*\/(\w+)/.exec(obj.dict)?.[1];
    files.push({ name, relationship, content });
  }
  return files;
}

function pdfString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const inner = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) =>
    /^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c,
  );
  const bytes = Buffer.from(inner, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return inner;
}
