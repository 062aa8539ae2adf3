import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parse, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { YamlPath } from './api-types.js';

/**
 * Form edits as text edits of the YAML: only the characters of the value change (or one line is
 * added), so the officer's comments, order, anchors and flow style stay as they were. The yaml
 * package's own printer would reflow the whole file.
 */

export type { YamlPath };

export class EditRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditRefused';
  }
}

/** The text with the value at `path` set to the string `value` (a key added when missing). */
export function setText(text: string, path: YamlPath, value: string, kind: 'text' | 'number' = 'text', docOf: (text: string) => Document = readDocument): string {
  if (kind === 'number') return setNumber(text, path, value, docOf);
  const doc = docOf(text);
  if (doc.errors.length > 0) throw new EditRefused('YAML 文本有语法错误，请先在 YAML 视图中改正，再用表单填写');
  const out = setIn(text, doc, path, value);
  // What was written must read back as written, or nothing is changed.
  const back = docOf(out);
  if (back.errors.length > 0 || back.getIn(path) !== value) throw new EditRefused(`无法在此处写入：${path.join('.')}`);
  return out;
}

/** An amount as the officer types it: a plain decimal, written as typed (the file keeps its decimals). */
function setNumber(text: string, path: YamlPath, value: string, docOf: (text: string) => Document): string {
  const typed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(typed)) throw new EditRefused(`“${value}”不是数字（如 12.34）`);
  const doc = docOf(text);
  if (doc.errors.length > 0) throw new EditRefused('YAML 文本有语法错误，请先在 YAML 视图中改正，再用表单填写');
  const node = doc.getIn(path, true) as Node | undefined;
  if (!node || !isScalar(node) || !node.range) throw new EditRefused(`无法在此处写入：${path.join('.')}`);
  const out = splice(text, node.range[0], node.range[1], typed);
  if (Number(docOf(out).getIn(path)) !== Number(typed)) throw new EditRefused(`无法在此处写入：${path.join('.')}`);
  return out;
}

/** The yaml package's Document of a text: comments and source ranges kept. */
export function readDocument(text: string): Document {
  return parseDocument(text, { uniqueKeys: false });
}

function setIn(text: string, doc: Document, path: YamlPath, value: string | Record<string, unknown>): string {
  const node = doc.getIn(path, true) as Node | undefined;
  const flowParent = inFlow(doc, path);
  if (node && (isScalar(node) || isAlias(node)) && node.range) {
    if (typeof value !== 'string') throw new EditRefused(`无法在此处写入：${path.join('.')}`);
    return splice(text, node.range[0], node.range[1], scalar(value, flowParent));
  }
  if (node) throw new EditRefused(`${path.join('.')} 不是一段文字，请在 YAML 视图中修改`);
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1]!;
  if (typeof key !== 'string') throw new EditRefused(`无法在此处写入：${path.join('.')}`);
  const parent = (parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true)) as Node | undefined;
  if (parent === undefined || parent === null) {
    if (parentPath.length === 0) throw new EditRefused('文件为空');
    return setIn(text, doc, parentPath, { [key]: value });
  }
  if (!isMap(parent) || !parent.range) throw new EditRefused(`${parentPath.join('.')} 不是一组字段，请在 YAML 视图中修改`);
  const entry = `${key}: ${flowValue(value, parent.flow === true)}`;
  if (parent.flow) {
    const close = text.lastIndexOf('}', parent.range[1]);
    const before = text.slice(parent.range[0], close).trim();
    return splice(text, close, close, before === '{' ? entry : `, ${entry}`);
  }
  const last = parent.items[parent.items.length - 1] as Pair<Node, Node | null> | undefined;
  if (!last || !isScalar(last.key) || !last.key.range) throw new EditRefused(`无法在此处写入：${path.join('.')}`);
  const indent = last.key.range[0] - text.lastIndexOf('\n', last.key.range[0] - 1) - 1;
  const end = last.value?.range ? last.value.range[1] : last.key.range[1];
  // After the line where the last entry ends (its trailing comment stays with it).
  let at = text.indexOf('\n', Math.max(end - 1, 0));
  at = at < 0 ? text.length : at + 1;
  const nl = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return splice(text, at, at, `${nl}${' '.repeat(indent)}${entry}\n`);
}

function flowValue(value: string | Record<string, unknown>, flow: boolean): string {
  if (typeof value === 'string') return scalar(value, flow);
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${flowValue(v as string, true)}`).join(', ')}}`;
}

/** A plain scalar when it reads back as the same string, else a double-quoted one. */
function scalar(value: string, flow: boolean): string {
  if (value !== '' && !/[\n\r\t]/.test(value) && value.trim() === value) {
    try {
      const probe = flow ? `{k: ${value}}` : `k: ${value}`;
      if ((parse(probe) as { k?: unknown } | null)?.k === value) return value;
    } catch {
      // not plain then
    }
  }
  return JSON.stringify(value);
}

function inFlow(doc: Document, path: YamlPath): boolean {
  for (let i = path.length - 1; i >= 1; i--) {
    const n = doc.getIn(path.slice(0, i), true);
    if (isCollection(n)) return n.flow === true;
  }
  return false;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/**
 * Where a finding at `line`:`column` (1-based) points in the data: the outermost value that
 * begins exactly there (a rule that names a section points at its first key, which is also where
 * the section's map begins), else the deepest entry whose text spans that line.
 */
export function pathAt(doc: Document, lineStarts: number[], line: number, column = 1): YamlPath {
  const from = lineStarts[line - 1] ?? 0;
  const to = lineStarts[line] ?? Number.MAX_SAFE_INTEGER;
  const at = from + column - 1;
  let exact: YamlPath | undefined;
  let spanning: YamlPath = [];
  const visit = (node: unknown, path: YamlPath): void => {
    if (!isMap(node) && !isSeq(node)) return;
    node.items.forEach((item, i) => {
      let key: string | number;
      let value: Node | null;
      let start: number | undefined;
      if (isPair(item)) {
        if (!isScalar(item.key) || typeof item.key.value !== 'string') return;
        key = item.key.value;
        value = item.value as Node | null;
        start = item.key.range?.[0] ?? value?.range?.[0];
      } else {
        key = i;
        value = item as Node | null;
        start = value?.range?.[0];
      }
      const end = value?.range?.[1] ?? (isPair(item) && isScalar(item.key) ? item.key.range?.[1] : undefined);
      if (start === undefined || end === undefined) return;
      const here = [...path, key];
      if (exact === undefined && value?.range?.[0] === at) exact = here;
      if (start < to && end > from) {
        spanning = here;
        visit(value, here);
      }
    });
  };
  visit(doc.contents, []);
  return exact ?? spanning;
}
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
