import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFolderAt, findDataDir } from '../src/load/data-dir.js';
import { loadDepartment } from '../src/load/index.js';
import { InputHasher } from '../src/batch/manifest.js';
import { cli, ROOT } from './helpers.js';
import { CLEAN } from './batch-support.js';

const CATALOG_TEXT = readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml'), 'utf8');

/** One answer to "where is this input's catalog", for the loader and for the batch's input hash. */
describe('findDataDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-datadir-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const folder = (...parts: string[]) => {
    const p = join(dir, ...parts);
    mkdirSync(p, { recursive: true });
    return p;
  };

  it('takes the nearest ancestor that holds a catalog/ folder', () => {
    folder('outer/catalog');
    folder('outer/inner/catalog');
    folder('outer/inner/2023/units');
    expect(findDataDir(join(dir, 'outer/inner/2023/units/a.yaml'))).toBe(join(dir, 'outer/inner'));
    folder('outer/other/2023');
    expect(findDataDir(join(dir, 'outer/other/2023/a.yaml'))).toBe(join(dir, 'outer'));
  });

  it('reads a relative path from the given folder, falls back to its data/ when that has catalogs, else to the catalogs the tool ships', () => {
    expect(findDataDir('outer/inner/2023/units/a.yaml', dir)).toBe(join(dir, 'outer/inner'));
    expect(findDataDir('/a.yaml', dir)).toBe(join(ROOT, 'data'));
    folder('data/catalog');
    expect(findDataDir('/a.yaml', dir)).toBe(join(dir, 'data'));
  });

  it('a file imported outside any data folder renders with the shipped catalog', () => {
    const out = folder('elsewhere');
    const sample = readFileSync(join(ROOT, 'data/2023/jiangan-housing.yaml'), 'utf8');
    writeFileSync(join(out, 'x.yaml'), sample);
    const r = cli(['check', join(out, 'x.yaml')], out);
    expect(r.stdout + r.stderr).not.toMatch(/catalog-missing/);
    expect(r.code).toBe(0);
  });

  it('remembers the answer for every folder on the way up, found or not', () => {
    folder('cached/catalog');
    const deep = folder('cached/2023/a/b');
    const known = new Map<string, string | null>();
    expect(dataFolderAt(deep, known)).toBe(join(dir, 'cached'));
    expect([...known]).toEqual([
      [deep, join(dir, 'cached')],
      [join(dir, 'cached/2023/a'), join(dir, 'cached')],
      [join(dir, 'cached/2023'), join(dir, 'cached')],
      [join(dir, 'cached'), join(dir, 'cached')],
    ]);
    // The remembered answer stands for the run, as the batch plans on one view of the folders.
    rmSync(join(dir, 'cached/catalog'), { recursive: true });
    expect(dataFolderAt(join(dir, 'cached/2023/a'), known)).toBe(join(dir, 'cached'));
    expect(dataFolderAt(join(dir, 'cached/2023/a'))).not.toBe(join(dir, 'cached'));
    const none = new Map<string, string | null>();
    expect(dataFolderAt('/', none)).toBeUndefined();
    expect(none.get('/')).toBeNull();
  });

  it('is where the loader finds the catalog and what the batch hashes', () => {
    const data = folder('hashed');
    folder('hashed/catalog');
    folder('hashed/2023');
    writeFileSync(join(data, 'catalog/2023.yaml'), CATALOG_TEXT);
    const input = join(data, '2023/a.yaml');
    writeFileSync(input, CLEAN);
    expect(loadDepartment(input).catalog.data.year).toBe(2023);
    const hasher = () => new InputHasher(dir).hash(input);
    const before = hasher();
    writeFileSync(join(data, 'catalog/2023.yaml'), `${CATALOG_TEXT}\n# revised\n`);
    expect(hasher()).not.toBe(before);
  });
});
