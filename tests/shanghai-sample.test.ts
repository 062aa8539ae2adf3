import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, pdftotext, ROOT } from './helpers.js';

/**
 * The Shanghai sample (data/2024/pujiang-chengguan.yaml) against the Shanghai template
 * (shared/reference/shanghai-2024-template.txt, the text of the blank form set): every fixed word of
 * the tables, the part headings and the 名词解释 is the template's, with the department's name for
 * "上海市XX局"; the tables stand in the template's order, without 行次, 栏次 or 公开0N表; the two empty
 * tables print their 说明 and not the template's instruction above it. Spaces are ignored on both
 * sides (the template's text has them between Chinese and Latin, the lines break elsewhere).
 */

const SAMPLE = join(ROOT, 'data/2024/pujiang-chengguan.yaml');
const DEPT = '上海市浦江区城市管理局';
const squeeze = (s: string) => s.replace(/\s+/g, '');
/** The template's pages (pdftotext -layout), as read and squeezed, with the department's name for its placeholder. */
const templateRaw = readFileSync(join(ROOT, '../shared/reference/shanghai-2024-template.txt'), 'utf8').split('\f');
const template = templateRaw.map((p) => squeeze(p).replaceAll('上海市XX局', DEPT));
const TEMPLATE_PAGES = { toc: [1, 2], overview: [3], tables: [4, 13], glossary: [21, 22] } as const;
const templateOf = (range: readonly number[]) => template.slice(range[0], (range[1] ?? range[0]) + 1).join('');

let dir: string;
/** Our pages as pdftotext -layout reads them (row by row, as the template's text), and squeezed. */
let raw: string[];
let pages: string[];
let all: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-shanghai-sample-'));
  const r = cli(['render', SAMPLE, '-o', join(dir, 's.pdf')]);
  expect(r.code, r.stderr).toBe(0);
  raw = pdftotext(join(dir, 's.pdf'), true).split('\f');
  pages = raw.map(squeeze);
  all = pages.join('');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The 目录 pages: the cover is page 1, the body starts with 第一部分's heading. */
const tocText = () => pages.slice(1, pages.findIndex((p, i) => i > 0 && p.startsWith('第一部分'))).join('');
/** Pages of 第二部分: those with the unit line. */
const tablePages = () => pages.filter((p) => p.includes('单位：万元'));

/** The table titles of the template, in order: its 目录's 第二部分 lines without their ordinals. */
const TOC_TABLES = (() => {
  const t = templateOf(TEMPLATE_PAGES.toc);
  const part = t.slice(t.indexOf('第二部分'), t.indexOf('第三部分'));
  return [...part.matchAll(/[一二三四五六七八九]、(.+?)(?=[一二三四五六七八九]、|$)/g)].map((m) => m[1]!);
})();

describe('the Shanghai sample against the template: 第二部分', () => {
  it('the template lists nine tables (the comparison has something to compare)', () => {
    expect(TOC_TABLES).toHaveLength(9);
    expect(TOC_TABLES[6]).toBe('财政拨款“三公”经费支出决算表');
  });

  it('prints each table under the template’s bare title, in the template’s order, one table a page', () => {
    const titles = tablePages().map((p) => {
      const start = p.startsWith(`${DEPT}2024年度部门决算表`) ? p.slice(`${DEPT}2024年度部门决算表`.length) : p;
      return start.slice(0, start.indexOf('单位：万元')).replace(/（续）$/, '');
    });
    expect([...new Set(titles)]).toEqual(TOC_TABLES);
    // each title as the template prints it over its table
    for (const title of TOC_TABLES) expect(templateOf(TEMPLATE_PAGES.tables)).toContain(`${title}单位：万元`);
  });

  it('lists them in the 目录 with the template’s ordinals, under the template’s 第二部分 line', () => {
    const ours = tocText();
    const theirs = templateOf(TEMPLATE_PAGES.toc);
    const part = (t: string) => t.slice(t.indexOf('第二部分'), t.indexOf('第三部分'));
    expect(part(ours)).toBe(part(theirs));
    expect(part(ours)).toBe(`第二部分${DEPT}2024年度部门决算表${TOC_TABLES.map((t, i) => `${'一二三四五六七八九'[i]}、${t}`).join('')}`);
  });

  it('prints the document title once, over the first table, and no 第二部分 in the body', () => {
    const body = pages.slice(pages.findIndex((p, i) => i > 0 && p.startsWith('第一部分'))).join('');
    expect(body.split(`${DEPT}2024年度部门决算表`)).toHaveLength(2);
    expect(tablePages()[0]!.startsWith(`${DEPT}2024年度部门决算表收入支出决算总表单位：万元`)).toBe(true);
    expect(body).not.toContain('第二部分');
    expect(template[4]!.startsWith(`${DEPT}2024年度部门决算表收入支出决算总表单位：万元`)).toBe(true);
  });

  it('prints every note under the tables as the template words it, in the template’s order', () => {
    const notes = (t: string) => [...t.matchAll(/注：本表反映.+?。/g)].map((m) => m[0]);
    const theirs = notes(templateOf(TEMPLATE_PAGES.tables));
    expect(theirs).toHaveLength(9);
    expect(notes(tablePages().join(''))).toEqual(theirs);
  });

  it('prints the 说明 of the two empty tables under them, and not the template’s instruction', () => {
    const theirs = [...templateOf(TEMPLATE_PAGES.tables).matchAll(/说明：[^：。]+?故本表无数据。/g)].map((m) => m[0]);
    expect(theirs).toEqual([
      `说明：${DEPT}本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。`,
      `说明：${DEPT}本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。`,
    ]);
    const fund = tablePages().find((p) => p.startsWith('政府性基金预算财政拨款收入支出决算表'))!;
    const capital = tablePages().find((p) => p.startsWith('国有资本经营预算财政拨款收入支出决算表'))!;
    expect(fund.endsWith(`注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。${theirs[0]}`)).toBe(true);
    expect(capital.endsWith(`注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。${theirs[1]}`)).toBe(true);
    expect(all).not.toContain('仍保留该表格式');
    expect(all.match(/说明：/g)).toHaveLength(2);
  });

  it('turns the pages of 二、三、四、七、八、九 to landscape, as measured; 一、五、六 and the rest stay portrait', () => {
    const info = spawnSync('pdfinfo', ['-f', '1', '-l', String(pages.length), join(dir, 's.pdf')], { encoding: 'utf8' }).stdout;
    const landscape = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => Number(m[2]) > Number(m[3]));
    expect(landscape).toHaveLength(pages.filter((p) => p !== '').length);
    const title = (i: number) => TOC_TABLES.find((t) => pages[i]!.replace(/^.*?年度部门决算表(?=收入支出决算总表)/, '').startsWith(t));
    const turned = new Set(['收入决算表', '支出决算表', '财政拨款收入支出决算总表', '财政拨款“三公”经费支出决算表', '政府性基金预算财政拨款收入支出决算表', '国有资本经营预算财政拨款收入支出决算表']);
    landscape.forEach((l, i) => expect([i + 1, l]).toEqual([i + 1, turned.has(title(i) ?? '')]));
    expect(landscape.filter(Boolean).length).toBeGreaterThanOrEqual(6);
  });

  it('has no 行次, 栏次, form numbers or 部门 line; 单位：万元 over every table page', () => {
    expect(all).not.toMatch(/行次|栏次|公开\d+表|部门：|金额单位/);
    expect(tablePages().length).toBeGreaterThanOrEqual(9);
    expect(tablePages().every((p) => p.includes('单位：万元'))).toBe(true);
  });

  it('prints the template’s fixed rows: the 总表’s 24 类 and its lines, the 财政拨款总表’s, the 基本支出表’s codes', () => {
    /** The numbered labels of a two-sided table (一、…, 二十四、…), each cut before the bottom lines. */
    const labels = (t: string) =>
      new Set(
        t
          .split(/(?<![一二三四五六七八九十])(?=[一二三四五六七八九十]+、)/)
          .filter((x) => /^[一二三四五六七八九十]+、/.test(x))
          .map((x) => x.replace(/(本年|使用|年初|年末|总计|注：).*$/, '')),
      );
    const pagesOf = (title: string) => tablePages().filter((p) => p.replace(/^.*?年度部门决算表/, '').startsWith(title)).join('');
    const summary = [...labels(template[4]!)];
    expect(summary.length).toBe(8 + 24);
    for (const l of summary) expect(pagesOf('收入支出决算总表')).toContain(l);
    for (const l of ['本年收入合计', '本年支出合计', '使用非财政拨款结余', '结余分配', '年初结转和结余', '年末结转和结余']) {
      expect(template[4]).toContain(l);
      expect(pagesOf('收入支出决算总表')).toContain(l);
    }
    expect(pagesOf('收入支出决算总表')).not.toContain('含专用结余');
    const fiscal = [...labels(template[7]! + template[8]!)];
    expect(fiscal.length).toBeGreaterThanOrEqual(3 + 24);
    for (const l of fiscal) expect(pagesOf('财政拨款收入支出决算总表')).toContain(l);
    const codes = (t: string) => [...new Set(t.match(/(?<![\d.,])3\d{2}(\d{2})?(?![\d.,])/g))].sort();
    const basic = raw.filter((p, i) => pages[i]!.startsWith('一般公共预算财政拨款基本支出决算表')).join('');
    expect(codes(basic)).toEqual(codes(templateRaw[10]!));
    expect(codes(templateRaw[10]!)).toHaveLength(27 + 38);
  });

  it('interleaves 预算数 and 决算数 under each of the six 三公 columns, as the template', () => {
    const ours = tablePages().find((p) => p.startsWith('财政拨款“三公”经费支出决算表'))!;
    // the same header words: compared as characters, since the template's wrapped cells read in another order
    const head = (t: string) => [...t.slice(0, t.indexOf('预算数')).replace(/^.*?单位：万元/, '')].sort().join('');
    expect(head(template[11]!).length).toBeGreaterThan(40);
    expect(head(ours)).toBe(head(template[11]!));
    expect(ours).toContain('预算数决算数'.repeat(6));
    expect(template[11]).toContain('预算数决算数'.repeat(6));
    // the data row in the same order: 合计, 出国 (a zero budget prints 0.00), 小计, 购置, 运行, 接待
    expect(ours).toContain('135.00126.270.000.00132.00124.0936.0035.6296.0088.473.002.18');
  });
});

describe('the Shanghai sample against the template: parts, 第一部分, 名词解释', () => {
  it('prints each part heading as the template does', () => {
    const theirs = {
      overview: `第一部分${DEPT}概况`,
      tables: `第二部分${DEPT}2024年度部门决算表`,
      explanation: `第三部分${DEPT}2024年度部门决算情况说明`,
      glossary: '第四部分名词解释',
    };
    expect(template[3]!.startsWith(theirs.overview)).toBe(true);
    expect(template[14]!.startsWith(theirs.explanation)).toBe(true);
    expect(template[21]!.startsWith(theirs.glossary)).toBe(true);
    for (const h of Object.values(theirs)) expect(templateOf(TEMPLATE_PAGES.toc)).toContain(h);
    const body = pages.slice(pages.findIndex((p, i) => i > 0 && p.startsWith('第一部分')));
    expect(body[0]!.startsWith(theirs.overview)).toBe(true);
    expect(body.find((p) => p.startsWith('第三部分'))!.startsWith(theirs.explanation)).toBe(true);
    expect(body.find((p) => p.startsWith('第四部分'))!.startsWith(theirs.glossary)).toBe(true);
    for (const h of Object.values(theirs)) expect(tocText()).toContain(h);
    expect(tocText().indexOf(theirs.overview)).toBeLessThan(tocText().indexOf(theirs.tables));
  });

  it('prints 第一部分’s two headings and the units table 序号 | 单位名称 | 备注, one row a unit', () => {
    const theirs = template[3]!;
    const ours = pages.find((p) => p.startsWith('第一部分'))!;
    expect(theirs).toContain('一、主要职能');
    expect(theirs).toContain('二、部门决算单位构成');
    expect(theirs).toContain(`序号单位名称备注1${DEPT}（本级）`);
    expect(ours).toMatch(/^第一部分.*概况一、主要职能（一）贯彻执行/);
    expect(ours).toContain(`二、部门决算单位构成从预算单位构成看，${DEPT}部门决算包括：`);
    // the units table is the page's last: its three headings and one row a unit, counted from 1
    expect(ours.endsWith(`序号单位名称备注1${DEPT}（本级）2上海市浦江区城市管理行政执法大队3上海市浦江区市容环境管理事务中心4上海市浦江区城市运行保障中心`)).toBe(true);
    expect(ours).not.toContain('由主管部门根据');
    expect(ours).not.toContain('仅有一个单位的部门');
    expect(tocText()).toContain(`第一部分${DEPT}概况一、主要职能二、部门决算单位构成第二部分`);
  });

  it('prints the eleven 名词解释 items in the template’s words, the department’s income sources where it has them', () => {
    const theirs = templateOf(TEMPLATE_PAGES.glossary);
    const items = (t: string) => t.replace(/^第四部分名词解释/, '').split(/(?<![一二三四五六七八九十])(?=(?:十一|十|[一二三四五六七八九])、[^、]{2,12}：)/);
    const all = pages.join('');
    const ours = items(all.slice(all.lastIndexOf('第四部分名词解释')));
    const expected = items(theirs).map((item) =>
      item
        // the template's slots and the instruction after the first
        .replace('主要是：XXXXXXXX收入等（无事业收入的单位保留事业收入的名词解释，但不列举主要内容，以下同）。', '主要是：生活垃圾收运处置服务、建筑垃圾消纳管理服务收入等。')
        .replace(/(三、经营收入：.+?取得的收入。)主要是：XXXXXXXX收入等。/, '$1')
        .replace('主要是：XXXXXXXX收入等。', '主要是：银行存款利息、违约金收入等。'),
    );
    expect(expected).toHaveLength(11);
    expect(expected.join('')).not.toContain('XXXXXXXX');
    expect(ours).toEqual(expected);
    expect(expected[9]).toContain('其中:因公出国（境）费反映'); // the template's half-width colon, kept
  });
});
