import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { cli, ROOT } from './helpers';
import { generatedDistrict } from './district-support';

// The examples of docs/batch.md "Past one machine": they parse, say what the docs say, and their
// shell scripts, run here as the job engine would run them, give the single run's manifest.
const K8S = join(ROOT, 'docs/examples/k8s-indexed-job.yaml');
const GHA = join(ROOT, 'docs/examples/github-actions-district.yml');

type Manifest = { entries: { input: string; output: string; ms: number; [k: string]: unknown }[]; [k: string]: unknown };
const readManifest = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Manifest;
/**
 * Times aside, each PDF named by its path below its shard's folder, and the data folder named
 * alike (the runs here write at other depths, and the CI checkout reaches it through ./data).
 */
const comparable = (m: Manifest) => {
  const data = (p: string) => p.replace(/^(\.\.\/)+(district|data)\//, 'DATA/');
  return JSON.parse(JSON.stringify({ ...m, entries: m.entries.map((e) => ({ ...e, ms: 0, output: e.output.replace(/^\.\.\/shard-\d\//, '') })) }), (k, v) =>
    (k === 'input' || k === 'file') && typeof v === 'string' ? data(v) : k === 'root' ? data(`${v}/`) : v,
  );
};

/** Runs a script with sh as a container or runner would, `juesuan` on PATH. */
function sh(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script], { cwd, env: { ...process.env, CI: '1', ...env } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('docs/examples: a Kubernetes Indexed Job and a CI matrix', () => {
  let dir: string;
  let data: string;
  let bin: string;
  beforeAll(() => {
    ({ dir, data } = generatedDistrict(8, 11, { plant: true, prefix: 'juesuan-examples-' }));
    // `juesuan` on PATH, as in the image or after npm ci
    bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'juesuan'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin/juesuan.js'))} "$@"\n`);
    chmodSync(join(bin, 'juesuan'), 0o755);
    const single = cli(['batch', data, '-o', join(dir, 'single'), '--jobs', '2'], ROOT, { CI: '1' });
    expect(single.code, single.stderr).toBe(1); // errors are planted
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the Indexed Job: its pods, run at once with their completion index, and then its merge give the single run', async () => {
    const docs = parseAllDocuments(readFileSync(K8S, 'utf8'));
    for (const d of docs) expect(d.errors).toEqual([]);
    const [shards, merge] = docs.map((d) => d.toJS()) as any[];
    expect(shards.kind).toBe('Job');
    expect(shards.spec.completionMode).toBe('Indexed');
    const n = shards.spec.completions as number;
    expect(shards.spec.parallelism).toBe(n);
    const container = shards.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(Number(env.SHARDS)).toBe(n);
    expect(container.command.slice(0, 2)).toEqual(['sh', '-c']);
    const script = container.command[2] as string;
    expect(script).toContain('--shard "$k/$SHARDS"');
    const mergeContainer = merge.spec.template.spec.containers[0];
    expect(merge.kind).toBe('Job');
    expect(mergeContainer.command[2]).toContain('juesuan batch merge');
    expect(Number(mergeContainer.env.find((e: { name: string }) => e.name === 'SHARDS').value)).toBe(n);

    // The pods at once, each with its index (the data and output folders moved as a volume would be mounted).
    const out = join(dir, 'k8s');
    const path = `${bin}:${process.env.PATH}`;
    const pods = await Promise.all(Array.from({ length: n }, (_, i) => sh(script, { ...env, DATA: data, OUT: out, JOB_COMPLETION_INDEX: String(i), PATH: path }, dir)));
    for (const p of pods) expect(p.code, p.stderr).toBe(0); // data errors do not fail a pod
    const m = await sh(mergeContainer.command[2], { SHARDS: String(n), OUT: out, PATH: path }, dir);
    expect(m.code, m.stderr).toBe(0);
    expect(comparable(readManifest(join(out, 'district/manifest.json')))).toEqual(comparable(readManifest(join(dir, 'single/manifest.json'))));
    const csv = (p: string) => readFileSync(p, 'utf8').replace(/(\.\.\/)+(district|data)\//g, 'DATA/');
    expect(csv(join(out, 'district/findings.csv'))).toBe(csv(join(dir, 'single/findings.csv')));
    expect(csv(join(out, 'district/findings.csv'))).toContain(',错误,');
    // Every shard wrote its own manifest.
    for (let k = 1; k <= n; k++) expect(readManifest(join(out, `shard-${k}/manifest.json`)).entries.length).toBeGreaterThan(0);
  });

  it('the CI matrix: one job per shard, then the merge; its steps, run on one machine, give the single run', async () => {
    const wf = parse(readFileSync(GHA, 'utf8'));
    const shards = wf.jobs.render.strategy.matrix.shard as number[];
    expect(shards).toEqual(shards.map((_, i) => i + 1));
    const renderStep = wf.jobs.render.steps.find((s: { run?: string }) => s.run?.includes('juesuan batch'));
    expect(renderStep.run).toContain(`--shard "\${{ matrix.shard }}/${shards.length}"`);
    expect(wf.jobs.merge.needs).toBe('render');
    const mergeStep = wf.jobs.merge.steps.find((s: { run?: string }) => s.run?.includes('juesuan batch merge'));
    const download = wf.jobs.merge.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/download-artifact'));
    expect(download.with.pattern).toBe('shard-*');
    const upload = wf.jobs.render.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload.with.path).toBe('out/shard-${{ matrix.shard }}');

    // A checkout: the data folder at ./data. `npx juesuan` is the juesuan on PATH here.
    const work = join(dir, 'gha');
    mkdirSync(work);
    symlinkSync(data, join(work, 'data'));
    const path = `${bin}:${process.env.PATH}`;
    const run = (s: string, shard?: number) => s.replaceAll('npx juesuan', 'juesuan').replaceAll('${{ matrix.shard }}', String(shard));
    const jobs = await Promise.all(shards.map((k) => sh(run(renderStep.run, k), { PATH: path }, work)));
    for (const j of jobs) expect(j.code, j.stderr).toBe(0);
    const m = await sh(run(mergeStep.run), { PATH: path }, work);
    expect(m.code, m.stderr).toBe(0);
    // One machine, the same checkout: the whole data folder in one batch.
    const single = await sh('juesuan batch data -o out/single --jobs 2 || test $? -eq 1', { PATH: path }, work);
    expect(single.code, single.stderr).toBe(0);
    const merged = readManifest(join(work, 'out/district/manifest.json'));
    expect(comparable(merged)).toEqual(comparable(readManifest(join(work, 'out/single/manifest.json'))));
    // The merged entries come from every shard's folder.
    expect(new Set(merged.entries.map((e) => e.output.split('/')[1])).size).toBe(shards.length);
  });
});
