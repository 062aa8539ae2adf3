import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, SAMPLE } from './helpers.js';

let pdf = '';
let pages: string[] = [];

beforeAll(() => {
  pdf = join(mkdtempSync(join(tmpdir(), 'juesuan-furniture-')), 'f.pdf');
  const r = cli(['render', SAMPLE, '-o', pdf]);
  if (r.code !== 0) throw new Error(r.stderr);
  // pdftotext separates pages with form feeds
  pages = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.split('\f');
});

const squash = (s: string) => s.replace(/\s+/g, '');
/** The printed page number ("- 3 -") of a page, or null on the cover and 目录. */
const footerNumber = (page: string): number | null => {
  const m = /-\s*(\d+)\s*-\s*$/.exec(page.trim());
  return m ? Number(m[1]) : null;
};

describe('cover and page numbers', () => {
  it('the cover holds the title lines and the publication date only', () => {
    const cover = pages[0].split('\n').map((l) => l.trim()).filter(Boolean);
    expect(cover).toEqual(['2023年度武汉市江岸区', '住房保障和房屋管理局部门决算', '2024年10月25日']);
  });

  it('body pages are numbered from 1 in the "- n -" style; cover and 目录 are not', () => {
    expect(footerNumber(pages[0])).toBeNull();
    expect(squash(pages[1])).toContain('目录');
    expect(footerNumber(pages[1])).toBeNull();
    const numbered = pages.map(footerNumber).filter((n): n is number => n !== null);
    expect(numbered[0]).toBe(1);
    numbered.forEach((n, i) => expect(n).toBe(i + 1));
  });
});

describe('目录', () => {
  it('every entry points at the page where its heading is printed', () => {
    const tocPages = pages.filter((p, i) => i > 0 && footerNumber(p) === null && p.trim());
    // An entry too long for one line wraps: its first line has no leader, so carry it over.
    const entries: { title: string; page: number }[] = [];
    let pending = '';
    for (const line of tocPages.join('\n').split('\n')) {
      const m = /^\s*(\S.*?)\s*(?:[.·…]\s*){3,}(\d+)\s*$/.exec(line);
      if (m) {
        entries.push({ title: squash(pending + m[1]), page: Number(m[2]) });
        pending = '';
      } else if (line.trim() && !/^目\s*录$/.test(line.trim())) {
        pending += line.trim();
      }
    }
    expect(entries.length).toBeGreaterThanOrEqual(6 + 9 + 13);
    for (const e of entries) {
      const body = pages.find((p) => footerNumber(p) === e.page);
      expect(body, `${e.title} → ${e.page}`).toBeDefined();
      expect(squash(body!), `${e.title} on page ${e.page}`).toContain(e.title.replace(/^[一二三四五六七八九十]+、/, ''));
    }
    for (const part of ['第一部分', '第二部分', '第三部分', '第四部分', '第五部分', '第六部分']) {
      expect(entries.some((e) => e.title.startsWith(part))).toBe(true);
    }
  });
});

describe('archive-grade PDF', () => {
  it('has bookmarks mirroring the 目录, parts first', () => {
    const json = JSON.parse(spawnSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout);
    // The 目录 itself first, then the six parts with their sections and tables.
    const outlines = json.outlines.filter((o: { title: string }) => o.title.replace(/\s/g, '') !== '目录');
    const top = outlines.map((o: { title: string }) => o.title);
    expect(top.length).toBe(6);
    expect(top[0]).toMatch(/^第一部分/);
    expect(top[5]).toMatch(/^第六部分/);
    const part2 = outlines[1];
    expect(part2.kids.length).toBe(9);
    expect(part2.kids[0].title).toBe('一、收入支出决算总表');
  });

  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No syntax or stream encoding errors found/);
  });

  it('declares PDF/A in its XMP metadata and carries title, author, language and the publication date', () => {
    const raw = readFileSync(pdf).toString('latin1');
    expect(raw).toMatch(/pdfaid:part[>="]+\s*\d/);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Title:\s+2023年度武汉市江岸区住房保障和房屋管理局部门决算/);
    expect(info).toMatch(/Author:\s+武汉市江岸区住房保障和房屋管理局/);
    expect(info).toMatch(/CreationDate:.*2024/);
    expect(raw).toMatch(/\/Lang\s*\(zh-CN\)/);
  });

  it('embeds the source YAML and the calculation trace', () => {
    const list = spawnSync('pdfdetach', ['-list', pdf], { encoding: 'utf8' }).stdout;
    expect(list).toContain('jiangan-housing.yaml');
    expect(list).toContain('calculation-trace.json');
  });
});
