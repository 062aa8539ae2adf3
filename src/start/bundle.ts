import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, pruneCache } from '../cache-dir.js';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface LoadedBundle<T> {
  exports: T;
  /** Stores V8's code for the functions compiled so far, unless a fitting cache was used. */
  saveCodeCache(): void;
}

/**
 * Runs dist/bundle/<name>.cjs (scripts/bundle.mjs) with V8's code cache: finding, reading and
 * compiling some 400 modules was a good part of a cold start. The cache is stored per `tag`
 * (one of a few fixed words: each command compiles different functions) once the caller has
 * done its work. V8 checks little of a code cache (its version, flags and the source's length)
 * and crashes on damaged bytes, so the cache is a verified file (src/cache-file.ts) keyed by the
 * bundle's own bytes, the Node version and the tag: hashing the 2.6 MB bundle costs about 2 ms,
 * and a bundle edited or rebuilt to the same length can never run another build's code. null
 * when there is no bundle (a build without esbuild) or JUESUAN_NO_BUNDLE is set (debugging):
 * the caller then imports the compiled modules.
 */
export function loadBundle<T>(name: string, tag: string): LoadedBundle<T> | null {
  const file = join(PACKAGE_ROOT, 'dist/bundle', `${name}.cjs`);
  let bytes: Buffer;
  try {
    if (process.env.JUESUAN_NO_BUNDLE) return null;
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  const source = bytes.toString('latin1'); // ASCII, as scripts/bundle.mjs makes sure
  const dir = cacheDir();
  const build = createHash('sha256').update(['v8-code-cache', process.version, process.arch].join('\0')).update(bytes).digest('hex');
  const cacheName = `code-${build.slice(0, 24)}-${tag}.bin`;
  const key = `${build}\0${tag}`;
  const cachedData = (dir && readCacheFile(dir, cacheName, key)) || undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  // V8 may still refuse a verified cache (other V8 flags): then it is made anew.
  let saved = Boolean(cachedData) && !script.cachedDataRejected;
  return {
    exports: module.exports,
    saveCodeCache() {
      if (saved || !dir) return;
      saved = true;
      if (writeCacheFile(dir, cacheName, key, script.createCachedData())) pruneCache(dir, cacheName);
    },
  };
}
