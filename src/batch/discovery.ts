import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { defaultOutputPath } from '../cli/output-path.js';

/** One report to produce: absolute input, its path relative to the batch root, and where its PDF goes. */
export interface PlannedInput {
  /** Absolute path of the YAML file. */
  abs: string;
  /** Path relative to the batch root, '/'-separated: the shard key, and the tree the output mirrors. */
  rel: string;
  /** How the manifest names the input: relative to cwd when inside it, '/'-separated; else absolute. */
  key: string;
  /** Absolute path of the PDF. */
  outAbs: string;
  /** How the manifest and the progress lines name the PDF (same convention as `key`). */
  outKey: string;
}

export interface Discovery {
  inputs: PlannedInput[];
  /** The directory the output tree mirrors: <cwd>/data when every input is under it, else the inputs' common base. */
  root: string;
  /** Arguments that named nothing (a missing path, a glob matching no YAML file). */
  unmatched: string[];
}

const YAML = /\.ya?ml$/i;

/**
 * Expands `juesuan batch` arguments: a directory means every YAML file under it, a file means
 * itself, anything else is a glob (relative to cwd). Files under a `catalog/` directory are the
 * years' catalogs, not departments, and are left out. The result is sorted by path relative to
 * the root, so every machine (and every shard) sees the same list in the same order.
 */
export async function discoverInputs(args: string[], outDir: string | undefined, cwd = process.cwd()): Promise<Discovery> {
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let hits: string[];
    const st = existsSync(abs) ? statSync(abs) : undefined;
    if (st?.isDirectory()) {
      // Hidden folders and node_modules/ are never department data (`juesuan batch .` stays sane).
      hits = await glob('**/*.{yaml,yml,YAML,YML}', { cwd: abs, absolute: true, onlyFiles: true, followSymbolicLinks: true, ignore: ['**/node_modules/**'] });
    } else if (st?.isFile()) {
      hits = [abs];
    } else if (isDynamicPattern(arg)) {
      const pattern = isAbsolute(arg) ? arg.split(sep).join('/') : arg;
      hits = (await glob(pattern, { cwd, absolute: true, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false })).filter((f) => YAML.test(f));
    } else {
      hits = [];
    }
    const kept = hits.map((h) => resolve(h)).filter((h) => YAML.test(h) && !underCatalog(h, cwd));
    if (kept.length === 0) unmatched.push(arg);
    for (const h of kept) found.add(h);
  }

  const files = [...found];
  const dataRoot = resolve(cwd, 'data');
  const underData = files.length > 0 && files.every((f) => isInside(f, dataRoot));
  const root = underData ? dataRoot : commonBase(files.map((f) => dirname(f)));
  const out = outDir === undefined ? undefined : resolve(cwd, outDir);

  const inputs = files.map((abs): PlannedInput => {
    const rel = toPosix(relative(root, abs));
    // Without -o, a file under data/ goes exactly where `juesuan render` would put it.
    const outAbs =
      out === undefined && underData
        ? resolve(cwd, defaultOutputPath(abs, cwd))
        : join(out ?? resolve(cwd, 'output'), `${rel.replace(YAML, '')}.pdf`);
    return { abs, rel, key: display(abs, cwd), outAbs, outKey: display(outAbs, cwd) };
  });
  inputs.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { inputs, root, unmatched };
}

/** The output folder the batch writes to (and keeps manifest.json in). */
export function outputFolder(outDir: string | undefined, cwd = process.cwd()): string {
  return resolve(cwd, outDir ?? 'output');
}

/** A catalog is any file with a directory named `catalog` on its path (below cwd when inside it). */
function underCatalog(abs: string, cwd: string): boolean {
  const path = isInside(abs, cwd) ? relative(cwd, abs) : abs;
  return path.split(/[\\/]/).slice(0, -1).includes('catalog');
}

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function commonBase(dirs: string[]): string {
  if (dirs.length === 0) return process.cwd();
  let base = dirs[0]!;
  for (const d of dirs.slice(1)) {
    while (base !== d && !isInside(d, base)) {
      const up = dirname(base);
      if (up === base) break;
      base = up;
    }
  }
  return base;
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/** Relative to cwd when inside it (what the user typed), '/'-separated; else absolute. */
export function display(abs: string, cwd = process.cwd()): string {
  return isInside(abs, cwd) ? toPosix(relative(cwd, abs)) : abs;
}
