import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDepartment } from '../src/load/index.js';
import { MAX_SOURCE_BYTES } from '../src/load/read-source.js';
import { FIXTURE_DIR } from './fixtures/check/harness.js';
import { inputCases } from './input-cases.js';

/** Bad input to the loader: every case is refused with an InputError that names file, line and field. */

const { dir, clean, file, refuse, variant, only } = inputCases('juesuan-input-');

describe('unreadable input: exit code 2', () => {
  test('missing file', () => {
    const e = refuse(join(dir, 'no-such-file.yaml'));
    expect(e.exitCode).toBe(2);
    const d = only(e);
    expect(d.severity).toBe('error');
    expect(d.rule).toBe('unreadable');
    expect(d.message).toContain('文件不存在');
    expect(d.file).toBe(join(dir, 'no-such-file.yaml'));
  });

  test('a directory', () => {
    const e = refuse(dir);
    expect(e.exitCode).toBe(2);
    expect(only(e).message).toContain('不是文件');
  });

  test('empty file, and a file of blank lines', () => {
    for (const content of ['', '\n\n   \n']) {
      const e = refuse(file(content));
      expect(e.exitCode).toBe(2);
      expect(only(e).rule).toBe('empty');
      expect(only(e).message).toContain('文件为空');
    }
  });

  test('binary file (NUL bytes)', () => {
    const e = refuse(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])));
    expect(e.exitCode).toBe(2);
    expect(only(e).rule).toBe('not-text');
  });

  test('non-UTF-8 text (GBK)', () => {
    // "部门：测试" in GBK
    const e = refuse(file(Buffer.from([0x62, 0x75, 0x3a, 0x20, 0xb2, 0xbf, 0xc3, 0xc5, 0xa3, 0xba, 0xb2, 0xe2, 0xca, 0xd4, 0x0a])));
    expect(e.exitCode).toBe(2);
    expect(only(e).rule).toBe('not-utf8');
    expect(only(e).message).toContain('UTF-8');
  });

  test('a file over the size limit is refused before it is read', () => {
    const big = file(Buffer.alloc(MAX_SOURCE_BYTES + 1, 0x20));
    const t0 = performance.now();
    const e = refuse(big);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.exitCode).toBe(2);
    expect(only(e).rule).toBe('too-large');
    expect(only(e).message).toContain(String(MAX_SOURCE_BYTES));
  });

  test('a UTF-8 BOM is accepted', () => {
    const f = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clean, 'utf8')]));
    expect(() => loadDepartment(f, { dataDir: FIXTURE_DIR })).not.toThrow();
  });
});

describe('invalid data: exit code 1, with line and column', () => {
  test('YAML syntax error quotes the offending line', () => {
    const v = variant('    income_total: 210.00\n', '    income_total: [210.00\n');
    const e = refuse(v.path);
    expect(e.exitCode).toBe(1);
    const d = e.diagnostics[0];
    expect(d.rule).toBe('yaml-syntax');
    expect(d.message).toContain('YAML 语法错误');
    expect(d.line).toBeGreaterThanOrEqual(v.line);
    expect(d.column).toBeGreaterThan(0);
    // the message quotes the source line it points at, with a caret under the column
    const lines = readFileSync(v.path, 'utf8').split('\n');
    expect(d.message).toContain(`${d.line} | ${lines[d.line! - 1]}`);
    expect(d.message).toMatch(/\n\s+\|\s*\^/);
  });

  test('a tab indentation error names its line', () => {
    const v = variant('    income_total: 210.00\n', '\tincome_total: 210.00\n');
    const d = refuse(v.path).diagnostics[0];
    expect(d.rule).toBe('yaml-syntax');
    expect(d.line).toBe(v.line);
  });

  test('duplicate key', () => {
    const v = variant('    income_total: 210.00\n', '    income_total: 210.00\n    income_total: 210.00\n');
    const d = refuse(v.path).diagnostics[0];
    expect(d.rule).toBe('duplicate-key');
    expect(d.line).toBe(v.line + 1);
  });

  const amountCase = (written: string, message: string) => {
    const v = variant('    income_total: 210.00\n', `    income_total: ${written}\n`);
    const e = refuse(v.path);
    expect(e.exitCode).toBe(1);
    const d = only(e);
    expect(d.rule).toBe('schema');
    expect(d.message).toContain('tables.summary.income_total');
    expect(d.message).toContain(message);
    expect(d.line).toBe(v.line);
    expect(d.column).toBe(v.column + '    income_total: '.length);
  };

  test('"abc" as an amount', () => amountCase('abc', '金额应为数字（万元，最多两位小数），而不是 "abc"'));
  test('"1,2,3" as an amount', () => amountCase('1,2,3', '金额应为数字（万元，最多两位小数），而不是 "1,2,3"'));
  test('"1,234.56" (thousands separator) as an amount', () => amountCase('1,234.56', '而不是 "1,234.56"'));
  test('three decimals in 万元', () => amountCase('210.001', '金额以万元为单位，最多两位小数：210.001'));
  test('a negative amount', () => amountCase('-210.00', '金额不能为负数：-210.00'));
  test('an exponent', () => amountCase('2.1e2', '金额格式不正确：2.1e2'));
  test('a quoted number is text, not an amount', () => amountCase('"210.00"', '而不是 "210.00"'));

  test('"1,2,3" inside a flow map', () => {
    // `{total: 1,2,3}` is YAML for {total: 1, "2": null, "3": null}: the commas split the map
    const v = variant('{code: 2010301, total: 105.00, fiscal: 100.00, other: 5.00}', '{code: 2010301, total: 1,2,3, fiscal: 100.00, other: 5.00}');
    const e = refuse(v.path);
    expect(e.exitCode).toBe(1);
    const d = e.diagnostics[0];
    expect(d.rule).toBe('unknown-key');
    expect(d.line).toBe(v.line);
    expect(d.message).toContain('"2"');
  });

  test('unknown key with a did-you-mean suggestion', () => {
    const v = variant('    income_total: 210.00\n', '    income_totl: 210.00\n');
    const e = refuse(v.path);
    expect(e.exitCode).toBe(1);
    const d = e.diagnostics.find((x) => x.rule === 'unknown-key')!;
    expect(d.message).toContain('未知字段 "income_totl"（位于 tables.summary）');
    expect(d.message).toContain('是否应为 "income_total"？');
    expect(d.line).toBe(v.line);
  });

  test('alias bomb is refused quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const f = file(`format: 1\n${levels.join('\n')}\n`);
    const t0 = performance.now();
    const e = refuse(f);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(e.exitCode).toBe(1);
    const d = only(e);
    expect(d.rule).toBe('alias-limit');
    expect(d.line).toBeGreaterThan(1);
  });
});

/** Wrong shapes are named as such: a type error, a missing field, never the loader's internals. */
describe('loader messages for wrong shapes', () => {
  test('a present field of the wrong type is not "缺少必填字段" (zod 4 issues carry no input without reportInput)', () => {
    const v = variant('overview:\n', 'overview: abc\nxoverview:\n');
    const d = refuse(v.path).diagnostics.find((x) => x.rule === 'schema')!;
    expect(d.message).not.toContain('缺少必填字段');
  });

  test('a number where a table is expected is not read as a map with keys source/line/column', () => {
    const v = variant('  state_capital: {rows: []}\n', '  state_capital: 5\n');
    const d = refuse(v.path).diagnostics[0];
    expect(d.message).not.toMatch(/source|column/);
  });

  test('a missing required text field says 缺少必填字段', () => {
    const v = variant('  name: 测试市测试区测试局\n', '');
    const d = refuse(v.path).diagnostics[0];
    expect(d.message).toContain('缺少必填字段');
  });

  test('a list given as an amount does not print the loader internals', () => {
    const v = variant('    income_total: 210.00\n', '    income_total: [210]\n');
    const d = refuse(v.path).diagnostics[0];
    expect(d.message).not.toContain('"source"');
  });
});
