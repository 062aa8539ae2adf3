import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../model/diagnostics.js';
import { fsErrorText } from '../io/fs-errors.js';

/** A department file is a few hundred KB; anything far larger is a mistake or an attack. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** Reads a YAML source as UTF-8 text, refusing what is not a readable text file (exit code 2). */
export function readSource(file: string): string {
  const fail = (message: string, rule = 'unreadable'): never => {
    throw new InputError([{ severity: 'error', rule, message, file }], 2);
  };
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail('不是文件（是目录或其他类型）');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(`无法读取文件：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : fsErrorText(e)}`);
  }
  if (size > MAX_SOURCE_BYTES) fail(`文件过大：${size} 字节，上限 ${MAX_SOURCE_BYTES} 字节`, 'too-large');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    // A file that can be seen but not read (its permissions), or that went away meanwhile.
    return fail(`无法读取文件：${fsErrorText(e)}`);
  }
  if (bytes.length === 0) fail('文件为空', 'empty');
  const utf16 = utf16Kind(bytes);
  if (utf16) fail(`文件的编码是 ${utf16}，本工具只读 UTF-8：请用编辑器“另存为 UTF-8”后再试`, 'not-utf8');
  if (bytes.includes(0)) fail('文件含有二进制内容（NUL 字节），不是 YAML 文本', 'not-text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('文件不是有效的 UTF-8 编码文本（请另存为 UTF-8）', 'not-utf8');
  }
  if (text.trim() === '') fail('文件为空', 'empty');
  const loneCr = loneCarriageReturn(text);
  if (loneCr) throw new InputError([{ severity: 'error', rule: 'line-ending', file, ...loneCr }], 2);
  return text.replace(/^\uFEFF/, '');
}

/**
 * "UTF-16 LE" / "UTF-16 BE" (with or without a byte order mark) when the bytes are UTF-16 text,
 * else undefined. Without a mark, YAML's ASCII keys give it away: their high bytes are NUL, all on
 * the same side of each pair, and the pairs decode to text without stray control characters.
 */
export function utf16Kind(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16 LE（带 BOM）';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16 BE（带 BOM）';
  if (bytes.length % 2 !== 0) return undefined;
  const sample = Math.min(bytes.length, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) evenNul++;
    else oddNul++;
  }
  const pairs = sample / 2;
  const side = oddNul > evenNul ? 'LE' : 'BE';
  const [many, few] = side === 'LE' ? [oddNul, evenNul] : [evenNul, oddNul];
  if (many < pairs / 4 || few > many / 20) return undefined;
  let text: string;
  try {
    text = new TextDecoder(side === 'LE' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(0, sample));
  } catch {
    return undefined;
  }
  return /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(text) ? undefined : `UTF-16 ${side}（无 BOM）`;
}

/**
 * A carriage return not followed by a line feed: old Mac line endings (CR only), which the yaml
 * package does not take for line breaks, so the file would read as one long comment or scalar.
 * CRLF (Windows) is fine. Named with its line (counted by line feeds) and column.
 */
function loneCarriageReturn(text: string): { line?: number; column?: number; message: string } | undefined {
  const at = text.search(/\r(?!\n)/);
  if (at === -1) return undefined;
  if (!text.includes('\n')) {
    return { message: '文件使用旧式 Mac 换行符（只有回车符 CR，没有换行符 LF），YAML 读不出分行：请用编辑器把换行符改为 LF（Unix）或 CRLF（Windows）后另存' };
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { line, column, message: '此处有单独的回车符（CR，旧式 Mac 换行符），与文件其他行的换行符不一致：请把换行符统一为 LF（Unix）或 CRLF（Windows）后另存' };
}
