import { basename, dirname, join } from 'node:path';

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
