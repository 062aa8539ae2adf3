/**
 * The loader's limits: a file too large, nested too deep, with too many aliases, or with a line
 * too long to quote whole is refused (or quoted) with its place named, never with a stack overflow.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, scratchData } from './helpers.js';

function check(name: string, content: string) {
  const dir = scratchData();
  const file = join(dir, 'data/2023', name);
  writeFileSync(file, content);
  return { file, ...cli(['check', file], dir) };
}

describe('nesting', () => {
  const cases: [string, string][] = [
    ['flow brackets', `${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['flow braces', `${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`],
    ['block indentation', `${Array.from({ length: 2500 }, (_, i) => `${' '.repeat(i)}b:\n`).join('')}${' '.repeat(2500)}c\n`],
    ['sequence markers', `${'- '.repeat(2500)}x\n`],
  ];
  for (const [what, text] of cases) {
    it(`${what} thousands deep: refused as too deep, with its place`, () => {
      const r = check('deep.yaml', text);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^${r.file}:\\d+:\\d+: error \\[yaml-nesting\\] 嵌套层数过多`));
      expect(r.stderr).not.toMatch(/Maximum call stack|内部错误/);
    });
  }
});

describe('size and aliases', () => {
  it('a file over 4 MB is refused before it is read', () => {
    const r = check('big.yaml', `# ${'x'.repeat(4 * 1024 * 1024)}\nyear: 2023\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${r.file}: error [too-large] 文件过大`);
  });

  it('more than 50 aliases are refused at the alias that passes the limit', () => {
    const lines = ['a: &a [1, 2, 3]', ...Array.from({ length: 60 }, (_, i) => `k${i}: *a`)];
    const r = check('aliases.yaml', `${lines.join('\n')}\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${r.file}:\\d+:\\d+: error \\[alias-limit\\]`));
  });
});

describe('quoting a long line', () => {
  it('quotes about 80 characters around the error, with the caret under it', () => {
    const r = check('long.yaml', `year: 2023\nx: ${'a'.repeat(300)}: b: c\n`);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    const quoted = lines.filter((l) => /^\s+\d+ \| /.test(l));
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(Array.from(q.replace(/^\s+\d+ \| /, '')).length).toBeLessThanOrEqual(82);
    const last = lines.findIndex((l) => l.includes('…aaaa') && l.endsWith(': b: c'));
    expect(last).toBeGreaterThan(0);
    const caretLine = lines[last + 1]!;
    // the yaml package places this error at the nested key's value ("b", column 306)
    expect(caretLine.indexOf('^')).toBe(lines[last]!.indexOf(': b: c') + 2);
  });
});
