import { accessSync, closeSync, constants, lstatSync, openSync, readSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostics.js';
import { fsErrorText } from './fs-errors.js';
import { writeAtomic } from './write-atomic.js';

/**
 * Guards what a command writes: no output replaces one of its inputs (however the path is spelt:
 * relative, `..`, a symlink, a hard link), a folder, a device, or a file the command may not
 * replace; and a write that fails says why in words. Used by render and extract; batch may use it
 * for its outputs too.
 */

/** An output that is refused or cannot be written: exit code 2, nothing written. */
export class OutputError extends Error {
  readonly exitCode = 2;
  constructor(readonly diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'OutputError';
  }
}

export interface OutputPolicy {
  /** The files the command reads: the output may be none of them. */
  inputs: readonly string[];
  /**
   * What may be at the output path already: nothing (`never`: extract without --force), a PDF
   * or an empty file (`pdf`: a previous render, never somebody's YAML), a workbook or an empty
   * file (`xlsx`: a previous export), or any file (`any`).
   */
  replace: 'never' | 'pdf' | 'xlsx' | 'any';
}

/** Refuses (OutputError) an output the policy does not allow; cheap, so run it before the work. */
export function checkOutput(out: string, policy: OutputPolicy): void {
  if (out === '') refuse('juesuan', 'output-empty', '输出文件名为空（-o 后面要给出文件名）');
  const existing = statQuietly(out);
  if (existing) {
    if (existing.isDirectory()) refuse(out, 'output-is-folder', '这是一个文件夹，不能当作输出文件；请在 -o 中给出文件名');
    for (const input of policy.inputs) {
      if (sameFile(out, input)) {
        refuse(out, 'output-is-input', `输出文件就是输入文件 ${input}${howSame(out, input)}，写出会把它覆盖；未写出任何文件，请用 -o 另给一个文件名`);
      }
    }
    if (!existing.isFile()) refuse(out, 'output-not-file', '已存在且不是普通文件（设备、管道等），不能写成输出文件');
    if (policy.replace === 'never') refuse(out, 'output-exists', '文件已存在，未覆盖；确需覆盖请加 --force，或用 -o 另给一个文件名');
    if (policy.replace === 'pdf' && existing.size > 0n && !startsWith(out, '%PDF-')) {
      refuse(out, 'output-not-pdf', '文件已存在且不是 PDF，未覆盖（以免毁掉其中的内容）；请用 -o 另给一个文件名');
    }
    if (policy.replace === 'xlsx' && existing.size > 0n && !startsWith(out, 'PK\x03\x04')) {
      refuse(out, 'output-not-xlsx', '文件已存在且不是 Excel 工作簿（.xlsx），未覆盖（以免毁掉其中的内容）；请用 -o 另给一个文件名');
    }
  }
  checkFolderWritable(out);
}

/** checkOutput again (things may have changed during the work), then the atomic write. */
export function writeOutput(out: string, content: Buffer | string, policy: OutputPolicy): void {
  checkOutput(out, policy);
  try {
    writeAtomic(out, content);
  } catch (e) {
    refuse(out, 'output-unwritable', `无法写入：${fsErrorText(e)}`);
  }
}

/**
 * Whether two paths name one file: the same device and inode (through symlinks, hard links and
 * any spelling), or, where a file system reports no inode numbers, the same real path. A path
 * that names no file is no file's other name.
 */
export function sameFile(a: string, b: string): boolean {
  const sa = statQuietly(a);
  const sb = statQuietly(b);
  if (!sa || !sb) return false;
  if (sa.ino !== 0n && sb.ino !== 0n) return sa.dev === sb.dev && sa.ino === sb.ino;
  return realpathQuietly(a) === realpathQuietly(b);
}

/** Why two different-looking paths are one file, when the path alone does not show it. */
function howSame(out: string, input: string): string {
  let link = false;
  try {
    link = lstatSync(out).isSymbolicLink();
  } catch {
    // gone meanwhile: nothing to explain
  }
  if (link) return `（${out} 是指向它的链接）`;
  if (realpathQuietly(out) !== realpathQuietly(input)) return '（两者是同一个文件的硬链接）';
  return '';
}

/** The nearest folder that exists on the way to the output (writeAtomic makes the rest) must take files. */
function checkFolderWritable(out: string): void {
  let dir = dirname(resolve(out));
  for (;;) {
    const st = statQuietly(dir);
    if (st) {
      if (!st.isDirectory()) refuse(out, 'output-unwritable', `无法写入：${dir} 不是文件夹`);
      try {
        accessSync(dir, constants.W_OK | constants.X_OK);
      } catch (e) {
        refuse(out, 'output-unwritable', `无法写入文件夹 ${dir}：${fsErrorText(e)}`);
      }
      return;
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** Whether a file begins with these bytes (a format's signature, given as Latin-1 text). */
function startsWith(file: string, signature: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(signature.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.toString('latin1') === signature;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** bigint: inode numbers of some file systems do not fit a double. */
function statQuietly(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

function realpathQuietly(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function refuse(file: string, rule: string, message: string): never {
  throw new OutputError({ severity: 'error', rule, message, file });
}
