import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { checkYaml, FIXTURE_DIR, setAmount } from './fixtures/check/harness.js';

/**
 * 人员经费合计 and 公用经费合计 sum the 类 the registry lists for them (src/model/tables.ts) that
 * the form prints (the profile's forms.basic_detail) or the data gives: no list of codes of their own.
 */

const CATALOG = readFileSync(join(FIXTURE_DIR, 'catalog/2023.yaml'), 'utf8');

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A data folder whose catalog is the fixture's, edited. */
function dataDir(edit: (catalog: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-form-'));
  made.push(dir);
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(join(dir, 'catalog/2023.yaml'), edit(CATALOG));
  return dir;
}

const publicTotal = (text: string) => (doc: Document) => setAmount(doc, ['tables', 'basic_detail', 'public_total'], text);

describe('公用经费合计 names the 类 of the form', () => {
  it('a form that prints 307 counts it, even without a figure', () => {
    const dir = dataDir((c) =>
      c
        .replace('  "310": 资本性支出\n', '  "307": 债务利息及费用支出\n  "30701": 国内债务付息\n  "310": 资本性支出\n'),
    );
    const with307 = (form: string[][]) => form.map((g) => (g.includes('310') ? ['307', '30701', ...g] : g));
    const r = checkYaml(publicTotal('31.00'), { dataDir: dir, basicDetailForm: with307 });
    expect(r.of('basic-detail-public').map((d) => d.message)).toEqual([
      '一般公共预算财政拨款基本支出决算明细表（公开06表） 公用经费合计：302 + 307 + 310 之和为 30.00，表中为 31.00（差 1.00，超出尾数误差范围 ±0.015）',
    ]);
  });

  it('a form without 310 does not name it when the data has none', () => {
    const without310 = (form: string[][]) => form.filter((g) => !g.includes('310'));
    const r = checkYaml(
      (doc) => {
        const rows = doc.getIn(['tables', 'basic_detail', 'rows']) as { items: { toJSON(): { code: number } }[] };
        rows.items = rows.items.filter((row) => !String(row.toJSON().code).startsWith('310'));
        publicTotal('26.00')(doc);
      },
      { basicDetailForm: without310 },
    );
    expect(r.of('basic-detail-public').map((d) => d.message)).toEqual([
      '一般公共预算财政拨款基本支出决算明细表（公开06表） 公用经费合计：302 之和为 25.00，表中为 26.00（差 1.00，超出尾数误差范围 ±0.01）',
    ]);
  });

  it('the fixture form (301, 303 | 302 | 310) names them as before', () => {
    const r = checkYaml(publicTotal('31.00'));
    expect(r.of('basic-detail-public').map((d) => d.message)).toEqual([
      '一般公共预算财政拨款基本支出决算明细表（公开06表） 公用经费合计：302 + 310 之和为 30.00，表中为 31.00（差 1.00，超出尾数误差范围 ±0.015）',
    ]);
  });
});
