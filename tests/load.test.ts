import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadDepartment } from '../src/load/index.js';
import { InputError } from '../src/model/diagnostics.js';
import { Catalog } from '../src/load/catalog.js';
import { calculate } from '../src/calculate/index.js';
import { ROOT } from './helpers.js';

const MINI = join(ROOT, 'tests/fixtures/mini/2024/mini.yaml');

/** A copy of the mini fixture with one edit, in a temp folder beside a copy of its catalog. */
function variant(edit: (src: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-load-'));
  cpSync(join(ROOT, 'tests/fixtures/mini/catalog'), join(dir, 'catalog'), { recursive: true });
  const file = join(dir, 'mini.yaml');
  writeFileSync(file, edit(readFileSync(MINI, 'utf8')));
  return file;
}

function loadError(file: string): InputError {
  try {
    loadDepartment(file);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('the old table keys (the mini fixture keeps t01…t09 on purpose)', () => {
  it('reads the tables under their new keys, with one warning at the first old key', () => {
    const loaded = loadDepartment(MINI);
    expect(loaded.model.tables.summary.income_total!.text).toBe('120.75');
    expect(loaded.model.tables.state_capital.rows).toEqual([]);
    const t01 = readFileSync(MINI, 'utf8').split('\n').indexOf('  t01:') + 1;
    expect(loaded.notes).toEqual([
      { severity: 'warning', rule: 'deprecated-table-keys', message: 't01 等旧表名已停用，请运行 juesuan migrate 改为 summary 等新表名（本次仍按旧表名读取）', file: MINI, line: t01, column: 3 },
    ]);
  });

  it('names a single old key without 等, and a file with the new keys gets no warning', () => {
    const one = variant((s) => s.replace('  t02:', '  income:').replace('  t03:', '  expenditure:').replace('  t01:', '  summary:').replace('  t04:', '  fiscal_summary:').replace('  t05:', '  general_budget:').replace('  t06:', '  basic_detail:').replace('  t07:', '  government_fund:').replace('  t08:', '  state_capital:'));
    expect(loadDepartment(one).notes.map((w) => w.message)).toEqual(['旧表名 t09 已停用，请运行 juesuan migrate 改为新表名 three_public（本次仍按旧表名读取）']);
    const none = variant((s) => s.replace('  t09:', '  three_public:').replace('  t02:', '  income:').replace('  t03:', '  expenditure:').replace('  t01:', '  summary:').replace('  t04:', '  fiscal_summary:').replace('  t05:', '  general_budget:').replace('  t06:', '  basic_detail:').replace('  t07:', '  government_fund:').replace('  t08:', '  state_capital:'));
    expect(loadDepartment(none).notes).toEqual([]);
  });
});

describe('loading amounts', () => {
  it('reads amounts exactly from the source text, keeping the written precision', () => {
    const { model } = loadDepartment(MINI);
    const gb = model.tables.summary.income.general_budget!;
    expect(gb.text).toBe('100.50');
    expect(gb.decimals).toBe(2);
    expect(gb.value.toFixed(2)).toBe('100.50');
    expect(gb.line).toBeGreaterThan(1);
    // 0.1 + 0.2 style drift cannot happen: sums are decimal.
    const t = model.tables.income.total!;
    expect(t.fiscal!.value.plus(t.business!.value).toString()).toBe('120.75');
  });

  it('keeps an amount written with one decimal as written (三公 prints 19.6)', () => {
    const file = variant((s) => s.replace('budget: {total: 3.00,', 'budget: {total: 19.6,'));
    const { model } = loadDepartment(file);
    expect(model.tables.three_public.budget.total!.text).toBe('19.6');
    expect(model.tables.three_public.budget.total!.decimals).toBe(1);
  });

  it('refuses three decimals in 万元 with the line of the amount', () => {
    const file = variant((s) => s.replace('income_total: 120.75', 'income_total: 120.755'));
    const err = loadError(file);
    expect(err.exitCode).toBe(1);
    const d = err.diagnostics[0];
    expect(d.message).toContain('最多两位小数');
    expect(d.message).toContain('tables.t01.income_total');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('120.755')) + 1;
    expect(d.line).toBe(line);
  });
});

describe('structural errors', () => {
  it('names the line of an unknown key and suggests the right one', () => {
    const file = variant((s) => s.replace('  short_name: 测试中心', '  shortname: 测试中心'));
    const err = loadError(file);
    const d = err.diagnostics.find((x) => x.rule === 'unknown-key')!;
    expect(d.message).toContain('"shortname"');
    expect(d.message).toContain('是否应为 "short_name"');
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('shortname')) + 1;
    expect(d.line).toBe(line);
  });

  it('reports a missing required section', () => {
    const file = variant((s) => s.replace(/^key_work:[\s\S]*?^glossary:/m, 'glossary:'));
    const err = loadError(file);
    expect(err.diagnostics.some((d) => d.message.includes('key_work'))).toBe(true);
  });
});

describe('catalog', () => {
  it('gives names by code and the 类/款/项 path', () => {
    const loaded = loadDepartment(MINI);
    expect(loaded.catalog.functionalName('2080506')).toBe('机关事业单位职业年金缴费支出');
    expect(loaded.catalog.economicName('30231')).toBe('公务用车运行维护费');
    expect(Catalog.level('208')).toBe('类');
    expect(Catalog.level('20805')).toBe('款');
    expect(Catalog.level('2080505')).toBe('项');
    expect(loaded.catalog.functionalPath('2080505').map((p) => `${p.name}（${p.level}）`).join('')).toBe(
      '社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）',
    );
  });

  it('names table rows from the catalog and computes what the data leaves out', () => {
    const calc = calculate(loadDepartment(MINI));
    expect(calc.tables.income.rows[0].name).toBe('一般公共服务支出');
    // 公开01's 类 rows come from 公开03 when the data omits them.
    expect(calc.tables.summary.expenditure.find((l) => l.code === '201')!.amount!.text).toBe('95.75');
    expect(calc.tables.summary.expenditure[0].label).toBe('一、一般公共服务支出');
  });
});

describe('paths in the data', () => {
  it('a catalog name that leaves the data folder is refused with its line', () => {
    const file = variant((s) => s.replace('catalog: 2024', 'catalog: ../../../etc/passwd'));
    const err = loadError(file);
    expect(err.diagnostics[0].rule).toBe('path-escape');
    expect(err.diagnostics[0].line).toBe(readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('catalog:')) + 1);
  });
});
