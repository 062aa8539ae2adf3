import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseTempName } from '../io/write-atomic.js';
import { processInfo } from './process-identity.js';

/**
 * A temporary file this young is left alone whatever its pid says: on a folder shared between
 * hosts, the pid may be a live process of another machine (whose writes take well under a second).
 */
const GRACE_MS = 60_000;

/**
 * Removes, from each of `dirs`, the temporary files writeAtomic leaves when its process is killed
 * between writing and renaming (`.<name>.pdf.<pid>.tmp`, `.manifest.json.<pid>.tmp`): those whose
 * writer is gone — no process under that pid, or one that started after the file was last
 * written (the pid was reused). A file a live process may still be writing is never touched.
 * Returns the files removed.
 */
export function removeStaleTemps(dirs: Iterable<string>, now = Date.now()): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // not there yet
    }
    for (const name of names) {
      const temp = parseTempName(name);
      if (!temp || !(temp.target.endsWith('.pdf') || temp.target === 'manifest.json')) continue;
      const path = join(dir, name);
      try {
        const st = lstatSync(path);
        if (!st.isFile() || now - st.mtimeMs < GRACE_MS || writerMayLive(temp.pid, st.mtimeMs)) continue;
        rmSync(path, { force: true });
        removed.push(path);
      } catch {
        /* gone meanwhile */
      }
    }
  }
  return removed;
}

function writerMayLive(pid: number, writtenMs: number): boolean {
  const p = processInfo(pid);
  if (!p.alive) return false;
  // Boot time is known to the second: a process that started more than two seconds after the
  // last write cannot have made it.
  return p.startMs === undefined || p.startMs <= writtenMs + 2000;
}
