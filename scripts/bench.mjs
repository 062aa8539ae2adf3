#!/usr/bin/env node
// npm run bench — speed and memory of juesuan on this machine, against the targets of docs/batch.md.
//
//   node scripts/bench.mjs [--runs 5] [--copies 100] [--jobs 2] [--no-build] [--keep] [--json]
//
// Builds dist/ (unless --no-build), makes its inputs in a temporary folder (copies of the sample
// under different department ids, with the catalog beside them), and prints one table of medians.
// Every figure is a wall-clock time of the real thing: `node bin/juesuan.js …` as a user runs it,
// or renderReport() in a process that keeps its caches (what a batch worker does).
import { spawnSync, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = join(ROOT, 'data/2023/jiangan-housing.yaml');
const BIN = join(ROOT, 'bin/juesuan.js');

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    copies: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '2' },
    warm: { type: 'string', default: '10' },
    'no-build': { type: 'boolean' },
    keep: { type: 'boolean' },
    json: { type: 'boolean' },
  },
});
const RUNS = Math.max(1, Number(opt.runs));
const COPIES = Math.max(1, Number(opt.copies));
const JOBS = Math.max(1, Number(opt.jobs));
const WARM = Math.max(3, Number(opt.warm));

const note = (s) => process.stderr.write(`bench: ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const wall = (fn) => {
  const t0 = performance.now();
  const r = fn();
  return { ms: performance.now() - t0, r };
};

if (!opt['no-build']) {
  note('building (npm run build: tsc, then the bundles)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const load0 = loadavg()[0].toFixed(2);
const tmp = mkdtempSync(join(tmpdir(), 'juesuan-bench-'));
try {
  // ------------------------------------------------------------------ inputs
  const sampleText = readFileSync(SAMPLE, 'utf8');
  const sampleId = /^ {2}id:\s*([\w-]+)/m.exec(sampleText)?.[1];
  if (!sampleId) throw new Error(`no department id in ${SAMPLE}`);
  mkdirSync(join(tmp, 'data/2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(tmp, 'data/catalog'), { recursive: true });
  for (let i = 1; i <= COPIES; i++) {
    const id = `${sampleId}-${String(i).padStart(3, '0')}`;
    const text = sampleText.replace(new RegExp(`^( {2}id:\\s*)${sampleId}\\b`, 'm'), `$1${id}`);
    writeFileSync(join(tmp, `data/2023/${id}.yaml`), text);
  }
  note(`${COPIES} copies of ${SAMPLE.slice(ROOT.length + 1)} in ${tmp}`);

  // The tool's caches (code cache, compiled templates) in a folder of the bench's own: the first
  // run after an install or upgrade fills them, every later run uses them.
  const cacheDir = join(tmp, 'cache');
  const run = (args, env = {}) => {
    const { ms, r } = wall(() =>
      spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JUESUAN_CACHE_DIR: cacheDir, ...env } }),
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(`juesuan ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    return { ms, r };
  };

  // ------------------------------------------------------------------ 1. cold render (a user's `juesuan render`)
  note(`cold render × ${RUNS}…`);
  const cold = [];
  const coldPdf = join(tmp, 'cold.pdf');
  const firstEver = run(['render', SAMPLE, '-o', coldPdf]).ms; // fills the caches
  for (let i = 0; i < RUNS; i++) {
    const { ms, r } = run(['render', SAMPLE, '-o', coldPdf]);
    if (r.status !== 0) throw new Error(`render failed:\n${r.stderr}`);
    cold.push(ms);
  }
  const pdfBytes = statSync(coldPdf).size;

  // ------------------------------------------------------------------ 1b. cold import of that PDF (`juesuan import`)
  note(`cold import of the ${coldPdf.slice(tmp.length + 1)} × ${RUNS}…`);
  const coldImport = [];
  run(['import', coldPdf, '--dump-json']); // its code cache, as any earlier import would have left it
  for (let i = 0; i < RUNS; i++) {
    const { ms, r } = run(['import', coldPdf, '--dump-json']);
    if (r.status !== 0) throw new Error(`import failed:\n${r.stderr}`);
    coldImport.push(ms);
  }

  // ------------------------------------------------------------------ 2. warm render, stages, one worker's memory
  note(`warm renders (${WARM} per process) × ${RUNS}…`);
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
  const probe = join(tmp, 'warm.mjs');
  writeFileSync(
    probe,
    `
import { renderReport, toMarkup } from ${JSON.stringify(dist('render.js'))};
import { loadDepartment } from ${JSON.stringify(dist('load/index.js'))};
import { calculate } from ${JSON.stringify(dist('calculate/index.js'))};
import { runChecks } from ${JSON.stringify(dist('check/index.js'))};
import { loadFontSet } from ${JSON.stringify(dist('fonts/index.js'))};
import { layoutDocument } from ${JSON.stringify(dist('layout/index.js'))};
const file = process.argv[2], n = Number(process.argv[3]);
const t = () => performance.now();
// Let the event loop turn between reports, as a worker does between tasks: pdfkit's stream ends on
// process.nextTick, and a loop that never yields keeps every document alive.
const turn = () => new Promise((r) => setImmediate(r));
let t0 = t();
const fonts = loadFontSet();
const fontsMs = t() - t0;
t0 = t();
renderReport(file);
const firstMs = t() - t0;
await turn();
const total = [], stages = { load: [], calculate: [], check: [], template: [], layout: [], paint: [] };
for (let i = 0; i < n; i++) {
  t0 = t(); renderReport(file); const all = t() - t0; total.push(all);
  await turn();
  t0 = t(); const loaded = loadDepartment(file); const a = t() - t0;
  t0 = t(); const calc = calculate(loaded); const b = t() - t0;
  t0 = t(); runChecks(calc); const c = t() - t0;
  t0 = t(); const markup = toMarkup(calc); const d = t() - t0;
  t0 = t(); layoutDocument(markup, fonts); const e = t() - t0;
  stages.load.push(a); stages.calculate.push(b); stages.check.push(c); stages.template.push(d); stages.layout.push(e);
  stages.paint.push(Math.max(0, all - a - b - c - d - e));
  await turn();
}
const mem = process.memoryUsage();
process.stdout.write(JSON.stringify({ fontsMs, firstMs, total, stages, maxRssKb: process.resourceUsage().maxRSS, heapUsed: mem.heapUsed, external: mem.external }));
`,
  );
  const warm = [];
  const first = [];
  const fontsMs = [];
  const workerRss = [];
  const stageRuns = {};
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [probe, SAMPLE, String(WARM)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`warm probe failed:\n${r.stderr}`);
    const o = JSON.parse(r.stdout);
    warm.push(median(o.total));
    first.push(o.firstMs);
    fontsMs.push(o.fontsMs);
    workerRss.push(o.maxRssKb / 1024);
    for (const [k, xs] of Object.entries(o.stages)) (stageRuns[k] ??= []).push(median(xs));
  }

  // ------------------------------------------------------------------ 3. batch
  // The batch process without workers (it plans and exits): its RSS is the main thread's share.
  const planProbe = join(tmp, 'plan.mjs');
  writeFileSync(
    planProbe,
    `import { main } from ${JSON.stringify(dist('cli/main.js'))};
const code = await main(process.argv.slice(2));
process.stdout.write(JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }));`,
  );
  const mainRss = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [planProbe, 'batch', join(tmp, 'data'), '-o', join(tmp, 'plan-out'), '--dry-run'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    const o = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('{"code"')));
    mainRss.push(o.maxRssKb / 1024);
  }

  note(`batch of ${COPIES}, --jobs ${JOBS} × ${RUNS}…`);
  const batch = [];
  const batchCpu = [];
  const batchRss = [];
  const heapPeak = [];
  // An untimed batch of two fills the batch and worker code caches, as any earlier batch would have.
  const inputs = readdirSync(join(tmp, 'data/2023')).sort().slice(0, 2).map((f) => join(tmp, 'data/2023', f));
  run(['batch', ...inputs, '-o', join(tmp, 'warm-up-out'), '--jobs', String(JOBS)], { CI: '1' });
  for (let i = 0; i < RUNS; i++) {
    const out = join(tmp, `out-${i}`);
    const stats = join(tmp, `stats-${i}.json`);
    const { ms, r } = run(['batch', join(tmp, 'data'), '-o', out, '--jobs', String(JOBS)], { JUESUAN_BATCH_STATS: stats, CI: '1' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const bad = manifest.entries.filter((e) => e.status !== 'ok');
    if (r.status !== 0 || bad.length || manifest.entries.length !== COPIES) throw new Error(`batch run ${i}: exit ${r.status}, ${bad.length} failed:\n${r.stderr.slice(-2000)}`);
    const s = JSON.parse(readFileSync(stats, 'utf8'));
    batch.push(ms);
    batchCpu.push(s.cpuMs / COPIES);
    batchRss.push(s.maxRssKb / 1024);
    heapPeak.push((s.heapPeak.used + s.heapPeak.external) / 2 ** 20);
    rmSync(out, { recursive: true, force: true });
  }

  // ------------------------------------------------------------------ 4. studio: one reason edited
  note(`studio edits × ${RUNS}…`);
  const studioEdit = benchStudioEdit(tmp, dist);

  // ------------------------------------------------------------------ table
  const rate = COPIES / (median(batch) / 1000);
  const perWorker = batchRss.map((x, i) => (x - mainRss[Math.min(i, mainRss.length - 1)]) / JOBS);
  const rows = [
    ['cold `juesuan render` of the sample (wall)', '≤ 1000 ms', median(cold), 'ms', cold, median(cold) <= 1000],
    ['  the first run after an install (caches empty: code cache, templates)', '', firstEver, 'ms', [firstEver]],
    ['cold `juesuan import` of the sample PDF (81 pages, wall)', '≤ 1500 ms', median(coldImport), 'ms', coldImport, median(coldImport) <= 1500],
    ['warm render (fonts loaded, caches warm)', '≤ 200 ms', median(warm), 'ms', warm, median(warm) <= 200],
    ['  first render in a fresh process (after fonts)', '', median(first), 'ms', first],
    ['  font set parse (once per worker)', '', median(fontsMs), 'ms', fontsMs],
    ...Object.entries(stageRuns).map(([k, xs]) => [`  stage ${k}${k === 'paint' ? ' (≈ rest)' : ''}`, '', median(xs), 'ms', xs]),
    [`batch of ${COPIES}, --jobs ${JOBS} (wall, incl. start-up)`, '', median(batch), 'ms', batch],
    [`batch throughput`, '≥ 8 reports/s', rate, 'reports/s', batch.map((ms) => COPIES / (ms / 1000)), rate >= 8],
    [`  batch CPU time per report (all threads)`, '', median(batchCpu), 'ms', batchCpu],
    [`peak memory per worker ((batch max RSS − main thread's) / ${JOBS})`, '≤ 300 MB', median(perWorker), 'MB', perWorker, median(perWorker) <= 300],
    [`  batch process max RSS (main + ${JOBS} workers)`, '', median(batchRss), 'MB', batchRss],
    ['  main thread alone (batch --dry-run, max RSS)', '', median(mainRss), 'MB', mainRss],
    ['  largest worker V8 heap + external after a report', '', median(heapPeak), 'MB', heapPeak],
    ['  one process rendering serially (max RSS, incl. node itself)', '', median(workerRss), 'MB', workerRss],
    ['studio: a reason edited → findings and its page (HTTP, warm server)', '≤ 300 ms', median(studioEdit.total), 'ms', studioEdit.total, median(studioEdit.total) <= 300],
    ['  of which check and lay out (server)', '', median(studioEdit.server), 'ms', studioEdit.server],
    ['sample PDF size', '≤ 600 KB', pdfBytes / 1000, 'KB', [pdfBytes / 1000], pdfBytes <= 600_000],
  ];
  const fmt = (x, unit) => (unit === 'MB' || unit === 'reports/s' ? x.toFixed(2) : x.toFixed(0));
  if (opt.json) {
    process.stdout.write(`${JSON.stringify(rows.map(([name, target, med, unit, xs, ok]) => ({ name, target, median: med, unit, runs: xs, ok })), null, 2)}\n`);
  } else {
    const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
    const lines = [
      `juesuan bench — node ${process.version}, ${availableParallelism()} cores (${cpu}); medians of ${RUNS} runs; load average at start ${load0}, at end ${loadavg()[0].toFixed(2)}`,
      '',
      '| measure | target | median | range | |',
      '|---|---|---|---|---|',
      ...rows.map(([name, target, med, unit, xs, ok]) => {
        const range = xs.length > 1 ? `${fmt(Math.min(...xs), unit)}–${fmt(Math.max(...xs), unit)}` : '';
        const verdict = ok === undefined ? '' : ok ? 'met' : '**missed**';
        return `| ${name} | ${target} | ${fmt(med, unit)} ${unit} | ${range} | ${verdict} |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  if (opt.keep) note(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

/**
 * `juesuan studio` after an edit of one reason: the real server (dist/studio/server.js) over a
 * copy of the sample, a warm-up, then edits of 机关运行经费's reason, each timed from the request
 * to the page that prints it painted (a one-page PDF) and the findings back; medians per process.
 * Self-contained: its own data folder and process, nothing shared with the other measures.
 */
function benchStudioEdit(tmp, dist) {
  const dir = join(tmp, 'studio-data');
  mkdirSync(join(dir, '2023'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'catalog'), { recursive: true });
  cpSync(SAMPLE, join(dir, '2023/sample.yaml'));
  const probe = join(tmp, 'studio.mjs');
  writeFileSync(
    probe,
    `
import { startStudio } from ${JSON.stringify(dist('studio/server.js'))};
import { readFileSync } from 'node:fs';
const [dir, n] = [process.argv[2], Number(process.argv[3])];
const studio = await startStudio({ dir });
const base = 'http://127.0.0.1:' + studio.port;
const headers = { 'content-type': 'application/json', cookie: 'juesuan_studio=' + studio.token, host: '127.0.0.1:' + studio.port };
const text = readFileSync(dir + '/2023/sample.yaml', 'utf8');
const total = [], server = [];
for (let i = 0; i < n + 3; i++) {
  const t0 = performance.now();
  const r = await fetch(base + '/api/edit', { method: 'POST', headers, body: JSON.stringify({ path: '2023/sample.yaml', text, field: ['explanation', 'admin_operation', 'reason'], value: '主要原因是压减会议费' + i, kind: 'text' }) });
  const p = await r.json();
  const page = p.findings.find((f) => f.page !== undefined && f.path && f.path[1] === 'admin_operation')?.page ?? 27;
  const pdf = await fetch(base + '/api/page?rev=' + p.rev + '&n=' + page, { headers });
  await pdf.arrayBuffer();
  if (r.status !== 200 || pdf.status !== 200) throw new Error('studio edit failed: ' + r.status + ' ' + pdf.status);
  if (i >= 3) { total.push(performance.now() - t0); server.push(p.ms); }
}
await studio.close();
process.stdout.write(JSON.stringify({ total, server }));
`,
  );
  const total = [];
  const server = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, [probe, dir, '7'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`studio probe failed:\n${r.stderr}`);
    const o = JSON.parse(r.stdout);
    total.push(median(o.total));
    server.push(median(o.server));
  }
  return { total, server };
}
