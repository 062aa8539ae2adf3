import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Write to a temporary name beside the target, then rename: a crash never leaves a partial file. */
export function writeAtomic(path: string, content: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * `.<name>.<pid>.tmp` beside the target: hidden, and naming the process that writes it, so that
 * what a killed process leaves behind can be told from what a live one is writing.
 */
export function tempPathFor(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** The target's name and the writer's pid of a temporary file name, or undefined if it is not one. */
export function parseTempName(name: string): { target: string; pid: number } | undefined {
  const m = /^\.(.+)\.(\d{1,10})\.tmp$/.exec(name);
  return m ? { target: m[1]!, pid: Number(m[2]) } : undefined;
}
