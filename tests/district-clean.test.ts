import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from './helpers';
import { districtFiles, generatedDistrict } from './district-support';

const COUNT = 20;

describe('a generated district checks clean through juesuan batch', () => {
  let dir: string;
  let data: string;
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    ({ dir, data } = generatedDistrict(COUNT, 17));
    run = cli(['batch', data, '-o', join(dir, 'out'), '--jobs', '2'], ROOT, { CI: '1' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every department renders with no error, in both form sets; sizes and pages differ', () => {
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8'));
    expect(manifest.entries).toHaveLength(COUNT);
    for (const e of manifest.entries) {
      expect(e.status, e.input).toBe('ok');
      expect(e.errors, e.input).toBe(0);
      expect(e.findings.filter((f: { severity: string }) => f.severity === 'error'), e.input).toEqual([]);
    }
    const files = districtFiles(data);
    const profiles = new Set(files.map((f) => f.doc.profile ?? 'hubei-wuhan-2023'));
    expect([...profiles].sort()).toEqual(['hubei-wuhan-2023', 'shanghai-2024']);
    // The largest department's class tables run over several pages: its report is much longer.
    const pages = manifest.entries.map((e: { pages: number }) => e.pages);
    expect(Math.max(...pages) - Math.min(...pages)).toBeGreaterThanOrEqual(15);
    const rows = files.map((f) => f.doc.tables.expenditure.rows.length);
    expect(Math.min(...rows)).toBe(3);
    expect(Math.max(...rows)).toBe(150);
    // The bureau's files cover them all, with no error row.
    const csv = readFileSync(join(dir, 'out/findings.csv'), 'utf8');
    expect(csv).not.toContain(',错误,');
    expect(readFileSync(join(dir, 'out/summary.html'), 'utf8')).toContain(`共 ${COUNT} 个部门`);
  });
});
