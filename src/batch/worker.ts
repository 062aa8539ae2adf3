import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { threadId, type MessagePort } from 'node:worker_threads';
import { renderReport, PACKAGE_ROOT } from '../render.js';
import { loadFontSet } from '../fonts/index.js';
import { loadTemplates } from '../template/index.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { writeAtomic } from '../io/write-atomic.js';
import { fsProblem } from '../io/fs-errors.js';
import { classifyFailure } from '../failure/classify.js';
import { departmentFigures } from './figures.js';
import { checkPublished, PUBLISHED } from './check-published.js';
import type { DepartmentFigures } from './manifest-shape.js';

/** main → worker */
export interface Task {
  id: number;
  /** The input as the user sees it (relative to the shared working directory): findings name it. */
  input: string;
  /** Absolute path of the PDF to write; for a published PDF (checked, not rendered), the input itself. */
  output: string;
  /** `--archive`: pins beyond 尾数误差 are warnings, as for `render --archive` and `check --archive`. */
  archive?: boolean;
}

/** worker → main */
export interface TaskResult {
  /** ok: rendered; checked: a published PDF read and checked (errors allowed); failed: neither. */
  status: 'ok' | 'checked' | 'failed';
  findings: Diagnostic[];
  pages: number | null;
  sha256: string | null;
  bytes: number | null;
  ms: number;
  /** The department's name, when its file loaded. */
  department: string | null;
  /** For the batch summary, when the report was calculated. */
  figures: DepartmentFigures | null;
  /** This worker's memory after the task: the bench's and the memory test's figures. */
  memory: WorkerMemory;
}

/** Bytes, after a task. `rss` is the whole process's (threads share it); the rest this worker's own. */
export interface WorkerMemory {
  thread: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  /**
   * The heap and external memory still in use after a full collection: what the worker keeps
   * from one report to the next. Measured only for the bench and tests (JUESUAN_BATCH_STATS set
   * and node run with --expose-gc), since a forced collection per report costs time; else null.
   */
  live: { heap: number; external: number } | null;
}

export interface Reply {
  id: number;
  result: TaskResult;
}

/**
 * One report, start to finish, in this worker: render, write the PDF atomically, hash it. Every
 * failure becomes findings on the result — nothing a single input does may take the worker down.
 * The fonts and templates modules cache per process (here: per worker isolate), so only a
 * worker's first report pays for parsing the fonts.
 */
export function runTask(task: Task): TaskResult {
  const t0 = performance.now();
  let findings: Diagnostic[] = [];
  let pages: number | null = null;
  let sha256: string | null = null;
  let bytes: number | null = null;
  let department: string | null = null;
  let figures: DepartmentFigures | null = null;
  try {
    const outcome = renderReport(task.input, { archive: task.archive });
    findings = outcome.findings;
    department = outcome.calc.loaded.model.department.name;
    figures = departmentFigures(outcome.calc);
    if (outcome.pdf) {
      try {
        writeAtomic(task.output, outcome.pdf);
        sha256 = createHash('sha256').update(outcome.pdf).digest('hex');
        bytes = outcome.pdf.length;
        pages = outcome.pages ?? null;
      } catch (e) {
        findings = [...findings, finding(task.input, 'write', `无法写出 ${task.output}：${fsProblem(e)}`)];
      }
    }
  } catch (e) {
    findings = [...findings, ...failureFindings(e, task.input)];
  }
  const failed = sha256 === null;
  if (failed && !findings.some((f) => f.severity === 'error')) {
    findings = [...findings, finding(task.input, 'internal', '未生成 PDF（原因不明）')];
  }
  return {
    status: failed ? 'failed' : 'ok',
    findings,
    pages,
    sha256,
    bytes,
    ms: Math.round(performance.now() - t0),
    department,
    figures,
    memory: workerMemory(false),
  };
}

/**
 * A published PDF given to the batch: checked as `juesuan check <report.pdf>` checks it, nothing
 * rendered or written. `pages`, `bytes`, `sha256` are the input PDF's; an unreadable one fails
 * with check's message.
 */
export async function runPublished(task: Task): Promise<TaskResult> {
  const t0 = performance.now();
  const base = { pages: null, sha256: null, bytes: null, department: null, figures: null };
  let result: Omit<TaskResult, 'ms' | 'memory'>;
  try {
    const checked = await checkPublished(task.input, { archive: task.archive });
    result = {
      status: 'checked',
      findings: checked.findings,
      pages: checked.pages,
      sha256: checked.sha256,
      bytes: checked.bytes,
      department: checked.calc.loaded.model.department.name,
      figures: departmentFigures(checked.calc),
    };
  } catch (e) {
    result = { ...base, status: 'failed', findings: failureFindings(e, task.input) };
  }
  return { ...result, ms: Math.round(performance.now() - t0), memory: workerMemory(false) };
}

/** The task as its input asks: a published PDF is checked, a department file rendered. */
export function runAnyTask(task: Task): Promise<TaskResult> {
  return PUBLISHED.test(task.input) ? runPublished(task) : Promise.resolve(runTask(task));
}

const forceCollection = process.env.JUESUAN_BATCH_STATS ? (globalThis as { gc?: () => void }).gc : undefined;

/** `collect`: also what is live after a full collection (only under --expose-gc with JUESUAN_BATCH_STATS). */
function workerMemory(collect: boolean): WorkerMemory {
  const m = process.memoryUsage();
  let live: WorkerMemory['live'] = null;
  if (collect && forceCollection) {
    forceCollection();
    const after = process.memoryUsage();
    live = { heap: after.heapUsed, external: after.external };
  }
  return { thread: threadId, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, live };
}

/** What went wrong, as `juesuan render` says it (src/failure/classify.ts), as findings. */
function failureFindings(e: unknown, input: string): Diagnostic[] {
  const { diagnostics, stack } = classifyFailure(e, input);
  return stack ? diagnostics.map((d) => ({ ...d, message: `${d.message}\n${stack}` })) : diagnostics;
}

function finding(file: string, rule: string, message: string): Diagnostic {
  return { severity: 'error', rule, message, file };
}

/**
 * Answers the pool's tasks on `port` (src/start/worker.ts starts it). `afterFirstTask` runs once
 * the first report is done.
 */
export function serve(port: MessagePort, afterFirstTask?: () => void): void {
  // Warm up while the main thread is still planning: parse the fonts and compile the templates
  // (the same ones renderReport uses). A broken config is reported by the first task that needs it.
  try {
    loadFontSet('fonts/fonts.yaml', PACKAGE_ROOT);
    loadTemplates(join(PACKAGE_ROOT, 'templates'));
  } catch {
    /* reported per task */
  }
  let first = afterFirstTask;
  port.on('message', (task: Task) => {
    // The pool sends a worker its next task only after this one's reply: one at a time, even
    // for a PDF whose reading is asynchronous. runPublished turns every failure into findings.
    void runAnyTask(task).then((result) => {
      const reply: Reply = { id: task.id, result };
      const send = () => {
        // Before replying: the pool may end this thread as soon as the last reply is in.
        if (first) {
          first();
          first = undefined;
        }
        port.postMessage(reply);
      };
      if (!forceCollection) return send();
      // What a worker keeps is measured once the report is wholly gone: after the task's frame
      // (which holds the report, its PDF among it) and after the turn of the event loop in which
      // pdfkit ends its document (process.nextTick). Measured inside the task, each sample counted
      // the report just made (over the generated district, medians 1.7–1.9 MB higher).
      setImmediate(() => {
        reply.result.memory = workerMemory(true);
        send();
      });
    });
  });
}
