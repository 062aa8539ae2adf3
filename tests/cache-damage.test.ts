import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT, SAMPLE } from './helpers';

/**
 * The caches (V8's code cache of the bundle, the precompiled templates) only ever change speed:
 * whatever is in the cache folder (damaged, truncated, edited, made by another build, not a
 * file, unreadable, unwritable) the command exits 0 with the same PDF as with caches off, and a
 * bad cache file is replaced by a good one where the folder can be written.
 *
 * A cache file is: magic (16 bytes) | sha256 of its key (32) | sha256 of key digest + payload (32) | payload.
 */

const HEADER = 80;
const sha = (...parts: Buffer[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

let work: string;
let reference: Buffer;
let good: string;

/** Root reads and writes whatever the modes say; the tests that need a refusal run as nobody. */
const ROOT_USER = process.getuid?.() === 0;
const NOBODY = 65534;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'juesuan-cache-damage-'));
  chmodSync(work, 0o755);
  const r = cli(['render', SAMPLE, '-o', join(work, 'reference.pdf')], ROOT, { JUESUAN_CACHE_DIR: 'off' });
  expect(r.code, r.stderr).toBe(0);
  reference = readFileSync(join(work, 'reference.pdf'));
  good = join(work, 'good');
  expect(render(good, 'good').code).toBe(0);
  expect(readdirSync(good).sort()).toEqual([codeCache(good), templatesCache(good)].sort());
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function codeCache(dir: string, tag = 'render'): string {
  return readdirSync(dir).find((f) => f.startsWith('code-') && f.endsWith(`-${tag}.bin`))!;
}
function templatesCache(dir: string): string {
  return readdirSync(dir).find((f) => f.startsWith('templates-') && f.endsWith('.bin'))!;
}

/** A cache folder holding copies of the good cache files. */
function copyOfGood(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { mode: 0o700 });
  for (const f of readdirSync(good)) cpSync(join(good, f), join(dir, f));
  return dir;
}

type Run = { code: number | null; stderr: string; pdf: string };

/** A time limit, so that a cache read that blocks (a pipe in a file's place) fails the test instead of hanging it. */
const TIMEOUT_MS = 50_000;

function render(cacheDir: string, label: string, env: NodeJS.ProcessEnv = {}): Run {
  const pdf = join(work, `${label}.pdf`);
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/juesuan.js'), 'render', SAMPLE, '-o', pdf], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, JUESUAN_CACHE_DIR: cacheDir, ...env },
    timeout: TIMEOUT_MS,
  });
  return { code: r.status, stderr: r.stderr, pdf };
}

/** Exit 0, the reference PDF, nothing on stderr but the sample's findings. */
function expectUntouchedOutput(r: Run): void {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/Fatal|Native stack|内部错误|Error|at .*\.c?js/);
  expect(r.stderr).toMatch(/已生成/);
  expect(readFileSync(r.pdf).equals(reference)).toBe(true);
}

/** The file is a complete cache file for the same key as `like`, and its checksum holds. */
function verifies(file: string, like: string): boolean {
  const b = readFileSync(file);
  const l = readFileSync(like);
  return b.length > HEADER && b.subarray(0, 48).equals(l.subarray(0, 48)) && b.subarray(48, HEADER).equals(sha(b.subarray(16, 48), b.subarray(HEADER)));
}

const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

function flip(bytes: Buffer, from: number, count: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = from; i < from + count; i++) out[i] = out[i]! ^ 0xff;
  return out;
}

/**
 * A copy of the tool that is another build: the bundle changed to the same length (so V8's own
 * check, which compares lengths, passes) and a template reworded. Its caches are the foreign ones.
 */
let foreign: { code: Buffer; templates: Buffer } | undefined;
function foreignCaches() {
  if (foreign) return foreign;
  const pkg = join(work, 'other-build');
  mkdirSync(pkg);
  for (const f of ['bin', 'dist', 'package.json', 'templates', 'profiles', 'fonts']) cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  const bundle = join(pkg, 'dist/bundle/juesuan.cjs');
  const code = readFileSync(bundle, 'latin1');
  expect(code.split('PRODUCER="juesuan (PDFKit)"')).toHaveLength(2);
  writeFileSync(bundle, code.replace('PRODUCER="juesuan (PDFKit)"', 'PRODUCER="juesuan (PDFkit)"'), 'latin1');
  const part1 = join(pkg, 'templates/part1/index.hbs');
  const older = readFileSync(part1, 'utf8');
  expect(older).toContain('概况');
  writeFileSync(part1, older.replace('概况', '槪况'));
  const cache = join(work, 'other-build-cache');
  const r = spawnSync(process.execPath, [join(pkg, 'bin/juesuan.js'), 'render', SAMPLE, '-o', join(work, 'other-build.pdf')], {
    encoding: 'utf8',
    env: { ...process.env, JUESUAN_CACHE_DIR: cache },
  });
  expect(r.status, r.stderr).toBe(0);
  // Its caches do encode another PDF: used by this build, they would change the output.
  expect(readFileSync(join(work, 'other-build.pdf')).equals(reference)).toBe(false);
  foreign = { code: readFileSync(join(cache, codeCache(cache))), templates: readFileSync(join(cache, templatesCache(cache))) };
  return foreign;
}

/** Runs the command line as an ordinary user: as nobody when the tests run as root. */
function renderAsUser(cacheDir: string, label: string, env: NodeJS.ProcessEnv = {}): Run {
  const out = join(work, 'user-out');
  if (!existsSync(out)) {
    mkdirSync(out);
    giveToUser(out);
  }
  const pdf = join(out, `${label}.pdf`);
  const args = [join(ROOT, 'bin/juesuan.js'), 'render', SAMPLE, '-o', pdf];
  const [cmd, argv] = ROOT_USER
    ? ['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, ...args]]
    : [process.execPath, args];
  const r = spawnSync(cmd as string, argv as string[], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JUESUAN_CACHE_DIR: cacheDir, ...env }, timeout: TIMEOUT_MS });
  return { code: r.status, stderr: r.stderr, pdf };
}
/** Hands `paths` to the user renderAsUser runs as. */
function giveToUser(...paths: string[]): void {
  if (ROOT_USER) for (const p of paths) chownSync(p, NOBODY, NOBODY);
}

describe('a V8 code cache that does not verify is not used, and is rewritten', () => {
  const damages: [string, (good: Buffer) => Buffer][] = [
    ['4 KiB flipped in the middle, same length', (g) => flip(g, g.length >> 1, 4096)],
    ['one byte flipped near the end, same length', (g) => flip(g, g.length - 40, 1)],
    ['one byte flipped in the checksum', (g) => flip(g, 50, 1)],
    ['truncated to half', (g) => g.subarray(0, g.length >> 1)],
    ['zero length', () => Buffer.alloc(0)],
    ['V8 code of this build without the header, as an older juesuan wrote it', (g) => g.subarray(HEADER)],
    ['V8 code of another build of the same length', () => foreignCaches().code],
  ];
  for (const [name, damage] of damages) {
    it(name, () => {
      const label = `code-${name.replace(/\W+/g, '-')}`;
      const dir = copyOfGood(label);
      const file = join(dir, codeCache(dir));
      const bad = damage(readFileSync(file));
      writeFileSync(file, bad);
      expectUntouchedOutput(render(dir, label));
      expect(readFileSync(file).equals(bad)).toBe(false);
      expect(verifies(file, join(good, codeCache(good)))).toBe(true);
      noTempFiles(dir);
    });
  }

  it("another command's cache under this command's name", () => {
    const dir = copyOfGood('code-other-command');
    expect(cli(['check', SAMPLE], ROOT, { JUESUAN_CACHE_DIR: dir }).code).toBe(0);
    const file = join(dir, codeCache(dir));
    cpSync(join(dir, codeCache(dir, 'check')), file);
    expectUntouchedOutput(render(dir, 'code-other-command'));
    expect(verifies(file, join(good, codeCache(good)))).toBe(true);
  });

  it('a folder in its place: used as no cache, and left alone', () => {
    const dir = copyOfGood('code-folder');
    const file = join(dir, codeCache(dir));
    rmSync(file);
    mkdirSync(file);
    writeFileSync(join(file, 'something.txt'), 'not ours');
    for (const run of [1, 2]) expectUntouchedOutput(render(dir, `code-folder-${run}`));
    expect(readFileSync(join(file, 'something.txt'), 'utf8')).toBe('not ours');
    noTempFiles(dir);
  });

  it('unreadable (no read permission): used as no cache, and replaced', () => {
    const dir = copyOfGood('code-unreadable');
    const file = join(dir, codeCache(dir));
    giveToUser(dir, ...readdirSync(dir).map((f) => join(dir, f)));
    chmodSync(file, 0o000);
    expectUntouchedOutput(renderAsUser(dir, 'code-unreadable'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(verifies(file, join(good, codeCache(good)))).toBe(true);
  });

  it('a named pipe or a link in its place: not waited on, not followed', () => {
    const dir = copyOfGood('code-pipe');
    const file = join(dir, codeCache(dir));
    rmSync(file);
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    expectUntouchedOutput(render(dir, 'code-pipe'));
    expect(verifies(file, join(good, codeCache(good)))).toBe(true); // the pipe was replaced
    const linked = copyOfGood('code-link');
    const target = join(linked, codeCache(linked));
    cpSync(target, join(work, 'outside.bin'));
    rmSync(target);
    symlinkSync(join(work, 'outside.bin'), target);
    expectUntouchedOutput(render(linked, 'code-link'));
    expect(verifies(target, join(good, codeCache(good)))).toBe(true);
  });
});

describe('a templates cache that does not verify is not used, and is rewritten', () => {
  const edit = (g: Buffer, from: string, to: string) => {
    const text = g.toString('latin1');
    const [a, b] = [Buffer.from(from).toString('latin1'), Buffer.from(to).toString('latin1')];
    expect(text.includes(a)).toBe(true);
    return Buffer.from(text.split(a).join(b), 'latin1');
  };
  const damages: [string, (good: Buffer) => Buffer][] = [
    ['`{}` in it', () => Buffer.from('{}')],
    ['truncated JSON', (g) => g.subarray(0, g.length - 1000)],
    ['wording edited, same length', (g) => edit(g, '概况', '槪况')],
    ['wording edited, other length', (g) => edit(g, '概况', '基本概况')],
    ['edited JSON without the header, as an older juesuan wrote it', (g) => edit(g.subarray(HEADER), '概况', '槪况')],
    ['the cache of older templates', () => foreignCaches().templates],
    [
      'a checksum that holds around `{}` (made for this key, holding no template)',
      (g) => {
        const payload = Buffer.from('{}');
        return Buffer.concat([g.subarray(0, 48), sha(g.subarray(16, 48), payload), payload]);
      },
    ],
  ];
  for (const [name, damage] of damages) {
    it(name, () => {
      const label = `templates-${name.replace(/\W+/g, '-')}`;
      const dir = copyOfGood(label);
      const file = join(dir, templatesCache(dir));
      const bad = damage(readFileSync(file));
      writeFileSync(file, bad);
      expectUntouchedOutput(render(dir, label));
      // Compiled again from the templates: the same bytes as the good cache.
      expect(readFileSync(file).equals(readFileSync(join(good, templatesCache(good))))).toBe(true);
      noTempFiles(dir);
    });
  }
});

describe('a cache folder that cannot be written only means no cache', () => {
  it('an empty read-only folder: same PDF, nothing written, nothing said (one line per cache with JUESUAN_DEBUG)', () => {
    const dir = join(work, 'readonly-empty');
    mkdirSync(dir, { mode: 0o700 });
    giveToUser(dir);
    chmodSync(dir, 0o500);
    const quiet = renderAsUser(dir, 'readonly-empty');
    expectUntouchedOutput(quiet);
    expect(quiet.stderr).not.toMatch(/debug/);
    const loud = renderAsUser(dir, 'readonly-empty-debug', { JUESUAN_DEBUG: '1' });
    expectUntouchedOutput(loud);
    const lines = loud.stderr.split('\n').filter((l) => l.startsWith('juesuan: debug:'));
    expect(lines).toHaveLength(2); // the templates and the code cache
    for (const l of lines) expect(l).toMatch(/not written: EACCES/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a read-only folder holding damaged caches: same PDF, the files left as they are', () => {
    const dir = copyOfGood('readonly-damaged');
    const code = join(dir, codeCache(dir));
    const templates = join(dir, templatesCache(dir));
    writeFileSync(code, flip(readFileSync(code), 5000, 4096));
    writeFileSync(templates, '{}');
    const before = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    giveToUser(dir, code, templates);
    chmodSync(dir, 0o500);
    for (const run of [1, 2]) expectUntouchedOutput(renderAsUser(dir, `readonly-damaged-${run}`));
    expect(readdirSync(dir).map((f) => readFileSync(join(dir, f)))).toEqual(before);
  });

  it('JUESUAN_CACHE_DIR naming a plain file: same PDF, the file untouched', () => {
    const file = join(work, 'not-a-folder');
    writeFileSync(file, 'mine');
    expectUntouchedOutput(render(file, 'cache-is-file'));
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});

describe('cache files are written through a temporary file', () => {
  it('leaves none behind, and removes those of killed processes (only old ones)', () => {
    const dir = join(work, 'temps');
    mkdirSync(dir, { mode: 0o700 });
    const stale = join(dir, 'templates-0123.bin.4242-0.tmp');
    const fresh = join(dir, 'templates-4567.bin.4343-0.tmp');
    const othersStale = join(dir, 'unrelated.tmp');
    for (const f of [stale, fresh, othersStale]) writeFileSync(f, 'half a cache');
    const twoHoursAgo = Date.now() / 1000 - 2 * 3600;
    for (const f of [stale, othersStale]) utimesSync(f, twoHoursAgo, twoHoursAgo);
    expectUntouchedOutput(render(dir, 'temps'));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true); // another process may be writing it now
    expect(existsSync(othersStale)).toBe(true); // not a name juesuan makes
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin')).sort()).toEqual([codeCache(dir), templatesCache(dir)].sort());
  });
});

describe('a batch with damaged caches renders every PDF and writes its manifest', () => {
  let data: string;
  let goodBatch: string;
  beforeAll(() => {
    data = join(work, 'batch-data');
    mkdirSync(join(data, '2023'), { recursive: true });
    cpSync(join(ROOT, 'data/catalog'), join(data, 'catalog'), { recursive: true });
    cpSync(SAMPLE, join(data, '2023/a.yaml'));
    cpSync(SAMPLE, join(data, '2023/b.yaml'));
    goodBatch = join(work, 'batch-good');
    const r = cli(['batch', data, '-o', join(work, 'batch-good-out'), '--jobs', '2'], ROOT, { JUESUAN_CACHE_DIR: goodBatch, CI: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(goodBatch).filter((f) => f.endsWith('-batch.bin') || f.endsWith('-worker.bin') || f.startsWith('templates-'))).toHaveLength(3);
  });

  const damages: [string, (good: Buffer) => Buffer][] = [
    ['every cache file with flipped bytes, same length', (g) => flip(g, g.length >> 1, 4096)],
    ['every cache file truncated', (g) => g.subarray(0, g.length >> 2)],
    ['every cache file empty', () => Buffer.alloc(0)],
  ];
  for (const [name, damage] of damages) {
    it(name, () => {
      const label = `batch-${name.replace(/\W+/g, '-')}`;
      const dir = join(work, label);
      mkdirSync(dir, { mode: 0o700 });
      for (const f of readdirSync(goodBatch)) writeFileSync(join(dir, f), damage(readFileSync(join(goodBatch, f))));
      const out = join(work, `${label}-out`);
      const r = cli(['batch', data, '-o', out, '--jobs', '2'], ROOT, { JUESUAN_CACHE_DIR: dir, CI: '1' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/Fatal|Native stack|内部错误/);
      for (const n of ['a', 'b']) expect(readFileSync(join(out, `2023/${n}.pdf`)).equals(reference)).toBe(true);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.entries.map((e: { status: string }) => e.status)).toEqual(['ok', 'ok']);
      for (const f of readdirSync(goodBatch)) expect(verifies(join(dir, f), join(goodBatch, f)), f).toBe(true);
      noTempFiles(dir);
    });
  }
});
