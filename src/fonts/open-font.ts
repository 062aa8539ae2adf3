import { closeSync, fstatSync, openSync, read } from 'node:fs';
import * as fontkit from 'fontkit';
import { FontConfigError, FontDamageError, UnsupportedFontError } from './errors.js';
import { FontFile } from './font-file.js';
import { BytesSource, FileSource, sameBytes, type FontSource } from './font-source.js';
import { SfntTables } from './sfnt.js';
import { TrueTypeProgram } from './truetype-program.js';

/** Opened font files by absolute path: each is parsed once per process (again if changed on disk). */
const files = new Map<string, FontFile>();
/** Where each opened font's bytes are read from. */
const sources = new Map<FontFile, FontSource>();
/**
 * Every distinct font program opened, by byte length: a file whose bytes equal an opened one's
 * (a copy, a hard link, another spelling of the path) is that font. Fonts are told apart by their
 * bytes only, never by a name inside them: two different files may carry the same PostScript name.
 */
const programs = new Map<number, FontFile[]>();
/** Font files read ahead (readFontFileAhead), waiting to be opened. */
const readAhead = new Map<string, Buffer>();

/**
 * Opens (once per process) the font file at an absolute path. `where` says who wants it (the
 * role and the config file), for messages. A file that cannot be read or is not a sound font is a
 * FontConfigError naming the file, the role and what is wrong.
 *
 * A file read ahead is held in memory (a one-off render); any other is kept open and read where
 * needed (a batch worker: see font-source.ts). An open file is asked at every call whether it is
 * still as it was opened; one changed in place is opened afresh, never read half old, half new.
 */
export function openFontFile(absPath: string, where: string): FontFile {
  const cached = files.get(absPath);
  if (cached) {
    const source = sources.get(cached);
    if (!(source instanceof FileSource) || source.unchanged()) return cached;
    forget(cached);
  }
  let source: FontSource;
  try {
    const bytes = readAhead.get(absPath);
    source = bytes ? new BytesSource(bytes) : new FileSource(absPath);
  } catch (err) {
    throw new FontConfigError(`无法读取字体文件 ${absPath}（${where}）：${readFailure(err as NodeJS.ErrnoException)}`);
  } finally {
    readAhead.delete(absPath);
  }
  let file: FontFile;
  try {
    const same = sameProgram(source);
    if (same) {
      close(source);
      files.set(absPath, same);
      return same;
    }
    file = parseFont(absPath, source, where);
  } catch (err) {
    close(source);
    if (err instanceof FontConfigError) throw err;
    throw new FontConfigError(`无法读取字体文件 ${absPath}（${where}）：${readFailure(err as NodeJS.ErrnoException)}`);
  }
  files.set(absPath, file);
  sources.set(file, source);
  const sameLength = programs.get(source.size);
  if (sameLength) sameLength.push(file);
  else programs.set(source.size, [file]);
  return file;
}

/** Drops a font whose file changed: every path that led to it, its program, its open file. */
function forget(file: FontFile): void {
  for (const [path, f] of files) if (f === file) files.delete(path);
  const source = sources.get(file)!;
  const list = programs.get(source.size) ?? [];
  list.splice(list.indexOf(file), 1);
  if (list.length === 0) programs.delete(source.size);
  sources.delete(file);
  close(source);
}

function close(source: FontSource): void {
  if (source instanceof FileSource) source.close();
}

/** The message of a font file found damaged after it was opened (a glyph read for layout or embedding). */
export function damagedFont(path: string, where: string, err: unknown): FontConfigError {
  const reason = err instanceof FontDamageError ? err.message : `读取字形时出错（${(err as Error)?.message ?? String(err)}）`;
  return new FontConfigError(`字体文件已损坏：${path}（${where}）：${reason}。${REMEDY}`);
}

const REMEDY = '请换用完好的字体文件，或在 fonts/fonts.yaml 中为该角色指定其他字体';

/** TrueType outlines through the raw-table reader; other formats (CFF, WOFF) through fontkit. */
function parseFont(absPath: string, source: FontSource, where: string): FontFile {
  const fail = (reason: string): never => {
    throw new FontConfigError(`字体文件已损坏：${absPath}（${where}）：${reason}。${REMEDY}`);
  };
  const head = source.read(0, Math.min(512, source.size));
  const kind = fontKind(head);
  if (kind !== 'font') throw new FontConfigError(`字体文件无法使用：${absPath}（${where}）：${kind}。${REMEDY}`);
  try {
    if (SfntTables.isTrueType(head)) {
      try {
        const sfnt = new SfntTables(source);
        return new FontFile(absPath, new TrueTypeProgram(sfnt), sfnt);
      } catch (err) {
        if (!(err instanceof UnsupportedFontError)) throw err;
        // A sound font in a form the raw reader does not read: fontkit does.
      }
    }
    // fontkit reads from memory: the whole file.
    const bytes = source.read(0, source.size);
    const opened = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if ('fonts' in opened && !('unitsPerEm' in opened)) {
      throw new FontConfigError(`字体文件 ${absPath}（${where}）是字体集（.ttc），请改为指定其中单个字体的 .ttf 或 .otf 文件`);
    }
    return new FontFile(absPath, opened as fontkit.Font, null);
  } catch (err) {
    if (err instanceof FontConfigError) throw err;
    return fail(err instanceof FontDamageError ? err.message : `无法解析（${(err as Error).message}）`);
  }
}

/** 'font' for a file that starts (`bytes`: its first 512 bytes) like a font fontkit or this reader knows, else why it is not one. */
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

/** The opened font whose file has exactly these bytes, if any: the same file, or compared byte for byte. */
function sameProgram(source: FontSource): FontFile | undefined {
  return programs.get(source.size)?.find((file) => {
    const other = sources.get(file)!;
    if (source instanceof FileSource && other instanceof FileSource && source.identity === other.identity) return true;
    return sameBytes(source, other);
  });
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
  return sources.size;
}
