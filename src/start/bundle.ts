import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { cacheDir, pruneCache } from '../cache-dir.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface LoadedBundle<T> {
  exports: T;
  /** Stores V8's code for the functions compiled so far, unless a fitting cache was used. */
  saveCodeCache(): void;
}

/**
 * Runs dist/bundle/<name>.cjs (scripts/bundle.mjs) with V8's code cache: finding, reading and
 * compiling some 400 modules was a good part of a cold start. The cache is stored per `tag`
 * (one of a few fixed words: each command compiles different functions) once the caller has done its work, keyed by
 * the bundle's hash (written at build time) and the Node version; V8 checks it again and ignores
 * one that does not fit. null when there is no bundle (a build without esbuild) or
 * JUESUAN_NO_BUNDLE is set (debugging): the caller then imports the compiled modules.
 */
export function loadBundle<T>(name: string, tag: string): LoadedBundle<T> | null {
  const file = join(PACKAGE_ROOT, 'dist/bundle', `${name}.cjs`);
  let source: string;
  let hash: string;
  try {
    if (process.env.JUESUAN_NO_BUNDLE) return null;
    hash = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist/bundle/hashes.json'), 'utf8')) as Record<string, string>)[`${name}.cjs`]!;
    if (!hash) return null;
    source = readFileSync(file, 'latin1'); // ASCII, as scripts/bundle.mjs makes sure
  } catch {
    return null;
  }
  const dir = cacheDir();
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${hash}`).digest('hex').slice(0, 24);
  const cacheFile = dir && join(dir, `code-${key}-${tag}.bin`);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // the first run of this tag with this bundle
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  let saved = Boolean(cachedData) && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCodeCache() {
      if (saved || !cacheFile) return;
      saved = true;
      try {
        const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        pruneCache(dir!, basename(cacheFile));
      } catch {
        // a read-only cache folder only costs speed
      }
    },
  };
}
