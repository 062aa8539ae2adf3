import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cli, ROOT } from './helpers';
import { batchData, cliAsync, department } from './batch-support';

// Enough inputs that each of three shards gets some, in two year folders and a subfolder.
const IDS = Array.from({ length: 12 }, (_, i) => `dept${String(i).padStart(2, '0')}`);
type Entry = { input: string; output: string; status: string };

/** Every file under `dir`, relative to it. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('juesuan batch: the same inputs give the same shards and layout from any working folder', () => {
  let dir: string;
  let cwds: string[];
  const data = () => join(dir, 'data');
  const inputs = () => [...IDS.slice(0, 8).map((id) => `2023/${id}.yaml`), ...IDS.slice(8).map((id) => `2023/sub/${id}.yaml`)];

  beforeAll(() => {
    dir = batchData(IDS.slice(0, 8), 'juesuan-root-');
    mkdirSync(join(data(), '2023/sub'));
    for (const id of IDS.slice(8)) writeFileSync(join(data(), `2023/sub/${id}.yaml`), department(id));
    // Three working folders: the project, the scratch folder above data/, a year folder inside it.
    mkdirSync(join(dir, 'elsewhere'));
    cwds = [ROOT, join(dir, 'elsewhere'), join(data(), '2023')];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans the same shard for every input wherever it is run from, with the arguments spelled differently', () => {
    const plans = (args: (cwd: string) => string[]) =>
      cwds.map((cwd) =>
        [1, 2, 3].map((k) => {
          const r = cli(['batch', ...args(cwd), '-o', join(dir, 'plan'), '--shard', `${k}/3`, '--dry-run'], cwd);
          expect(r.code, r.stderr).toBe(0);
          return [...r.stdout.matchAll(/^render .* → (.*)$/gm)].map((m) => relative(join(dir, 'plan'), m[1]!)).sort();
        }),
      );
    const absolute = plans(() => [data()]);
    const relativeArgs = plans((cwd) => [relative(cwd, data()) || '.']);
    const globs = plans((cwd) => [`${relative(cwd, data())}/**/*.yaml`]);
    const years = plans(() => [join(data(), '2023')]);
    for (const p of [...absolute, ...relativeArgs, ...globs, ...years]) expect(p).toEqual(absolute[0]);
    // The three slices cover every input once, each under its path relative to the data folder.
    const all = absolute[0]!.flat().sort();
    expect(all).toEqual(inputs().map((f) => f.replace(/\.yaml$/, '.pdf')).sort());
    expect(existsSync(join(dir, 'plan'))).toBe(false);
  });

  it('3 shards run at once from 3 working folders into one folder render every input exactly once', async () => {
    const out = join(dir, 'shared');
    const runs = await Promise.all(cwds.map((cwd, i) => cliAsync(['batch', data(), '-o', out, '--jobs', '1', '--shard', `${i + 1}/3`], { cwd }).done));
    const rendered: string[] = [];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      rendered.push(...[...r.stderr.matchAll(/^\[\s*\d+\/\d+\] ok\s+\S+ → (\S+)（/gm), ...r.stderr.matchAll(/^\[\s*\d+\/\d+\] warnings \S+ → (\S+)（/gm)].map((m) => m[1]!));
    }
    expect(rendered).toHaveLength(IDS.length);
    expect(new Set(rendered.map((f) => f.replace(/^.*\/2023\//, ''))).size).toBe(IDS.length);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries as Entry[];
    expect(manifest.map((e) => e.input)).toEqual(inputs().map((f) => `../data/${f}`).sort());
    expect(manifest.every((e) => e.status === 'ok')).toBe(true);
    expect(tree(out)).toEqual([...inputs().map((f) => f.replace(/\.yaml$/, '.pdf')), 'manifest.json', 'findings.csv', 'summary.html'].sort());
  });

  it('3 shards from 3 working folders into their own folders: the manifests together cover every input once', async () => {
    const outs = cwds.map((_, i) => join(dir, `own-${i + 1}`));
    const runs = await Promise.all(cwds.map((cwd, i) => cliAsync(['batch', data(), '-o', outs[i]!, '--jobs', '1', '--shard', `${i + 1}/3`], { cwd }).done));
    const covered: string[] = [];
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(0);
      const entries = JSON.parse(readFileSync(join(outs[i]!, 'manifest.json'), 'utf8')).entries as Entry[];
      for (const e of entries) {
        expect(e.status).toBe('ok');
        expect(existsSync(join(outs[i]!, e.output))).toBe(true);
        covered.push(e.input);
      }
    }
    expect(covered.sort()).toEqual(inputs().map((f) => `../data/${f}`).sort());
  });

  it('a later run from another folder keeps the entries an earlier run wrote', () => {
    const out = join(dir, 'shared');
    const r = cli(['batch', join(data(), '2023/sub'), '-o', out, '--jobs', '2'], join(dir, 'elsewhere'));
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).entries as Entry[];
    expect(manifest.map((e) => e.input)).toEqual(inputs().map((f) => `../data/${f}`).sort());
  });
});
