import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The data folder of an input, where its catalog lives (<data>/catalog): the nearest ancestor
 * holding a catalog/ folder, else <cwd>/data. The loader and the batch's input hash must agree.
 */
export function findDataDir(file: string, cwd = process.cwd()): string {
  let dir = dirname(resolve(cwd, file));
  for (;;) {
    if (existsSync(resolve(dir, 'catalog'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd, 'data');
    dir = up;
  }
}
