import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { district, districtFiles, generatedDistrict } from './district-support';
import { cli, ROOT } from './helpers';

/** Every file of a folder (below it too) with its bytes. */
const snapshot = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const p = join(e.parentPath, e.name);
        return [p.slice(dir.length), readFileSync(p)];
      }),
  );

describe('npm run district: the generator', () => {
  const made: string[] = [];
  const gen = (count: number, seed: string | number, plant = false) => {
    const g = generatedDistrict(count, seed, { plant });
    made.push(g.dir);
    return g.data;
  };
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('the same seed gives the same bytes; another seed, other departments', () => {
    const a = snapshot(gen(12, 5, true));
    const b = snapshot(gen(12, 5, true));
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const k of Object.keys(a)) expect(b[k], k).toEqual(a[k]);
    expect(Object.keys(a)).toContain('/planted.json');
    expect(Object.keys(a)).toContain('/catalog/2023.yaml');
    expect(Object.keys(a)).toContain('/catalog/2024.yaml');

    const c = snapshot(gen(12, 6, true));
    // same ids and files (they follow the index), other contents: every department differs
    expect(Object.keys(c).sort()).toEqual(Object.keys(a).sort());
    const yamls = Object.keys(a).filter((k) => k.endsWith('.yaml') && !k.startsWith('/catalog/'));
    expect(yamls).toHaveLength(12);
    for (const k of yamls) expect(c[k]!.equals(a[k]!), k).toBe(false);
    // the catalogs are the shipped ones, byte for byte
    expect(a['/catalog/2024.yaml']).toEqual(readFileSync(join(__dirname, '../data/catalog/2024.yaml')));
  });

  it('departments differ as a district does: sizes from 3 to 150 rows, funds, carry-overs, 三公, units, narratives, both form sets', () => {
    const files = districtFiles(gen(20, 17));
    expect(files).toHaveLength(20);
    const rows = files.map((f) => f.doc.tables.expenditure.rows.length as number);
    expect(Math.min(...rows)).toBe(3);
    expect(Math.max(...rows)).toBeGreaterThanOrEqual(140);
    expect(Math.max(...rows)).toBeLessThanOrEqual(150);
    expect(rows.filter((n) => n <= 10).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((n) => n > 10 && n <= 100).length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      for (const key of ['income', 'general_budget']) expect(f.doc.tables[key].rows.length, `${f.file} ${key}`).toBeLessThanOrEqual(150);
    }
    const count = (pred: (doc: any) => boolean) => files.filter((f) => pred(f.doc)).length;
    const some = (pred: (doc: any) => boolean, what: string) => {
      const n = count(pred);
      expect(n, what).toBeGreaterThan(0);
      expect(n, `not every department: ${what}`).toBeLessThan(files.length);
    };
    some((d) => d.profile === 'shanghai-2024', 'shanghai-2024');
    some((d) => d.tables.government_fund.rows.length > 0, '政府性基金');
    some((d) => d.tables.state_capital.rows.length > 0, '国有资本经营');
    some((d) => Number(d.tables.three_public.actual.total) === 0 && Number(d.tables.three_public.budget.total) === 0, '三公 all zero');
    some((d) => d.tables.summary.opening_balance !== undefined || d.tables.summary.closing_balance !== undefined, 'carry-overs');
    some((d) => d.tables.summary.income.business !== undefined || d.tables.summary.income.other !== undefined, 'income besides 财政拨款');
    some((d) => (d.overview.organization.units?.length ?? d.overview.organization.blocks.length - 2) > 1, 'several units');
    some((d) => d.overview.duties.blocks.length >= 12, 'long narratives');
    // a department with both funds and carry-overs in one 政府性基金 table
    some((d) => d.tables.government_fund.rows.some((r: any) => r.opening !== undefined || r.closing !== undefined), '政府性基金 carry-over');
  });

  it('never writes over a file it did not make, nor mixes two districts in one folder', () => {
    const data = gen(4, 3, true);
    // The same district again: its own files, rewritten alike.
    const before = snapshot(data);
    expect(district(['--count', '4', '--seed', '3', '-o', data, '--plant-errors']).code).toBe(0);
    expect(snapshot(data)).toEqual(before);
    // A smaller district would leave a department of the larger one; no errors planted, a stale planted.json.
    const fewer = district(['--count', '3', '--seed', '3', '-o', data, '--plant-errors']);
    expect(fewer.code).toBe(2);
    expect(fewer.stderr).toContain('wh-004.yaml');
    expect(fewer.stderr).toContain('请换一个空文件夹');
    const unplanted = district(['--count', '4', '--seed', '3', '-o', data]);
    expect(unplanted.code).toBe(2);
    expect(unplanted.stderr).toContain('planted.json');
    expect(snapshot(data)).toEqual(before);
    // Someone's own department file in the folder is never replaced.
    const own = join(data, 'wh-001.yaml');
    writeFileSync(own, 'format: 1\n# 本局自己的数据\n');
    const mine = district(['--count', '4', '--seed', '3', '-o', data, '--plant-errors']);
    expect(mine.code).toBe(2);
    expect(mine.stderr).toContain('不是本脚本生成的文件');
    expect(readFileSync(own, 'utf8')).toBe('format: 1\n# 本局自己的数据\n');
    // A plain file where the folder should be.
    const file = join(data, 'planted.json');
    const notDir = district(['--count', '2', '--seed', '3', '-o', file]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain('不是文件夹');
  });

  it('--profile: a district of one form set, as a bureau has it, checks clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-district-one-'));
    made.push(dir);
    const data = join(dir, 'district');
    // seed 400's 23rd department once had a unit one character from the department's name
    const r = district(['--count', '30', '--seed', '400', '--profile', 'hubei-wuhan-2023', '-o', data]);
    expect(r.code, r.stderr).toBe(0);
    const yamls = readdirSync(data).filter((f) => f.endsWith('.yaml'));
    expect(yamls).toHaveLength(30);
    expect(yamls.every((f) => f.startsWith('wh-'))).toBe(true);
    expect(readdirSync(join(data, 'catalog'))).toEqual(['2023.yaml']);
    const run = cli(['batch', data, '-o', join(dir, 'out'), '--jobs', '2'], ROOT, { CI: '1' });
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    expect(readFileSync(join(dir, 'out/findings.csv'), 'utf8')).not.toContain(',错误,');
  }, 240_000);

  it('refuses what it cannot do, with exit 2 and a message', () => {
    const form = district(['--count', '2', '--profile', 'beijing-2030', '-o', join(tmpdir(), 'never-made')]);
    expect(form.code).toBe(2);
    expect(form.stderr).toContain('没有表式 beijing-2030');
    const none = district(['--seed', '1']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--count');
    const bad = district(['--count', 'x', '-o', join(tmpdir(), 'never-made')]);
    expect(bad.code).toBe(2);
    const unknown = district(['--count', '2', '--colour', '-o', join(tmpdir(), 'never-made')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('用法');
  });
});
