import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeAtomic } from '../cli/write-atomic.js';
import { readFontConfig } from '../fonts/config.js';

export type Status = 'ok' | 'failed';

export interface ManifestFinding {
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  file: string;
  line: number | null;
  column: number | null;
}

export interface ManifestEntry {
  /** The YAML file: relative to the working directory when inside it ('/'-separated), else absolute. */
  input: string;
  /** The PDF (same convention). Written only when status is ok. */
  output: string;
  status: Status;
  errors: number;
  warnings: number;
  /** Of the PDF written; null when failed. */
  sha256: string | null;
  pages: number | null;
  bytes: number | null;
  /** Render + write time in the worker. */
  ms: number;
  /** The input's bytes and the catalog it names (see `inputHash`). */
  inputHash: string;
  /** Templates, fonts/fonts.yaml, the font files named there, the package version (see `environmentHash`). */
  templatesHash: string;
  findings: ManifestFinding[];
}

export interface Manifest {
  format: 1;
  generator: string;
  /** Sorted by input. */
  entries: ManifestEntry[];
}

export const MANIFEST_NAME = 'manifest.json';

export function readManifest(path: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m && m.format === 1 && Array.isArray(m.entries)) return m;
  } catch {
    /* a damaged manifest is as good as none: everything is rendered again */
  }
  return undefined;
}

function byInput(a: ManifestEntry, b: ManifestEntry): number {
  return a.input < b.input ? -1 : a.input > b.input ? 1 : 0;
}

/**
 * Merges this run's entries into the folder's manifest and writes it atomically. Entries of
 * inputs this run did not touch are kept (another shard's, an earlier run's), unless `keep`
 * says no. A lock file serialises shards that share one output folder (a network drive).
 */
export async function updateManifest(
  path: string,
  generator: string,
  entries: ManifestEntry[],
  keep: (e: ManifestEntry) => boolean = () => true,
): Promise<Manifest> {
  const release = await lock(`${path}.lock`);
  try {
    const fresh = new Map(entries.map((e) => [e.input, e]));
    const old = readManifest(path)?.entries ?? [];
    const merged = [...old.filter((e) => !fresh.has(e.input) && keep(e)), ...fresh.values()].sort(byInput);
    const manifest: Manifest = { format: 1, generator, entries: merged };
    writeAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    release();
  }
}

const STALE_LOCK_MS = 120_000;

/**
 * An exclusive lock file holding "host pid". A lock left by a process that is gone (same host, pid
 * not running) is taken over at once; one from another host is trusted for two minutes.
 */
async function lock(path: string): Promise<() => void> {
  const deadline = Date.now() + 5 * 60_000;
  const me = `${hostname()} ${process.pid}`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return () => rmSync(path, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        // The output folder does not exist yet.
        mkdirSync(dirname(path), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw e;
      if (isStale(path)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`无法锁定 ${path}（另一个 juesuan batch 正在写清单？确认无人在写后可删除该文件）`);
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
}

function isStale(path: string): boolean {
  try {
    const [host, pid] = readFileSync(path, 'utf8').split(' ');
    if (host === hostname() && pid && Number(pid) > 0) {
      try {
        process.kill(Number(pid), 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ESRCH') return true;
      }
    }
    return Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // released meanwhile: try again
  }
}

// ---------------------------------------------------------------- hashes

function sha256(): ReturnType<typeof createHash> {
  return createHash('sha256');
}

export function sha256Hex(content: Buffer | string): string {
  return sha256().update(content).digest('hex');
}

/** Length-prefixed fields, so that no two different inputs can hash alike by concatenation. */
function field(h: ReturnType<typeof createHash>, label: string, content: Buffer | string): void {
  const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  h.update(`${label}\0${buf.length}\0`);
  h.update(buf);
}

/**
 * Everything outside the input that shapes the PDF: every file under templates/ and profiles/ (the
 * form sets' table lists), fonts/fonts.yaml,
 * the font files it names (path and size: hashing 40 MB of fonts per run would cost more than it
 * finds), the package version and the code (the bundles' hashes, written at build time).
 * Computed once per run, from the tool's folder `cwd`.
 */
export function environmentHash(version: string, cwd = process.cwd(), templatesDir = 'templates', fontsConfig = 'fonts/fonts.yaml'): string {
  const h = sha256();
  field(h, 'version', version);
  const code = resolve(cwd, 'dist/bundle/hashes.json');
  field(h, 'code', existsSync(code) ? readFileSync(code) : 'unbundled');
  const tdir = resolve(cwd, templatesDir);
  for (const f of walk(tdir)) field(h, `template:${relative(tdir, f).split(sep).join('/')}`, readFileSync(f));
  const pdir = resolve(cwd, 'profiles');
  for (const f of walk(pdir)) field(h, `profile:${relative(pdir, f).split(sep).join('/')}`, readFileSync(f));
  const fcfg = resolve(cwd, fontsConfig);
  field(h, 'fonts.yaml', existsSync(fcfg) ? readFileSync(fcfg) : 'missing');
  try {
    const roles = readFontConfig(fontsConfig, cwd);
    for (const role of Object.keys(roles).sort()) {
      const p = roles[role as keyof typeof roles];
      field(h, `font:${role}`, `${p}\0${existsSync(p) ? statSync(p).size : 'missing'}`);
    }
  } catch {
    /* a broken font config fails every render anyway; its bytes are hashed above */
  }
  return h.digest('hex');
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/**
 * The input file's bytes and the catalog it names (`catalog: 2023` → <data>/catalog/2023.yaml,
 * found as the loader finds it). When the name cannot be read from the text, every catalog of
 * that data folder is hashed: a spurious re-render is cheap, a stale PDF is not.
 */
export class InputHasher {
  private catalogs = new Map<string, string>();
  constructor(private readonly cwd = process.cwd()) {}

  hash(abs: string): string {
    const h = sha256();
    let text: Buffer;
    try {
      text = readFileSync(abs);
    } catch {
      return 'unreadable';
    }
    field(h, 'input', text);
    const dataDir = findDataDir(abs, this.cwd);
    const name = /^catalog:[ \t]*["']?([A-Za-z0-9_-]+)["']?[ \t]*(?:#.*)?$/m.exec(text.toString('utf8'))?.[1];
    const files = name ? [join(dataDir, 'catalog', `${name}.yaml`)] : walk(join(dataDir, 'catalog'));
    for (const f of files) field(h, `catalog:${f}`, this.catalogHash(f));
    return h.digest('hex');
  }

  private catalogHash(file: string): string {
    let hit = this.catalogs.get(file);
    if (hit === undefined) {
      hit = existsSync(file) ? sha256Hex(readFileSync(file)) : 'missing';
      this.catalogs.set(file, hit);
    }
    return hit;
  }
}

/** As src/load: the nearest ancestor holding a catalog/ folder, else ./data. */
function findDataDir(file: string, cwd: string): string {
  let dir = dirname(resolve(file));
  for (;;) {
    if (existsSync(resolve(dir, 'catalog'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd, 'data');
    dir = up;
  }
}
