import { Decimal } from 'decimal.js';
import type { Diagnostic, Severity } from '../model/diagnostics.js';
import type { PrintedKind, PrintedText } from '../model/printed-text.js';
import type { CheckContext } from './context.js';

/**
 * What the rules that read printed words share: the quote around a fault, the finding that names
 * the page and quotes it, numbers as printed. The words come from `ctx.printed`
 * (src/model/printed-text.ts); the finding points at the department file's line where the quoted
 * words stand in it (a sentence of `explanation:`), else at no line.
 */

/** Characters kept on each side of a fault in the quote. */
const AROUND = 12;

/** The printed sentence around text[start, end): "…与上年相比增长8.27。…". */
export function quote(text: string, start: number, end: number): string {
  const from = Math.max(0, start - AROUND);
  const to = Math.min(text.length, end + AROUND);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

const KIND_WORDS: Record<PrintedKind, string> = {
  cover: '封面',
  title: '部分标题',
  heading: '标题',
  paragraph: '正文',
  'table-title': '表格标题',
  'table-header': '表头',
  'table-note': '表注',
  'chart-label': '图表标注',
  other: '文字',
};

/** "第 21 页 正文" or "正文" when the page is not known. */
export function placeOf(entry: PrintedText): string {
  return entry.page === undefined ? KIND_WORDS[entry.kind] : `第 ${entry.page} 页 ${KIND_WORDS[entry.kind]}`;
}

/**
 * A finding about printed words: where they are printed, what is wrong, and the quote. `start` and
 * `end` delimit the fault inside `entry.text`; `actual` defaults to the faulty words.
 */
export function printedFinding(
  ctx: CheckContext,
  d: { severity: Severity; rule: string; entry: PrintedText; start: number; end: number; what: string; expected?: string; actual?: string },
): Diagnostic {
  const q = quote(d.entry.text, d.start, d.end);
  const out: Diagnostic = {
    severity: d.severity,
    rule: d.rule,
    message: `${placeOf(d.entry)}：${d.what}：“${q}”`,
    file: ctx.file,
    ...sourcePlace(ctx, d.entry.text, d.start, d.end),
  };
  if (d.expected !== undefined) out.expected = d.expected;
  out.actual = d.actual ?? d.entry.text.slice(d.start, d.end);
  return out;
}

/**
 * Line and column of the fault's words in the department file, when they stand there as printed
 * (with some of the words around them: the templates add their own before and after).
 */
function sourcePlace(ctx: CheckContext, text: string, start: number, end: number): { line?: number; column?: number } {
  for (const [from, to] of [
    [start - 6, end + 6],
    [start - 8, end],
    [start, end + 8],
  ]) {
    const found = sourceAt(ctx, text.slice(Math.max(0, from!), to));
    if (found.line !== undefined) return found;
  }
  return {};
}

function sourceAt(ctx: CheckContext, words: string): { line?: number; column?: number } {
  if (words.length < 4) return {};
  const src = ctx.loaded.sourceText;
  let at = src.indexOf(words);
  // not in a comment (a comment may quote the published text)
  while (at >= 0 && src.slice(src.lastIndexOf('\n', at) + 1, at).includes('#')) at = src.indexOf(words, at + 1);
  if (at < 0) return {};
  const before = src.slice(0, at);
  const line = before.split('\n').length;
  const column = Array.from(before.slice(before.lastIndexOf('\n') + 1)).length + 1;
  return { line, column };
}

/** The printed entries of some kinds (all entries when none are named). */
export function entries(ctx: CheckContext, ...kinds: PrintedKind[]): readonly PrintedText[] {
  const all = ctx.printed ?? [];
  return kinds.length === 0 ? all : all.filter((e) => kinds.includes(e.kind));
}

/** A number as prose prints it ("1,981.14", "9333.5", "0"), without sign or unit. */
export const NUMBER_SOURCE = String.raw`\d[\d,]*(?:\.\d+)?`;

export const toDecimal = (s: string): Decimal => new Decimal(s.replace(/,/g, ''));

/** An amount in 万元 as prose prints it, the number captured. */
export const AMOUNT_SOURCE = String.raw`(${NUMBER_SOURCE})万元`;

const BUDGET = String.raw`(?:年初|年度|调整后|全年)?预算(?:数)?为${AMOUNT_SOURCE}`;
const ACTUAL = String.raw`(?:支出)?决算(?:数)?为${AMOUNT_SOURCE}`;
/** A budget and an actual stated side by side, either way round ("预算为A万元，支出决算为B万元"). */
const PAIR = new RegExp(String.raw`${BUDGET}[，,；;]\s*${ACTUAL}|${ACTUAL}[，,；;]\s*${BUDGET}`, 'g');

/** Each budget/actual pair a paragraph states, where it starts, the numbers as printed. */
export function budgetActualPairs(text: string): { at: number; budget: string; actual: string }[] {
  return [...text.matchAll(PAIR)].map((m) => ({ at: m.index, budget: (m[1] ?? m[4])!, actual: (m[2] ?? m[3])! }));
}

/** Levenshtein distance, for names one character apart. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
