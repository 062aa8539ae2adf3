import { lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where juesuan keeps what only makes it faster (compiled templates, V8's code cache): a folder
 * of the current user's, because what is cached there is code that gets run. JUESUAN_CACHE_DIR
 * overrides the place; JUESUAN_CACHE_DIR=off turns caching off. null = do not cache (the folder
 * cannot be made, or is not the user's alone).
 */
export function cacheDir(): string | null {
  const override = process.env.JUESUAN_CACHE_DIR;
  if (override === 'off' || override === '0') return null;
  const dir = override || defaultDir();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && process.getuid) {
      const st = lstatSync(dir);
      // Another user's folder, or one others can write into, could hand us their code.
      if (!st.isDirectory() || st.uid !== process.getuid() || (st.mode & 0o022) !== 0) return null;
    }
    return dir;
  } catch {
    return null;
  }
}

function defaultDir(): string {
  if (process.platform === 'win32' && process.env.LOCALAPPDATA) return join(process.env.LOCALAPPDATA, 'juesuan', 'cache');
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg) return join(xdg, 'juesuan');
  const home = homedir();
  if (home) return join(home, '.cache', 'juesuan');
  return join(tmpdir(), `juesuan-cache-${process.getuid?.() ?? 'user'}`);
}

/** How many cached files of one kind stay, and for how long, once a new one is written. */
const KEEP_FILES = 16;
const KEEP_MS = 30 * 24 * 3600 * 1000;

/**
 * Every new build (and every change of templates) keys new cache files: after writing `kept`,
 * the files of its kind (the name up to the first '-') beyond the newest KEEP_FILES, or unused for
 * KEEP_MS, are removed. Several versions of juesuan sharing the folder keep their own newest files.
 */
export function pruneCache(dir: string, kept: string): void {
  try {
    const kind = kept.slice(0, kept.indexOf('-') + 1);
    const now = Date.now();
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(kind) && f !== kept && !f.endsWith('.tmp'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    files.forEach(({ f, t }, i) => {
      if (i >= KEEP_FILES - 1 || now - t > KEEP_MS) rmSync(join(dir, f), { force: true });
    });
  } catch {
    // pruning is housekeeping: never a reason to fail
  }
}
