import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { EditRefused, lineStartsOf, pathAt, readDocument, setText } from '../src/studio/yaml-edit.js';
import { SAMPLE } from './helpers.js';

/** The studio's form edits change the value's text alone (or add one line): the rest of the file stays byte for byte. */
const sample = readFileSync(SAMPLE, 'utf8');

/** The lines of `after` that differ from `before`, as [old, new] pairs (same line count) or the added lines. */
function changed(before: string, after: string): string[][] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length === b.length) return a.map((l, i) => [l, b[i]!]).filter(([x, y]) => x !== y);
  return [b.filter((l) => !a.includes(l))];
}

describe('form edits as text edits', () => {
  it('replaces a value in a block map, a flow map and an alias, keeping the line\'s comment', () => {
    const one = setText(sample, ['explanation', 'totals', 'last_year'], '9333.5', 'number');
    expect(changed(sample, one)).toEqual([['    last_year: 9333.50', '    last_year: 9333.5']]);
    const two = setText(sample, ['explanation', 'three_public', 'reception', 'reason'], '主要原因是压减接待批次');
    expect(changed(sample, two)).toEqual([
      [
        '    reception: {budget: 0.4, reason: ""}   # published "比年初预算减少0.4万元，。": an empty reason',
        '    reception: {budget: 0.4, reason: 主要原因是压减接待批次}   # published "比年初预算减少0.4万元，。": an empty reason',
      ],
    ]);
    // An alias becomes its own text; the anchor and its other aliases are untouched.
    const three = setText(sample, ['explanation', 'fiscal_totals', 'reason'], '财政拨款另有原因');
    expect(changed(sample, three)).toEqual([['    reason: *change_reason', '    reason: 财政拨款另有原因']]);
    const data = parse(three);
    expect(data.explanation.general_budget.reason).toBe(data.explanation.totals.reason);
  });

  it('adds a missing key as one line after the section\'s last entry, or inside a flow map', () => {
    const block = setText(sample, ['explanation', 'admin_operation', 'reason'], '主要原因是压减会议费');
    expect(changed(sample, block)).toEqual([['    reason: 主要原因是压减会议费']]);
    expect(block).toContain('    last_year: 63.20\n    reason: 主要原因是压减会议费\n  # 十一 政府采购');
    const flow = setText(sample, ['explanation', 'three_public', 'vehicle', 'reason'], '购置车辆一台');
    expect(changed(sample, flow)).toEqual([['    vehicle: {label: 公务用车购置及运行费}', '    vehicle: {label: 公务用车购置及运行费, reason: 购置车辆一台}']]);
    // A section that is not there yet: one line with a flow map.
    const section = setText('explanation:\n  totals:\n    last_year: 1\n', ['explanation', 'admin_operation', 'reason'], '原因');
    expect(section).toBe('explanation:\n  totals:\n    last_year: 1\n  admin_operation: {reason: 原因}\n');
  });

  it('quotes a value that would not read back as the same text', () => {
    for (const value of ['10', 'true', '原因: 其一', '见附表 #2', ' 前有空格', '一, 二', '- 列表', '第一行\n第二行', '']) {
      for (const path of [['explanation', 'admin_operation', 'reason'], ['explanation', 'three_public', 'reception', 'reason']]) {
        const out = setText(sample, path, value);
        let node = parse(out);
        for (const p of path) node = node[p];
        expect(node, `${JSON.stringify(value)} at ${path.join('.')}`).toBe(value);
        expect((changed(sample, out)[0] ?? []).length).toBeLessThanOrEqual(2);
      }
    }
  });

  it('refuses what it cannot write in place, changing nothing', () => {
    expect(() => setText(sample, ['explanation', 'totals', 'last_year'], '九千', 'number')).toThrow(EditRefused);
    expect(() => setText(sample, ['explanation', 'totals', 'last_year'], '1e3', 'number')).toThrow(/不是数字/);
    expect(() => setText(sample, ['explanation', 'totals'], '文字')).toThrow(/不是一段文字/);
    expect(() => setText('explanation: [\n', ['explanation', 'totals', 'reason'], '原因')).toThrow(/语法错误/);
    expect(() => setText(sample, ['tables', 'summary', 'rows', 0, 'x', 'y'], '原因')).toThrow(EditRefused);
  });
});

describe('a finding\'s place in the data', () => {
  const doc = readDocument(sample);
  const starts = lineStartsOf(sample);
  const line = (text: string) => sample.split('\n').findIndex((l) => l.includes(text)) + 1;
  const column = (text: string, at: string) => sample.split('\n')[line(text) - 1]!.indexOf(at) + 1;

  it('is the value that begins at the finding\'s line and column, the outermost where several do', () => {
    expect(pathAt(doc, starts, line('reception: {budget: 0.4'), column('reception: {budget: 0.4', '""'))).toEqual(['explanation', 'three_public', 'reception', 'reason']);
    // A rule naming a section points at its first key, where the section's map begins.
    expect(pathAt(doc, starts, line('    amount: 55.89'), 5)).toEqual(['explanation', 'admin_operation']);
    expect(pathAt(doc, starts, line('expenditure.project: 9635.64'), column('expenditure.project: 9635.64', '9635.64'))).toEqual(['pins', 'expenditure.project']);
  });

  it('is the deepest entry on the line when nothing begins exactly there', () => {
    expect(pathAt(doc, starts, line('    amount: 55.89'), 1)).toEqual(['explanation', 'admin_operation', 'amount']);
    expect(pathAt(doc, starts, line('  three_public:  # 公开09'), 1)).toEqual(['tables', 'three_public']);
  });
});
