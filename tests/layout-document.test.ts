import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFontSet } from '../src/fonts/index.js';
import {
  layoutDocument, MarkupError, TableTooWideError, TableTooTallError, type DrawItem, type LaidOutDocument, type LaidOutPage, type LineItem,
  type TextItem,
} from '../src/layout/index.js';

/** The layout model of whole documents: pages, tables across pages, the 目录, numbering. */

const ROOT = resolve(__dirname, '..');
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
const SAMPLE = readFileSync(resolve(ROOT, 'tests/fixtures/layout-sample.xml'), 'utf8');
const sample = layoutDocument(SAMPLE, fonts);

const texts = (p: LaidOutPage): TextItem[] => p.items.filter((i): i is TextItem => i.kind === 'text');
const pageText = (p: LaidOutPage): string => texts(p).map((t) => t.text).join('');
const pagesWith = (d: LaidOutDocument, s: string): number[] => d.pages.flatMap((p, i) => (pageText(p).includes(s) ? [i] : []));
/** Pages with a text run that is exactly `s`. */
const pagesWithRun = (d: LaidOutDocument, s: string): number[] => d.pages.flatMap((p, i) => (texts(p).some((t) => t.text === s) ? [i] : []));
const doc = (body: string, orientation = 'portrait'): string =>
  `<document title="t"><section numbering="arabic" orientation="${orientation}">${body}</section></document>`;

function longTable(rows: number, extra = ''): string {
  const body = Array.from({ length: rows }, (_, i) => {
    const code = String(2010301 + i);
    return `<tr><td nowrap="1">${code}</td><td>科目名称第${i + 1}行</td><td align="right" nowrap="1">${(1000 + i * 7.13).toFixed(2)}</td>` +
      `<td align="right" nowrap="1">${(i * 3.5).toFixed(2)}</td><td align="right" nowrap="1">行尾${i + 1}</td></tr>`;
  }).join('\n');
  return `<table form="公开02表" title="收入决算表" toc="二、收入决算表" left="部门：测试单位" right="金额单位：万元" widths="2 5 2 2 2" font-size="9">
    <thead>
      <tr><td colspan="2" align="center">项目</td><td rowspan="2" align="center">本年收入合计</td><td colspan="2" align="center">上级补助收入</td></tr>
      <tr><td align="center">功能分类科目编码</td><td align="center">科目名称</td><td align="center">小计</td><td align="center">其中：专项</td></tr>
    </thead>
    <tbody>${body}${extra}</tbody>
    <note>注：本表反映部门本年度取得的各项收入情况。</note>
  </table>`;
}

describe('a long table with a two-level header (colspan + rowspan) in a landscape section', () => {
  const d = layoutDocument(doc(longTable(120), 'landscape'), fonts);

  it('is laid out on landscape pages', () => {
    expect(d.pages.length).toBeGreaterThanOrEqual(3);
    for (const p of d.pages) {
      expect(p.orientation).toBe('landscape');
      expect(p.width).toBeCloseTo(841.89, 2);
      expect(p.height).toBeCloseTo(595.28, 2);
    }
  });

  it('repeats both header rows on every continuation page under a "公开02表（续）" title line', () => {
    const first = pageText(d.pages[0]!);
    expect(first).toContain('公开02表收入决算表部门：测试单位金额单位：万元');
    expect(first).not.toContain('（续）');
    for (const p of d.pages.slice(1)) {
      const t = pageText(p);
      expect(t.startsWith('公开02表（续）部门：测试单位金额单位：万元项目本年收入合计上级补助收入功能分类科目编码科目名称小计其中：专项')).toBe(true);
    }
  });

  it('never splits a row: every row is whole on exactly one page, rows in order', () => {
    let last = -1;
    for (let i = 0; i < 120; i++) {
      const on = pagesWithRun(d, String(2010301 + i));
      expect(on.length).toBe(1);
      expect(pagesWithRun(d, `科目名称第${i + 1}行`)).toEqual(on);
      expect(pagesWithRun(d, `行尾${i + 1}`)).toEqual(on);
      expect(on[0]!).toBeGreaterThanOrEqual(last);
      last = on[0]!;
    }
    // the note follows the last row
    expect(pagesWith(d, '注：本表反映')).toEqual(pagesWithRun(d, '行尾120'));
  });

  it('draws the grid with thin lines, the header part of every page', () => {
    for (const p of d.pages) {
      const lines = p.items.filter((i): i is LineItem => i.kind === 'line');
      expect(lines.length).toBeGreaterThan(10);
      expect(lines.every((l) => l.lineWidth === 0.5)).toBe(true);
    }
  });

  it('moves a row group bound by a rowspan as a unit', () => {
    const group = `<tr><td rowspan="4" nowrap="1">9999999</td><td>组A</td><td>1</td><td>2</td><td>组尾A</td></tr>` +
      ['B', 'C', 'D'].map((x) => `<tr><td>组${x}</td><td>1</td><td>2</td><td>组尾${x}</td></tr>`).join('');
    for (let n = 20; n < 40; n++) {
      const dd = layoutDocument(doc(longTable(n, group), 'landscape'), fonts);
      const pages = ['9999999', '组尾A', '组尾B', '组尾C', '组尾D'].map((s) => pagesWithRun(dd, s));
      for (const p of pages) expect(p).toEqual(pages[0]);
    }
  });
});

describe('table columns', () => {
  const names = ['机关事业单位基本养老保险缴费支出', '行政运行', '其他住房保障支出项目'];
  const rows = names.map((n, i) => `<tr><td nowrap="1">${2080505 + i}</td><td>${n}</td><td>代码2080505对应的项目支出</td><td align="right" nowrap="1">11,314.64</td></tr>`).join('');
  // the name column is about seven characters wide
  const d = layoutDocument(doc(`<table widths="2 1.7 3.3 3" font-size="10"><tbody>${rows}</tbody></table>`), fonts);
  const items = texts(d.pages[0]!);

  it('a name column of about seven characters wraps, the 7-digit codes never break', () => {
    const codes = items.filter((t) => /^\d{7}$/.test(t.text));
    expect(codes.map((c) => c.text)).toEqual(['2080505', '2080506', '2080507']);
    const nameX = items.find((t) => t.text.startsWith('机关'))!.x;
    const nameLines = items.filter((t) => Math.abs(t.x - nameX) < 0.01);
    expect(nameX).toBeGreaterThan(codes[0]!.x + 40);
    expect(nameLines.map((t) => t.text).join('')).toBe(names.join(''));
    expect(nameLines.length).toBeGreaterThanOrEqual(5);
    for (const line of nameLines) expect(Array.from(line.text).length).toBeLessThanOrEqual(7);
    // inside a wrapped cell, a code in the text stays whole on one line
    const withDigits = items.filter((t) => t.struct !== undefined && /\d/.test(t.text) && !/^\d{7}$/.test(t.text) && !t.text.includes(','));
    expect(withDigits.length).toBe(3);
    for (const t of withDigits) expect(t.text).toContain('2080505');
  });

  it('amounts (nowrap) never wrap and are right-aligned', () => {
    const amounts = items.filter((t) => t.text === '11,314.64');
    expect(amounts).toHaveLength(3);
    const right = Math.max(...amounts.map((a) => a.x + a.width));
    for (const a of amounts) expect(a.x + a.width).toBeCloseTo(right, 2);
  });

  it('a table too wide for the page scales its type down, never below 7.5 pt', () => {
    const cells = Array.from({ length: 7 }, () => '<td nowrap="1">1,234,567.89</td>').join('');
    const wide = layoutDocument(doc(`<table font-size="10"><tbody><tr>${cells}</tr></tbody></table>`), fonts);
    const sizes = texts(wide.pages[0]!).filter((t) => t.text === '1,234,567.89').map((t) => t.size);
    expect(sizes).toHaveLength(7);
    expect(sizes[0]!).toBeLessThan(10);
    expect(sizes[0]!).toBeGreaterThanOrEqual(7.5);
    const lines = wide.pages[0]!.items.filter((i): i is LineItem => i.kind === 'line');
    expect(Math.max(...lines.map((l) => Math.max(l.x1, l.x2)))).toBeLessThanOrEqual(595.28 - 73.64 + 0.01);
  });

  it('a table that cannot fit even at 7.5 pt is a clear error', () => {
    const cells = Array.from({ length: 20 }, () => '<td nowrap="1">1,234,567.89</td>').join('');
    expect(() => layoutDocument(doc(`<table title="宽表"><tbody><tr>${cells}</tr></tbody></table>`), fonts)).toThrow(TableTooWideError);
    expect(() => layoutDocument(doc(`<table title="宽表"><tbody><tr>${cells}</tr></tbody></table>`), fonts)).toThrow(/"宽表".*7\.5 pt/);
  });

  it('a table whose repeated header leaves no room for rows is a clear error, not an endless loop', () => {
    const headRows = Array.from({ length: 60 }, (_, i) => `<tr><td>表头第${i + 1}行</td><td>说明</td></tr>`).join('');
    const markup = doc(`<table title="表头过高"><thead>${headRows}</thead><tbody><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody></table>`);
    expect(() => layoutDocument(markup, fonts)).toThrow(TableTooTallError);
    expect(() => layoutDocument(markup, fonts)).toThrow(/"表头过高".*no room for rows/);
  });

  it('a row taller than a page splits with its borders closed on both pages', () => {
    const tall = Array.from({ length: 90 }, (_, i) => `第${i + 1}行说明文字`).join('<br/>');
    const dd = layoutDocument(doc(`<table form="公开09表" title="说明表" widths="1 3"><thead><tr><td>项目</td><td>说明</td></tr></thead>` +
      `<tbody><tr><td>情况说明</td><td>${tall}</td></tr></tbody></table>`), fonts);
    expect(dd.pages.length).toBeGreaterThanOrEqual(2);
    for (const p of dd.pages) {
      const rows = texts(p).filter((t) => /^第\d+行/.test(t.text));
      expect(rows.length).toBeGreaterThan(0);
      const hs = p.items.filter((i): i is LineItem => i.kind === 'line' && i.y1 === i.y2).map((l) => l.y1);
      const lowest = Math.max(...rows.map((r) => r.y));
      // a horizontal rule closes the piece below its last line of text
      expect(Math.max(...hs)).toBeGreaterThan(lowest);
      expect(Math.max(...hs)).toBeLessThanOrEqual(p.height - 70);
    }
    expect(pageText(dd.pages[1]!)).toContain('公开09表（续）');
    // every line of the cell printed exactly once
    const all = dd.pages.flatMap((p) => texts(p).filter((t) => /^第\d+行/.test(t.text)).map((t) => t.text));
    expect(all).toEqual(Array.from({ length: 90 }, (_, i) => `第${i + 1}行说明文字`));
  });
});

describe('the sample document', () => {
  it('has a cover and a 目录 without numbers, body pages numbered from 1 across sections', () => {
    expect(sample.pages[0]!.number).toBeNull();
    expect(sample.pages[1]!.number).toBeNull();
    const numbers = sample.pages.slice(2).map((p) => p.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(pageText(sample.pages[0]!)).not.toMatch(/-\d+-/);
    for (const p of sample.pages.slice(2)) expect(pageText(p)).toContain(`-${p.number}-`);
  });

  it('puts the landscape section on landscape pages and the rest on portrait', () => {
    const land = sample.pages.filter((p) => p.orientation === 'landscape');
    expect(land.length).toBeGreaterThanOrEqual(3);
    for (const p of land) expect(p.width).toBeGreaterThan(p.height);
    expect(pagesWith(sample, '公开02表（续）').every((i) => sample.pages[i]!.orientation === 'landscape')).toBe(true);
  });

  it('目录 entries give the page number printed on the page where their heading is, and link to it', () => {
    const toc = sample.pages[1]!;
    const links = toc.items.filter((i): i is Extract<DrawItem, { kind: 'link' }> => i.kind === 'link');
    expect(links.length).toBe(9);
    for (const link of links) {
      const inEntry = texts(toc).filter((t) => t.y > link.y && t.y < link.y + link.h);
      const printed = Number(inEntry.at(-1)!.text);
      const target = sample.pages.findIndex((p) => p.items.some((i) => i.kind === 'dest' && i.name === link.dest));
      expect(target).toBeGreaterThan(1);
      expect(printed).toBe(sample.pages[target]!.number);
      // the heading's own text is on that page
      const title = inEntry.filter((t) => !/^[.\d]+$/.test(t.text)).map((t) => t.text).join('').replace('（续）', '');
      const words = title.replace(/\s/g, '').replace(/^[一二三四五六七八九十]+、/, '');
      expect(pageText(sample.pages[target]!).replace(/\s/g, '')).toContain(words.slice(0, 5));
    }
  });

  it('lays the 目录 out after the body: a longer 目录 changes no body page number', () => {
    const many = Array.from({ length: 60 }, (_, i) => `<h2>${i + 1}、小节</h2><p>正文。</p>`).join('');
    const a = layoutDocument(SAMPLE.replace('<section numbering="arabic" orientation="landscape">', `<section numbering="arabic">${many}</section><section numbering="arabic" orientation="landscape">`), fonts);
    const tocPages = a.pages.filter((p, i) => i > 0 && p.number === null).length;
    expect(tocPages).toBeGreaterThanOrEqual(2);
    expect(a.pages.find((p) => p.number !== null)!.number).toBe(1);
    const dest = a.pages.findIndex((p) => p.number !== null && pageText(p).includes('60、小节'));
    const tocText = a.pages.slice(1, 1 + tocPages).map(pageText).join('');
    expect(tocText).toMatch(new RegExp(`60、小节\\.+${a.pages[dest]!.number}`));
  });

  it('keeps a chart with its caption, and a <keep> group together', () => {
    for (const cap of ['图 1：收、支决算总计变动情况', '图 2：支出决算结构']) {
      const i = pagesWith(sample, cap);
      expect(i).toHaveLength(1);
    }
    expect(pagesWith(sample, '项目支出绩效自评结果')).toEqual(pagesWith(sample, '资金使用合规性'));
  });

  it('draws bars as rects with value labels and nice ticks, the pie as d3 arc paths', () => {
    const p = sample.pages[pagesWith(sample, '图 1')[0]!]!;
    const t = pageText(p);
    for (const s of ['11314.64', '9333.5', '2022年度', '2023年度', '单位：万元', '收入总计', '12,000', '0']) expect(t).toContain(s);
    expect(p.items.filter((i) => i.kind === 'rect' && i.fill).length).toBeGreaterThanOrEqual(6);
    const pie = sample.pages[pagesWith(sample, '图 2')[0]!]!;
    const arcs = pie.items.filter((i) => i.kind === 'path' && i.fill);
    expect(arcs).toHaveLength(4);
    expect(arcs.every((a) => a.kind === 'path' && /^M.*A/.test(a.d))).toBe(true);
    for (const s of ['基本支出', '1679万元，14.84%', '项目支出']) expect(pageText(pie)).toContain(s);
  });

  it('has bookmarks for the headings and the tables, nested by level', () => {
    const titles = sample.outline.map((o) => `${o.level}:${o.title}`);
    expect(titles[0]).toBe('1:目录');
    expect(titles).toContain('1:第一部分 武汉市江岸区住房保障和房屋管理局概况');
    expect(titles).toContain('2:二、收入决算表');
    expect(titles).toContain('3:（一）一般公共预算财政拨款支出决算总体情况');
    expect(titles).toContain('2:四、名词解释（续）');
    for (const o of sample.outline) {
      expect(sample.pages[o.pageIndex]!.items.some((i) => i.kind === 'dest' && i.name === o.dest)).toBe(true);
    }
  });

  it('gives the cover title large and centred in the upper third, the date lower', () => {
    const cover = texts(sample.pages[0]!);
    const title = cover.filter((t) => t.role === 'title');
    expect(title.length).toBe(2);
    for (const t of title) {
      expect(t.size).toBeGreaterThanOrEqual(26);
      expect(t.size).toBeLessThanOrEqual(36);
      expect(t.x + t.width / 2).toBeCloseTo(595.28 / 2, 0);
      expect(t.y).toBeLessThan(841.89 / 3);
    }
    const date = cover.find((t) => t.text.includes('2024年10月25日'))!;
    expect(date.y).toBeGreaterThan(841.89 / 2);
  });
});

describe('page breaks', () => {
  it('<pagebreak/> starts the next block on a new page; at the end of a section it makes no blank page', () => {
    const d = layoutDocument(`<document><section numbering="arabic"><p>甲段。</p><pagebreak/><p>乙段。</p><pagebreak/></section>` +
      `<section numbering="arabic"><p>丙段。</p></section></document>`, fonts);
    expect(d.pages.map((p) => pageText(p).replace(/-\d+-/, ''))).toEqual(['甲段。', '乙段。', '丙段。']);
    expect(d.pages.map((p) => p.number)).toEqual([1, 2, 3]);
  });

  it('a heading never ends a page: it moves down with the first lines of its paragraph', () => {
    const filler = Array.from({ length: 23 }, (_, i) => `<p indent="0">第${i + 1}行。</p>`).join('');
    const d = layoutDocument(doc(`${filler}<h2>二、标题</h2><p>${'正文'.repeat(40)}</p>`), fonts);
    const h = pagesWith(d, '二、标题');
    expect(h).toEqual([1]);
    expect(pageText(d.pages[1]!).startsWith('二、标题正文正文')).toBe(true);
  });
});

describe('markup errors', () => {
  it('names the element and the line', () => {
    expect(() => layoutDocument('<document>\n<section>\n<para>x</para></section></document>', fonts)).toThrow(MarkupError);
    expect(() => layoutDocument('<document>\n<section>\n<para>x</para></section></document>', fonts)).toThrow(/<para> \(line 3\)/);
    expect(() => layoutDocument(doc('<table widths="1 2"><tbody><tr><td>a</td></tr></tbody></table>'), fonts)).toThrow(/2 weights for 1 columns/);
  });
});
