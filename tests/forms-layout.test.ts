import { describe, it, expect } from 'vitest';
import type { Document } from 'yaml';
import { layoutDocument, type LaidOutPage, type TextItem } from '../src/layout/index.js';
import { loadFontSet } from '../src/fonts/index.js';
import type { Calculated } from '../src/calculate/index.js';
import { ROOT } from './helpers.js';
import { sampleCalc, variant, partsMarkup, normalise, missingPieces } from './forms-support.js';
import { toMarkup } from '../src/render.js';

/**
 * The 自评表 through the layout engine: a form that runs past a page continues with its column
 * header repeated, and a row never splits.
 */
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);

function pagesOf(calc: Calculated): LaidOutPage[] {
  const markup = `<document title="t"><section numbering="arabic">${partsMarkup(calc, ['part6'])}</section></document>`;
  return layoutDocument(markup, fonts).pages;
}

/** The page's text, line fragments in drawing order, whitespace removed. */
const pageText = (p: LaidOutPage): string =>
  p.items
    .filter((i): i is TextItem => i.kind === 'text')
    .map((i) => i.text)
    .join('')
    .replace(/\s+/g, '');

/** Pages whose text includes every one of the strings. */
const pagesWith = (pages: LaidOutPage[], ...s: string[]): number[] => pages.flatMap((p, i) => (s.every((x) => pageText(p).includes(x)) ? [i] : []));

describe('a 自评表 longer than a page', () => {
  it('部门整体: 日常工作目标 continues on the next page with its 年度目标 row and column header repeated', () => {
    const pages = pagesOf(sampleCalc());
    const first = pagesWith(pages, '为公租房正常运营提供支持')[0]!;
    const last = pagesWith(pages, '房地产市场管理工作', '不断提升群众满意度')[0]!;
    expect(last).toBeGreaterThan(first);
    for (let i = first + 1; i <= last; i++) {
      const t = pageText(pages[i]!);
      expect(t.slice(0, 40), `page ${i}`).toMatch(/^2023年度江岸区住房保障和房屋管理局部门整体绩效自评表（续）/);
      expect(t).toContain('年度目标2(60分)日常工作目标');
      expect(t).toContain('年度绩效指标一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分');
    }
    // the identity rows do not repeat
    expect(pagesWith(pages, '部门整体支出总额').length).toBe(1);
  });

  it('a project form of many 一级 groups breaks between them, header repeated, no row split', () => {
    const c = variant((doc: Document) => {
      const path = ['appendix', 'projects', 0, 'form', 'indicators'];
      const groups = [];
      for (let g = 1; g <= 8; g++) {
        groups.push({
          level1: `产出指标${g}`,
          weight: 5,
          groups: [
            {
              level2: '数量指标',
              rows: Array.from({ length: 6 }, (_, k) => ({ name: `指标${g}-${k + 1}：一段较长的具体指标名称，需要在单元格中折行显示`, target: `≥${100 + k}套`, actual: `第${g}组${k + 1}行完成值`, score: 1 })),
            },
          ],
        });
      }
      doc.setIn(path, doc.createNode(groups));
    });
    const pages = pagesOf(c);
    const onPages = pagesWith(pages, '产出指标1(5分)');
    const end = pagesWith(pages, '产出指标8(5分)')[0]!;
    expect(end - onPages[0]!).toBeGreaterThanOrEqual(2);
    for (let i = onPages[0]! + 1; i <= end; i++) {
      const t = pageText(pages[i]!);
      expect(t.slice(0, 30), `page ${i}`).toMatch(/^\S*项目自评表（续）/);
      expect(t.includes('年度绩效目标(80分)一级指标二级指标具体指标名称年初目标值(A)实际完成值(B)得分'), `page ${i}`).toBe(true);
    }
    // every row: its name, target and completion on one page; every 一级 group on one page
    for (let g = 1; g <= 8; g++) {
      for (let k = 1; k <= 6; k++) expect(pagesWith(pages, `≥${100 + k - 1}套`, `第${g}组${k}行完成值`).length, `${g}-${k}`).toBe(1);
      expect(pagesWith(pages, `第${g}组1行完成值`)).toEqual(pagesWith(pages, `第${g}组6行完成值`));
    }
  });
});

describe('the sample report as laid out for the PDF', () => {
  it('has every paragraph and table cell of the published 第四、五、六部分', () => {
    const pages = layoutDocument(toMarkup(sampleCalc()), fonts).pages;
    // The document's own text in reading order: tagged items only (page numbers and repeated
    // table headers are artifacts), from 第四部分 on.
    const text = pages
      .flatMap((p) => p.items)
      .filter((i): i is TextItem => i.kind === 'text' && i.struct !== undefined)
      .map((i) => i.text)
      .join('');
    const from = text.lastIndexOf('第四部分');
    expect(from).toBeGreaterThan(0);
    expect(missingPieces(normalise(text.slice(from)))).toEqual([]);
  });
});
