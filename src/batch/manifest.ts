import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeAtomic } from '../io/write-atomic.js';
import { readFontConfig } from '../fonts/config.js';
import { findDataDir } from '../load/data-dir.js';
import { checkManifest, type Manifest, type ManifestEntry } from './manifest-shape.js';
import { takeLock, type LockOptions } from './manifest-lock.js';

export type { Manifest, ManifestEntry, ManifestFinding, PreviousPdf, Status } from './manifest-shape.js';
export { manifestRef, fromManifestRef } from './manifest-shape.js';

export const MANIFEST_NAME = 'manifest.json';

export type ManifestRead = { kind: 'absent' } | { kind: 'ok'; manifest: Manifest } | { kind: 'bad'; problem: string };

/**
 * Reads and checks the folder's manifest. Nothing in it is trusted unchecked: a manifest that is
 * a folder, cannot be read, is not JSON or holds an entry of the wrong shape is `bad`, with what
 * is wrong and where — and is never overwritten silently (see updateManifest).
 */
export function readManifest(path: string, cwd = process.cwd()): ManifestRead {
  let text: string;
  try {
    if (statSync(path).isDirectory()) return { kind: 'bad', problem: '是一个文件夹，不是文件' };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'bad', problem: `无法读取（${code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : (e as Error).message}）` };
  }
  if (text.trim() === '') return { kind: 'bad', problem: '文件为空' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { kind: 'bad', problem: `不是有效的 JSON${jsonPlace(text, (e as Error).message)}` };
  }
  const checked = checkManifest(data, dirname(path), cwd);
  return typeof checked === 'string' ? { kind: 'bad', problem: checked } : { kind: 'ok', manifest: checked };
}

/** V8 names the offset of a JSON syntax error: say it as line and column. */
function jsonPlace(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `（第 ${line} 行第 ${column} 列）`;
}

function byInput(a: ManifestEntry, b: ManifestEntry): number {
  return a.input < b.input ? -1 : a.input > b.input ? 1 : 0;
}

export interface ManifestUpdate {
  manifest: Manifest;
  /** Where a manifest found damaged at merge time was moved to (it is never overwritten). */
  setAside?: string;
  problem?: string;
}

/**
 * Merges this run's entries into the folder's manifest and writes it atomically. Entries of
 * inputs this run did not touch are kept (another shard's, an earlier run's), unless `keep`
 * says no. A lock file serialises shards that share one output folder (a network drive).
 * The caller has refused a damaged manifest before rendering; one damaged since (by someone
 * else) is moved aside to manifest.json.bad-<time>, not overwritten.
 */
export async function updateManifest(
  path: string,
  generator: string,
  entries: ManifestEntry[],
  keep: (e: ManifestEntry) => boolean = () => true,
  options: LockOptions & {
    cwd?: string;
    /** The batch root, relative to the manifest's folder. */
    root?: string;
    /** Written from the merged manifest while the lock is held (findings.csv, summary.html), so that they agree with it. */
    alongside?: (m: Manifest) => void;
  } = {},
): Promise<ManifestUpdate> {
  const release = await takeLock(`${path}.lock`, options);
  try {
    const fresh = new Map(entries.map((e) => [e.input, e]));
    const read = readManifest(path, options.cwd);
    let setAside: string | undefined;
    if (read.kind === 'bad') {
      setAside = `${path}.bad-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(path, setAside);
    }
    const old = read.kind === 'ok' ? read.manifest.entries : [];
    const merged = [...old.filter((e) => !fresh.has(e.input) && keep(e)), ...fresh.values()].sort(byInput);
    const root = options.root ?? (read.kind === 'ok' ? read.manifest.root : undefined);
    const manifest: Manifest = { format: 2, generator, ...(root !== undefined ? { root } : {}), entries: merged };
    writeAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
    options.alongside?.(manifest);
    return { manifest, setAside, problem: read.kind === 'bad' ? read.problem : undefined };
  } finally {
    release();
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
    // An unreadable input throws: the caller fails that report, naming the file and why.
    const text = readFileSync(abs);
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
      try {
        hit = sha256Hex(readFileSync(file));
      } catch (e) {
        // The loader says what is wrong with it; here it only has to differ from any content.
        hit = `unreadable:${(e as NodeJS.ErrnoException).code ?? '?'}`;
      }
      this.catalogs.set(file, hit);
    }
    return hit;
  }
}
