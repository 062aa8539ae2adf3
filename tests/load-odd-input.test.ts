import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadDepartment } from '../src/load/index.js';
import { InputError, type Diagnostic } from '../src/model/diagnostics.js';
import { readFast } from '../src/load/yaml-fast.js';
import { readFull } from '../src/load/yaml-full.js';
import { FIXTURE_DIR } from './fixtures/check/harness.js';
import { inputCases } from './input-cases.js';
import { cli } from './helpers.js';

/**
 * Input an officer produces by accident: a date that does not exist, a file saved as UTF-16 or
 * with old Mac line endings, an amount copied with its thousands separators. Each is refused
 * with a message that names the cause and the place, never a symptom ("not text", "expected
 * object", "unknown key 314.64").
 */

const { dir, clean, file, refuse, variant, only } = inputCases('juesuan-odd-');

describe('dates that do not exist are refused at their line and column', () => {
  test.each([
    ['2024-02-30', '2024年2月只有 29 天'],
    ['2023-02-29', '2023年2月只有 28 天'],
    ['2023-04-31', '2023年4月只有 30 天'],
    ['2023-13-01', '月份应为 01–12，而不是 13'],
    ['2023-00-10', '月份应为 01–12，而不是 00'],
    ['2023-06-00', '日应从 01 起'],
  ])('%s', (written, why) => {
    const v = variant('  date: 2024-10-25\n', `  date: ${written}\n`);
    const e = refuse(v.path);
    expect(e.exitCode).toBe(1);
    const d = only(e);
    expect(d.rule).toBe('schema');
    expect(d.message).toContain('cover.date');
    expect(d.message).toContain(`日期 ${written} 不存在：${why}`);
    expect(d.line).toBe(v.line);
    expect(d.column).toBe(v.column + '  date: '.length);
  });

  test('the days that do exist load: 29 February of a leap year, the last day of each month', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2023-04-30', '2023-12-31', '2023-01-31']) {
      const v = variant('  date: 2024-10-25\n', `  date: ${ok}\n`);
      expect(loadDepartment(v.path, { dataDir: FIXTURE_DIR }).model.cover.date).toBe(ok);
    }
  });

  test('1900-02-29 (not a leap year: divisible by 100) and a date not written YYYY-MM-DD', () => {
    const a = only(refuse(variant('  date: 2024-10-25\n', '  date: 1900-02-29\n').path));
    expect(a.message).toContain('1900年2月只有 28 天');
    const b = only(refuse(variant('  date: 2024-10-25\n', '  date: 2024-2-5\n').path));
    expect(b.message).toContain('日期应写作 YYYY-MM-DD');
  });

  test('render writes no PDF for an impossible date and says where it is', () => {
    const v = variant('  date: 2024-10-25\n', '  date: 2024-02-30\n');
    const out = join(dir, 'impossible-date.pdf');
    const r = cli(['render', v.path, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${v.path}:${v.line}:${v.column + '  date: '.length}: error [schema]`);
    expect(r.stderr).toContain('日期 2024-02-30 不存在');
    expect(r.stderr).not.toContain('内部错误');
    expect(existsSync(out)).toBe(false);
  });
});

describe('files saved in another encoding or with old Mac line endings: exit 2, the encoding named', () => {
  const cases: [string, Buffer, string][] = [
    ['UTF-16 LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]), 'UTF-16 LE（带 BOM）'],
    ['UTF-16 BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(clean, 'utf16le').swap16()]), 'UTF-16 BE（带 BOM）'],
    ['UTF-16 LE without a mark', Buffer.from(clean, 'utf16le'), 'UTF-16 LE（无 BOM）'],
    ['UTF-16 BE without a mark', Buffer.from(clean, 'utf16le').swap16(), 'UTF-16 BE（无 BOM）'],
  ];
  test.each(cases)('%s', (_name, bytes, named) => {
    const e = refuse(file(bytes));
    expect(e.exitCode).toBe(2);
    const d = only(e);
    expect(d.rule).toBe('not-utf8');
    expect(d.message).toContain(`文件的编码是 ${named}`);
    expect(d.message).toContain('另存为 UTF-8');
  });

  test('a binary file with NUL bytes is still "not text", not UTF-16', () => {
    const e = refuse(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])));
    expect(only(e).rule).toBe('not-text');
  });

  test('CR-only line endings (old Mac): the whole file, and the CLI says so with exit 2', () => {
    const f = file(clean.replace(/\n/g, '\r'));
    const d = only(refuse(f));
    expect(d.rule).toBe('line-ending');
    expect(d.message).toContain('旧式 Mac 换行符');
    expect(d.message).not.toContain('expected object');
    const r = cli(['check', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[line-ending]');
  });

  test('one lone CR in an LF file is named with its line', () => {
    const v = variant('    income_total: 210.00\n', '    income_total: 210.00\r    opening_balance: 10.00\n');
    const e = refuse(v.path);
    expect(e.exitCode).toBe(2);
    const d = only(e);
    expect(d.rule).toBe('line-ending');
    expect(d.line).toBe(v.line);
    expect(d.column).toBe(v.column + '    income_total: 210.00'.length);
  });

  test('CRLF (Windows) line endings load as before', () => {
    expect(() => loadDepartment(file(clean.replace(/\n/g, '\r\n')), { dataDir: FIXTURE_DIR })).not.toThrow();
  });

  test('the UTF-16 and CR-only messages reach the CLI for render as well', () => {
    const r = cli(['render', file(Buffer.from(clean, 'utf16le')), '-o', join(dir, 'u16.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('UTF-16 LE');
    expect(existsSync(join(dir, 'u16.pdf'))).toBe(false);
  });
});

describe('a comma is not a thousands separator in YAML', () => {
  const expectNamed = (d: Diagnostic, written: string) => {
    expect(d.message).toContain(`金额 ${written} 中的逗号不是千位分隔符`);
    expect(d.message).toContain(`应写作 ${written.replace(/,/g, '')}`);
  };

  test('in a flow map: {general_budget: 11,314.64}', () => {
    const w = variant(
      '{code: 2010301, total: 105.00, fiscal: 100.00, other: 5.00}',
      '{code: 2010301, total: 1,105.00, fiscal: 100.00, other: 5.00}',
    );
    const e = refuse(w.path);
    expect(e.exitCode).toBe(1);
    const d = e.diagnostics[0];
    expectNamed(d, '1,105.00');
    expect(d.message).toContain('在 {…} 里逗号分隔各字段');
    expect(d.line).toBe(w.line);
    expect(d.column).toBe(w.column + '{code: 2010301, total: 1,'.length);
  });

  test('in a flow map, two groups: {total: 1,234,567.89}', () => {
    const w = variant('total: {total: 210.00, fiscal: 205.00, other: 5.00}', 'total: {total: 1,234,567.89, fiscal: 205.00, other: 5.00}');
    const d = refuse(w.path).diagnostics[0];
    expectNamed(d, '1,234,567.89');
    expect(d.line).toBe(w.line);
  });

  test('in a flow map where two cells hold the same grouped amount (a duplicate key to YAML)', () => {
    const w = variant('total: {total: 210.00, fiscal: 205.00, other: 5.00}', 'total: {total: 1,205.00, fiscal: 1,205.00}');
    const e = refuse(w.path);
    expect(e.exitCode).toBe(1);
    const d = only(e);
    expect(d.rule).toBe('duplicate-key');
    expectNamed(d, '1,205.00');
    expect(d.line).toBe(w.line);
  });

  test('in a block value: general_budget: 11,314.64', () => {
    const w = variant('      general_budget: 160.00\n', '      general_budget: 1,160.00\n');
    const d = only(refuse(w.path));
    expect(d.rule).toBe('schema');
    expectNamed(d, '1,160.00');
    expect(d.line).toBe(w.line);
    expect(d.column).toBe(w.column + '      general_budget: '.length);
  });

  test('a comma that is no thousands separator keeps the plain message', () => {
    const w = variant('      general_budget: 160.00\n', '      general_budget: 16,00\n');
    const d = only(refuse(w.path));
    expect(d.message).not.toContain('千位分隔符');
    expect(d.message).toContain('金额应为数字');
  });

  test.each([
    ['flow map', 'a: {general_budget: 11,314.64}\n'],
    ['flow map, a repeated amount', 'a: {total: 11,314.64, fiscal: 11,314.64}\n'],
    ['block value', 'a:\n  general_budget: 11,314.64\n'],
    ['flow sequence', 'a: [11,314.64]\n'],
  ])('the fast reader and the yaml package read the %s alike (or the fast one gives up)', (_name, text) => {
    const fast = readFast(text, 'f.yaml');
    let full: unknown;
    try {
      full = readFull(text, 'f.yaml').data;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      expect(fast).toBeUndefined();
      return;
    }
    if (fast) expect(JSON.stringify(fast.data)).toBe(JSON.stringify(full));
  });
});
