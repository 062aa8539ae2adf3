import { lstatSync, mkdirSync, readdirSync, rmSync, type Stats } from 'node:fs';
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
/** A cache file is written in milliseconds: a temporary file this old was left by a killed process. */
const STALE_TMP_MS = 3600 * 1000;

/**
 * Every new build (and every change of templates) keys new cache files: after writing `kept`,
 * the files of its kind (the name up to the first '-') beyond the newest KEEP_FILES, or unused for
 * KEEP_MS, are removed, and so are its kind's temporary files left by killed processes. Several
 * versions of juesuan sharing the folder keep their own newest files. Only plain files are
 * removed: whatever else is there was not put there by juesuan.
 */
export function pruneCache(dir: string, kept: string): void {
  try {
    const kind = kept.slice(0, kept.indexOf('-') + 1);
    const now = Date.now();
    const files: { f: string; t: number }[] = [];
    for (const f of readdirSync(dir)) {
      if (!f.startsWith(kind) || f === kept) continue;
      const st = lstatOrNull(join(dir, f));
      if (!st?.isFile()) continue;
      if (f.endsWith('.tmp')) {
        if (now - st.mtimeMs > STALE_TMP_MS) rmSync(join(dir, f), { force: true });
      } else files.push({ f, t: st.mtimeMs });
    }
    files.sort((a, b) => b.t - a.t);
    files.forEach(({ f, t }, i) => {
      if (i >= KEEP_FILES - 1 || now - t > KEEP_MS) rmSync(join(dir, f), { force: true });
    });
  } catch {
    // pruning is housekeeping: never a reason to fail
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null; // removed meanwhile by another process
  }
}
