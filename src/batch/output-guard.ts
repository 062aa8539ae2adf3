import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsProblem } from '../io/fs-errors.js';

/**
 * What makes `outDir` unusable as the batch's output folder, checked before anything is
 * rendered: a plain file there (or above it), or no permission to write. undefined when usable
 * (it may not exist yet).
 */
export function outputFolderProblem(outDir: string, show: (path: string) => string = (p) => p): string | undefined {
  for (let dir = outDir; ; dir = dirname(dir)) {
    let isDir: boolean;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Not there yet, or below a file: look further up.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(dir) !== dir) continue;
      return `无法使用输出文件夹 ${show(outDir)}：${fsProblem(e)}`;
    }
    if (!isDir) {
      return dir === outDir
        ? `输出文件夹 ${show(outDir)} 是一个文件，不是文件夹；-o 应指定一个文件夹`
        : `无法建立输出文件夹 ${show(outDir)}：${show(dir)} 是一个文件，不是文件夹`;
    }
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      return `无法写入输出文件夹 ${dir === outDir ? show(outDir) : `${show(outDir)}（其上级 ${show(dir)}）`}：${fsProblem(e)}`;
    }
    return undefined;
  }
}

/**
 * Pairs (output, input) where a file the batch would write is already one of its inputs — the
 * same file under another name (a hard link, a symbolic link). Compared by device and inode, not
 * by spelling; outputs not yet on disk cannot be inputs.
 */
export function outputsOntoInputs(inputs: string[], outputs: string[]): { output: string; input: string }[] {
  const byFile = new Map<string, string>();
  for (const input of inputs) {
    const id = fileId(input);
    if (id !== undefined && !byFile.has(id)) byFile.set(id, input);
  }
  const clashes: { output: string; input: string }[] = [];
  for (const output of outputs) {
    const id = fileId(output);
    const input = id === undefined ? undefined : byFile.get(id);
    if (input !== undefined) clashes.push({ output, input });
  }
  return clashes;
}

function fileId(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}
