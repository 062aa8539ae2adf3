import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFontSet, MissingGlyphError, FontConfigError } from '../src/fonts/index.js';
import { layoutDocument, type LaidOutPage, type TextItem } from '../src/layout/index.js';
import { NO_LINE_END, NO_LINE_START } from '../src/layout/inline-atoms.js';

/** Chinese line breaking and justification, through layoutDocument's model. */

const ROOT = resolve(__dirname, '..');
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);

const doc = (body: string): string =>
  `<document title="t" lang="zh-CN"><section numbering="arabic">${body}</section></document>`;

interface Line {
  y: number;
  runs: TextItem[];
  text: string;
}

/** Body text lines (16 pt runs grouped by baseline), in page order. */
function bodyLines(pages: LaidOutPage[], size = 16): Line[] {
  const lines: Line[] = [];
  for (const p of pages) {
    const byY = new Map<number, TextItem[]>();
    for (const it of p.items) {
      if (it.kind !== 'text' || it.size !== size || it.struct === undefined) continue;
      const k = Math.round(it.y * 100);
      byY.set(k, [...(byY.get(k) ?? []), it]);
    }
    for (const [k, runs] of [...byY].sort((a, b) => a[0] - b[0])) {
      runs.sort((a, b) => a.x - b.x);
      lines.push({ y: k / 100, runs, text: runs.map((r) => r.text).join('') });
    }
  }
  return lines;
}

const PUNCT_TEXT =
  '根据《中华人民共和国预算法》和《武汉市江岸区区级部门决算公开办法》的规定，现将武汉市江岸区住房保障和房屋管理局2023年度部门决算予以公开。' +
  '2023年度收入总计11314.64万元，与上年相比增加1981.14万元，增长21.23%，主要原因是：保障性安居工程项目资金增加；“老旧小区改造”项目（含配套设施）支出增加。' +
  '代码2080505对应的“机关事业单位基本养老保险缴费支出”为286.17万元（含职业年金）、其他（待定）。';

describe('Chinese line breaking', () => {
  // Shift the text by 0..27 characters so that every punctuation mark meets a line end somewhere.
  const variants = Array.from({ length: 28 }, (_, k) => '字'.repeat(k) + PUNCT_TEXT);
  const lines = variants.flatMap((t) => bodyLines(layoutDocument(doc(`<p>${t}</p>`), fonts).pages));

  it('never starts a line with closing punctuation (。，、；：？！）》” %)', () => {
    expect(lines.length).toBeGreaterThan(28 * 5);
    const bad = lines.filter((l) => NO_LINE_START.has(Array.from(l.text)[0]!));
    expect(bad.map((l) => l.text)).toEqual([]);
  });

  it('never ends a line with opening punctuation (（《“)', () => {
    const bad = lines.filter((l) => NO_LINE_END.has(Array.from(l.text).pop()!));
    expect(bad.map((l) => l.text)).toEqual([]);
  });

  it('keeps runs of ASCII digits together: 11314.64, 2023, 2080505, 21.23% are never split', () => {
    const all = lines.map((l) => l.text);
    for (const l of all) {
      // a line may not end inside a number: no line ends with a digit followed on the next line by a digit
      expect(l).not.toMatch(/^[0-9.,]*\d[0-9.,]*$/);
    }
    for (let i = 0; i + 1 < all.length; i++) {
      const joined = /\d$/.test(all[i]!) && /^[\d.,%]/.test(all[i + 1]!);
      expect(joined, `${all[i]} | ${all[i + 1]}`).toBe(false);
    }
    for (const n of ['11314.64', '1981.14', '21.23%', '2080505', '286.17']) {
      expect(variants.length).toBe(lines.filter((l) => l.text.includes(n)).length);
    }
  });

  it('justified lines fill the measure exactly; the last line of a paragraph is not justified', () => {
    const pages = layoutDocument(doc(`<p>${PUNCT_TEXT}</p><p indent="0">${PUNCT_TEXT}</p>`), fonts).pages;
    const ls = bodyLines(pages);
    const left = 73.64;
    const right = 595.28 - 73.64;
    const paragraphEnds = new Set(ls.flatMap((l, i) => (l.text.endsWith('）。') && l.text.length < 10 ? [i] : [])));
    expect([...paragraphEnds]).toEqual([ls.length / 2 - 1, ls.length - 1]);
    ls.forEach((l, i) => {
      const last = l.runs[l.runs.length - 1]!;
      const end = last.x + last.width;
      if (paragraphEnds.has(i)) {
        expect(l.runs.every((r) => r.characterSpacing === 0)).toBe(true);
        expect(end).toBeLessThan(right + 0.01);
      } else {
        expect(end).toBeCloseTo(right, 2);
        // letter spacing is what makes up the slack, never negative
        expect(l.runs.every((r) => r.characterSpacing >= 0)).toBe(true);
      }
    });
    // first line indented two characters, the unindented paragraph starts at the margin
    expect(ls[0]!.runs[0]!.x).toBeCloseTo(left + 32, 2);
    expect(ls[ls.length / 2]!.runs[0]!.x).toBeCloseTo(left, 2);
  });

  it('paints a justified line as a few runs, not one call per character', () => {
    const ls = bodyLines(layoutDocument(doc(`<p>${PUNCT_TEXT}</p>`), fonts).pages);
    for (const l of ls) expect(l.runs.length).toBeLessThanOrEqual(1 + 2 * (l.text.match(/[0-9A-Za-z.%]+/g)?.length ?? 0));
  });

  it('breaks a word longer than the line by characters instead of overflowing', () => {
    const long = 'A'.repeat(80);
    const ls = bodyLines(layoutDocument(doc(`<p indent="0">${long}</p>`), fonts).pages);
    expect(ls.length).toBeGreaterThan(1);
    expect(ls.map((l) => l.text).join('')).toBe(long);
    for (const l of ls) {
      const last = l.runs[l.runs.length - 1]!;
      expect(last.x + last.width).toBeLessThanOrEqual(595.28 - 73.64 + 0.01);
    }
  });

  it('collapses the markup indentation: a newline between CJK characters vanishes, U+3000 stays', () => {
    const ls = bodyLines(layoutDocument(doc('<p indent="0">\n  住房保障\n  和房屋管理局 <b>本级</b>\n</p><p indent="0">　　行政运行</p>'), fonts).pages);
    expect(ls.map((l) => l.text)).toEqual(['住房保障和房屋管理局 本级', '　　行政运行']);
    expect(ls[0]!.runs.map((r) => r.role)).toEqual(['body', 'bold']);
  });

  it('prints <, > and & literally', () => {
    const ls = bodyLines(layoutDocument(doc('<p indent="0">A&amp;B &lt;C&gt; “引号”</p>'), fonts).pages);
    expect(ls[0]!.text).toBe('A&B <C> “引号”');
  });
});

describe('fonts', () => {
  it('a character missing from its role font is an error naming it, its code and the text around it', () => {
    const run = () => layoutDocument(doc('<p>本年度项目类型为部门预算项目☑区级专项资金，已按规定使用。</p>'), fonts);
    expect(run).toThrow(MissingGlyphError);
    try {
      run();
    } catch (e) {
      const err = e as MissingGlyphError;
      expect(err.char).toBe('☑');
      expect(err.codePoint).toBe(0x2611);
      expect(err.role).toBe('body');
      expect(err.context).toContain('部门预算项目☑区级专项');
      expect(err.message).toContain('"☑" (U+2611)');
      expect(err.message).toContain('"body"');
    }
  });

  it('a missing glyph in a table cell names the table role', () => {
    const t = '<table widths="1"><tbody><tr><td>合计☒</td></tr></tbody></table>';
    expect(() => layoutDocument(doc(t), fonts)).toThrow(/"☒" \(U\+2612\).*"table"/);
  });

  it('□ exists, so a checkbox needs no glyph: <checkbox/> is drawn as vectors', () => {
    const pages = layoutDocument(doc('<p indent="0"><checkbox checked="1"/>是 <checkbox/>否</p>'), fonts).pages;
    const rects = pages[0]!.items.filter((i) => i.kind === 'rect');
    const ticks = pages[0]!.items.filter((i) => i.kind === 'path');
    expect(rects).toHaveLength(2);
    expect(ticks).toHaveLength(1);
    expect(rects[0]!.kind === 'rect' && rects[0]!.w).toBeGreaterThan(10);
  });

  it('parses each font file once per process', () => {
    const again = loadFontSet('fonts/fonts.yaml', ROOT);
    expect(again.face('body').file).toBe(fonts.face('body').file);
    // table and body point at the same file: one parse
    expect(fonts.face('table').file).toBe(fonts.face('body').file);
    expect(fonts.face('body').measure('中文', 16)).toBeCloseTo(32, 5);
  });

  it('an unknown role or a missing file in the config is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-fonts-'));
    writeFileSync(join(dir, 'a.yaml'), 'titel: x.ttf\n');
    expect(() => loadFontSet('a.yaml', dir)).toThrow(/未知的角色“titel”/);
    writeFileSync(join(dir, 'b.yaml'), ['title', 'heading', 'body', 'bold', 'table'].map((r) => `${r}: missing-${r}.ttf`).join('\n'));
    expect(() => loadFontSet('b.yaml', dir)).toThrow(FontConfigError);
    expect(() => loadFontSet('b.yaml', dir)).toThrow(/missing-title\.ttf（角色“title”.*）：文件不存在/);
    writeFileSync(join(dir, 'c.yaml'), 'title: x.ttf\n');
    expect(() => loadFontSet('c.yaml', dir)).toThrow(/缺少角色 heading、body、bold、table 的字体文件/);
  });
});
