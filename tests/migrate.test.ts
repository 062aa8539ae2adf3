import { describe, expect, it, beforeAll } from 'vitest';
import { existsSync, linkSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, pdftotext, SAMPLE, scratchData } from './helpers.js';
import { LEGACY_TABLE_KEYS } from '../src/model/tables.js';

/**
 * Files written with the old table keys (tables.t01…t09) still load, with one warning, and
 * `juesuan migrate` rewrites them, changing nothing but the keys.
 */

const OLD_OF = Object.fromEntries(Object.entries(LEGACY_TABLE_KEYS).map(([old, key]) => [key, old]));

/** Renames the keys of the `tables:` block only (explanation: has its own general_budget, three_public). */
function renameTables(text: string, names: Record<string, string>): string {
  const start = text.indexOf('\ntables:');
  const end = text.slice(start + 1).search(/\n[^\s#]/) + start + 1;
  const block = text.slice(start, end).replace(new RegExp(`^  (${Object.keys(names).join('|')}):`, 'gm'), (_, k: string) => `  ${names[k]}:`);
  return text.slice(0, start) + block + text.slice(end);
}

/** The sample with the old keys, and with the new ones, whichever it is written with. */
const sample = readFileSync(SAMPLE, 'utf8');
const legacySample = renameTables(sample, OLD_OF);
const currentSample = renameTables(legacySample, LEGACY_TABLE_KEYS);

function scratch(files: Record<string, string | Buffer>): string {
  const dir = scratchData();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'data/2023', name), text);
  return dir;
}

describe('a department file with the old table keys', () => {
  let dir = '';
  let oldRun: ReturnType<typeof cli>;
  let newRun: ReturnType<typeof cli>;
  beforeAll(() => {
    dir = scratch({ 'old.yaml': legacySample, 'new.yaml': currentSample });
    oldRun = cli(['render', 'data/2023/old.yaml', '-o', 'old.pdf'], dir);
    newRun = cli(['render', 'data/2023/new.yaml', '-o', 'new.pdf'], dir);
  });

  it('renders the same text as the file with the new keys', () => {
    expect(legacySample).not.toEqual(currentSample);
    expect(oldRun.code).toBe(0);
    expect(newRun.code).toBe(0);
    const text = pdftotext(join(dir, 'new.pdf'), true);
    expect(text).toContain('收入支出决算总表');
    expect(pdftotext(join(dir, 'old.pdf'), true)).toEqual(text);
  });

  it('is warned about once, at the first old key, and told how to migrate', () => {
    const warnings = oldRun.stderr.split('\n').filter((l) => l.includes('[deprecated-table-keys]'));
    const t01 = legacySample.split('\n').findIndex((l) => l.startsWith('  t01:')) + 1;
    expect(warnings).toEqual([`data/2023/old.yaml:${t01}:3: warning [deprecated-table-keys] t01 等旧表名已停用，请运行 juesuan migrate 改为 summary 等新表名（本次仍按旧表名读取）`]);
    expect(newRun.stderr).not.toContain('deprecated-table-keys');
    // every other finding is the same, at the same place
    const others = (s: string) => s.split('\n').filter((l) => !l.includes('deprecated-table-keys') && !l.includes('已生成') && !l.includes('个警告')).map((l) => l.replace(/^data\/2023\/(old|new)\.yaml/, 'f'));
    expect(others(oldRun.stderr)).toEqual(others(newRun.stderr));
  });

  it('is named as written in a schema message', () => {
    const d = scratch({ 'bad.yaml': legacySample.replace(/^    income_total: .*$/m, '    income_total: abc') });
    const r = cli(['check', 'data/2023/bad.yaml'], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error \[schema\] 字段 tables\.t01\.income_total：/);
  });

  it('may not give one table under both keys: an error naming both lines, and no PDF', () => {
    const both = legacySample.replace(/^  t06:/m, '  general_budget: {rows: []}\n  t06:');
    const lines = both.split('\n');
    const t05 = lines.findIndex((l) => l.startsWith('  t05:')) + 1;
    const gb = lines.findIndex((l) => l.startsWith('  general_budget:')) + 1;
    const d = scratch({ 'both.yaml': both });
    for (const args of [['check', 'data/2023/both.yaml'], ['render', 'data/2023/both.yaml', '-o', 'both.pdf'], ['migrate', 'data/2023/both.yaml', '-o', 'out.yaml']]) {
      const r = cli(args, d);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`data/2023/both.yaml:${gb}:3: error [duplicate-table] tables.t05（第 ${t05} 行）与 tables.general_budget（第 ${gb} 行）是同一张表（一般公共预算财政拨款支出决算表）`);
    }
    expect(existsSync(join(d, 'both.pdf'))).toBe(false);
    expect(existsSync(join(d, 'out.yaml'))).toBe(false);
  });
});

describe('juesuan migrate', () => {
  it('renames only the keys: comments, quoting, flow style, order and line ends stay', () => {
    const text = [
      '# 部门决算 2023',
      'format: 1',
      'tables:   # 第二部分',
      '  "t01": {income: {general_budget: 1.00}}  # 总表',
      "  't02':",
      '    rows: []   # 空',
      '  # 公开03 follows',
      '  t03: {rows: [ {code: 201, total: 1.00} ]}',
      '  t09:',
      '    budget: {total: 19.6}',
      'pins: {t01: 不是表}',
      '',
    ].join('\r\n');
    const d = scratch({ 'c.yaml': text });
    const r = cli(['migrate', 'data/2023/c.yaml'], d);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      text.replace('"t01"', '"summary"').replace("'t02'", "'income'").replace('  t03:', '  expenditure:').replace('  t09:', '  three_public:'),
    );
    expect(readFileSync(join(d, 'data/2023/c.yaml'), 'utf8')).toBe(text);
  });

  it('--in-place rewrites the file and keeps the previous one as <file>.bak', () => {
    const d = scratch({ 'x.yaml': legacySample });
    const r = cli(['migrate', 'data/2023/x.yaml', '--in-place'], d);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('t01 → summary（第');
    expect(readFileSync(join(d, 'data/2023/x.yaml.bak'), 'utf8')).toBe(legacySample);
    expect(readFileSync(join(d, 'data/2023/x.yaml'), 'utf8')).toBe(currentSample);
    expect(readdirSync(join(d, 'data/2023')).sort()).toEqual(['x.yaml', 'x.yaml.bak']);
    const check = cli(['check', 'data/2023/x.yaml'], d);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain('deprecated-table-keys');
    // a file with nothing to migrate is left alone, and so is its backup
    const again = cli(['migrate', 'data/2023/x.yaml', '--in-place'], d);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('没有旧表名');
    expect(readFileSync(join(d, 'data/2023/x.yaml.bak'), 'utf8')).toBe(legacySample);
  });

  it('--in-place never overwrites a different older backup', () => {
    const d = scratch({ 'x.yaml': legacySample, 'x.yaml.bak': 'an older backup\n' });
    const r = cli(['migrate', 'data/2023/x.yaml', '--in-place'], d);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data/2023/x.yaml.bak: error [backup-exists]');
    expect(readFileSync(join(d, 'data/2023/x.yaml'), 'utf8')).toBe(legacySample);
    expect(readFileSync(join(d, 'data/2023/x.yaml.bak'), 'utf8')).toBe('an older backup\n');
  });

  it('-o writes another file and refuses to write onto its input, however it is named', () => {
    const d = scratch({ 'x.yaml': legacySample });
    symlinkSync('x.yaml', join(d, 'data/2023/link.yaml'));
    linkSync(join(d, 'data/2023/x.yaml'), join(d, 'data/2023/hard.yaml'));
    for (const out of ['data/2023/x.yaml', 'data/2023/../2023/x.yaml', join(d, 'data/2023/x.yaml'), 'data/2023/link.yaml', 'data/2023/hard.yaml']) {
      const r = cli(['migrate', 'data/2023/x.yaml', '-o', out], d);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toContain('error [same-file] 输出文件就是输入文件');
    }
    expect(readFileSync(join(d, 'data/2023/x.yaml'), 'utf8')).toBe(legacySample);
    expect(readdirSync(join(d, 'data/2023')).sort()).toEqual(['hard.yaml', 'link.yaml', 'x.yaml']);
    const r = cli(['migrate', 'data/2023/x.yaml', '-o', 'data/2023/y.yaml'], d);
    expect(r.code).toBe(0);
    expect(readFileSync(join(d, 'data/2023/y.yaml'), 'utf8')).toBe(currentSample);
    expect(cli(['migrate', 'data/2023/x.yaml', '-o', 'y.yaml', '--in-place'], d).code).toBe(2);
  });

  it('reports what it cannot read, and writes nothing', () => {
    const d = scratch({ 'bad.yaml': 'tables:\n  t01: [1, 2\n' });
    const r = cli(['migrate', 'data/2023/bad.yaml', '-o', 'out.yaml'], d);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.yaml:');
    expect(r.stderr).toContain('[yaml-syntax]');
    expect(cli(['migrate', 'data/2023/none.yaml'], d).code).toBe(2);
    expect(existsSync(join(d, 'out.yaml'))).toBe(false);
  });
});
