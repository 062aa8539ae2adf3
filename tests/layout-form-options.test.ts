import { describe, it, expect } from 'vitest';
import { resolve } from 'node:path';
import { loadFontSet } from '../src/fonts/index.js';
import { layoutDocument, MarkupError, type LaidOutPage, type LineItem, type TextItem } from '../src/layout/index.js';

/**
 * Markup a form set needs besides Wuhan's: a 目录 flush left (`<toc indent="0">`), a table title in
 * the table face under a document title (`title-style="plain"`), and rows with less padding
 * (`pad-y`) for a form that must keep its many rows on one page. Without them, nothing changes.
 */

const ROOT = resolve(__dirname, '..');
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
const texts = (p: LaidOutPage): TextItem[] => p.items.filter((i): i is TextItem => i.kind === 'text');
const run = (p: LaidOutPage, s: string): TextItem => texts(p).find((t) => t.text === s)!;

const body = `<section numbering="none"><h1>第一部分 概况</h1><h2>一、主要职能</h2><h2>二、部门决算单位构成</h2></section>`;
const withToc = (attrs: string) => `<document title="t"><section numbering="none"><toc title="目 录" depth="2"${attrs}/></section>${body}</document>`;

describe('<toc indent="0">', () => {
  const indented = layoutDocument(withToc(''), fonts).pages[0]!;
  const flush = layoutDocument(withToc(' indent="0"'), fonts).pages[0]!;

  it('sets every entry at the left edge; by default the second level is indented', () => {
    const part = run(flush, '第一部分 概况').x;
    expect(run(flush, '一、主要职能').x).toBeCloseTo(part, 2);
    expect(run(flush, '二、部门决算单位构成').x).toBeCloseTo(part, 2);
    expect(run(indented, '第一部分 概况').x).toBeCloseTo(part, 2);
    expect(run(indented, '一、主要职能').x).toBeGreaterThan(part + 20);
  });

  it('is 0 or 1', () => {
    expect(() => layoutDocument(withToc(' indent="2"'), fonts)).toThrow(MarkupError);
    expect(() => layoutDocument(withToc(' indent="2"'), fonts)).toThrow(/indent="2" \(0\|1\)/);
  });
});

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => `<tr><td nowrap="1">${30101 + i}</td><td>基本工资</td><td align="right" nowrap="1">1,528.60</td></tr>`).join('');
const table = (attrs: string, n = 3) =>
  `<document title="t"><section numbering="none"><table title="一般公共预算财政拨款基本支出决算表" right="单位：万元" widths="1 3 1" font-size="10"${attrs}><tbody>${rows(n)}</tbody><note>注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。</note></table></section></document>`;

describe('<table title-style="plain">', () => {
  const form = layoutDocument(table(''), fonts).pages[0]!;
  const plain = layoutDocument(table(' title-style="plain"'), fonts).pages[0]!;
  const title = (p: LaidOutPage) => run(p, '一般公共预算财政拨款基本支出决算表');

  it('sets the title in the table face at the size of the cells, centred as before', () => {
    expect(title(plain)).toMatchObject({ role: 'table', size: 10 });
    expect(title(form).role).toBe('title');
    expect(title(form).size).toBeGreaterThan(14);
    const centre = (t: TextItem) => t.x + t.width / 2;
    expect(centre(title(plain))).toBeCloseTo(centre(title(form)), 1);
  });

  it('takes less room above the grid', () => {
    const firstCode = (p: LaidOutPage) => run(p, '30101').y;
    expect(firstCode(plain)).toBeLessThan(firstCode(form) - 5);
  });

  it('is form or plain', () => {
    expect(() => layoutDocument(table(' title-style="small"'), fonts)).toThrow(/title-style="small" \(form\|plain\)/);
  });
});

describe('<table pad-y>', () => {
  const rules = (p: LaidOutPage) => p.items.filter((i): i is LineItem => i.kind === 'line' && i.y1 === i.y2).map((l) => l.y1);
  const pitch = (p: LaidOutPage) => {
    const ys = [...new Set(rules(p).map((y) => y.toFixed(2)))].map(Number).sort((a, b) => a - b);
    return ys[2]! - ys[1]!;
  };

  it('makes every row that much shorter, the text still between its rules', () => {
    const normal = layoutDocument(table('', 40), fonts).pages[0]!;
    const tight = layoutDocument(table(' pad-y="1"', 40), fonts).pages[0]!;
    expect(pitch(normal) - pitch(tight)).toBeCloseTo(3, 2);
    const code = run(tight, '30102');
    const ys = rules(tight).sort((a, b) => a - b);
    const above = Math.max(...ys.filter((y) => y < code.y));
    const below = Math.min(...ys.filter((y) => y > code.y));
    expect(code.y - code.size * 0.8).toBeGreaterThan(above);
    expect(code.y).toBeLessThan(below);
  });

  it('keeps a long form on fewer pages', () => {
    const n = 44;
    expect(layoutDocument(table(' pad-y="0.5"', n), fonts).pages.length).toBeLessThan(layoutDocument(table('', n), fonts).pages.length);
  });

  it('is between 0 and the default padding', () => {
    expect(() => layoutDocument(table(' pad-y="-1"'), fonts)).toThrow(/pad-y="-1": 0 to 2.5 pt/);
    expect(() => layoutDocument(table(' pad-y="6"'), fonts)).toThrow(/pad-y="6"/);
  });
});
