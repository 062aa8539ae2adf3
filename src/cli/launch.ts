import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';
import { cacheDir } from '../cache-dir.js';
import { PACKAGE_ROOT } from '../package-root.js';

type Main = (argv: string[]) => Promise<number>;

/**
 * Starts the command line from dist/bundle/juesuan.cjs (scripts/bundle.mjs) with V8's code
 * cache: a cold `juesuan render` otherwise spends a good part of its time finding, reading and
 * compiling some 400 modules. The cache is written after the first run of each command (so it
 * holds the functions that command compiled), keyed by the bundle's content and the Node
 * version; V8 checks it again and ignores one that does not fit. Without a bundle (a build
 * without esbuild, or JUESUAN_NO_BUNDLE set for debugging) the modules load as compiled.
 */
export async function launch(argv: string[]): Promise<number> {
  const file = join(PACKAGE_ROOT, 'dist/bundle/juesuan.cjs');
  let source: string;
  let bundleHash: string;
  try {
    if (process.env.JUESUAN_NO_BUNDLE) throw new Error('the modules asked for');
    bundleHash = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist/bundle/juesuan.json'), 'utf8')) as { sha256: string }).sha256;
    source = readFileSync(file, 'latin1'); // ASCII, as scripts/bundle.mjs makes sure
  } catch {
    return ((await import('./main.js')) as { main: Main }).main(argv);
  }
  const dir = cacheDir();
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${bundleHash}`).digest('hex').slice(0, 24);
  const command = /^[a-z]+$/.test(argv[0] ?? '') ? argv[0] : 'other';
  const cacheFile = dir && join(dir, `code-${key}-${command}.bin`);
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // first run of this command with this bundle
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as { main: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const code = await module.exports.main(argv);
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    try {
      const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // a read-only cache folder only costs speed
    }
  }
  return code;
}
