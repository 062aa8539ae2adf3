import { closeSync, fstatSync, openSync, read, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FontConfigError, FontDamageError, UnsupportedFontError } from './errors.js';
import { FontFile } from './font-file.js';
import { SfntTables } from './sfnt.js';
import { TrueTypeProgram } from './truetype-program.js';

/** Opened font files by absolute path: each is parsed once per process. */
const files = new Map<string, FontFile>();
/**
 * Every distinct font program opened, by byte length: a file whose bytes equal an opened one's
 * (a copy, a hard link, another spelling of the path) is that font. Fonts are told apart by their
 * bytes only, never by a name inside them: two different files may carry the same PostScript name.
 */
const programs = new Map<number, { bytes: Uint8Array; file: FontFile }[]>();
/** Font files read ahead (readFontFileAhead), waiting to be opened. */
const readAhead = new Map<string, Buffer>();

/**
 * Opens (once per process) the font file at an absolute path. `where` says who wants it (the
 * role and the config file), for messages. A file that cannot be read or is not a sound font is a
 * FontConfigError naming the file, the role and what is wrong.
 */
export function openFontFile(absPath: string, where: string): FontFile {
  const cached = files.get(absPath);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readAhead.get(absPath) ?? readFileSync(absPath);
  } catch (err) {
    throw new FontConfigError(`无法读取字体文件 ${absPath}（${where}）：${readFailure(err as NodeJS.ErrnoException)}`);
  } finally {
    readAhead.delete(absPath);
  }
  const same = sameProgram(bytes);
  if (same) {
    files.set(absPath, same);
    return same;
  }
  const file = parseFont(absPath, bytes, where);
  files.set(absPath, file);
  const sameLength = programs.get(bytes.length);
  if (sameLength) sameLength.push({ bytes, file });
  else programs.set(bytes.length, [{ bytes, file }]);
  return file;
}

/** The message of a font file found damaged after it was opened (a glyph read for layout or embedding). */
export function damagedFont(path: string, where: string, err: unknown): FontConfigError {
  const reason = err instanceof FontDamageError ? err.message : `读取字形时出错（${(err as Error)?.message ?? String(err)}）`;
  return new FontConfigError(`字体文件已损坏：${path}（${where}）：${reason}。${REMEDY}`);
}

const REMEDY = '请换用完好的字体文件，或在 fonts/fonts.yaml 中为该角色指定其他字体';

/** TrueType outlines through the raw-table reader; other formats (CFF, WOFF) through fontkit. */
function parseFont(absPath: string, bytes: Buffer, where: string): FontFile {
  const fail = (reason: string): never => {
    throw new FontConfigError(`字体文件已损坏：${absPath}（${where}）：${reason}。${REMEDY}`);
  };
  const kind = fontKind(bytes);
  if (kind !== 'font') throw new FontConfigError(`字体文件无法使用：${absPath}（${where}）：${kind}。${REMEDY}`);
  try {
    if (SfntTables.isTrueType(bytes)) {
      try {
        const sfnt = new SfntTables(bytes);
        return new FontFile(absPath, new TrueTypeProgram(sfnt), sfnt);
      } catch (err) {
        if (!(err instanceof UnsupportedFontError)) throw err;
        // A sound font in a form the raw reader does not read: fontkit does.
      }
    }
    const opened = fontkit.create(bytes);
    if ('fonts' in opened && !('unitsPerEm' in opened)) {
      throw new FontConfigError(`字体文件 ${absPath}（${where}）是字体集（.ttc），请改为指定其中单个字体的 .ttf 或 .otf 文件`);
    }
    return new FontFile(absPath, opened as fontkit.Font, null);
  } catch (err) {
    if (err instanceof FontConfigError) throw err;
    return fail(err instanceof FontDamageError ? err.message : `无法解析（${(err as Error).message}）`);
  }
}

/** 'font' for a file that starts like a font fontkit or this reader knows, else why it is not one. */
function fontKind(bytes: Uint8Array): 'font' | string {
  if (bytes.length === 0) return '文件是空的（0 字节）';
  const tag = bytes.length >= 4 ? String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) : '';
  if (SfntTables.isTrueType(bytes) || ['OTTO', 'ttcf', 'wOFF', 'wOF2'].includes(tag)) return 'font';
  if (looksLikeText(bytes)) {
    const start = new TextDecoder().decode(bytes.subarray(0, 60)).split(/\r?\n/)[0]!.slice(0, 20);
    return `这是一个文本文件，不是字体文件（开头是“${start}”）`;
  }
  return '不是 TrueType 或 OpenType 字体（文件开头没有字体的格式标记）';
}

/** Valid UTF-8 without control characters other than tab and line ends, in its first 512 bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) return false;
  try {
    // A multi-byte character cut at the end of the sample is not a reason to call it binary.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, lastCharBoundary(head)));
    return true;
  } catch {
    return false;
  }
}

function lastCharBoundary(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = bytes[end - k]!;
    if ((b & 0xc0) === 0xc0) return end - k; // a lead byte whose character may be incomplete
    if ((b & 0x80) === 0) return end;
  }
  return end;
}

function readFailure(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'EISDIR':
      return '这是一个文件夹，不是字体文件';
    default:
      return err.code ? `读取失败（${err.code}）` : `读取失败（${err.message}）`;
  }
}

/** The opened font whose file has exactly these bytes, if any. */
function sameProgram(bytes: Buffer): FontFile | undefined {
  return programs.get(bytes.length)?.find((p) => bytes.equals(p.bytes))?.file;
}

/**
 * Starts reading a font file in the background (a few tens of megabytes for CJK fonts): one read
 * on libuv's thread pool, which goes on while the main thread loads and checks the data, so the
 * file is in memory when layout opens it. Failures are left for openFontFile to report.
 */
export function readFontFileAhead(absPath: string): Promise<void> {
  if (files.has(absPath) || readAhead.has(absPath)) return Promise.resolve();
  let fd: number;
  let size: number;
  try {
    fd = openSync(absPath, 'r');
  } catch {
    return Promise.resolve();
  }
  try {
    size = fstatSync(fd).size;
  } catch {
    closeSync(fd);
    return Promise.resolve();
  }
  const bytes = Buffer.allocUnsafe(size);
  return new Promise((done) => {
    read(fd, bytes, 0, size, 0, (err, n) => {
      closeSync(fd);
      if (!err && n === size) readAhead.set(absPath, bytes);
      done();
    });
  });
}

/** For tests and long-lived workers: how many distinct font programs this process has parsed. */
export function openedFontFileCount(): number {
  let n = 0;
  for (const list of programs.values()) n += list.length;
  return n;
}
