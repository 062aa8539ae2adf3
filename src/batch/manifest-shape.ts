import { isAbsolute, relative, resolve, sep } from 'node:path';

/** checked: a published PDF given as input, read and checked (its findings may hold errors); nothing rendered. */
export type Status = 'ok' | 'checked' | 'failed' | 'interrupted';

export interface ManifestFinding {
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  /** Relative to the manifest's folder, like `input`. */
  file: string;
  line: number | null;
  column: number | null;
  /** What the rule expected and what the data has, when it says (null otherwise; absent in older manifests). */
  expected?: string | null;
  actual?: string | null;
}

/** Two figures of one 三公 block (预算数 or 决算数), as exact decimal strings in 万元. */
export interface ThreePublicFigures {
  total: string;
  overseas: string;
  vehicle: string;
  reception: string;
}

/**
 * What the bureau's summary adds up over departments, from the calculator (exact decimal strings
 * in 万元, a blank cell being "0"): 收入支出决算总表's 本年收入合计 and 本年支出合计, and the
 * 三公 table's 预算数 and 决算数.
 */
export interface DepartmentFigures {
  income: string;
  expenditure: string;
  threePublic: { budget: ThreePublicFigures; actual: ThreePublicFigures };
}

/** A PDF an earlier run wrote, still at the output path, though the latest attempt did not replace it. */
export interface PreviousPdf {
  sha256: string;
  bytes: number;
  pages: number | null;
  /** The input (and catalog) it was made from, and the tool: as in an ok entry. */
  inputHash: string;
  templatesHash: string;
}

export interface ManifestEntry {
  /** The YAML file (or published PDF), relative to the manifest's folder ('/'-separated). */
  input: string;
  /** The PDF (same convention); for a published PDF, the input itself. */
  output: string;
  /** ok: the PDF at `output` is this run's; checked: the published PDF at `input` was checked; failed / interrupted: this run wrote none. */
  status: Status;
  errors: number;
  warnings: number;
  /** Of the PDF written (checked: of the published PDF); null unless ok or checked. */
  sha256: string | null;
  pages: number | null;
  bytes: number | null;
  /** Render + write time in the worker. */
  ms: number;
  /** The input's bytes and the catalog it names (see `InputHasher`). */
  inputHash: string;
  /** Templates, fonts/fonts.yaml, the font files named there, the package version (see `environmentHash`). */
  templatesHash: string;
  /** Unless ok: the earlier good PDF left at `output` (out of date: it is not of the current input), else null. */
  previous: PreviousPdf | null;
  findings: ManifestFinding[];
  /** The department's name from its file; null when the file could not be loaded (absent in older manifests). */
  department?: string | null;
  /** For the summary's district totals; null when the report was not calculated (absent in older manifests). */
  figures?: DepartmentFigures | null;
}

export interface Manifest {
  format: 2;
  generator: string;
  /** The batch root of the run that last wrote it, relative to the manifest's folder (absent in older manifests). */
  root?: string;
  /** Sorted by input. */
  entries: ManifestEntry[];
}

/** A manifest's path for a file: relative to the manifest's folder, so any working folder reads it alike. */
export function manifestRef(abs: string, manifestDir: string): string {
  const rel = relative(manifestDir, abs);
  return isAbsolute(rel) ? rel : rel.split(sep).join('/');
}

export function fromManifestRef(ref: string, manifestDir: string): string {
  return resolve(manifestDir, ref);
}

/**
 * Checks a parsed manifest.json, entry by entry: the Manifest, or what is wrong and where (a JSON
 * path such as `entries[3].status`). Format 1 (paths relative to the working folder of the run
 * that wrote it) is read as that run would have: relative to `cwd`.
 */
export function checkManifest(data: unknown, manifestDir: string, cwd: string): Manifest | string {
  if (!isObject(data)) return '不是 JSON 对象';
  if (data.format !== 1 && data.format !== 2) return `format 应为 2（或旧版的 1），而不是 ${show(data.format)}`;
  if (typeof data.generator !== 'string') return 'generator 应为字符串';
  if (!Array.isArray(data.entries)) return 'entries 应为数组';
  if (data.root !== undefined && (typeof data.root !== 'string' || data.root === '')) return `root 应为非空字符串，而不是 ${show(data.root)}`;
  const rebase = data.format === 1 ? (p: string) => manifestRef(resolve(cwd, p), manifestDir) : (p: string) => p;
  const entries: ManifestEntry[] = [];
  const seen = new Map<string, number>();
  for (const [i, e] of (data.entries as unknown[]).entries()) {
    const where = `entries[${i}]`;
    const problem = entryProblem(e, data.format === 1);
    if (problem !== undefined) return `${where}${problem}`;
    const entry = e as ManifestEntry;
    const input = rebase(entry.input);
    const first = seen.get(input);
    if (first !== undefined) return `${where}.input 与 entries[${first}] 重复：${entry.input}`;
    seen.set(input, i);
    entries.push({
      ...entry,
      input,
      output: rebase(entry.output),
      previous: entry.previous ?? null,
      findings: entry.findings.map((f) => ({ ...f, file: rebase(f.file), expected: f.expected ?? null, actual: f.actual ?? null })),
      department: entry.department ?? null,
      figures: entry.figures ?? null,
    });
  }
  const root = typeof data.root === 'string' ? { root: data.root } : {};
  return { format: 2, generator: data.generator, ...root, entries };
}

/** What is wrong with one entry (a suffix for its JSON path), or undefined. */
function entryProblem(e: unknown, format1: boolean): string | undefined {
  if (!isObject(e)) return ' 应为对象';
  for (const key of ['input', 'output', 'inputHash', 'templatesHash'] as const) {
    if (typeof e[key] !== 'string' || e[key] === '') return `.${key} 应为非空字符串，而不是 ${show(e[key])}`;
  }
  const statuses = format1 ? ['ok', 'failed'] : ['ok', 'checked', 'failed', 'interrupted'];
  if (!statuses.includes(e.status as string)) return `.status 应为 ${statuses.join('、')} 之一，而不是 ${show(e.status)}`;
  for (const key of ['errors', 'warnings'] as const) if (!isCount(e[key])) return `.${key} 应为非负整数，而不是 ${show(e[key])}`;
  if (typeof e.ms !== 'number' || !(e.ms >= 0)) return `.ms 应为非负数，而不是 ${show(e.ms)}`;
  // A checked entry describes the published PDF it read, as an ok one the PDF it wrote.
  const ok = e.status === 'ok' || e.status === 'checked';
  if (ok ? !isSha(e.sha256) : e.sha256 !== null) return `.sha256 应为${ok ? ' 64 位十六进制摘要' : ' null（未生成 PDF）'}，而不是 ${show(e.sha256)}`;
  if (ok ? !isCount(e.bytes) : e.bytes !== null) return `.bytes 应为${ok ? '非负整数' : ' null'}，而不是 ${show(e.bytes)}`;
  if (!(e.pages === null || isCount(e.pages))) return `.pages 应为非负整数或 null，而不是 ${show(e.pages)}`;
  if (!format1 || e.previous !== undefined) {
    const p = e.previous;
    if (p !== null && (ok || !isObject(p))) return `.previous 应为${ok ? ' null' : '对象或 null'}，而不是 ${show(p)}`;
    if (isObject(p)) {
      if (!isSha(p.sha256)) return `.previous.sha256 应为 64 位十六进制摘要，而不是 ${show(p.sha256)}`;
      if (!isCount(p.bytes)) return `.previous.bytes 应为非负整数，而不是 ${show(p.bytes)}`;
      if (!(p.pages === null || isCount(p.pages))) return `.previous.pages 应为非负整数或 null，而不是 ${show(p.pages)}`;
      for (const key of ['inputHash', 'templatesHash'] as const) if (typeof p[key] !== 'string') return `.previous.${key} 应为字符串，而不是 ${show(p[key])}`;
    }
  }
  if (!(e.department === undefined || e.department === null || typeof e.department === 'string')) return `.department 应为字符串或 null，而不是 ${show(e.department)}`;
  if (e.figures !== undefined && e.figures !== null) {
    const problem = figuresProblem(e.figures);
    if (problem !== undefined) return `.figures${problem}`;
  }
  if (!Array.isArray(e.findings)) return `.findings 应为数组，而不是 ${show(e.findings)}`;
  for (const [j, f] of (e.findings as unknown[]).entries()) {
    const problem = findingProblem(f);
    if (problem !== undefined) return `.findings[${j}]${problem}`;
  }
  return undefined;
}

function findingProblem(f: unknown): string | undefined {
  if (!isObject(f)) return ' 应为对象';
  if (f.severity !== 'error' && f.severity !== 'warning') return `.severity 应为 error 或 warning，而不是 ${show(f.severity)}`;
  for (const key of ['rule', 'message', 'file'] as const) if (typeof f[key] !== 'string') return `.${key} 应为字符串，而不是 ${show(f[key])}`;
  for (const key of ['line', 'column'] as const) if (!(f[key] === null || isCount(f[key]))) return `.${key} 应为正整数或 null，而不是 ${show(f[key])}`;
  for (const key of ['expected', 'actual'] as const) if (!(f[key] === undefined || f[key] === null || typeof f[key] === 'string')) return `.${key} 应为字符串或 null，而不是 ${show(f[key])}`;
  return undefined;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function figuresProblem(x: unknown): string | undefined {
  if (!isObject(x)) return ' 应为对象或 null';
  for (const key of ['income', 'expenditure'] as const) if (typeof x[key] !== 'string' || !DECIMAL.test(x[key])) return `.${key} 应为十进制数字字符串，而不是 ${show(x[key])}`;
  const tp = x.threePublic;
  if (!isObject(tp)) return `.threePublic 应为对象，而不是 ${show(tp)}`;
  for (const block of ['budget', 'actual'] as const) {
    const b = tp[block];
    if (!isObject(b)) return `.threePublic.${block} 应为对象，而不是 ${show(b)}`;
    for (const key of ['total', 'overseas', 'vehicle', 'reception'] as const) {
      if (typeof b[key] !== 'string' || !DECIMAL.test(b[key])) return `.threePublic.${block}.${key} 应为十进制数字字符串，而不是 ${show(b[key])}`;
    }
  }
  return undefined;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return Number.isSafeInteger(x) && (x as number) >= 0;
}

function isSha(x: unknown): x is string {
  return typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);
}

function show(x: unknown): string {
  if (x === undefined) return '（缺少）';
  const s = JSON.stringify(x);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
