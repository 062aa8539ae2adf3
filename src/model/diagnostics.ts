/**
 * A finding about the input: a load error, a checker rule's verdict, a refused output. Every
 * stage reports with it, so it sits in the lowest layer.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable id, e.g. `yaml-syntax`, `schema`, `rollup-class`. Searchable in docs/checks.md. */
  rule: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  expected?: string;
  actual?: string;
}

/** Input that cannot be turned into a model at all: exit code 2 (unreadable) or 1 (invalid data). */
export class InputError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly exitCode: 1 | 2,
  ) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.column].filter((x) => x !== undefined && x !== '').join(':');
  return `${where}: ${d.severity} [${d.rule}] ${d.message}`;
}
