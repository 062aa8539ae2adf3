import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LineCounter, parseDocument, isScalar, visit } from 'yaml';
import { loadDepartment } from '../src/load/index.js';
import { InputError } from '../src/model/diagnostics.js';
import { positionInScalar } from '../src/load/scalar-position.js';
import { describeChar } from '../src/load/char-names.js';
import { CLEAN, FIXTURE_DIR } from './fixtures/check/harness.js';

/** Every string scalar of a YAML text with the position the yaml package gives its node. */
function scalars(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const out: { value: string; line: number; column: number }[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key !== 'key' && isScalar(node) && typeof node.value === 'string' && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        out.push({ value: node.value, line, column: col });
      }
    },
  });
  return out;
}

const offsetOf = (text: string, p: { line: number; column: number }) => {
  const lines = text.split('\n');
  return lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
};

describe('the source position of each character of a string', () => {
  const text = [
    'plain: 负责测试工作 continued',
    'folded plain: 第一行',
    '  第二行 接着',
    'single: \'负责\'\'测试\'\' 工作\'',
    'double: "负\\u8d23\\t测\\U0001F600试\\x41 \\"引号\\""',
    'double on two lines: "第一行',
    '  第二行\\',
    '  接上"',
    'flow: [甲乙, 丙丁, "戊\\u5df1"]',
    'map: {a: 子丑, b: 寅卯}',
    'literal: |',
    '  第一行',
    '',
    '  第三行',
    'folded: >',
    '  第一行',
    '  第二行',
    '',
    '  第四行',
    '',
  ].join('\n');

  test('every character of every string is found where it stands (an escape at its backslash)', () => {
    const found = scalars(text);
    expect(found.length).toBeGreaterThan(10);
    for (const s of found) {
      let previous = -1;
      // A block scalar's final line break stands for no character of the source.
      const end = s.value.endsWith('\n') ? s.value.length - 1 : s.value.length;
      for (let i = 0; i < end; i++) {
        const at = offsetOf(text, positionInScalar(text, s, s.value, i));
        const source = text[at];
        const ch = s.value[i]!;
        const ok = source === ch || source === '\\' || (/[ \n]/.test(ch) && /[\n ]/.test(source!)) || (ch >= '\udc00' && ch <= '\udfff');
        expect(ok, `${JSON.stringify(s.value)}[${i}] = ${JSON.stringify(ch)} found at ${JSON.stringify(source)}`).toBe(true);
        expect(at).toBeGreaterThanOrEqual(previous);
        previous = at;
      }
    }
  });

  test('an escape that makes one character of six columns moves the columns after it', () => {
    const [s] = scalars('a: "\\u4E00\\u4E8C三"\n');
    expect(positionInScalar('a: "\\u4E00\\u4E8C三"\n', s!, s!.value, 0)).toEqual({ line: 1, column: 5 });
    expect(positionInScalar('a: "\\u4E00\\u4E8C三"\n', s!, s!.value, 1)).toEqual({ line: 1, column: 11 });
    expect(positionInScalar('a: "\\u4E00\\u4E8C三"\n', s!, s!.value, 2)).toEqual({ line: 1, column: 17 });
  });

  test('a node whose text does not read back to the value (an alias) keeps the node position', () => {
    const node = { line: 2, column: 4 };
    expect(positionInScalar('a: &x 甲乙\nb: *x\n', node, '甲乙', 1)).toEqual(node);
  });
});

describe('the character rule when loading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-chars-'));
  const clean = readFileSync(CLEAN, 'utf8');
  const load = (from: string, to: string) => {
    const f = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(f, clean.replace(from, to));
    return loadDepartment(f, { dataDir: FIXTURE_DIR });
  };

  test('text is NFC: a letter and its combining accent become one character; a compatibility ideograph its unified form', () => {
    const { model, notes } = load('blocks: [负责测试工作。]', 'blocks: [cafe\u0301 豈]');
    expect(model.overview.duties.blocks[0]).toBe('caf\u00e9 \u8c48');
    expect(notes).toEqual([]);
  });

  test('invisible characters are removed from the model, each with a note at its place', () => {
    const { model, notes } = load('blocks: [负责测试工作。]', 'blocks: [负\u00ad责\u200b测试\u2060工作\ufeff。]');
    expect(model.overview.duties.blocks[0]).toBe('负责测试工作。');
    expect(notes.map((d) => [d.rule, d.severity, d.actual])).toEqual([
      ['char-invisible', 'warning', 'U+00AD SOFT HYPHEN'],
      ['char-invisible', 'warning', 'U+200B ZERO WIDTH SPACE'],
      ['char-invisible', 'warning', 'U+2060 WORD JOINER'],
      ['char-invisible', 'warning', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ]);
    expect(new Set(notes.map((d) => d.line)).size).toBe(1);
    expect(notes.map((d) => d.column)).toEqual([...notes.map((d) => d.column!)].sort((a, b) => a - b));
  });

  test('tab and line feed inside text are white space, not refused', () => {
    expect(() => load('blocks: [负责测试工作。]', 'blocks: ["负责\\t测试\\n工作。"]')).not.toThrow();
  });

  test('every refused character is listed, each with its code and name', () => {
    let err: InputError | undefined;
    try {
      load('blocks: [负责测试工作。]', 'blocks: ["负\\a责\\v测\\x7F试\\u009B工作\\u2029。"]');
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.exitCode).toBe(1);
    expect(err!.diagnostics.map((d) => d.actual)).toEqual([
      'U+0007 ALERT',
      'U+000B LINE TABULATION',
      'U+007F DELETE',
      'U+009B CONTROL SEQUENCE INTRODUCER',
      'U+2029 PARAGRAPH SEPARATOR',
    ]);
    expect(err!.diagnostics.every((d) => d.rule === 'char-control' && d.line !== undefined)).toBe(true);
  });

  test('character names: controls by their aliases, marks and format characters, CJK by rule', () => {
    expect(describeChar(0x0000)).toBe('U+0000 NULL');
    expect(describeChar(0x0301)).toBe('U+0301 COMBINING ACUTE ACCENT');
    expect(describeChar(0xe0101)).toBe('U+E0101 VARIATION SELECTOR-18');
    expect(describeChar(0x4e00)).toBe('U+4E00 CJK UNIFIED IDEOGRAPH-4E00');
    expect(describeChar(0xe000)).toBe('U+E000');
  });
});
