import type { z } from 'zod';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { Locator } from './parsed.js';
import { flowThousandsMessage, groupedNumberAt } from './thousands-commas.js';

/**
 * Runs a schema over parsed YAML; every problem becomes a diagnostic naming file, line and field.
 * With the source text, an unknown key that is the tail of a comma-grouped amount says so.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, locator: Locator, text?: string): z.output<S> {
  // Zod's compiled fast path (new Function per object schema) costs more to build than a whole
  // file takes to check without it: a run validates one or two files, so it never pays back.
  const result = schema.safeParse(data, { reportInput: true, jitless: true });
  if (result.success) return result.data;
  const diagnostics = result.error.issues.slice(0, 20).map((issue) => toDiagnostic(schema, issue, locator, text));
  throw new InputError(diagnostics, 1);
}

function toDiagnostic(schema: z.ZodType, issue: z.core.$ZodIssue, locator: Locator, text: string | undefined): Diagnostic {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = (locator.written?.(path) ?? path).join('.') || '（文件顶层）';
  let message: string;
  let at = path;
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    message = issue.keys
      .map((k) => {
        const hint = suggest(k, known);
        return `未知字段 "${k}"（位于 ${field}）${hint ? `，是否应为 "${hint}"？` : ''}`;
      })
      .join('；');
    at = [...path, issue.keys[0]];
    const grouped = text === undefined ? undefined : groupedAmountKey(issue.keys, path, locator, text);
    if (grouped) {
      message = `字段 ${field}：${flowThousandsMessage(grouped.written)}`;
      at = grouped.at;
    }
  } else if ((issue.code === 'invalid_type' || issue.code === 'custom') && 'input' in issue && (issue as { input?: unknown }).input === undefined) {
    message = `缺少必填字段 "${field}"`;
  } else if (issue.code === 'invalid_value') {
    message = `字段 ${field} 的值不在允许范围内：${(issue as { values: unknown[] }).values.map((v) => JSON.stringify(v)).join(' | ')}`;
  } else {
    message = `字段 ${field}：${issue.message}`;
  }
  const pos = locator.locate(at);
  return { severity: 'error', rule: issue.code === 'unrecognized_keys' ? 'unknown-key' : 'schema', message, file: locator.file, ...pos };
}

/** The first unknown key that sits inside a comma-grouped number in the source ("314.64" of "11,314.64"). */
function groupedAmountKey(keys: string[], path: (string | number)[], locator: Locator, text: string) {
  for (const key of keys) {
    if (!/^\d+(\.\d+)?$/.test(key)) continue;
    const at = [...path, key];
    const pos = locator.locate(at);
    const written = pos && groupedNumberAt(text, pos.line, pos.column);
    if (written) return { written, at };
  }
  return undefined;
}

/** The keys the schema accepts at a path, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType; left?: z.ZodType; right?: z.ZodType };
  const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = (s: z.ZodType): z.ZodType[] => {
    const d = defOf(s);
    if (d.innerType) return unwrap(d.innerType);
    if (d.type === 'pipe') return [...(d.in ? unwrap(d.in) : []), ...(d.out ? unwrap(d.out) : [])];
    if (d.type === 'union' && d.options) return d.options.flatMap(unwrap);
    return [s];
  };
  let current = unwrap(schema);
  for (const key of path) {
    current = current.flatMap((s) => {
      const d = defOf(s);
      if (d.type === 'object' && d.shape && typeof key === 'string' && key in d.shape) return unwrap(d.shape[key]);
      if (d.type === 'array' && d.element && typeof key === 'number') return unwrap(d.element);
      if (d.type === 'record' && d.valueType) return unwrap(d.valueType);
      return [];
    });
  }
  return current.flatMap((s) => {
    const d = defOf(s);
    return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
  });
}

export function suggest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
