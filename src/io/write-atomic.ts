import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { tempPathFor } from './temp-names.js';
import { removeStaleTemps } from './stale-temps.js';

export { tempPathFor, parseTempName } from './temp-names.js';

/**
 * Write to a temporary name beside the target, then rename: a crash never leaves a partial file.
 * What an earlier, killed writer of the same target left behind is removed once this write is in.
 */
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
  removeStaleTemps([dirname(path)], { target: basename(path) });
}
