import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers';

// Small inputs: the checker's all-clean fixture (and its catalog), copied under other ids.
const CLEAN = readFileSync(join(ROOT, 'tests/fixtures/check/clean.yaml'), 'utf8');
const CATALOG = readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml'), 'utf8');
const department = (id: string) => CLEAN.replace(/^(  id: )test-dept$/m, `$1${id}`);

describe('juesuan batch: one bad input never stops the batch', () => {
  let dir: string;
  let run: ReturnType<typeof cli>;
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'juesuan-batch-'));
    mkdirSync(join(dir, 'data/catalog'), { recursive: true });
    mkdirSync(join(dir, 'data/2023/sub'), { recursive: true });
    writeFileSync(join(dir, 'data/catalog/2023.yaml'), CATALOG);
    writeFileSync(join(dir, 'data/2023/a.yaml'), department('a'));
    writeFileSync(join(dir, 'data/2023/sub/b.yaml'), department('b'));
    // Checker errors: 公开01's income rows no longer add up (and 公开04 disagrees).
    writeFileSync(join(dir, 'data/2023/c-unbalanced.yaml'), department('c').replace('general_budget: 160.00', 'general_budget: 170.00'));
    // Not YAML at all.
    writeFileSync(join(dir, 'data/2023/d-broken.yaml'), 'format: [1\n');
    run = cli(['batch', join(dir, 'data'), '-o', join(dir, 'out'), '--jobs', '2']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1, renders the good inputs and writes no PDF for the bad ones', () => {
    expect(run.code, run.stderr).toBe(1);
    for (const f of ['2023/a.pdf', '2023/sub/b.pdf']) expect(readFileSync(join(dir, 'out', f)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(join(dir, 'out/2023/c-unbalanced.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'out/2023/d-broken.pdf'))).toBe(false);
    // The bad inputs are named with their findings; the summary counts everything.
    expect(run.stderr).toMatch(/c-unbalanced\.yaml:\d+:\d+: error \[summary-income-total\]/);
    expect(run.stderr).toMatch(/d-broken\.yaml:\d+:\d+: error \[yaml-syntax\]/);
    // (The fixture may carry warnings as the checker grows: ok + with warnings = the two good inputs.)
    const [, ok, warned] = /ok (\d+) · with warnings (\d+) · failed 2 · skipped 0/.exec(run.stderr) ?? [];
    expect(Number(ok) + Number(warned)).toBe(2);
  });

  it('writes a manifest: one entry per input (catalog excluded), sorted, with hashes of the PDFs', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
    const entries = manifest.entries as Record<string, any>[];
    const inputs = entries.map((e) => e.input);
    // Paths relative to the manifest's folder: the same whatever folder the batch ran from.
    expect(inputs).toEqual(['a.yaml', 'c-unbalanced.yaml', 'd-broken.yaml', 'sub/b.yaml'].map((f) => `../data/2023/${f}`));
    expect([...inputs].sort()).toEqual(inputs);

    const [a, c, d, b] = entries;
    for (const [e, pdf] of [[a, '2023/a.pdf'], [b, '2023/sub/b.pdf']] as const) {
      expect(e).toMatchObject({ output: pdf, status: 'ok', errors: 0, previous: null });
      expect(e.findings).toHaveLength(e.warnings);
      expect(e.sha256).toBe(sha(join(dir, 'out', pdf)));
      expect(e.pages).toBeGreaterThan(0);
      expect(e.ms).toBeGreaterThan(0);
    }
    expect(c).toMatchObject({ status: 'failed', sha256: null, pages: null });
    expect(c.errors).toBeGreaterThan(0);
    expect(c.findings.map((f: { rule: string }) => f.rule)).toContain('summary-income-total');
    expect(d).toMatchObject({ status: 'failed', errors: 1, sha256: null });
    expect(d.findings[0]).toMatchObject({ rule: 'yaml-syntax', severity: 'error', file: '../data/2023/d-broken.yaml' });
    for (const e of entries) expect(e.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('juesuan batch: where the PDFs go (--dry-run plans without rendering)', () => {
  it('mirrors data/ under -o, and defaults to output/ like juesuan render', () => {
    const out = join(tmpdir(), 'juesuan-batch-plan');
    const withDir = cli(['batch', 'data', '-o', out, '--dry-run']);
    expect(withDir.code, withDir.stderr).toBe(0);
    expect(withDir.stdout).toContain(`render data/2023/jiangan-housing.yaml → ${join(out, '2023/jiangan-housing.pdf')}\n`);
    expect(withDir.stdout).not.toContain('catalog');
    const byDefault = cli(['batch', 'data/2023/*.yaml', '--dry-run']);
    expect(byDefault.stdout).toContain('render data/2023/jiangan-housing.yaml → output/2023/jiangan-housing.pdf\n');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when an argument names no YAML file', () => {
    const r = cli(['batch', 'data/no-such-year', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data/no-such-year');
  });
});
