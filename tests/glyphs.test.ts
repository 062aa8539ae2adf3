import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLEAN, FIXTURE_DIR } from './fixtures/check/harness.js';
import { cli, pdftotext } from './helpers.js';

/**
 * `check` and `render` give one verdict on every character: both load the data through the same
 * character rule, and both lay the report out with the same fonts, so a character that a role's
 * font lacks fails both, at the character's own line and column, and one that prints passes both.
 * (Before, `check` never looked at the fonts: it passed files that `render` refused.)
 */

const dir = mkdtempSync(join(tmpdir(), 'juesuan-glyphs-'));
cpSync(join(FIXTURE_DIR, 'catalog'), join(dir, 'catalog'), { recursive: true });
const clean = readFileSync(CLEAN, 'utf8');
let n = 0;

/** The clean fixture with `from` (once in it) replaced; line and column of `mark` in the result. */
function variant(from: string, to: string, mark?: string) {
  expect(clean.split(from).length, `not exactly once: ${from}`).toBe(2);
  const text = clean.replace(from, to);
  const file = join(dir, `v${++n}.yaml`);
  writeFileSync(file, text);
  if (mark === undefined) return { file, line: 0, column: 0 };
  const at = text.indexOf(mark, text.indexOf(to));
  const before = text.slice(0, at).split('\n');
  return { file, line: before.length, column: before[before.length - 1]!.length + 1 };
}

const errorsOf = (stderrOrOut: string, rule: string) =>
  stderrOrOut.split('\n').filter((l) => l.includes(`error [${rule}]`));

/** Runs both commands; returns their exit codes and error lines of one rule. */
function both(file: string, rule: string) {
  const pdf = file.replace(/\.yaml$/, '.pdf');
  const c = cli(['check', file]);
  const r = cli(['render', file, '-o', pdf]);
  for (const out of [c.stdout, c.stderr, r.stderr]) expect(out).not.toContain('内部错误');
  return {
    check: { code: c.code, errors: errorsOf(c.stdout + c.stderr, rule) },
    render: { code: r.code, errors: errorsOf(r.stderr, rule), pdf: existsSync(pdf) ? pdf : undefined },
  };
}

const PARAGRAPH = 'blocks: [负责测试工作。]';
const HEADING = '  heading: 2023年重点工作完成情况\n';
// U+9FF0 is in Noto Serif SC (body, table) and not in Noto Sans SC Bold (heading).
const SERIF_ONLY = '\u9ff0';

describe('a character that the font of its role lacks fails check and render alike', () => {
  test.each([
    ['an emoji in a paragraph (body)', PARAGRAPH, 'blocks: [负责测试😀工作。]', '😀', 'body'],
    ['U+9FF0 in the 第四部分 heading (heading: Noto Sans SC lacks it)', HEADING, `  heading: 2023年重点工作${SERIF_ONLY}完成情况\n`, SERIF_ONLY, 'heading'],
    ['a private-use character in the department name', '  name: 测试市测试区测试局\n', '  name: 测试市测试区\ue000测试局\n', '\ue000', 'body'],
  ])('%s', (_name, from, to, char, role) => {
    const v = variant(from, to, char);
    const { check, render } = both(v.file, 'missing-glyph');
    expect(check.code).toBe(1);
    expect(render.code).toBe(1);
    expect(render.pdf).toBeUndefined();
    expect(check.errors.length).toBeGreaterThan(0);
    expect(check.errors).toEqual(render.errors);
    const first = check.errors[0]!;
    expect(first).toContain(`${v.file}:${v.line}:${v.column}: error [missing-glyph]`);
    expect(first).toContain(`“${char}”（U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    expect(check.errors.some((e) => e.includes(`“${role}”角色`))).toBe(true);
  });

  test('the same U+9FF0 in a paragraph (body: Noto Serif SC has it) passes both and prints', () => {
    const v = variant(PARAGRAPH, `blocks: [负责测试${SERIF_ONLY}工作。]`);
    const { check, render } = both(v.file, 'missing-glyph');
    expect(check).toEqual({ code: 0, errors: [] });
    expect(render.code).toBe(0);
    expect(pdftotext(render.pdf!)).toContain(`负责测试${SERIF_ONLY}工作。`);
  });

  test('every missing character is listed, each at its place, not only the first', () => {
    const v = variant(PARAGRAPH, 'blocks: [负责😀测试工作。, 另一段🚗。]');
    const { check, render } = both(v.file, 'missing-glyph');
    expect(check.errors).toHaveLength(2);
    expect(check.errors).toEqual(render.errors);
    expect(check.errors.map((e) => e.match(/“(.)”/u)![1])).toEqual(['😀', '🚗']);
  });
});

describe('a missing glyph written as a YAML escape is named at its own line and column', () => {
  test.each([
    ['\\U escape in a double-quoted string', PARAGRAPH, 'blocks: ["负责测试\\U0001F600工作。"]', '\\U0001F600'],
    ['\\u escape after other escapes', PARAGRAPH, 'blocks: ["负\\u8d23\\t测试\\uE000工作。"]', '\\uE000'],
    ['a character on the second line of a double-quoted string', PARAGRAPH, 'blocks: ["负责测试工作，\n      第二行\\uE001。"]', '\\uE001'],
    ['a character after a doubled quote in a single-quoted string', PARAGRAPH, "blocks: ['负责''测试''\ue002工作。']", '\ue002'],
    ['a character in a literal block scalar', '    blocks: [本部门为一级预算单位。]\n', '    blocks:\n      - |\n        本部门为一级预算单位。\n        第二行\ue003。\n', '\ue003'],
  ])('%s', (_name, from, to, mark) => {
    const v = variant(from, to, mark);
    const { check, render } = both(v.file, 'missing-glyph');
    expect(check.code).toBe(1);
    expect(render.code).toBe(1);
    expect(check.errors).toEqual(render.errors);
    expect(check.errors[0]).toContain(`${v.file}:${v.line}:${v.column}: error [missing-glyph]`);
  });
});

describe('characters that do not print as themselves: one rule for check and render', () => {
  test.each([
    ['U+00AD soft hyphen', '\u00ad', 'U+00AD SOFT HYPHEN'],
    ['U+200B zero width space', '\u200b', 'U+200B ZERO WIDTH SPACE'],
    ['U+202E right-to-left override', '\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['U+2060 word joiner', '\u2060', 'U+2060 WORD JOINER'],
    ['U+FEFF inside text', '\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['U+FE0F variation selector', '\ufe0f', 'U+FE0F VARIATION SELECTOR-16'],
  ])('%s is removed with a warning at its place; the PDF prints the text without it', (_name, char, named) => {
    const v = variant(PARAGRAPH, `blocks: [负责测${char}试工作。]`, char);
    const c = cli(['check', v.file]);
    const pdf = v.file.replace(/\.yaml$/, '.pdf');
    const r = cli(['render', v.file, '-o', pdf]);
    expect(c.code).toBe(0);
    expect(r.code).toBe(0);
    const warning = `${v.file}:${v.line}:${v.column}: warning [char-invisible] 文字“负责测试工作。”中有不可见字符 ${named}`;
    expect(c.stdout).toContain(warning);
    expect(r.stderr).toContain(warning);
    const text = pdftotext(pdf);
    expect(text).toContain('负责测试工作。');
    expect(text).not.toContain('负责测-试');
  });

  test.each([
    ['U+0007 (a control character)', '\u0007', 'char-control', 'U+0007 ALERT'],
    ['U+001B escape written as \\e', '\\e', 'char-control', 'U+001B ESCAPE'],
    ['U+0085 (C1 control) written as \\N', '\\N', 'char-control', 'U+0085 NEXT LINE'],
    ['U+2028 line separator', '\u2028', 'char-control', 'U+2028 LINE SEPARATOR'],
    ['x + U+0302, which NFC cannot join', 'x\u0302', 'char-combining', 'U+0302 COMBINING CIRCUMFLEX ACCENT'],
    ['a combining mark after a CJK character', '\u0301', 'char-combining', 'U+0301 COMBINING ACUTE ACCENT'],
  ])('%s is refused by both, at its place, with its code and name', (_name, char, rule, named) => {
    const quoted = char.startsWith('\\');
    const v = variant(PARAGRAPH, quoted ? `blocks: ["负责测${char}试工作。"]` : `blocks: [负责测${char}试工作。]`, char.endsWith('\u0302') ? '\u0302' : char);
    const { check, render } = both(v.file, rule);
    expect(check.code).toBe(1);
    expect(render.code).toBe(1);
    expect(render.pdf).toBeUndefined();
    expect(check.errors).toEqual(render.errors);
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toContain(`${v.file}:${v.line}:${v.column}: error [${rule}]`);
    expect(check.errors[0]).toContain(named);
  });

  test('a letter and a combining accent that NFC joins print as the one accented letter', () => {
    const v = variant(PARAGRAPH, 'blocks: [负责测试工作（cafe\u0301）。]');
    const pdf = v.file.replace(/\.yaml$/, '.pdf');
    const { check, render } = both(v.file, 'char-combining');
    expect(check).toEqual({ code: 0, errors: [] });
    expect(render.code).toBe(0);
    const text = pdftotext(pdf);
    expect(text).toContain('caf\u00e9');
    expect(text).not.toContain('\u0301');
  });
});
