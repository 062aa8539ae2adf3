import { execFileSync, spawnSync } from 'node:child_process';
import { deflateRawSync, deflateSync, constants as zlib } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from '@cantoo/pdf-lib';
import { ROOT } from './helpers.js';
import { join } from 'node:path';

/** PDFs as other tools and hostile hands make them, from a PDF this tool wrote. */

export function qpdf(args: string[]): void {
  execFileSync('qpdf', args, { stdio: 'pipe' });
}

interface SourceEdit {
  /** New decoded content, stored deflated (the recorded /Params stay as they were unless given). */
  content?: Buffer;
  /** New raw stream bytes, stored as is with the /Filter kept. */
  raw?: Buffer;
  size?: number | null;
  /** A checksum as the PDF standard has it (16 bytes), or null to drop it. */
  checksum?: Buffer | null;
  name?: string;
  relationship?: string;
}

/** Rewrites the embedded source of a PDF (pdf-lib keeps the rest; the stream's /Length is set right). */
export async function editSource(pdf: Buffer, edit: SourceEdit): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const af = doc.catalog.lookup(PDFName.of('AF'), PDFArray);
  const spec = af
    .asArray()
    .map((r) => ctx.lookup(r, PDFDict))
    .find((s) => s.get(PDFName.of('AFRelationship')) === PDFName.of('Source'))!;
  const efRef = spec.lookup(PDFName.of('EF'), PDFDict).get(PDFName.of('F')) as PDFRef;
  const stream = ctx.lookup(efRef) as PDFRawStream;
  const dict = stream.dict.clone(ctx);
  const params = (dict.lookup(PDFName.of('Params'), PDFDict) as PDFDict).clone(ctx);
  dict.set(PDFName.of('Params'), params);
  let bytes: Uint8Array = stream.contents;
  if (edit.content) bytes = deflateSync(edit.content);
  if (edit.raw) bytes = edit.raw;
  if (edit.size === null) params.delete(PDFName.of('Size'));
  else if (edit.size !== undefined) params.set(PDFName.of('Size'), PDFNumber.of(edit.size));
  if (edit.checksum === null) params.delete(PDFName.of('CheckSum'));
  else if (edit.checksum) params.set(PDFName.of('CheckSum'), PDFHexString.of(edit.checksum.toString('hex')));
  dict.set(PDFName.of('Length'), PDFNumber.of(bytes.length));
  ctx.assign(efRef, PDFRawStream.of(dict, bytes));
  if (edit.name !== undefined) {
    spec.set(PDFName.of('F'), PDFString.of(edit.name));
    spec.set(PDFName.of('UF'), PDFHexString.fromText(edit.name));
  }
  if (edit.relationship) spec.set(PDFName.of('AFRelationship'), PDFName.of(edit.relationship));
  return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false }));
}

/**
 * A zlib stream of `blocks` × 16 MiB of zeros, made without holding them: one non-final deflate
 * block of 16 MiB of zeros repeated (its back-references reach only zeros), a final empty block,
 * and the Adler-32 of n zeros (a = 1, b = n mod 65521).
 */
export function zeroBomb(blocks: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 24), { finishFlush: zlib.Z_SYNC_FLUSH });
  const n = BigInt(blocks) << 24n;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((Number(n % 65521n) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(blocks).fill(block), Buffer.from([0x03, 0x00]), adler]);
}

/**
 * A small PDF written by hand: a catalog with one /Source attachment (`yaml`), and optionally an
 * object stream of the given deflated bytes that the parser meets before the catalog.
 */
export function handMadePdf(yaml: Buffer, objectStream?: Buffer): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const data = deflateSync(yaml);
  add('<< /Type /Catalog /Pages 2 0 R /AF [3 0 R] /Names << /EmbeddedFiles << /Names [(x.yaml) 3 0 R] >> >> >>');
  add('<< /Type /Pages /Kids [] /Count 0 >>');
  add('<< /Type /Filespec /F (x.yaml) /UF (x.yaml) /AFRelationship /Source /EF << /F 4 0 R >> >>');
  add(Buffer.concat([Buffer.from(`<< /Type /EmbeddedFile /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]));
  if (objectStream) {
    add(Buffer.concat([Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${objectStream.length} >>\nstream\n`, 'latin1'), objectStream, Buffer.from('\nendstream', 'latin1')]));
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/**
 * Runs the CLI as an unprivileged user where the tests run as root (root reads and writes
 * through any permission bits); null where that cannot be done.
 */
export function cliUnprivileged(args: string[], cwd: string): { code: number | null; stderr: string } | null {
  const asRoot = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/juesuan.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, JUESUAN_CACHE_DIR: 'off', HOME: cwd },
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  if (r.error) return null;
  return { code: r.status, stderr: r.stderr };
}

/** The peak memory (resident set, MB) of one CLI run, read by the process itself as it exits. */
export function cliPeakMemory(args: string[], cwd: string): { code: number | null; stderr: string; peakMB: number } {
  const report = 'process.on("exit",()=>process.stderr.write("peak-rss-kb="+process.resourceUsage().maxRSS+"\\n"))';
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(ROOT, 'bin/juesuan.js'), ...args], {
    cwd,
    encoding: 'utf8',
  });
  const kb = Number(/peak-rss-kb=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { code: r.status, stderr: r.stderr, peakMB: kb / 1024 };
}
