import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { OutputError } from '../io/output-guard.js';
import { fsProblem, isFsError } from '../io/fs-errors.js';
// The error classes come from their own small modules, not the stages' index modules: the
// command line loads this at start-up and must not load the layout or the fonts with it.
import { LayoutError } from '../layout/layout-error.js';
import { FontConfigError, FontDamageError, MissingGlyphError, UnsupportedFontError } from '../fonts/errors.js';
import { UsageError } from './usage-error.js';

/** What went wrong, as a user is told it. Only `internal` is the tool's fault (a bug). */
export type FailureKind = 'usage' | 'input' | 'output' | 'layout' | 'missing-glyph' | 'font-config' | 'file-system' | 'internal';

export interface Failure {
  kind: FailureKind;
  /** 1: the data has errors; 2: usage, unreadable input, a refused or unwritable output, the fonts. */
  exitCode: 1 | 2;
  diagnostics: Diagnostic[];
  /** For `internal` with JUESUAN_DEBUG set: where the bug is. */
  stack?: string;
}

/** System calls that read: a failure in one of them is an unreadable input, not an unwritable output. */
const READING_CALLS = /^(open|read|stat|lstat|fstat|scandir|readlink|access|realpath)$/;

/**
 * Any thrown value → what `juesuan render`/`check` print and the batch records. `where` is the
 * file a finding names when the error itself names none (the input, or `juesuan`).
 */
export function classifyFailure(e: unknown, where: string): Failure {
  const finding = (rule: string, message: string): Diagnostic[] => [{ severity: 'error', rule, message, file: where }];
  if (e instanceof UsageError) return { kind: 'usage', exitCode: 2, diagnostics: finding('usage', e.message) };
  if (e instanceof InputError) return { kind: 'input', exitCode: e.exitCode, diagnostics: e.diagnostics };
  if (e instanceof OutputError) return { kind: 'output', exitCode: e.exitCode, diagnostics: [e.diagnostic] };
  if (e instanceof MissingGlyphError) return { kind: 'missing-glyph', exitCode: 1, diagnostics: finding('missing-glyph', e.message) };
  // TableTooWideError and TableTooTallError are LayoutErrors.
  if (e instanceof LayoutError) return { kind: 'layout', exitCode: 1, diagnostics: finding('layout', e.message) };
  if (e instanceof FontConfigError || e instanceof FontDamageError || e instanceof UnsupportedFontError) {
    return { kind: 'font-config', exitCode: 2, diagnostics: finding('font-config', e.message) };
  }
  // A file that went unreadable or unwritable under the tool (permissions, a network drive).
  if (isFsError(e)) {
    const reading = READING_CALLS.test(e.syscall ?? '');
    const message = `${reading ? '无法读取' : '无法写入'}${e.path ? ` ${e.path}` : '文件'}：${fsProblem(e)}`;
    return { kind: 'file-system', exitCode: 2, diagnostics: finding(reading ? 'unreadable' : 'write', message) };
  }
  const err = e as Error | undefined;
  const stack = process.env.JUESUAN_DEBUG && err?.stack ? err.stack : undefined;
  return { kind: 'internal', exitCode: 1, diagnostics: finding('internal', `内部错误：${err?.message ?? String(e)}`), stack };
}
