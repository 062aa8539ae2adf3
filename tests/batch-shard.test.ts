import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers';

const CLEAN = readFileSync(join(ROOT, 'tests/fixtures/check/clean.yaml'), 'utf8');
const CATALOG = readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml'), 'utf8');
const IDS = ['east', 'north', 'south', 'west'];

describe('juesuan batch --shard k/n', () => {
  let dir: string;
  /** Department ids each shard rendered, in manifest (sorted) order. */
  const rendered: string[][] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juesuan-shard-'));
    mkdirSync(join(dir, 'data/catalog'), { recursive: true });
    mkdirSync(join(dir, 'data/2023'), { recursive: true });
    writeFileSync(join(dir, 'data/catalog/2023.yaml'), CATALOG);
    for (const id of IDS) writeFileSync(join(dir, `data/2023/${id}.yaml`), CLEAN.replace(/^(  id: )test-dept$/m, `$1${id}`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('1/3, 2/3 and 3/3 together render every input exactly once', () => {
    for (const k of [1, 2, 3]) {
      const out = join(dir, `out-${k}`);
      const r = cli(['batch', join(dir, 'data'), '-o', out, '--jobs', '2', '--shard', `${k}/3`]);
      expect(r.code, r.stderr).toBe(0);
      const entries = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries as { input: string; status: string }[];
      expect(entries.every((e) => e.status === 'ok')).toBe(true);
      const ids = entries.map((e) => e.input.replace(/^.*\/(\w+)\.yaml$/, '$1'));
      for (const id of IDS) expect(existsSync(join(out, '2023', `${id}.pdf`))).toBe(ids.includes(id));
      rendered.push(ids);
    }
    const all = rendered.flat();
    expect([...all].sort()).toEqual(IDS);
    expect(new Set(all).size).toBe(all.length);
  });

  it('plans the same slices on every run (a stable function of the path)', () => {
    for (const [i, k] of [1, 2, 3].entries()) {
      const plan = cli(['batch', join(dir, 'data'), '--shard', `${k}/3`, '--dry-run']).stdout;
      const ids = [...plan.matchAll(/^render .*\/(\w+)\.yaml → /gm)].map((m) => m[1]);
      expect(ids).toEqual(rendered[i]);
    }
  });

  it('refuses a malformed shard', () => {
    for (const bad of ['0/3', '3']) expect(cli(['batch', join(dir, 'data'), '--shard', bad]).code).toBe(2);
  });
});
