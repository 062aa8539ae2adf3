import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * The data folder of an input, where its catalog lives (<data>/catalog): the nearest ancestor
 * holding a catalog/ folder, else <cwd>/data when it has one, else the catalogs the tool ships
 * (a file imported or written anywhere, e.g. /tmp/x.yaml, renders with the year's catalog). The
 * loader, the batch's discovery and its input hash must agree on it.
 */
export function findDataDir(file: string, cwd = process.cwd()): string {
  return dataFolderAt(dirname(resolve(cwd, file))) ?? withCatalog(resolve(cwd, 'data')) ?? join(PACKAGE_ROOT, 'data');
}

const withCatalog = (dir: string): string | undefined => (existsSync(join(dir, 'catalog')) ? dir : undefined);

/**
 * The nearest folder at or above `dir` that holds catalog/, or undefined. `known` keeps the
 * answer for every folder on the way up: a batch asks for many files of few folders.
 */
export function dataFolderAt(dir: string, known: Map<string, string | null> = new Map()): string | undefined {
  const visited: string[] = [];
  let found: string | null = null;
  for (let d = dir; ; ) {
    const hit = known.get(d);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    visited.push(d);
    if (existsSync(join(d, 'catalog'))) {
      found = d;
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of visited) known.set(d, found);
  return found ?? undefined;
}
