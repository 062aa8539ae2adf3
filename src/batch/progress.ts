import { formatDiagnostic, type Diagnostic } from '../model/diagnostics.js';

export interface Done {
  input: string;
  output: string;
  status: 'ok' | 'checked' | 'failed';
  findings: Diagnostic[];
  pages: number | null;
  ms: number;
  /** Failed, and an earlier run's PDF stays at the output path (out of date). */
  kept?: boolean;
  /** A published PDF, to be checked, not rendered. */
  published?: boolean;
}

export interface Tally {
  ok: number;
  warnings: number;
  failed: number;
  skipped: number;
}

/**
 * Progress on stderr. On a terminal: one bar, redrawn in place, with failed reports (and, with
 * --verbose, every report's warnings) printed above it as they come. Elsewhere (CI logs, a pipe):
 * one plain line per finished report, then the findings of a failed one — no control characters,
 * nothing redrawn.
 */
export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private lastDraw = 0;
  private barShown = false;
  readonly tally: Tally = { ok: 0, warnings: 0, failed: 0, skipped: 0 };

  constructor(
    private readonly total: number,
    /** Print the warnings of reports that succeeded too (failed reports always show all their findings). */
    private readonly verbose = false,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly tty = Boolean(stream.isTTY) && !process.env.CI,
  ) {}

  start(): void {
    if (this.tty && this.total > 0) this.draw(true);
  }

  skipped(count: number): void {
    this.tally.skipped += count;
  }

  report(d: Done): void {
    this.done++;
    const errors = d.findings.filter((f) => f.severity === 'error').length;
    const warnings = d.findings.length - errors;
    // A published PDF with errors counts as failed: it is not fit to go online as it is.
    if (d.status === 'failed' || (d.status === 'checked' && errors > 0)) this.tally.failed++;
    else if (warnings > 0) this.tally.warnings++;
    else this.tally.ok++;
    const failing = d.status === 'failed' || (d.status === 'checked' && errors > 0);
    const findings = failing || this.verbose ? d.findings.map(formatDiagnostic) : [];
    if (this.tty) {
      if (failing || findings.length > 0) {
        this.clear();
        this.stream.write(`${statusLine(d, errors, warnings)}\n${findings.map((l) => `  ${l}\n`).join('')}`);
      }
      this.draw(this.done === this.total);
    } else {
      const width = String(this.total).length;
      const n = `[${String(this.done).padStart(width)}/${this.total}]`;
      this.stream.write(`${n} ${statusLine(d, errors, warnings)}\n${findings.map((l) => `  ${l}\n`).join('')}`);
    }
  }

  finish(): void {
    if (this.tty && this.barShown) {
      this.clear();
    }
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  private clear(): void {
    if (this.barShown) this.stream.write('\r\x1b[2K');
  }

  private draw(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const cols = Math.max(40, Math.min(this.stream.columns ?? 80, 120));
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done) / rate) : undefined;
    const t = this.tally;
    const tail = ` ${this.done}/${this.total}  ok ${t.ok} · 警告 ${t.warnings} · 失败 ${t.failed}  ${rate.toFixed(1)} 份/s${eta !== undefined ? `  剩余 ${eta} s` : ''}`;
    const barWidth = Math.max(10, cols - displayWidth(tail) - 3);
    const filled = this.total ? Math.round((this.done / this.total) * barWidth) : barWidth;
    this.stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`);
    this.barShown = true;
  }
}

function statusLine(d: Done, errors: number, warnings: number): string {
  if (d.status === 'failed') {
    return `failed   ${d.input}（${errors} 个错误${warnings ? `，${warnings} 个警告` : ''}，${d.published ? '无法检查' : '未生成 PDF'}${d.kept ? `；${d.output} 仍是上次生成的，已过时` : ''}）`;
  }
  if (d.status === 'checked') {
    const tag = errors > 0 ? 'errors  ' : warnings > 0 ? 'warnings' : 'ok      ';
    const counts = [errors ? `${errors} 个错误` : '', warnings ? `${warnings} 个警告` : ''].filter(Boolean).join('，');
    return `${tag} ${d.input}（已检查，${d.pages ?? '?'} 页，${d.ms} ms${counts ? `，${counts}` : ''}）`;
  }
  const tag = warnings > 0 ? 'warnings' : 'ok      ';
  return `${tag} ${d.input} → ${d.output}（${d.pages ?? '?'} 页，${d.ms} ms${warnings ? `，${warnings} 个警告，见 manifest.json 或 --verbose` : ''}）`;
}

/** Terminal columns: CJK characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
