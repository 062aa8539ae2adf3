import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { buildView } from '../src/template/view.js';
import { registerHelpers } from '../src/template/helpers.js';
import { ROOT, SAMPLE, scratchData } from './helpers.js';

/**
 * 第三部分 of the sample, rendered through templates/part3 with the project's helpers: every
 * paragraph of the published 第三部分 must be in it. Only whitespace is normalised (the text
 * extraction adds stray spaces: "2023 年度", "5.27 %") and its list bullets ("- 1、…") dropped.
 */
const reference = readFileSync(join(ROOT, 'tests/fixtures/reference-2023-jiangan.txt'), 'utf8').split('\n');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** templates/part3/index.hbs with every partial of templates/ registered, as loadTemplates does. */
function renderPart3(view: unknown): string {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const dir = join(ROOT, 'templates');
  for (const f of walk(dir).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(relative(dir, f).replace(/\\/g, '/').replace(/\.hbs$/, ''), readFileSync(f, 'utf8'));
  }
  return hb.compile('{{> part3/index}}')(view);
}

const BLOCKS = new Set(['h1', 'h2', 'h3', 'p']);

/** The printed text of the markup, block by block; a chart prints its caption. */
function blocksOf(markup: string): string[] {
  const doc = parseDocument(`<root>${markup}</root>`, { xmlMode: true, decodeEntities: true });
  const out: string[] = [];
  const text = (n: ChildNode): string => (n.type === 'text' ? n.data : 'children' in n ? (n.children as ChildNode[]).map(text).join('') : '');
  const visit = (n: ChildNode) => {
    if (n.type !== 'tag') return;
    const el = n as Element;
    if (BLOCKS.has(el.name)) out.push(text(el));
    else if (el.name === 'chart') out.push(el.attribs.caption ?? '');
    else el.children.forEach(visit);
  };
  doc.children.forEach(visit);
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

let markup = '';
let printed: string[] = [];

beforeAll(() => {
  const calc = calculate(loadDepartment(SAMPLE));
  markup = renderPart3(buildView(calc));
  printed = blocksOf(markup);
});

/** The published 第三部分: from its title to 第四部分, one entry per non-empty line. */
function publishedPart3(): string[] {
  // the last "第三部分" line: the body's title (the first is the 目录's)
  const start = reference.map((l, i) => (l.startsWith('第三部分 ') ? i : -1)).filter((i) => i >= 0).pop()!;
  const end = reference.findIndex((l, i) => i > start && l.startsWith('第四部分'));
  return reference
    .slice(start, end)
    .map((l) => l.trim().replace(/^-\s+/, ''))
    .filter((l) => l !== '');
}

describe('第三部分 markup', () => {
  it('is well-formed markup of headings, paragraphs and charts', () => {
    expect(printed[0]).toBe('第三部分 武汉市江岸区住房保障和房屋管理局2023年度部门决算情况说明');
    expect(markup).not.toMatch(/\{[a-z][a-z0-9_.]*\}/);
    expect(markup).not.toContain('undefined');
    expect(markup).not.toContain('NaN');
  });

  it('contains every paragraph of the published 第三部分', () => {
    const all = squeeze(printed.join('\n'));
    const paragraphs = publishedPart3();
    expect(paragraphs.length).toBeGreaterThan(90);
    const missing = paragraphs.filter((p) => !all.includes(squeeze(p)));
    expect(missing).toEqual([]);
  });

  it('prints each enumerated item of the published text as a block of its own', () => {
    const blocks = new Set(printed.map(squeeze));
    const items = publishedPart3().filter((p) => /^(\d+[.、]|\(\d+\)|其中：$)/.test(p) && /[。；：]$/.test(p));
    expect(items.length).toBeGreaterThan(25);
    expect(items.filter((p) => !blocks.has(squeeze(p)))).toEqual([]);
  });

  it('draws the four charts with the published captions', () => {
    const charts = [...markup.matchAll(/<chart kind="(\w+)" caption="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(charts).toEqual([
      ['bars', '图 1：收、支决算总计变动情况'],
      ['pie', '图 2：收入决算结构'],
      ['pie', '图 3：支出决算结构'],
      ['bars', '图 4：财政拨款收、支决算总计变动情况'],
    ]);
    expect(markup).toContain('<series name="2022年度"/><series name="2023年度"/><group label="收入总计"><bar value="9333.50" text="9333.5"/><bar value="11314.64" text="11314.64"/></group>');
    expect(markup).toContain('<slice label="财政拨款收入" value="11314.64" text="11314.64万元，100%"/>');
    // drawn at the value its label states: the published (pinned) 9635.64, not the tables' 9,635.63
    expect(markup).toContain('<slice label="基本支出" value="1679.00" text="1679万元，14.84%"/><slice label="项目支出" value="9635.64" text="9635.64万元，85.16%"/>');
  });
});

describe('the computed wording, without the sample’s pins', () => {
  /** The sample without `pins:` and with the department's wording choices reset to the defaults. */
  function unpinned(): string {
    const text = readFileSync(SAMPLE, 'utf8')
      .replace(/\npins:\n(?: {2}.*\n)+/, '\n')
      .replace('    budget_term: 预算               # the published word in 九（一）\n', '');
    const file = join(scratchData(), 'data/2023/jiangan-housing.yaml');
    writeFileSync(file, text);
    return blocksOf(renderPart3(buildView(calculate(loadDepartment(file))))).join('\n');
  }

  it('prints the computed figures and words where the published text differs', () => {
    const text = unpinned();
    expect(text).toContain('项目支出9635.63万元，占本年支出85.16%。');
    expect(text).toContain('1.因公出国(境)费支出决算为0万元，年初预算为0万元。');
    expect(text).toContain('支出年初预算为10.48万元，支出决算为19.5万元，完成年初预算的186.07%；');
    expect(text).toContain('执行率99.05%');
    expect(text).toContain('执行率97.22%');
    expect(text).toContain('主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、职工基本医疗保险缴费、公务员医疗补助缴费、其他社会保障缴费、住房公积金、退休费、抚恤金、生活补助、医疗费补助、奖励金。');
    expect(text).toContain('公用经费55.89万元，主要包括：办公费、印刷费、水费、电费、邮电费、差旅费、维修(护)费、委托业务费、工会经费、福利费、其他交通费用。');
  });
});

describe('a department file without an explanation', () => {
  it('renders 第三部分 from the tables alone, leaving out what needs data', () => {
    const markup = renderPart3(buildView(calculate(loadDepartment(join(ROOT, 'tests/fixtures/check/clean.yaml')))));
    const text = blocksOf(markup);
    expect(markup).not.toContain('undefined');
    expect(markup).not.toContain('NaN');
    expect(text.filter((t) => /^[一二三四五六七八九十]+、/.test(t))).toHaveLength(13);
    expect(text.join('\n')).not.toContain('与上年');
    expect(markup).toMatch(/<chart kind="bars" caption="图 1：收、支决算总计变动情况" unit="万元"><series name="\d{4}年度"\/><group/);
  });
});
