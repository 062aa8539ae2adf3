import { describe, it, expect, beforeAll } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT, SAMPLE } from './helpers.js';

/** The command line starts from the bundle with V8's code cache; the cache only ever changes speed. */

let work: string;
let reference: Buffer;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'juesuan-launch-'));
  const r = cli(['render', SAMPLE, '-o', join(work, 'reference.pdf')], ROOT, { JUESUAN_CACHE_DIR: 'off' });
  expect(r.code).toBe(0);
  reference = readFileSync(join(work, 'reference.pdf'));
});

const codeCaches = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('code-')) : []);

describe('the code cache', () => {
  it('is the bundle the command line runs', () => {
    expect(existsSync(join(ROOT, 'dist/bundle/juesuan.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/bundle/worker.cjs'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/bundle/data/sRGB_IEC61966_2_1.icc'))).toBe(true);
  });

  it('is written after the first run of a command, used by the next, and the PDF is the same', () => {
    const dir = join(work, 'cache-a');
    const first = cli(['render', SAMPLE, '-o', join(work, 'a1.pdf')], ROOT, { JUESUAN_CACHE_DIR: dir });
    expect(first.code).toBe(0);
    const files = codeCaches(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^code-[0-9a-f]{24}-render\.bin$/);
    const written = statSync(join(dir, files[0]!)).mtimeMs;
    const second = cli(['render', SAMPLE, '-o', join(work, 'a2.pdf')], ROOT, { JUESUAN_CACHE_DIR: dir });
    expect(second.code).toBe(0);
    expect(statSync(join(dir, files[0]!)).mtimeMs).toBe(written); // accepted, so not rewritten
    expect(readFileSync(join(work, 'a1.pdf')).equals(reference)).toBe(true);
    expect(readFileSync(join(work, 'a2.pdf')).equals(reference)).toBe(true);
    // Another command has its own cache.
    expect(cli(['check', SAMPLE], ROOT, { JUESUAN_CACHE_DIR: dir }).code).toBe(0);
    expect(codeCaches(dir).sort()).toEqual([files[0], files[0]!.replace('-render', '-check')].sort());
  });

  it('serves batch workers too, and their PDFs are the same', () => {
    const dir = join(work, 'cache-w');
    const data = join(work, 'w-data');
    mkdirSync(join(data, '2023'), { recursive: true });
    cpSync(join(ROOT, 'data/catalog'), join(data, 'catalog'), { recursive: true });
    cpSync(SAMPLE, join(data, '2023/a.yaml'));
    cpSync(SAMPLE, join(data, '2023/b.yaml'));
    for (let run = 0; run < 2; run++) {
      const out = join(work, `w-out-${run}`);
      const r = cli(['batch', data, '-o', out, '--jobs', '2'], ROOT, { JUESUAN_CACHE_DIR: dir, CI: '1' });
      expect(r.code, r.stderr).toBe(0);
      for (const name of ['a', 'b']) expect(readFileSync(join(out, '2023', `${name}.pdf`)).equals(reference)).toBe(true);
      expect(codeCaches(dir).map((f) => f.replace(/^code-[0-9a-f]+-/, '')).sort()).toEqual(['batch.bin', 'worker.bin']);
    }
  });

  it('falls back to the compiled modules (JUESUAN_NO_BUNDLE), with the same PDF, for render and batch', () => {
    const env = { JUESUAN_NO_BUNDLE: '1', JUESUAN_CACHE_DIR: join(work, 'cache-nb'), CI: '1' };
    expect(cli(['render', SAMPLE, '-o', join(work, 'nb.pdf')], ROOT, env).code).toBe(0);
    expect(readFileSync(join(work, 'nb.pdf')).equals(reference)).toBe(true);
    const data = join(work, 'nb-data');
    mkdirSync(join(data, '2023'), { recursive: true });
    cpSync(join(ROOT, 'data/catalog'), join(data, 'catalog'), { recursive: true });
    cpSync(SAMPLE, join(data, '2023/a.yaml'));
    const r = cli(['batch', data, '-o', join(work, 'nb-out')], ROOT, env);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(work, 'nb-out/2023/a.pdf')).equals(reference)).toBe(true);
    expect(codeCaches(join(work, 'cache-nb'))).toEqual([]);
  });

  it('keeps a bounded number of files of each kind', () => {
    const dir = join(work, 'cache-prune');
    mkdirSync(dir);
    for (let i = 0; i < 30; i++) {
      writeFileSync(join(dir, `code-${String(i).padStart(24, '0')}-render.bin`), 'x');
      const minutesAgo = Date.now() / 1000 - (30 - i) * 60; // 0 is the oldest
      utimesSync(join(dir, `code-${String(i).padStart(24, '0')}-render.bin`), minutesAgo, minutesAgo);
    }
    writeFileSync(join(dir, 'code-000000000000000000000099-other.bin'), 'x');
    utimesSync(join(dir, 'code-000000000000000000000099-other.bin'), 1e6, 1e6); // unused for 50 years
    writeFileSync(join(dir, 'templates-old.json'), '{}');
    expect(cli(['check', SAMPLE], ROOT, { JUESUAN_CACHE_DIR: dir }).code).toBe(0);
    const left = codeCaches(dir);
    expect(left.length).toBe(16);
    expect(left.filter((f) => f.endsWith('-check.bin'))).toHaveLength(1);
    // The newest of the old ones stay.
    expect(left).toContain(`code-${String(29).padStart(24, '0')}-render.bin`);
    expect(left).not.toContain(`code-${String(0).padStart(24, '0')}-render.bin`);
    expect(left).not.toContain('code-000000000000000000000099-other.bin');
    expect(existsSync(join(dir, 'templates-old.json'))).toBe(true); // another kind
  });

  it('that is damaged is ignored and replaced', () => {
    const dir = join(work, 'cache-b');
    expect(cli(['render', SAMPLE, '-o', join(work, 'b1.pdf')], ROOT, { JUESUAN_CACHE_DIR: dir }).code).toBe(0);
    const file = join(dir, codeCaches(dir)[0]!);
    const good = readFileSync(file);
    writeFileSync(file, Buffer.alloc(good.length, 0x5a));
    const r = cli(['render', SAMPLE, '-o', join(work, 'b2.pdf')], ROOT, { JUESUAN_CACHE_DIR: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/Error|at .*\.cjs/);
    expect(readFileSync(join(work, 'b2.pdf')).equals(reference)).toBe(true);
    expect(readFileSync(file).equals(Buffer.alloc(good.length, 0x5a))).toBe(false);
  });

  it('is not kept when turned off, nor in a folder others can write to', () => {
    const off = join(work, 'cache-off');
    expect(cli(['check', SAMPLE], ROOT, { JUESUAN_CACHE_DIR: 'off', XDG_CACHE_HOME: off, HOME: off }).code).toBe(0);
    expect(existsSync(off)).toBe(false);
    const shared = join(work, 'cache-shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(cli(['check', SAMPLE], ROOT, { JUESUAN_CACHE_DIR: shared }).code).toBe(0);
    expect(readdirSync(shared)).toEqual([]);
  });
});
