import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './helpers';
import { batchData, cliAsync } from './batch-support';
import { generatedDistrict } from './district-support';
import { readCsv } from './csv-reader';

// A generated district (both form sets, sizes from 3 to 150 rows, errors planted in some) and a
// file that is not YAML: 12 + 1 reports.
const DEPARTMENTS = 12;
const REPORTS = DEPARTMENTS + 1;
type Entry = { input: string; output: string; ms: number; [k: string]: unknown };
type Manifest = { entries: Entry[]; [k: string]: unknown };

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Manifest;
/** A manifest without its times, and with each PDF named by its path below its output folder (shards keep theirs in their own). */
const comparable = (m: Manifest) => ({ ...m, entries: m.entries.map((e) => ({ ...e, ms: 0, output: e.output.replace(/^\.\.\/shard-\d\//, '') })) });

describe('juesuan batch merge', () => {
  let dir: string;
  let district: string;
  const data = () => district;
  const at = (...p: string[]) => join(dir, ...p);

  beforeAll(async () => {
    ({ dir, data: district } = generatedDistrict(DEPARTMENTS, 31, { plant: true, prefix: 'juesuan-merge-' }));
    writeFileSync(join(data(), 'zz-broken.yaml'), 'format: [1\n');
    // The single run, and three shards as separate processes at once, each into its own folder.
    const single = cliAsync(['batch', data(), '-o', at('single'), '--jobs', '1']).done;
    const shards = [1, 2, 3].map((k) => cliAsync(['batch', data(), '-o', at(`shard-${k}`), '--jobs', '1', '--shard', `${k}/3`]).done);
    const runs = await Promise.all([single, ...shards]);
    // Exit 1 where a run met a planted error or the broken file, else 0.
    for (const r of runs) expect(r.code, r.stderr).toBe(/failed [1-9]/.test(r.stderr) ? 1 : 0);
    expect(runs[0]!.code).toBe(1);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('three shards merged equal the single run: manifest (times aside), findings.csv and summary.html', () => {
    const r = cli(['batch', 'merge', at('shard-1/manifest.json'), at('shard-2'), at('shard-3/manifest.json'), '-o', at('merged')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`合并了 3 份清单，共 ${REPORTS} 份报告`);
    const single = readJson(at('single/manifest.json'));
    const merged = readJson(at('merged/manifest.json'));
    expect(single.entries).toHaveLength(REPORTS);
    expect(single.entries.filter((e) => e.status === 'failed').length).toBeGreaterThan(1);
    // Every shard rendered something, and the merge joins them.
    for (const k of [1, 2, 3]) expect(readJson(at(`shard-${k}/manifest.json`)).entries.length).toBeGreaterThan(0);
    expect(comparable(merged)).toEqual(comparable(single));
    expect(merged.entries.every((e) => e.output.startsWith('../shard-'))).toBe(true);
    expect(readFileSync(at('merged/findings.csv'))).toEqual(readFileSync(at('single/findings.csv')));
    expect(readCsv(readFileSync(at('merged/findings.csv'), 'utf8').slice(1)).length).toBeGreaterThan(2);
    const html = (p: string) => readFileSync(p, 'utf8').replace(/href="\.\.\/shard-\d\//g, 'href="');
    expect(html(at('merged/summary.html'))).toBe(html(at('single/summary.html')));
    // The links lead to the shards' PDFs.
    for (const m of readFileSync(at('merged/summary.html'), 'utf8').matchAll(/href="(\.\.\/shard[^"]+)"/g)) statSync(join(at('merged'), decodeURIComponent(m[1]!)));
  });

  it('an input in two manifests keeps the newer entry and says so', () => {
    // The single run is older than shard 1: shard 1's entries win for its inputs.
    utimesSync(at('single/manifest.json'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const r = cli(['batch', 'merge', at('shard-1'), at('single'), '-o', at('overlap')]);
    expect(r.code, r.stderr).toBe(0);
    const shard1 = readJson(at('shard-1/manifest.json')).entries;
    const notes = r.stderr.split('\n').filter((l) => l.includes('中都有记录'));
    expect(notes).toHaveLength(shard1.length);
    expect(notes[0]).toMatch(/取较新的 .*shard-1\/manifest\.json$/);
    const merged = readJson(at('overlap/manifest.json')).entries;
    expect(merged).toHaveLength(REPORTS);
    for (const e of shard1) expect(merged.find((m) => m.input === e.input)!.output).toBe(`../shard-1/${e.output}`);
    expect(merged.filter((m) => m.output.startsWith('../single/'))).toHaveLength(REPORTS - shard1.length);
  });

  it('refuses manifests of different roots or versions, and never writes onto an input manifest', () => {
    const other = batchData(['x'], 'juesuan-merge-other-');
    try {
      const o = cli(['batch', join(other, 'data'), '-o', at('other')]);
      expect(o.code, o.stderr).toBe(0);
      const roots = cli(['batch', 'merge', at('shard-1'), at('other'), '-o', at('bad-1')]);
      expect(roots.code).toBe(2);
      expect(roots.stderr).toContain('数据根目录不同');
      expect(() => statSync(at('bad-1'))).toThrow();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    mkdirSync(at('old'));
    const old = readJson(at('shard-2/manifest.json'));
    writeFileSync(at('old/manifest.json'), JSON.stringify({ ...old, generator: 'juesuan 0.0.9', entries: old.entries.map((e) => ({ ...e, output: `../shard-2/${e.output}`, input: e.input })) }));
    const versions = cli(['batch', 'merge', at('shard-1'), at('old'), '-o', at('bad-2')]);
    expect(versions.code).toBe(2);
    expect(versions.stderr).toContain('版本不同');
    expect(versions.stderr).toContain('juesuan 0.0.9');

    const before = readFileSync(at('shard-2/manifest.json'));
    copyFileSync(at('shard-2/summary.html'), at('summary-before.html'));
    const onto = cli(['batch', 'merge', at('shard-1'), at('shard-2'), '-o', at('shard-2')]);
    expect(onto.code).toBe(2);
    expect(onto.stderr).toContain('就是要合并的清单之一');
    expect(readFileSync(at('shard-2/manifest.json'))).toEqual(before);
    expect(readFileSync(at('shard-2/summary.html'))).toEqual(readFileSync(at('summary-before.html')));

    const missing = cli(['batch', 'merge', at('nowhere/manifest.json'), '-o', at('bad-3')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/清单 .*nowhere\/manifest\.json 不存在/);
  });
});
