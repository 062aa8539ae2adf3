import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../model/diagnostics.js';
import { fsErrorText } from './fs-errors.js';

/** The largest PDF extract and import will read: published reports run to a few megabytes. */
export const MAX_PDF_BYTES = 256 * 1024 * 1024;

/**
 * A file's bytes, if they can be a PDF at all: a plain file, within the limit, readable, and
 * with a %PDF- header in its first kilobyte. Anything else is refused (exit 2) naming the file.
 */
export function readPdfBytes(file: string): Buffer {
  const fail = (rule: string, message: string): never => {
    throw new InputError([{ severity: 'error', rule, message, file }], 2);
  };
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail('unreadable', '不是文件（是文件夹或其他类型）');
    if (st.size > MAX_PDF_BYTES) fail('too-large', `文件过大：${st.size} 字节，上限 ${MAX_PDF_BYTES} 字节`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail('unreadable', `无法读取文件：${fsErrorText(e)}`);
  }
  if (bytes.length === 0) fail('not-pdf', '文件为空，不是 PDF');
  if (!bytes.subarray(0, 1024).includes('%PDF-')) fail('not-pdf', '不是 PDF 文件（开头没有 %PDF- 标记）');
  return bytes;
}
