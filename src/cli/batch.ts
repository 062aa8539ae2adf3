import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { discoverInputs, display, outputFolder, outputPath, type FoundInput } from '../batch/discovery.js';
import { inShard, parseShard, type Shard } from '../batch/shard.js';
import {
  environmentHash,
  fromManifestRef,
  InputHasher,
  MANIFEST_NAME,
  manifestRef,
  readManifest,
  sha256Hex,
  updateManifest,
  type ManifestEntry,
  type ManifestFinding,
  type PreviousPdf,
} from '../batch/manifest.js';
import { LockError } from '../batch/manifest-lock.js';
import { FINDINGS_NAME, SUMMARY_NAME, writeBureauFiles } from '../batch/bureau-files.js';
import { mergeEntries, mergeProblem, readMergeSource, type MergeSource } from '../batch/merge.js';
import { WorkerPool } from '../batch/pool.js';
import { outputFolderProblem, outputsOntoInputs } from '../batch/output-guard.js';
import { publishedHash, renderedPdfs, withoutOwnPdfs } from '../batch/published-inputs.js';
import { removeStaleTemps } from '../io/stale-temps.js';
import { fsProblem } from '../io/fs-errors.js';
import { PACKAGE_ROOT, packageVersion } from '../package-root.js';
import { pathToFileURL } from 'node:url';
import { Progress } from '../batch/progress.js';
import type { Task, TaskResult, WorkerMemory } from '../batch/worker.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { tempPathFor } from '../io/write-atomic.js';
import { UsageError } from '../failure/usage-error.js';

const BATCH_USAGE = `用法 (usage):
  juesuan batch <dir|glob>... [-o <dir>] [--jobs N] [--changed] [--shard k/n] [--dry-run] [--archive] [-v]
  juesuan batch merge <manifest.json...> [-o <dir>]   合并各分片的清单（见 juesuan batch merge --help）

  <dir|glob>     目录（其下所有 .yaml/.yml 和 .pdf）、文件或 glob；数据文件夹的 catalog/ 下的文件不算；
                 .pdf 是已公开的决算报告：读取其文字后校验（同 juesuan check <report.pdf>），不生成、不改写
  -o <dir>       输出文件夹（默认 output/）；PDF 按输入在数据文件夹中的相对路径存放，
                 另写 manifest.json、findings.csv（问题清单）和 summary.html（汇总页）
  --jobs N       并行数（默认 CPU 核数）
  --changed      跳过输入、目录（catalog）、模板、字体配置和版本都未变且 PDF 完好的报告
  --shard k/n    只做 n 份中的第 k 份（按相对路径的稳定哈希划分，与当前所在文件夹无关）
  --dry-run      只列出将要生成或跳过的文件，不生成
  --archive      存档：与计算值不符的固定值（pins）记为警告而非错误（同 render/check --archive）
  -v, --verbose  也列出成功报告的警告（失败的报告总是列出全部问题；所有问题都记入 manifest.json）

生成失败的报告不会删除或替换上次生成的 PDF。
退出码 (exit codes): 0 全部成功（可有警告）；1 有输入失败；2 用法错误、输出文件夹或清单不可用；
  130/143 被 Ctrl-C（SIGINT）/ SIGTERM 中断（已完成的记入清单）`;

interface Planned extends FoundInput {
  /** How the user reads the input and the PDF: relative to cwd when inside it, else absolute. */
  key: string;
  outAbs: string;
  outKey: string;
  /** How the manifest names them: relative to its folder. */
  ref: string;
  outRef: string;
  inputHash: string;
  /** Why the input cannot be read, when it cannot. */
  unreadable?: string;
  /** The input that already writes this PDF (x.yaml beside x.yml). */
  collision?: string;
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** The young generation of a batch worker (MB); JUESUAN_YOUNG_MB overrides it for measuring. */
const YOUNG_MB = Number(process.env.JUESUAN_YOUNG_MB) || 4;

const MERGE_USAGE = `用法 (usage):
  juesuan batch merge <manifest.json|文件夹>... [-o <dir>]

  把各分片（--shard k/n）写出的清单合并为一份 manifest.json，并写出 findings.csv 和 summary.html。
  各清单须来自同一批输入（同一数据根目录）和同一版本；同一输入出现在多份清单中时，取较新的清单中的记录。
  -o <dir>       输出文件夹（默认 output/）；不能是某份输入清单所在的文件夹
退出码 (exit codes): 0 已合并；2 用法错误，或清单无法读取、不能合并`;

/** `juesuan batch`: see BATCH_USAGE and docs/batch.md. */
export async function batch(args: string[]): Promise<number> {
  if (args[0] === 'merge') return batchMerge(args.slice(1));
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
        archive: { type: 'boolean' },
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
  if (values.output !== undefined && values.output.trim() === '') throw new UsageError('-o 后应为输出文件夹，而不是空字符串');
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，而不是 ${values.jobs}`);
  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    shard = parseShard(values.shard);
    if (!shard) throw new UsageError(`--shard 应为 k/n（1 ≤ k ≤ n），而不是 ${values.shard}`);
  }

  const cwd = process.cwd();
  const refuse = (message: string): number => {
    process.stderr.write(`juesuan: ${message}\n`);
    return 2;
  };
  const found = await discoverInputs(positionals, cwd);
  if (found.unmatched.length > 0) {
    process.stderr.write(found.unmatched.map((a) => `juesuan: 没有找到 YAML 或 PDF 文件：${a}\n`).join(''));
    return 2;
  }

  // Everything that would stop the batch is found before anything is rendered.
  const outDir = outputFolder(values.output, cwd);
  const manifestPath = join(outDir, MANIFEST_NAME);
  const folderProblem = outputFolderProblem(outDir, (p) => display(p, cwd));
  if (folderProblem) return refuse(`${folderProblem}（未生成任何 PDF）`);
  const read = readManifest(manifestPath, cwd);
  if (read.kind === 'bad') {
    return refuse(
      `清单 ${display(manifestPath, cwd)} 无法使用：${read.problem}。为免覆盖它，本次未生成任何 PDF；` +
        `请检查该文件，把它移走或改名（例如 ${MANIFEST_NAME}.bad）后重新运行（没有清单时全部重新生成）`,
    );
  }
  if (isFolder(`${manifestPath}.lock`)) {
    return refuse(`锁文件 ${display(`${manifestPath}.lock`, cwd)} 是一个文件夹，不是文件；请移走它后重新运行（未生成任何 PDF）`);
  }
  const previous = new Map((read.kind === 'ok' ? read.manifest.entries : []).map((e) => [e.input, e]));
  const inputs = withoutOwnPdfs(found.inputs, renderedPdfs(found.inputs, outDir, read.kind === 'ok' ? read.manifest.entries : []));

  // Two inputs that would write the same PDF (x.yaml beside x.yml): the first keeps it.
  const owner = new Map<string, string>();
  const all: Planned[] = inputs.map((f) => {
    // A published PDF is checked where it lies: its "output" is itself, for the summary's link.
    const outAbs = f.published ? f.abs : outputPath(outDir, f.rel);
    const key = display(f.abs, cwd);
    const first = f.published ? undefined : owner.get(outAbs);
    if (first === undefined && !f.published) owner.set(outAbs, key);
    return {
      ...f,
      key,
      outAbs,
      outKey: display(outAbs, cwd),
      ref: manifestRef(f.abs, outDir),
      outRef: manifestRef(outAbs, outDir),
      inputHash: '',
      collision: first,
    };
  });
  const clashes = outputsOntoInputs(
    all.map((p) => p.abs),
    [...all.filter((p) => !p.published).map((p) => p.outAbs), manifestPath, `${manifestPath}.lock`, join(outDir, FINDINGS_NAME), join(outDir, SUMMARY_NAME)],
  );
  if (clashes.length > 0) {
    return refuse(
      `输出会覆盖输入，已拒绝（未生成任何 PDF）：\n` +
        clashes.map((c) => `  ${display(c.output, cwd)} 就是输入文件 ${display(c.input, cwd)}（同一文件的另一个名字或链接）\n`).join('') +
        `请用 -o 指定另一个输出文件夹`,
    );
  }
  const selected = all.filter((p) => inShard(p.rel, shard));

  const version = packageVersion();
  const generator = `juesuan ${version}`;
  // The tool's own templates, fonts and code, wherever the batch is run from.
  const environment = environmentHash(version, PACKAGE_ROOT);
  // --archive changes what is an error: a run with it is not the same as one without, for --changed.
  const templatesHash = values.archive ? sha256Hex(Buffer.from(`${environment}\0archive`)) : environment;
  const hasher = new InputHasher(cwd);

  const toRender: Planned[] = [];
  const skipped: Planned[] = [];
  for (const p of selected) {
    try {
      p.inputHash = p.published ? publishedHash(p.abs) : hasher.hash(p.abs);
    } catch (e) {
      p.inputHash = 'unreadable';
      p.unreadable = fsProblem(e);
    }
    if (values.changed && unchanged(p, previous.get(p.ref), templatesHash)) skipped.push(p);
    else toRender.push(p);
  }

  const scope = shard ? `第 ${shard.k}/${shard.n} 片：${selected.length}/${all.length} 份` : `${all.length} 份`;
  const skipNote = values.changed ? `，${skipped.length} 份未变化跳过` : '';
  if (values['dry-run']) {
    for (const p of toRender) process.stdout.write(p.published ? `check  ${p.key}\n` : `render ${p.key} → ${p.outKey}\n`);
    for (const p of skipped) process.stdout.write(`skip   ${p.key}（未变化）\n`);
    process.stderr.write(`juesuan: ${scope}${skipNote}，将生成 ${toRender.length} 份（--dry-run，未生成）\n`);
    return 0;
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    return refuse(`无法建立输出文件夹 ${display(outDir, cwd)}：${fsProblem(e)}（未生成任何 PDF）`);
  }
  const debris = removeStaleTemps(new Set([outDir, ...selected.filter((p) => !p.published).map((p) => dirname(p.outAbs))]));
  if (debris.length > 0) process.stderr.write(`juesuan: 删除了 ${debris.length} 个被中断的运行遗留的临时文件\n`);

  const workers = Math.max(1, Math.min(jobs, toRender.length));
  const checking = toRender.filter((p) => p.published).length;
  const work = checking > 0 ? `生成 ${toRender.length - checking} 份、检查已公开的 PDF ${checking} 份` : `生成 ${toRender.length} 份`;
  process.stderr.write(`juesuan: ${scope}${skipNote}，${work} → ${display(outDir, cwd)}（${workers} 个并行）\n`);

  const progress = new Progress(toRender.length, Boolean(values.verbose));
  progress.skipped(skipped.length);
  progress.start();
  const entries: ManifestEntry[] = [];
  const heapPeak = { used: 0, total: 0, external: 0 };
  const memory: (WorkerMemory & { input: string })[] = [];
  const pool = new WorkerPool<Omit<Task, 'id'>, TaskResult>(pathToFileURL(join(PACKAGE_ROOT, 'dist/start/worker.js')), workers, {
    // A runaway report is stopped (and fails alone) long before it could take the machine down.
    maxOldGenerationSizeMb: 2048,
    // A report's garbage is short-lived: a smaller young generation is collected more often and
    // keeps each worker's footprint lower, at no measurable cost per report.
    maxYoungGenerationSizeMb: YOUNG_MB,
  });

  // SIGINT / SIGTERM: stop rendering, record what was done and what was not, exit non-zero. A
  // second signal while the manifest is being finished ends the process at once.
  let stopped: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopped) {
      process.stderr.write(`\njuesuan: 再次收到 ${signal}，立即退出（清单可能未更新）\n`);
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    }
    stopped = signal;
    progress.finish();
    process.stderr.write(`juesuan: 收到 ${signal}，停止生成；已完成的报告记入清单，其余记为未完成（interrupted）\n`);
    void pool.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const t0 = performance.now();
    try {
      await Promise.all(
        toRender.map(async (p) => {
          let result: TaskResult;
          if (p.collision !== undefined) {
            result = failed(p.key, 'output-collision', `输出 ${p.outKey} 已由 ${p.collision} 占用（同名的 .yaml/.yml？）`);
          } else if (p.unreadable !== undefined) {
            result = failed(p.key, 'unreadable', `无法读取输入文件：${p.unreadable}`);
          } else {
            try {
              result = await pool.run({ input: p.key, output: p.outAbs, archive: Boolean(values.archive) });
            } catch (e) {
              if (stopped) return;
              result = failed(p.key, 'worker-crash', `处理该文件的工作线程异常退出：${(e as Error).message}`);
            }
          }
          if (stopped) return;
          if (result.memory.thread !== 0) {
            heapPeak.used = Math.max(heapPeak.used, result.memory.heapUsed);
            heapPeak.total = Math.max(heapPeak.total, result.memory.heapTotal);
            heapPeak.external = Math.max(heapPeak.external, result.memory.external);
            memory.push({ ...result.memory, input: p.key });
          }
          // A failure never touches what is at the output path: an earlier good PDF stays, and is recorded as out of date.
          const kept = result.status === 'failed' ? previousPdf(p, previous.get(p.ref)) : null;
          entries.push(entry(p, result, templatesHash, kept, cwd, outDir));
          progress.report({ input: p.key, output: p.outKey, status: result.status, findings: result.findings, pages: result.pages, ms: result.ms, kept: kept !== null, published: p.published });
        }),
      );
    } finally {
      await pool.close();
      progress.finish();
    }
    const wallMs = performance.now() - t0;

    let notDone = 0;
    if (stopped) {
      const finished = new Set(entries.map((e) => e.input));
      for (const p of toRender) {
        if (finished.has(p.ref)) continue;
        notDone++;
        // A worker stopped between writing its temporary file and renaming it leaves that file
        // behind (workers are threads: they write under this process's id).
        if (!p.published) rmSync(tempPathFor(p.outAbs), { force: true });
        entries.push(interruptedEntry(p, templatesHash, previousPdf(p, previous.get(p.ref))));
      }
    }

    // Entries of inputs that no longer exist go; other runs' and other shards' entries stay.
    let code = 0;
    try {
      const update = await updateManifest(manifestPath, generator, entries, (e) => existsSync(fromManifestRef(e.input, outDir)), {
        cwd,
        root: manifestRef(found.root, outDir) || '.',
        alongside: (m) => writeBureauFiles(outDir, m),
      });
      if (update.setAside) {
        process.stderr.write(`juesuan: 清单 ${display(manifestPath, cwd)} 在本次运行中被改坏（${update.problem}），已改名为 ${display(update.setAside, cwd)} 保留，并写了新的清单\n`);
        code = 2;
      }
    } catch (e) {
      const why = e instanceof LockError ? e.message : `无法写出清单 ${display(manifestPath, cwd)}：${fsProblem(e)}`;
      process.stderr.write(`juesuan: ${why}\njuesuan: 本次生成的 PDF 已写出，但未记入清单\n`);
      code = 2;
    }

    const t = progress.tally;
    const secs = wallMs / 1000;
    const done = entries.length - notDone;
    const rate = toRender.length > 0 && secs > 0 ? done / secs : 0;
    const failures = entries.filter((e) => e.status === 'failed' || (e.status === 'checked' && e.errors > 0)).sort((a, b) => (a.input < b.input ? -1 : 1));
    let summary = '';
    if (failures.length) {
      const byRef = new Map(toRender.map((p) => [p.ref, p.key]));
      summary += `失败 (failed)：\n${failures.map((e) => `  ${byRef.get(e.input) ?? e.input}（${e.errors} 个错误${e.previous ? '，保留了上次的 PDF（已过时）' : ''}）\n`).join('')}`;
    }
    summary +=
      `juesuan: ${stopped ? `已中断，${notDone} 份未完成，` : ''}ok ${t.ok} · with warnings ${t.warnings} · failed ${t.failed} · skipped ${t.skipped}` +
      ` — ${secs.toFixed(1)} s, ${rate.toFixed(1)} reports/s；清单 ${display(manifestPath, cwd)}\n`;
    process.stderr.write(summary);

    if (process.env.JUESUAN_BATCH_STATS) {
      // For scripts/bench.mjs and tests/batch-memory.test.ts: peak V8 heap of any worker after a
      // report, each worker's memory after each report (in the order reports finished), the
      // process's peak RSS and CPU time.
      const ru = process.resourceUsage();
      writeFileSync(
        process.env.JUESUAN_BATCH_STATS,
        JSON.stringify({ jobs: workers, rendered: done, wallMs, heapPeak, memory, maxRssKb: ru.maxRSS, cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000 }),
      );
    }
    if (stopped) return SIGNAL_EXIT[stopped] ?? 1;
    if (code) return code;
    return t.failed > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** --changed: same input and catalog bytes, same templates/fonts/version, and the PDF still the one written. */
function unchanged(p: Planned, prev: ManifestEntry | undefined, templatesHash: string): boolean {
  // A published PDF with errors is checked again, as a failed YAML is rendered again: its errors are told every run.
  if (!prev || prev.status !== (p.published ? 'checked' : 'ok') || !prev.sha256 || (p.published && prev.errors > 0)) return false;
  if (prev.output !== p.outRef || prev.inputHash !== p.inputHash || prev.templatesHash !== templatesHash) return false;
  if (p.collision !== undefined || p.unreadable !== undefined) return false;
  try {
    return sha256Hex(readFileSync(p.outAbs)) === prev.sha256;
  } catch {
    return false;
  }
}

/**
 * The good PDF an earlier run left at the output path, when this run wrote none: the last ok
 * render the manifest recorded for the input (or the one it carried forward), if the file there
 * is still that PDF, byte for byte. Runs only for reports that did not render.
 */
function previousPdf(p: Planned, prev: ManifestEntry | undefined): PreviousPdf | null {
  if (!prev || prev.output !== p.outRef || p.collision !== undefined || p.published) return null;
  const earlier: PreviousPdf | null =
    prev.status === 'ok' && prev.sha256 !== null && prev.bytes !== null
      ? { sha256: prev.sha256, bytes: prev.bytes, pages: prev.pages, inputHash: prev.inputHash, templatesHash: prev.templatesHash }
      : prev.previous;
  if (!earlier) return null;
  try {
    if (statSync(p.outAbs).size !== earlier.bytes) return null;
    return sha256Hex(readFileSync(p.outAbs)) === earlier.sha256 ? earlier : null;
  } catch {
    return null;
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
    department: null,
    figures: null,
    memory: { thread: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0, live: null },
  };
}

function entry(p: Planned, r: TaskResult, templatesHash: string, previous: PreviousPdf | null, cwd: string, outDir: string): ManifestEntry {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return {
    input: p.ref,
    output: p.outRef,
    status: r.status,
    errors,
    warnings: r.findings.length - errors,
    sha256: r.sha256,
    pages: r.pages,
    bytes: r.bytes,
    ms: r.ms,
    inputHash: p.inputHash,
    templatesHash,
    previous,
    findings: r.findings.map((f) => manifestFinding(f, cwd, outDir)),
    department: r.department,
    figures: r.figures,
  };
}

function interruptedEntry(p: Planned, templatesHash: string, previous: PreviousPdf | null): ManifestEntry {
  return {
    input: p.ref,
    output: p.outRef,
    status: 'interrupted',
    errors: 0,
    warnings: 0,
    sha256: null,
    pages: null,
    bytes: null,
    ms: 0,
    inputHash: p.inputHash,
    templatesHash,
    previous,
    findings: [],
    department: null,
    figures: null,
  };
}

function manifestFinding(d: Diagnostic, cwd: string, outDir: string): ManifestFinding {
  return {
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    file: manifestRef(resolve(cwd, d.file), outDir),
    line: d.line ?? null,
    column: d.column ?? null,
    expected: d.expected ?? null,
    actual: d.actual ?? null,
  };
}

/** `juesuan batch merge`: see MERGE_USAGE and docs/batch.md. */
async function batchMerge(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${MERGE_USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('batch merge 需要至少一份 manifest.json（或其所在的文件夹）');
  if (values.output !== undefined && values.output.trim() === '') throw new UsageError('-o 后应为输出文件夹，而不是空字符串');
  const cwd = process.cwd();
  const refuse = (message: string): number => {
    process.stderr.write(`juesuan: ${message}（未写出任何文件）\n`);
    return 2;
  };

  const sources: MergeSource[] = [];
  const seen = new Set<string>();
  for (const arg of positionals) {
    const given = resolve(cwd, arg);
    const path = isFolder(given) ? join(given, MANIFEST_NAME) : given;
    const source = readMergeSource(path, cwd);
    if (typeof source === 'string') return refuse(`清单 ${display(path, cwd)} ${source}`);
    // The same file named twice (or through a link) is one manifest.
    const id = fileId(path);
    if (seen.has(id)) continue;
    seen.add(id);
    sources.push(source);
  }
  const problem = mergeProblem(sources, (p) => display(p, cwd));
  if (problem) return refuse(problem);

  const outDir = outputFolder(values.output, cwd);
  const manifestPath = join(outDir, MANIFEST_NAME);
  const folderProblem = outputFolderProblem(outDir, (p) => display(p, cwd));
  if (folderProblem) return refuse(folderProblem);
  const onto = outputsOntoInputs(
    sources.map((s) => s.path),
    [manifestPath],
  );
  if (onto.length > 0 || sources.some((s) => s.path === manifestPath)) {
    return refuse(`输出 ${display(manifestPath, cwd)} 就是要合并的清单之一；请用 -o 指定另一个输出文件夹`);
  }
  const existing = readManifest(manifestPath, cwd);
  if (existing.kind === 'bad') {
    return refuse(`清单 ${display(manifestPath, cwd)} 无法使用：${existing.problem}。为免覆盖它，请把它移走或改名（例如 ${MANIFEST_NAME}.bad）后重新运行`);
  }

  const merged = mergeEntries(sources, outDir);
  for (const o of merged.overlaps) {
    process.stderr.write(
      `juesuan: ${display(fromManifestRef(o.input, outDir), cwd)} 在 ${[o.kept, ...o.dropped].map((p) => display(p, cwd)).join('、')} 中都有记录，取较新的 ${display(o.kept, cwd)}\n`,
    );
  }
  try {
    mkdirSync(outDir, { recursive: true });
    await updateManifest(manifestPath, sources[0]!.manifest.generator, merged.entries, () => true, {
      cwd,
      root: manifestRef(sources[0]!.root, outDir) || '.',
      alongside: (m) => writeBureauFiles(outDir, m),
    });
  } catch (e) {
    const why = e instanceof LockError ? e.message : `无法写出 ${display(outDir, cwd)} 中的清单：${fsProblem(e)}`;
    process.stderr.write(`juesuan: ${why}\n`);
    return 2;
  }
  process.stderr.write(
    `juesuan: 合并了 ${sources.length} 份清单，共 ${merged.entries.length} 份报告 → ${display(manifestPath, cwd)}（另写 ${FINDINGS_NAME}、${SUMMARY_NAME}）\n`,
  );
  return 0;
}

/** Device and inode: one file under any name. */
function fileId(path: string): string {
  const st = statSync(path);
  return `${st.dev}:${st.ino}`;
}
