import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFontSet } from '../src/fonts/index.js';
import { calculate } from '../src/calculate/index.js';
import { loadDepartment } from '../src/load/index.js';
import { checkTextPlacement } from '../src/layout/check-placement.js';
import type { PageBuild } from '../src/layout/flow.js';
import { layoutDocument, LayoutError, type LaidOutDocument, type LaidOutPage, type TextItem } from '../src/layout/index.js';
import { pageGeometry } from '../src/layout/style.js';
import { toMarkup } from '../src/render.js';
import { cli, ROOT, SAMPLE } from './helpers.js';
import { COVER_LINE, coverLines, NAME_47, NAME_62, saveInput, stressInputs } from './stress-inputs.js';

/**
 * No text runs over other text or off its page, on the sample and on inputs with the long texts
 * real departments have. Checked on the layout stage's positioned pages: each text item's box is
 * its width by its font's em box (ascent above, descent below the baseline).
 */

const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
const layOut = (file: string): LaidOutDocument => layoutDocument(toMarkup(calculate(loadDepartment(file))), fonts);
const texts = (p: LaidOutPage): TextItem[] => p.items.filter((i): i is TextItem => i.kind === 'text');

interface Box {
  t: TextItem;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function boxOf(t: TextItem): Box {
  const face = fonts.face(t.role);
  return { t, x0: t.x, x1: t.x + t.width, y0: t.y - face.ascent * t.size, y1: t.y + face.descent * t.size };
}

/** Every pair of overlapping text boxes and every box outside the content width or the page, as readable lines. */
function placementProblems(doc: LaidOutDocument): string[] {
  const problems: string[] = [];
  doc.pages.forEach((page, i) => {
    const g = pageGeometry(page.orientation);
    const boxes = texts(page).map(boxOf);
    for (const b of boxes) {
      if (b.x0 < g.left - 0.01 || b.x1 > g.left + g.contentWidth + 0.01 || b.y0 < 0 || b.y1 > page.height) {
        problems.push(`page ${i + 1}: "${b.t.text}" outside [${b.x0.toFixed(1)}, ${b.x1.toFixed(1)}] × [${b.y0.toFixed(1)}, ${b.y1.toFixed(1)}]`);
      }
    }
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const p = boxes[a]!;
        const q = boxes[b]!;
        const dx = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
        const dy = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
        if (dx > 0.01 && dy > 0.01) problems.push(`page ${i + 1}: "${p.t.text}" overlaps "${q.t.text}" by ${dx.toFixed(1)} × ${dy.toFixed(1)} pt`);
      }
    }
  });
  return problems;
}

const inputs = { sample: SAMPLE, ...stressInputs() };
const docs = new Map<string, LaidOutDocument>();
const doc = (name: keyof typeof inputs): LaidOutDocument => {
  if (!docs.has(name)) docs.set(name, layOut(inputs[name]));
  return docs.get(name)!;
};

describe('no two text boxes overlap and none leaves the content width or the page', () => {
  for (const name of Object.keys(inputs) as (keyof typeof inputs)[]) {
    it(name, () => {
      const d = doc(name);
      expect(d.pages.length).toBeGreaterThan(70);
      expect(placementProblems(d)).toEqual([]);
    });
  }
});

/** The text items of the left/right line of each table page: "部门：…" (or another label) and "金额单位：万元". */
function headingLines(page: LaidOutPage, label: string): { left: TextItem[]; right: TextItem | undefined } {
  const items = texts(page);
  const start = items.findIndex((t) => t.text.startsWith(label));
  if (start < 0) return { left: [], right: undefined };
  const right = items.find((t) => t.text === '金额单位：万元');
  const left: TextItem[] = [];
  for (let k = start; k < items.length && items[k]!.size === items[start]!.size && items[k] !== right && items[k]!.role === 'table'; k++) {
    if (k > start && items[k]!.y <= items[k - 1]!.y) break; // the next table row
    left.push(items[k]!);
  }
  return { left, right };
}

describe('the 部门 / 金额单位 line above each table', () => {
  it('stays on one line in the sample', () => {
    let tables = 0;
    for (const page of doc('sample').pages) {
      const { left, right } = headingLines(page, '部门：');
      if (!right) continue;
      tables++;
      expect(left.map((t) => t.text)).toEqual(['部门：武汉市江岸区住房保障和房屋管理局']);
      expect(right.y).toBe(left[0]!.y);
    }
    expect(tables).toBeGreaterThanOrEqual(9);
  });

  for (const [input, name] of [['name-47', NAME_47], ['name-62-units-cover', NAME_62]] as const) {
    it(`wraps a ${Array.from(name).length}-character name beside 金额单位, which ends on its last line`, () => {
      let tables = 0;
      for (const page of doc(input).pages) {
        const { left, right } = headingLines(page, '部门：');
        if (!right || left.length === 0) continue;
        tables++;
        expect(left.map((t) => t.text).join('')).toBe(`部门：${name}`);
        const g = pageGeometry(page.orientation);
        for (const t of left) expect(t.x + t.width).toBeLessThan(right.x - 1);
        expect(right.x + right.width).toBeCloseTo(g.left + g.contentWidth, 6);
        expect(right.y).toBe(Math.max(...left.map((t) => t.y)));
        // Continuation lines hang under the name, after the label.
        const labelEnd = left[0]!.x + fonts.face('table').measure('部门：', left[0]!.size);
        for (const t of left.slice(1)) expect(t.x).toBeCloseTo(labelEnd, 6);
      }
      expect(tables).toBeGreaterThanOrEqual(9);
      // The portrait 公开01 needs two lines even for 47 characters.
      const t01 = doc(input).pages.find((p) => texts(p).some((t) => t.text === '公开01表'))!;
      expect(headingLines(t01, '部门：').left.length).toBeGreaterThanOrEqual(2);
    });
  }

  it('wraps a long 单位名称 with nothing on its right within the content width', () => {
    let forms = 0;
    for (const page of doc('name-62-units-cover').pages) {
      const { left } = headingLines(page, '单位名称：');
      if (left.length === 0) continue;
      forms++;
      expect(left.map((t) => t.text).join('')).toBe(`单位名称：${NAME_62}`);
      expect(left.length).toBeGreaterThanOrEqual(2);
      const g = pageGeometry(page.orientation);
      for (const t of left) expect(t.x + t.width).toBeLessThanOrEqual(g.left + g.contentWidth + 0.01);
    }
    expect(forms).toBeGreaterThanOrEqual(5);
  });
});

describe('the cover', () => {
  it('sets many title lines smaller and keeps the date below them on the page', () => {
    const cover = doc('cover-6-lines').pages[0]!;
    const items = texts(cover);
    const date = items.find((t) => t.text === '2024年10月25日')!;
    const titles = items.filter((t) => t !== date);
    expect(titles.map((t) => t.text).join('')).toBe(COVER_LINE.repeat(6));
    expect(titles[0]!.size).toBeLessThan(34);
    expect(titles[0]!.size).toBeGreaterThanOrEqual(24);
    expect(date.y).toBeGreaterThan(Math.max(...titles.map((t) => t.y)) + titles[0]!.size);
    expect(date.y).toBeLessThan(cover.height - pageGeometry('portrait').bottom);
  });

  it('keeps the sample cover as it was: 32 pt, two lines', () => {
    const titles = texts(doc('sample').pages[0]!).filter((t) => t.text !== '2024年10月25日');
    expect(titles.map((t) => [t.text, t.size])).toEqual([['2023年度武汉市江岸区', 32], ['住房保障和房屋管理局部门决算', 32]]);
  });

  it('is a layout error when the titles do not fit even at the smallest size', () => {
    for (const count of [16, 40]) {
      const file = saveInput(`cover-${count}`, coverLines(count));
      expect(() => layOut(file)).toThrow(LayoutError);
      expect(() => layOut(file)).toThrow(/封面标题.*太长，用最小字号 24 pt 排版后连同日期超出一页/);
    }
  });

  it('juesuan render: exit 1, the place in the YAML named, no PDF', () => {
    const file = saveInput('cover-20', coverLines(20));
    const out = join(file, '..', 'cover-20.pdf');
    const r = cli(['render', file, '-o', out]);
    expect(r.code, r.stderr).toBe(1);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('  title_lines:')) + 1;
    expect(line).toBeGreaterThan(10);
    expect(r.stderr).toContain(`${file}:${line}:17: error [layout] 版面排不下：封面标题`);
    expect(r.stderr).not.toContain('内部错误');
    expect(existsSync(out)).toBe(false);
  });
});

describe('the last step of layout holds every text to its place', () => {
  const g = pageGeometry('portrait');
  const text = (x: number, y: number, s: string, size = 10): TextItem => ({
    kind: 'text', x, y, role: 'body', size, text: s, characterSpacing: 0, width: fonts.face('body').measure(s, size),
  });
  const page = (...items: TextItem[]): PageBuild => ({ geometry: g, numbering: 'arabic', items, number: 3 });

  it('passes text that touches but does not overlap: runs end to end, lines one leading apart', () => {
    const a = text(g.left, 100, '部门：');
    const b = text(a.x + a.width, 100, '测试单位');
    const c = text(g.left, 110, '下一行');
    expect(() => checkTextPlacement([page(a, b, c)], fonts)).not.toThrow();
  });

  it('refuses two texts on top of each other, naming both and the page', () => {
    const name = text(g.left, 100, '部门：武汉市江岸区住房保障和房屋管理局（武汉市江岸区住房和城乡建设局）');
    const unit = text(g.left + g.contentWidth - 120, 102, '金额单位：万元');
    expect(name.x + name.width).toBeGreaterThan(unit.x);
    expect(() => checkTextPlacement([page(name, unit)], fonts)).toThrow(/PDF 第 1 页（页码 3）上的文字“部门：.*”与“金额单位：万元”重叠/);
    const line = text(g.left, 100, '第一行');
    const close = text(g.left + 5, 105, '第二行');
    expect(() => checkTextPlacement([page(text(g.left, 300, '别处')), page(line, close)], fonts)).toThrow(/PDF 第 2 页.*“第一行”与“第二行”重叠/);
  });

  it('refuses text that leaves the content width or the page', () => {
    expect(() => checkTextPlacement([page(text(g.left + g.contentWidth - 20, 100, '超出右边'))], fonts)).toThrow(/“超出右边”超出了版面/);
    expect(() => checkTextPlacement([page(text(g.left - 30, 100, '超出左边'))], fonts)).toThrow(LayoutError);
    expect(() => checkTextPlacement([page(text(g.left, g.height + 5, '在页面下方'))], fonts)).toThrow(/“在页面下方”超出了版面/);
  });
});

describe('the page limit', () => {
  const markup = () => toMarkup(calculate(loadDepartment(SAMPLE)));

  it('lays out a document within it', () => {
    expect(layoutDocument(markup(), fonts, { maxPages: 200 }).pages.length).toBeGreaterThan(50);
  });

  it('refuses a document past it as a layout error that says how many pages', () => {
    for (const max of [10, 60]) {
      expect(() => layoutDocument(markup(), fonts, { maxPages: max })).toThrow(LayoutError);
      expect(() => layoutDocument(markup(), fonts, { maxPages: max })).toThrow(new RegExp(`超过上限 ${max} 页`));
    }
  });
});
