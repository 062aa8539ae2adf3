import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers';
import { environmentHash } from '../src/batch/manifest.js';

const CLEAN = readFileSync(join(ROOT, 'tests/fixtures/check/clean.yaml'), 'utf8');
const CATALOG = readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml'), 'utf8');

describe('juesuan batch --changed', () => {
  let dir: string;
  const data = () => join(dir, 'data');
  const out = () => join(dir, 'out');
  const batch = (...extra: string[]) => cli(['batch', data(), '-o', out(), '--jobs', '2', ...extra]);
  const manifest = () => JSON.parse(readFileSync(join(out(), 'manifest.json'), 'utf8')).entries as Record<string, any>[];
  const byName = () => Object.fromEntries(manifest().map((e) => [e.input.replace(/^.*\/(\w+)\.yaml$/, '$1'), e]));
  /** A rewritten PDF is a new file (written beside, then renamed): its inode changes. */
  const inode = (name: string) => statSync(join(out(), '2023', name)).ino;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juesuan-changed-'));
    mkdirSync(join(dir, 'data/catalog'), { recursive: true });
    mkdirSync(join(dir, 'data/2023'), { recursive: true });
    writeFileSync(join(dir, 'data/catalog/2023.yaml'), CATALOG);
    for (const id of ['a', 'b', 'c']) writeFileSync(join(dir, `data/2023/${id}.yaml`), CLEAN.replace(/^(  id: )test-dept$/m, `$1${id}`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skips unchanged inputs and redoes a changed one', () => {
    const first = batch();
    expect(first.code, first.stderr).toBe(0);
    const before = byName();
    const ino = { a: inode('a.pdf'), b: inode('b.pdf'), c: inode('c.pdf') };

    const again = batch('--changed');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('ok 0 · with warnings 0 · failed 0 · skipped 3');
    expect(byName()).toEqual(before);
    expect([inode('a.pdf'), inode('b.pdf'), inode('c.pdf')]).toEqual([ino.a, ino.b, ino.c]);

    // Change b's text: only b is rendered again.
    const b = join(data(), '2023/b.yaml');
    writeFileSync(b, readFileSync(b, 'utf8').replace('负责测试工作。', '负责测试和验收工作。'));
    const third = batch('--changed');
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/^\[1\/1\] .*b\.yaml → /m);
    expect(third.stderr).toMatch(/failed 0 · skipped 2/);
    const after = byName();
    expect(after.a).toEqual(before.a);
    expect(after.c).toEqual(before.c);
    expect(after.b.inputHash).not.toBe(before.b.inputHash);
    expect(after.b.sha256).not.toBe(before.b.sha256);
    expect([inode('a.pdf'), inode('c.pdf')]).toEqual([ino.a, ino.c]);
    expect(inode('b.pdf')).not.toBe(ino.b);
  });

  it("hashes the tool's own templates, fonts and code wherever the batch is run from", () => {
    const elsewhere = cli(['batch', data(), '-o', join(dir, 'out-elsewhere')], dir);
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    const hashes = (file: string) => new Set((JSON.parse(readFileSync(file, 'utf8')).entries as { templatesHash: string }[]).map((e) => e.templatesHash));
    expect(hashes(join(dir, 'out-elsewhere/manifest.json'))).toEqual(hashes(join(out(), 'manifest.json')));
  });

  it('counts a change to a form set (profiles/: its profile.yaml, its templates) as a change of the tool', () => {
    const tool = mkdtempSync(join(tmpdir(), 'juesuan-tool-'));
    mkdirSync(join(tool, 'templates'));
    mkdirSync(join(tool, 'profiles/hubei-wuhan-2023'), { recursive: true });
    writeFileSync(join(tool, 'templates/document.hbs'), '<document/>');
    const list = join(tool, 'profiles/hubei-wuhan-2023/profile.yaml');
    writeFileSync(list, readFileSync(join(ROOT, 'profiles/hubei-wuhan-2023/profile.yaml')));
    const before = environmentHash('1', tool);
    expect(environmentHash('1', tool)).toBe(before);
    writeFileSync(list, readFileSync(list, 'utf8').replace('orientation: portrait', 'orientation: landscape'));
    const edited = environmentHash('1', tool);
    expect(edited).not.toBe(before);
    mkdirSync(join(tool, 'profiles/hubei-wuhan-2023/templates/part2'), { recursive: true });
    writeFileSync(join(tool, 'profiles/hubei-wuhan-2023/templates/part2/index.hbs'), '<section/>');
    expect(environmentHash('1', tool)).not.toBe(edited);
    rmSync(tool, { recursive: true, force: true });
  });

  it('redoes an input whose PDF is gone, and every input when the catalog changes', () => {
    rmSync(join(out(), '2023/c.pdf'));
    expect(batch('--changed', '--dry-run').stdout.match(/^render .*$/gm)).toEqual([`render ${join(data(), '2023/c.yaml')} → ${join(out(), '2023/c.pdf')}`]);
    appendFileSync(join(data(), 'catalog/2023.yaml'), '\n# revised\n');
    expect(batch('--changed', '--dry-run').stdout.match(/^render /gm)).toHaveLength(3);
  });
});
