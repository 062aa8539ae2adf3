import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Decimal } from 'decimal.js';
import { calculate } from '../src/calculate/index.js';
import { tailTolerance } from '../src/calculate/rounding.js';
import { allRules, RULE_FAMILIES, runChecks } from '../src/check/index.js';
import { CheckContext } from '../src/check/context.js';
import { sortDiagnostics } from '../src/check/index.js';
import { checkYaml, ROOT, setAmount } from './fixtures/check/harness.js';

/** The machinery every rule shares: tolerance, verdicts, order, the registry and its documentation. */

const tail = (doc: import('yaml').Document) => setAmount(doc, ['tables', 'income', 'rows', 3, 'total'], '42.01'); // 208: Σ款 42.00

describe('tolerance (尾数误差)', () => {
  test('default is tailTolerance(n) from src/calculate/rounding.ts', () => {
    const ctx = new CheckContext(calculate(checkYaml().loaded));
    for (const n of [1, 2, 3, 6, 26]) expect(ctx.tolerance(n).equals(tailTolerance(n))).toBe(true);
    expect(ctx.tolerance(3).toString()).toBe('0.02');
  });

  test('a 0.01 tail over three 款 is a warning by default', () => {
    const d = checkYaml(tail).of('income-rollup').find((x) => x.message.startsWith('收入决算表（公开02表） 208'))!;
    expect(d.severity).toBe('warning');
  });

  test('tolerancePerFigure: 0 makes every tail an error', () => {
    const d = checkYaml(tail, { options: { tolerancePerFigure: 0 } }).of('income-rollup').find((x) => x.message.startsWith('收入决算表（公开02表） 208'))!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('超出尾数误差范围 ±0');
  });

  test('a larger tolerancePerFigure turns a 1.00 difference into a warning', () => {
    const mutate = (doc: import('yaml').Document) => setAmount(doc, ['tables', 'income', 'rows', 3, 'total'], '43.00');
    const strict = checkYaml(mutate).of('income-rollup').find((x) => x.message.startsWith('收入决算表（公开02表） 208'))!;
    expect(strict.severity).toBe('error');
    const loose = checkYaml(mutate, { options: { tolerancePerFigure: '0.5' } }).of('income-rollup').find((x) => x.message.startsWith('收入决算表（公开02表） 208'))!;
    expect(loose.severity).toBe('warning');
    expect(new CheckContext(calculate(checkYaml().loaded), { tolerancePerFigure: new Decimal('0.5') }).tolerance(2).toString()).toBe('1.5');
  });

  test('a negative or non-numeric tolerance is refused', () => {
    const calc = calculate(checkYaml().loaded);
    expect(() => runChecks(calc, { tolerancePerFigure: -1 })).toThrow(RangeError);
    expect(() => runChecks(calc, { tolerancePerFigure: 'abc' })).toThrow();
  });

  test('the tolerance grows with the number of non-blank parts', () => {
    // 22102 has one 项 (2210201): 2 figures → ±0.01; a 0.02 difference is an error
    const d = checkYaml((doc) => setAmount(doc, ['tables', 'general_budget', 'rows', 8, 'total'], '18.02')).of('general-budget-rollup').find((x) => x.message.includes('22102'))!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('±0.01）');
  });
});

describe('findings', () => {
  test('are sorted by line, then rule, and deterministic', () => {
    const mutate = (doc: import('yaml').Document) => {
      setAmount(doc, ['tables', 'income', 'total', 'total'], '300.00');
      setAmount(doc, ['tables', 'basic_detail', 'public_total'], '31.00');
      doc.setIn(['tables', 'general_budget', 'rows', 0, 'name'], '一般公共服务');
    };
    // two runs write two temp files: compare all but the file name
    const strip = (ds: import('../src/model/diagnostics.js').Diagnostic[]) => ds.map((d) => ({ ...d, file: '' }));
    const a = strip(checkYaml(mutate).diagnostics);
    const b = strip(checkYaml(mutate).diagnostics);
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
    expect(sortDiagnostics([...a].reverse())).toEqual(a);
    for (let i = 1; i < a.length; i++) {
      expect(a[i - 1].line! < a[i].line! || (a[i - 1].line === a[i].line && a[i - 1].rule <= a[i].rule)).toBe(true);
    }
  });

  test('every finding names its file and line, and says expected/actual for a figure', () => {
    const r = checkYaml((doc) => setAmount(doc, ['tables', 'expenditure', 'total', 'basic'], '141.00'));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.file).toBe(r.file);
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
      expect(['error', 'warning']).toContain(d.severity);
    }
  });

  test('a blank figure that should hold an amount is reported at its key', () => {
    const r = checkYaml((doc) => doc.deleteIn(['tables', 'basic_detail', 'personnel_total']));
    // personnel_total omitted → computed as 301 + 303 (no finding); delete 303 instead
    expect(r.of('basic-detail-personnel')).toEqual([]);
    const r2 = checkYaml((doc) => setAmount(doc, ['tables', 'expenditure', 'rows', 3, 'basic'], null));
    const d = r2.of('expenditure-rollup').find((x) => x.message.startsWith('支出决算表（公开03表） 208 社会保障和就业支出 基本支出'))!;
    expect(d.message).toContain('表中为 空');
    expect(d.actual).toBe('');
    expect(d.line).toBe(r2.pos(['tables', 'expenditure', 'rows', 3, 'basic']).line);
  });
});

describe('registry', () => {
  test('rule ids are unique and kebab-case, descriptions are Chinese', () => {
    const ids = allRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules()) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.description).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description).not.toContain('\n');
    }
  });

  test('every rule is documented in docs/checks.md, and every documented id exists', () => {
    const doc = readFileSync(join(ROOT, 'docs/checks.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|/gm)].map((m) => m[1]));
    const ids = allRules().map((r) => r.id);
    expect(ids.filter((id) => !documented.has(id))).toEqual([]);
    expect([...documented].filter((id) => !ids.includes(id))).toEqual([]);
  });

  test('families are listed once', () => {
    const names = RULE_FAMILIES.map((f) => f.family);
    expect(new Set(names).size).toBe(names.length);
  });
});
