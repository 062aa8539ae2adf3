import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { dataFolderAt } from '../load/data-dir.js';

/** One department file to render, or a published report (PDF) to check. */
export interface FoundInput {
  /** Absolute path of the YAML or PDF file. */
  abs: string;
  /** Path relative to the batch root, '/'-separated: the shard key, and the tree the output mirrors. */
  rel: string;
  /** A published PDF: checked, not rendered. */
  published: boolean;
  /** Found by expanding a folder argument (not named by a file argument or a glob). */
  inFolder: boolean;
}

export interface Discovery {
  /** Sorted by `rel`. */
  inputs: FoundInput[];
  /** The folder the output tree mirrors (see `discoverInputs`). */
  root: string;
  /** Arguments that named nothing (a missing path, a glob matching no YAML or PDF file). */
  unmatched: string[];
}

const YAML = /\.ya?ml$/i;
const PDF = /\.pdf$/i;

/**
 * Expands `juesuan batch` arguments: a directory means every YAML and PDF file under it, a file
 * means itself, anything else is a glob (relative to cwd). Files in the `catalog/` folder of their
 * data folder are the years' catalogs, not departments, and are left out.
 *
 * The batch root — what `rel` is relative to — is a function of the inputs' absolute paths alone,
 * never of the working folder, so that shards started anywhere with the same inputs split them
 * alike and lay out the PDFs alike: each input's anchor is its data folder (the nearest folder
 * above it holding `catalog/`, where the loader finds its catalog), or, for an input with none,
 * the argument that named it (the directory itself, a file's folder, a glob's fixed leading
 * part); the root is the anchors' common folder — for the usual layout, the data folder. Only
 * the YAML inputs' anchors count when there are any: published PDFs are checked where they are,
 * mirror nothing, and must not move the YAML inputs' PDFs.
 */
export async function discoverInputs(args: string[], cwd = process.cwd()): Promise<Discovery> {
  const anchors = new Map<string, { anchor: string; inFolder: boolean }>();
  const unmatched: string[] = [];
  const dataFolders = new DataFolders();
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let hits: string[];
    let base: string;
    const st = existsSync(abs) ? statSync(abs) : undefined;
    if (st?.isDirectory()) {
      // Hidden folders and node_modules/ are never department data (`juesuan batch .` stays sane).
      hits = await glob('**/*.{yaml,yml,YAML,YML,pdf,PDF}', { cwd: abs, absolute: true, onlyFiles: true, followSymbolicLinks: true, ignore: ['**/node_modules/**'] });
      base = abs;
    } else if (st?.isFile()) {
      hits = [abs];
      base = dirname(abs);
    } else if (isDynamicPattern(arg)) {
      // Globbed from its fixed leading part, so that `../x/*.yaml` and an absolute pattern find
      // what a pattern below the working folder finds.
      const { fixed, rest } = splitGlob(isAbsolute(arg) ? arg.split(sep).join('/') : arg);
      base = resolve(cwd, fixed);
      hits = await glob(rest, { cwd: base, absolute: true, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false });
    } else {
      hits = [];
      base = abs;
    }
    const kept = hits.map((h) => resolve(h)).filter((h) => (YAML.test(h) || PDF.test(h)) && !dataFolders.isCatalog(h));
    if (kept.length === 0) unmatched.push(arg);
    for (const h of kept) if (!anchors.has(h)) anchors.set(h, { anchor: dataFolders.of(h) ?? base, inFolder: Boolean(st?.isDirectory()) });
  }

  const yamlAnchors = [...anchors].filter(([abs]) => !PDF.test(abs)).map(([, a]) => a.anchor);
  const root = commonBase(yamlAnchors.length > 0 ? yamlAnchors : [...anchors.values()].map((a) => a.anchor));
  const inputs = [...anchors].map(([abs, a]): FoundInput => ({ abs, rel: toPosix(relative(root, abs)), published: PDF.test(abs), inFolder: a.inFolder }));
  inputs.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { inputs, root, unmatched };
}

/** data/2023/x.yaml (rel 2023/x.yaml) → <outDir>/2023/x.pdf. */
export function outputPath(outDir: string, rel: string): string {
  return join(outDir, `${rel.replace(YAML, '')}.pdf`);
}

/** The output folder the batch writes to (and keeps manifest.json in). */
export function outputFolder(outDir: string | undefined, cwd = process.cwd()): string {
  return resolve(cwd, outDir ?? 'output');
}

/** Data folders (src/load/data-dir.ts), remembered per folder. */
class DataFolders {
  private readonly known = new Map<string, string | null>();

  of(file: string): string | undefined {
    return dataFolderAt(dirname(file), this.known);
  }

  isCatalog(file: string): boolean {
    const data = this.of(file);
    return data !== undefined && isInside(file, join(data, 'catalog'));
  }
}

/** `data/20*\/x.yaml` → fixed `data`, rest `20*\/x.yaml`: split before the first segment with a wildcard. */
function splitGlob(pattern: string): { fixed: string; rest: string } {
  const segments = pattern.split('/');
  let at = segments.findIndex((s) => isDynamicPattern(s));
  if (at < 0) at = segments.length - 1;
  const fixed = segments.slice(0, at);
  return { fixed: fixed.length === 0 ? '.' : fixed.join('/') || '/', rest: segments.slice(at).join('/') };
}

export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function commonBase(dirs: string[]): string {
  if (dirs.length === 0) return resolve('/');
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

export function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/** Relative to cwd when inside it (what the user typed), '/'-separated; else absolute: for what the user reads. */
export function display(abs: string, cwd = process.cwd()): string {
  return isInside(abs, cwd) ? toPosix(relative(cwd, abs)) : abs;
}
