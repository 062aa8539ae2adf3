import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { FontDamageError } from './errors.js';

/**
 * Where a font's bytes come from. A CJK font is 10–15 MB of which a report embeds a few hundred
 * kilobytes of outlines: a batch worker that held whole files held some 40 MB it never read. The
 * raw-table reader (sfnt.ts) asks a source only for the tables it uses and for the outlines of
 * the glyphs laid out, so a file can stay on disk and be read where needed.
 */
export interface FontSource {
  /** The file's length in bytes: every table must lie within it. */
  readonly size: number;
  /** `length` bytes from `offset` (within `size`); FontDamageError when the file no longer has them. */
  read(offset: number, length: number): Uint8Array;
}

/** A font wholly in memory (read ahead for a one-off render, or given by a test): reads are views. */
export class BytesSource implements FontSource {
  readonly size: number;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, offset + length);
  }
}

/**
 * A font file kept open and read on demand. The descriptor holds the file that was opened even
 * when another is renamed over its path; a file changed in place is noticed by `unchanged()`
 * (asked before every report: its owner then opens the file afresh) and, in between, by a read
 * that comes up short.
 */
export class FileSource implements FontSource {
  readonly size: number;
  private fd: number | null;
  private readonly stamp: string;

  /** Throws what openSync / fstatSync throw (ENOENT, EACCES, EISDIR …). */
  constructor(readonly path: string) {
    const fd = openSync(path, 'r');
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
      this.size = st.size;
      this.stamp = stampOf(st);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    this.fd = fd;
  }

  /** Device and inode: two paths with the same identity are one file (a hard or symbolic link). */
  get identity(): string {
    return this.stamp.split('/').slice(0, 2).join('/');
  }

  read(offset: number, length: number): Uint8Array {
    if (this.fd === null) throw new Error(`font source ${this.path} is closed`);
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new FontDamageError(`读取第 ${offset + done} 字节时文件已结束（字体文件在使用中被改短了？）`);
      done += n;
    }
    return out;
  }

  /** The open file is as it was opened: same length, same modification and change times. */
  unchanged(): boolean {
    if (this.fd === null) return false;
    try {
      return stampOf(fstatSync(this.fd)) === this.stamp;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

function stampOf(st: Stats): string {
  return `${st.dev}/${st.ino}/${st.size}/${st.mtimeMs}/${st.ctimeMs}`;
}

/** Whether two sources hold the same bytes, compared a megabyte at a time (never both whole). */
export function sameBytes(a: FontSource, b: FontSource): boolean {
  if (a.size !== b.size) return false;
  const chunk = 1 << 20;
  for (let at = 0; at < a.size; at += chunk) {
    const n = Math.min(chunk, a.size - at);
    const x = a.read(at, n);
    if (!Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(b.read(at, n))) return false;
  }
  return true;
}
