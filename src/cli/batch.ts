import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { discoverInputs, display, outputFolder, type PlannedInput } from '../batch/discovery.js';
import { inShard, parseShard, type Shard } from '../batch/shard.js';
import {
  environmentHash,
  InputHasher,
  MANIFEST_NAME,
  readManifest,
  sha256Hex,
  updateManifest,
  type ManifestEntry,
  type ManifestFinding,
} from '../batch/manifest.js';
import { WorkerPool } from '../batch/pool.js';
import { PACKAGE_ROOT, packageVersion } from '../package-root.js';
import { pathToFileURL } from 'node:url';
import { Progress } from '../batch/progress.js';
import type { Task, TaskResult } from '../batch/worker.js';
import type { Diagnostic } from '../load/diagnostics.js';
import { UsageError } from './main.js';

const BATCH_USAGE = `用法 (usage):
  juesuan batch <dir|glob>... [-o <dir>] [--jobs N] [--changed] [--shard k/n] [--dry-run] [-v]

  <dir|glob>     目录（其下所有 .yaml/.yml）、文件或 glob；catalog/ 目录下的文件不算
  -o <dir>       输出目录（默认 output/）；PDF 按输入的目录结构存放，另写 manifest.json
  --jobs N       并行数（默认 CPU 核数）
  --changed      跳过输入、目录（catalog）、模板、字体配置和版本都未变且 PDF 完好的报告
  --shard k/n    只做 n 份中的第 k 份（按相对路径的稳定哈希划分）
  --dry-run      只列出将要生成或跳过的文件，不生成
  -v, --verbose  也列出成功报告的警告（失败的报告总是列出全部问题；所有问题都记入 manifest.json）

退出码 (exit codes): 0 全部成功（可有警告）；1 有输入失败；2 用法错误`;

type Planned = PlannedInput & { inputHash: string; collision?: string };

/** `juesuan batch`: see BATCH_USAGE and docs/batch.md. */
export async function batch(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        changed: { type: 'boolean' },
        shard: { type: 'string' },
        'dry-run': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${BATCH_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('batch 需要至少一个目录、文件或 glob');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，而不是 ${values.jobs}`);
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (!shard) throw new UsageError(`--shard 应为 k/n（1 ≤ k ≤ n），而不是 ${values.shard}`);
  }

  const cwd = process.cwd();
  const found = await discoverInputs(positionals, values.output, cwd);
  if (found.unmatched.length > 0) {
    process.stderr.write(found.unmatched.map((a) => `juesuan: 没有找到 YAML 文件：${a}\n`).join(''));
    return 2;
  }

  // Two inputs that would write the same PDF (x.yaml beside x.yml): the first keeps it.
  const owner = new Map<string, string>();
  const all: Planned[] = found.inputs.map((p) => {
    const first = owner.get(p.outAbs);
    if (first === undefined) owner.set(p.outAbs, p.key);
    return { ...p, inputHash: '', collision: first };
  });
  const selected = all.filter((p) => inShard(p.rel, shard));

  const outDir = outputFolder(values.output, cwd);
  const manifestPath = join(outDir, MANIFEST_NAME);
  const version = packageVersion();
  const generator = `juesuan ${version}`;
  // The tool's own templates, fonts and code, wherever the batch is run from.
  const templatesHash = environmentHash(version, PACKAGE_ROOT);
  const hasher = new InputHasher(cwd);
  const previous = new Map((readManifest(manifestPath)?.entries ?? []).map((e) => [e.input, e]));

  const toRender: Planned[] = [];
  const skipped: Planned[] = [];
  for (const p of selected) {
    p.inputHash = hasher.hash(p.abs);
    if (values.changed && unchanged(p, previous.get(p.key), templatesHash)) skipped.push(p);
    else toRender.push(p);
  }

  const scope = shard ? `第 ${shard.k}/${shard.n} 片：${selected.length}/${all.length} 份` : `${all.length} 份`;
  const skipNote = values.changed ? `，${skipped.length} 份未变化跳过` : '';
  if (values['dry-run']) {
    for (const p of toRender) process.stdout.write(`render ${p.key} → ${p.outKey}\n`);
    for (const p of skipped) process.stdout.write(`skip   ${p.key}（未变化）\n`);
    process.stderr.write(`juesuan: ${scope}${skipNote}，将生成 ${toRender.length} 份（--dry-run，未生成）\n`);
    return 0;
  }
  const workers = Math.max(1, Math.min(jobs, toRender.length));
  process.stderr.write(`juesuan: ${scope}${skipNote}，生成 ${toRender.length} 份 → ${display(outDir, cwd)}（${workers} 个并行）\n`);

  const progress = new Progress(toRender.length, Boolean(values.verbose));
  progress.skipped(skipped.length);
  progress.start();
  const entries: ManifestEntry[] = [];
  const heapPeak = { used: 0, total: 0, external: 0 };
  const pool = new WorkerPool<Omit<Task, 'id'>, TaskResult>(pathToFileURL(join(PACKAGE_ROOT, 'dist/start/worker.js')), workers, {
    // A runaway report is stopped (and fails alone) long before it could take the machine down.
    maxOldGenerationSizeMb: 2048,
  });

  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    void pool.close();
  };
  process.once('SIGINT', onSigint);

  const t0 = performance.now();
  try {
    await Promise.all(
      toRender.map(async (p) => {
        let result: TaskResult;
        if (p.collision !== undefined) {
          result = failed(p.key, 'output-collision', `输出 ${p.outKey} 已由 ${p.collision} 占用（同名的 .yaml/.yml？）`);
        } else {
          try {
            result = await pool.run({ input: p.key, output: p.outAbs });
          } catch (e) {
            if (interrupted) return;
            result = failed(p.key, 'worker-crash', `处理该文件的工作线程异常退出：${(e as Error).message}`);
          }
        }
        if (interrupted) return;
        heapPeak.used = Math.max(heapPeak.used, result.heap.used);
        heapPeak.total = Math.max(heapPeak.total, result.heap.total);
        heapPeak.external = Math.max(heapPeak.external, result.heap.external);
        if (result.status === 'failed') removeStalePdf(p, previous.get(p.key));
        entries.push(entry(p, result, templatesHash, cwd));
        progress.report({ input: p.key, output: p.outKey, status: result.status, findings: result.findings, pages: result.pages, ms: result.ms });
      }),
    );
  } finally {
    process.removeListener('SIGINT', onSigint);
    await pool.close();
    progress.finish();
  }
  if (interrupted) {
    // A worker stopped between writing its temporary file and renaming it leaves that file behind
    // (the name is the one src/cli/write-atomic.ts uses; workers share the process id).
    const finished = new Set(entries.map((e) => e.input));
    for (const p of toRender) {
      if (!finished.has(p.key)) rmSync(join(dirname(p.outAbs), `.${basename(p.outAbs)}.${process.pid}.tmp`), { force: true });
    }
  }
  const wallMs = performance.now() - t0;

  // Entries of inputs that no longer exist go; other runs' and other shards' entries stay.
  await updateManifest(manifestPath, generator, entries, (e) => existsSync(resolve(cwd, e.input)));

  const t = progress.tally;
  const secs = wallMs / 1000;
  const rate = toRender.length > 0 && secs > 0 ? entries.length / secs : 0;
  const failures = entries.filter((e) => e.status === 'failed').sort((a, b) => (a.input < b.input ? -1 : 1));
  let summary = '';
  if (failures.length) summary += `失败 (failed)：\n${failures.map((e) => `  ${e.input}（${e.errors} 个错误）\n`).join('')}`;
  summary +=
    `juesuan: ${interrupted ? '已中断，' : ''}ok ${t.ok} · with warnings ${t.warnings} · failed ${t.failed} · skipped ${t.skipped}` +
    ` — ${secs.toFixed(1)} s, ${rate.toFixed(1)} reports/s；清单 ${display(manifestPath, cwd)}\n`;
  process.stderr.write(summary);

  if (process.env.JUESUAN_BATCH_STATS) {
    // For scripts/bench.mjs: peak V8 heap of any worker after a report, the process's peak RSS and CPU time.
    const ru = process.resourceUsage();
    writeFileSync(
      process.env.JUESUAN_BATCH_STATS,
      JSON.stringify({ jobs: workers, rendered: entries.length, wallMs, heapPeak, maxRssKb: ru.maxRSS, cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000 }),
    );
  }
  if (interrupted) return 130;
  return t.failed > 0 ? 1 : 0;
}

/** --changed: same input and catalog bytes, same templates/fonts/version, and the PDF still the one written. */
function unchanged(p: Planned, prev: ManifestEntry | undefined, templatesHash: string): boolean {
  if (!prev || prev.status !== 'ok' || !prev.sha256) return false;
  if (prev.output !== p.outKey || prev.inputHash !== p.inputHash || prev.templatesHash !== templatesHash) return false;
  if (p.collision !== undefined) return false;
  try {
    return sha256Hex(readFileSync(p.outAbs)) === prev.sha256;
  } catch {
    return false;
  }
}

/**
 * An input that rendered before and fails now must not leave its old PDF looking current. Only a
 * file this tool wrote (its hash is in the manifest) is removed; anything else there is left alone.
 */
function removeStalePdf(p: Planned, prev: ManifestEntry | undefined): void {
  if (!prev || prev.status !== 'ok' || !prev.sha256 || prev.output !== p.outKey || p.collision !== undefined) return;
  try {
    if (sha256Hex(readFileSync(p.outAbs)) === prev.sha256) rmSync(p.outAbs, { force: true });
  } catch {
    /* already gone */
  }
}

function failed(input: string, rule: string, message: string): TaskResult {
  return {
    status: 'failed',
    findings: [{ severity: 'error', rule, message, file: input }],
    pages: null,
    sha256: null,
    bytes: null,
    ms: 0,
    heap: { used: 0, total: 0, external: 0 },
  };
}

function entry(p: Planned, r: TaskResult, templatesHash: string, cwd: string): ManifestEntry {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return {
    input: p.key,
    output: p.outKey,
    status: r.status,
    errors,
    warnings: r.findings.length - errors,
    sha256: r.sha256,
    pages: r.pages,
    bytes: r.bytes,
    ms: r.ms,
    inputHash: p.inputHash,
    templatesHash,
    findings: r.findings.map((f) => manifestFinding(f, cwd)),
  };
}

function manifestFinding(d: Diagnostic, cwd: string): ManifestFinding {
  return {
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    file: display(resolve(cwd, d.file), cwd),
    line: d.line ?? null,
    column: d.column ?? null,
  };
}
