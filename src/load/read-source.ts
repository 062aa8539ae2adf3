import { readFileSync, statSync } from 'node:fs';
import { InputError } from './diagnostics.js';
import { fsErrorText } from '../fs-errors.js';

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
  if (bytes.includes(0)) fail('文件含有二进制内容（NUL 字节），不是 YAML 文本', 'not-text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('文件不是有效的 UTF-8 编码文本（请另存为 UTF-8）', 'not-utf8');
  }
  if (text.trim() === '') fail('文件为空', 'empty');
  return text.replace(/^\uFEFF/, '');
}
