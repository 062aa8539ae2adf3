import { describe, it, expect, beforeAll, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFontSet } from '../src/fonts/index.js';
import { layoutDocument, type LaidOutDocument, type RectItem } from '../src/layout/index.js';
import { paintPdf, type PaintOptions } from '../src/paint/index.js';

/** The painted PDF, checked with the tools a reader or an archive would use. */

const ROOT = resolve(__dirname, '..');
const fonts = loadFontSet('fonts/fonts.yaml', ROOT);
const SAMPLE = readFileSync(resolve(ROOT, 'tests/fixtures/layout-sample.xml'), 'utf8');
const DATE = new Date('2024-10-25T00:00:00+08:00');
const SOURCE = Buffer.from('format: 1\nyear: 2023\n# <源数据> & 说明\n', 'utf8');
const OPTIONS: PaintOptions = {
  title: '2023年度武汉市江岸区住房保障和房屋管理局部门决算',
  author: '武汉市江岸区住房保障和房屋管理局',
  subject: '部门决算公开 & <说明>',
  keywords: '部门决算, 2023',
  lang: 'zh-CN',
  date: DATE,
  attachments: [
    { name: 'jiangan-housing.yaml', content: SOURCE, mime: 'application/yaml', description: '源数据（YAML）', relationship: 'Source' },
    { name: 'trace.json', content: Buffer.from('{"a":1}'), mime: 'application/json', description: '计算过程', relationship: 'Supplement' },
  ],
};

function run(cmd: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
let laidOut: LaidOutDocument;
let pdf: Buffer;
let file: string;
let pagesText: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-paint-'));
  laidOut = layoutDocument(SAMPLE, fonts);
  pdf = paintPdf(laidOut, fonts, OPTIONS);
  file = join(dir, 'sample.pdf');
  writeFileSync(file, pdf);
  pagesText = run('pdftotext', ['-layout', file, '-']).out.split('\f');
});

describe('the painted PDF', () => {
  it('passes qpdf --check', () => {
    const r = run('qpdf', ['--check', file]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('No syntax or stream encoding errors found');
    expect(r.out + r.err).not.toMatch(/WARNING|error:/i);
  });

  it('is byte-identical when painted again, whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-01-02T03:04:05Z'));
      const again = paintPdf(layoutDocument(SAMPLE, fonts), fonts, OPTIONS);
      expect(again.equals(pdf)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    // …and the date is what makes the ID and the dates
    const other = paintPdf(laidOut, fonts, { ...OPTIONS, date: new Date('2024-11-01T00:00:00+08:00') });
    expect(other.equals(pdf)).toBe(false);
  });

  it('embeds every font as a subset with a Unicode map', () => {
    const rows = run('pdffonts', [file]).out.trim().split('\n').slice(2);
    expect(rows.length).toBe(3); // serif regular (body, table), serif bold (title, bold), sans bold (heading)
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC-\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }
  });

  it('carries the metadata: PDF 1.7, tagged, dates from the options, PDF/A-3b identification in XMP', () => {
    const info = run('pdfinfo', [file]).out;
    expect(info).toMatch(/PDF version:\s+1\.7/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toContain('Title:           2023年度武汉市江岸区住房保障和房屋管理局部门决算');
    expect(info).toContain('Subject:         部门决算公开 & <说明>');
    expect(info).toMatch(/CreationDate:\s+Thu Oct 24 16:00:00 2024 UTC/);
    expect(info).toMatch(/ModDate:\s+Thu Oct 24 16:00:00 2024 UTC/);
    const xmp = run('pdfinfo', ['-meta', file]).out;
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<xmp:ModifyDate>2024-10-24T16:00:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('部门决算公开 &amp; &lt;说明&gt;');
  });

  it('embeds the attachments with their relationship, type and the report date', () => {
    const list = run('pdfdetach', ['-list', file]).out;
    expect(list).toContain('2 embedded files');
    expect(list).toContain('1: jiangan-housing.yaml');
    const out = join(dir, 'src.yaml');
    expect(run('pdfdetach', ['-save', '1', '-o', out, file]).code).toBe(0);
    expect(readFileSync(out).equals(SOURCE)).toBe(true);
    const objects = catalogJson();
    const specs = Object.values(objects).filter((o) => o['/Type'] === '/Filespec');
    expect(specs.map((s) => s['/AFRelationship']).sort()).toEqual(['/Source', '/Supplement']);
    const files = Object.values(objects).filter((o) => o['/Type'] === '/EmbeddedFile');
    expect(files.map((f) => f['/Subtype']).sort()).toEqual(['/application/json', '/application/yaml']);
    for (const f of files) expect((f['/Params'] as Record<string, unknown>)['/ModDate']).toBe('u:D:20241024160000Z');
  });

  it('opens with the bookmarks shown, the 目录 entries are links to named destinations', () => {
    const objects = catalogJson();
    const catalog = Object.values(objects).find((o) => o['/Type'] === '/Catalog')!;
    expect(catalog['/PageMode']).toBe('/UseOutlines');
    expect(catalog['/Outlines']).toBeDefined();
    expect(catalog['/Lang']).toBe('u:zh-CN');
    expect(catalog['/StructTreeRoot']).toBeDefined();
    const outlineItems = Object.values(objects).filter((o) => o['/Title'] !== undefined && o['/Parent'] !== undefined);
    expect(outlineItems.length).toBe(laidOut.outline.length);
    const links = Object.values(objects).filter((o) => o['/Subtype'] === '/Link');
    const tocLinks = laidOut.pages[1]!.items.filter((i) => i.kind === 'link');
    expect(links.length).toBe(tocLinks.length);
    for (const l of links) {
      const action = objects[l['/A'] as string]!;
      expect(action['/S']).toBe('/GoTo');
      expect(String(action['/D'])).toMatch(/^u:d\d+$/);
    }
  });
});

describe('the text as a reader extracts it (pdftotext)', () => {
  it('no line starts with closing punctuation', () => {
    const lines = pagesText.join('\n').split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.length).toBeGreaterThan(200);
    expect(lines.filter((l) => /^[。，、；：？！）》」』”’%]/.test(l))).toEqual([]);
  });

  it('prints the table continuation title and both header rows on each continuation page', () => {
    const cont = pagesText.filter((p) => p.includes('公开02表（续）'));
    expect(cont.length).toBeGreaterThanOrEqual(2);
    for (const p of cont) {
      for (const h of ['项目', '本年收入合计', '上级补助收入', '功能分类科目', '编码', '科目名称', '其中：专项', '金额单位：万元']) expect(p).toContain(h);
    }
  });

  it('目录 page numbers are the footer numbers of the pages where the headings are', () => {
    const toc = pagesText[1]!.split('\n').map((l) => l.trim()).filter((l) => /(\.\s*){3,}\s*\d+$/.test(l));
    expect(toc.length).toBeGreaterThanOrEqual(8);
    const footer = (p: string): number | null => {
      const m = /-\s*(\d+)\s*-\s*$/.exec(p.trimEnd());
      return m ? Number(m[1]) : null;
    };
    for (const line of toc) {
      const n = Number(/(\d+)$/.exec(line)![1]);
      const title = line.replace(/(\.\s*)+\d+$/, '').replace(/\s/g, '').replace('（续）', '').replace(/^[一二三四五六七八九十]+、/, '');
      const page = pagesText.find((p, i) => i > 1 && footer(p) === n);
      expect(page, `page - ${n} -`).toBeDefined();
      expect(page!.replace(/\s/g, '')).toContain(title.slice(-4));
    }
    expect(footer(pagesText[0]!)).toBeNull();
    expect(footer(pagesText[1]!)).toBeNull();
    expect(footer(pagesText[2]!)).toBe(1);
  });

  it('has landscape pages for the landscape section', () => {
    const info = run('pdfinfo', ['-f', '1', '-l', String(laidOut.pages.length), file]).out;
    const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)];
    expect(sizes.length).toBe(laidOut.pages.length);
    const land = sizes.filter((m) => Number(m[2]) > Number(m[3]));
    expect(land.length).toBeGreaterThanOrEqual(3);
    for (const m of land) expect(pagesText[Number(m[1]) - 1]).toMatch(/收入决算表|公开02表/);
  });
});

describe('vector drawing', () => {
  it('draws checkboxes: a box, with a tick inside when checked', () => {
    const index = laidOut.pages.findIndex((p) => p.items.some((i) => i.kind === 'rect' && i.stroke && !i.fill));
    const page = laidOut.pages[index]!;
    const boxes = page.items.filter((i): i is RectItem => i.kind === 'rect' && !!i.stroke && !i.fill);
    expect(boxes.length).toBe(6);
    const dpi = 150;
    const s = dpi / 72;
    const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(index + 1), '-l', String(index + 1), file], { maxBuffer: 64 << 20 });
    const img = parsePgm(r.stdout);
    const dark = (b: RectItem, inset: number): number => {
      let n = 0;
      for (let y = Math.ceil((b.y + inset) * s); y < Math.floor((b.y + b.h - inset) * s); y++) {
        for (let x = Math.ceil((b.x + inset) * s); x < Math.floor((b.x + b.w - inset) * s); x++) if (img.at(x, y) < 128) n++;
      }
      return n;
    };
    const ticked = boxes.map((b) => dark(b, 1.2) > 10);
    // 项目类型: ☑1 □2 □3; 绩效目标: ☑全部 □部分 □未完成
    expect(ticked).toEqual([true, false, false, true, false, false]);
    // every box has its border
    for (const b of boxes) expect(dark(b, -0.6) - dark(b, 0.6)).toBeGreaterThan(20);
  });
});

/** The parsed PDF objects (qpdf --json), keyed "obj:N 0 R". */
function catalogJson(): Record<string, Record<string, unknown>> {
  const r = run('qpdf', ['--json', '--json-stream-data=none', file]);
  const json = JSON.parse(r.out) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>] };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(json.qpdf[1])) {
    const val = v.value ?? v.stream?.dict;
    if (val && typeof val === 'object') out[k.replace(/^obj:/, '')] = val;
  }
  return out;
}

function parsePgm(buf: Buffer): { at(x: number, y: number): number } {
  // P5 <w> <h> <max>\n<bytes>
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  const w = Number(m[1]);
  const start = m[0].length;
  return { at: (x, y) => buf[start + y * w + x]! };
}
