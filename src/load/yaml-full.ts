import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Document, Node } from 'yaml';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { MAX_ALIASES, NumLit, type ParsedSource } from './parsed.js';
import { flowThousandsMessage, groupedNumberAt } from './thousands-commas.js';

/**
 * The yaml package is needed only when the fast reader gives up (odd files, and every error
 * message): loaded on first use, it stays off the start-up time of a run that never needs it.
 */
let yamlPackage: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

/** Reads any YAML 1.2 text with the yaml package: the reference for values, positions and errors. */
export function readFull(text: string, file: string): ParsedSource {
  const { LineCounter, parseDocument, isMap, isSeq, isScalar, isAlias } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const problems = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'DUPLICATE_KEY')];
  if (problems.length > 0) {
    const lines = text.split(/\r?\n/);
    throw new InputError(
      problems.slice(0, 5).map((e): Diagnostic => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        const quoted = lines[line - 1] ?? '';
        // Two cells of one {…} holding the same grouped amount give the same stray key twice.
        const grouped = groupedNumberAt(text, line, col);
        return {
          severity: 'error',
          rule: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
          message: `${grouped ? flowThousandsMessage(grouped) : `YAML 语法错误：${firstLine(e.message)}`}\n    ${line} | ${quoted}\n    ${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, col - 1))}^`,
          file,
          line,
          column: col,
        };
      }),
      1,
    );
  }
  const pos = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let aliases = 0;
  const toPlain = (node: unknown): unknown => {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) {
        const p = pos(node);
        throw new InputError([{ severity: 'error', rule: 'alias-limit', message: `别名（*alias）过多：超过 ${MAX_ALIASES} 个`, file, ...p }], 1);
      }
      return toPlain(node.resolve(doc));
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null);
      for (const item of node.items) {
        const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
        out[key] = toPlain(item.value);
      }
      return out;
    }
    if (isSeq(node)) return node.items.map(toPlain);
    if (isScalar(node)) {
      if (typeof node.value === 'number') {
        const p = pos(node);
        return new NumLit(node.source ?? String(node.value), p.line, p.column);
      }
      return node.value;
    }
    return node;
  };
  const data = toPlain(doc.contents);
  return { data, locator: { file, locate: (path) => locateIn(doc, path, pos) } };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function locateIn(
  doc: Document,
  path: readonly (string | number)[],
  pos: (n: Node | null | undefined) => { line: number; column: number },
): { line: number; column: number } | undefined {
  const { isMap, isSeq, isScalar, isPair } = yaml();
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(key));
      if (!pair) return pos(last);
      last = (pair.value as Node) ?? (pair.key as Node);
      node = pair.value;
      if (!node) return pos(pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (!node) return pos(last);
      last = node as Node;
    } else {
      return pos(last);
    }
  }
  return pos(last);
}
