import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli, ROOT, SAMPLE } from './helpers';
import { readCsv } from './csv-reader';
import { Browser, chromiumPath } from './chromium';
import { department } from './batch-support';

/**
 * `juesuan batch` over published PDFs, as a district finance bureau gets them: the Wuhan and the
 * Shanghai samples rendered, each damaged once on purpose (rendered with --force, as a careless
 * producer would: a department renamed in one sentence, an amount changed in a table), a file that
 * is not a PDF and an encrypted PDF. Each PDF is checked as `juesuan check <report.pdf>` checks it.
 */

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');
const RENAMED = ['从单位构成看，武汉市江岸区住房保障和房屋管理局部门决算', '从单位构成看，武汉市江岸区住房保障与房屋管理局部门决算'] as const;
const CHANGED = ['{code: 2120104, total: 5194.56, fiscal: 5194.56}', '{code: 2120104, total: 5194.65, fiscal: 5194.56}'] as const;

let dir: string;
let pdfs: string;
let out: string;
let run: ReturnType<typeof cli>;
let before: Map<string, string>;

/** Name → size and modification time of every file in a folder: what must not change. */
function listing(folder: string): Map<string, string> {
  return new Map(readdirSync(folder).map((f) => [f, `${statSync(join(folder, f)).size}:${statSync(join(folder, f)).mtimeMs}`]));
}

function render(yaml: string, pdf: string, force = false): void {
  const r = cli(['render', yaml, '-o', pdf, ...(force ? ['--force'] : [])]);
  expect(r.code, r.stderr).toBe(0);
}

function damaged(source: string, [from, to]: readonly [string, string], name: string): void {
  const text = readFileSync(source, 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`edit did not apply: ${from}`);
  const yaml = join(dir, 'data', source.includes('2024') ? '2024' : '2023', `${name}.yaml`);
  writeFileSync(yaml, edited);
  render(yaml, join(pdfs, `${name}.pdf`), true);
}

const csvOf = (folder: string) => readCsv(readFileSync(join(folder, 'findings.csv'), 'utf8').replace(/^\uFEFF/, ''));
const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { entries: Record<string, any>[] };
/** What `juesuan check <pdf> --format json` says of a PDF. */
const checkJson = (pdf: string) => JSON.parse(cli(['check', pdf, '--format', 'json']).stdout) as Record<string, string | null>[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-batch-pdf-'));
  pdfs = join(dir, 'published');
  out = join(dir, 'out');
  mkdirSync(pdfs);
  for (const y of ['2023', '2024']) mkdirSync(join(dir, 'data', y), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(dir, 'data/catalog'), { recursive: true });
  render(SAMPLE, join(pdfs, 'jiangan-housing.pdf'));
  render(SHANGHAI, join(pdfs, 'pujiang-chengguan.pdf'));
  damaged(SAMPLE, RENAMED, 'renamed');
  damaged(SHANGHAI, CHANGED, 'changed-amount');
  writeFileSync(join(pdfs, 'not-a-pdf.pdf'), '部门决算（扫描件待补）\n');
  const enc = spawnSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(pdfs, 'pujiang-chengguan.pdf'), join(pdfs, 'encrypted.pdf')]);
  expect(enc.status, String(enc.stderr)).toBe(0);
  before = listing(pdfs);
  run = cli(['batch', pdfs, '-o', out, '--jobs', '2']);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('juesuan batch over published PDFs', () => {
  it('exits 1 (two damaged reports, two unreadable files), checks every file and writes nothing beside them', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/检查已公开的 PDF 6 份/);
    expect(run.stderr).toMatch(/failed 4 · skipped 0/);
    expect(run.stderr).not.toMatch(/内部错误|\n\s+at /);
    expect(listing(pdfs)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['findings.csv', 'manifest.json', 'summary.html']);
  });

  it('records each PDF as checked, with its own pages, bytes and hash; unreadable ones as failed', () => {
    const entries = new Map(manifestOf(out).entries.map((e) => [e.input.replace('../published/', ''), e]));
    expect([...entries.keys()].sort()).toEqual(['changed-amount.pdf', 'encrypted.pdf', 'jiangan-housing.pdf', 'not-a-pdf.pdf', 'pujiang-chengguan.pdf', 'renamed.pdf']);
    for (const [name, e] of entries) {
      // The link is the published PDF itself, where it lies: never a copy.
      expect(e.output).toBe(`../published/${name}`);
    }
    expect(entries.get('jiangan-housing.pdf')).toMatchObject({ status: 'checked', errors: 0, pages: 81, department: '武汉市江岸区住房保障和房屋管理局', bytes: statSync(join(pdfs, 'jiangan-housing.pdf')).size });
    expect(entries.get('pujiang-chengguan.pdf')).toMatchObject({ status: 'checked', errors: 0, department: '上海市浦江区城市管理局' });
    expect(entries.get('renamed.pdf')).toMatchObject({ status: 'checked', pages: 81 });
    expect(entries.get('renamed.pdf')!.errors).toBeGreaterThan(0);
    expect(entries.get('changed-amount.pdf')!.errors).toBeGreaterThan(0);
    for (const bad of ['not-a-pdf.pdf', 'encrypted.pdf']) expect(entries.get(bad)).toMatchObject({ status: 'failed', errors: 1, pages: null, sha256: null, department: null });
    const pdftotextPages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [join(pdfs, 'pujiang-chengguan.pdf')], { encoding: 'utf8' }).stdout)![1]);
    expect(entries.get('pujiang-chengguan.pdf')!.pages).toBe(pdftotextPages);
  });

  it("findings.csv holds, for each PDF, exactly the findings `juesuan check <that.pdf>` gives, with their pages", () => {
    const rows = csvOf(out);
    expect(rows[0]).toEqual(['部门', '文件', '级别', '规则', '位置', '说明', '应为', '实为']);
    for (const name of ['renamed.pdf', 'changed-amount.pdf', 'jiangan-housing.pdf', 'pujiang-chengguan.pdf', 'not-a-pdf.pdf', 'encrypted.pdf']) {
      const mine = rows.filter((r) => r[1] === `../published/${name}`).map((r) => r.slice(2).join('|'));
      const theirs = checkJson(join(pdfs, name)).map((f) => [f.severity === 'error' ? '错误' : '警告', f.rule, '', f.message, f.expected ?? '', f.actual ?? ''].join('|'));
      expect(mine, name).toEqual(theirs);
    }
    const of = (name: string) => rows.filter((r) => r[1] === `../published/${name}`);
    // The damage, by its rule, on its page, quoted.
    expect(of('renamed.pdf').find((r) => r[3] === 'printed-department-name')).toMatchObject([
      '武汉市江岸区住房保障和房屋管理局',
      '../published/renamed.pdf',
      '错误',
      'printed-department-name',
      '',
      expect.stringMatching(/^第5页 正文：部门名称印作“住房保障与房屋管理局”，与“住房保障和房屋管理局”差一字：“…[^”]*住房保障与房屋管理局部门决算/),
      '武汉市江岸区住房保障和房屋管理局',
      '住房保障与房屋管理局',
    ]);
    expect(of('changed-amount.pdf').find((r) => r[3] === 'income-row-sum')?.[5]).toMatch(/^第7页 收入决算表 2120104/);
    expect(of('changed-amount.pdf').some((r) => r[3] === 'income-rollup' && /^第6页 收入决算表 21201 /.test(r[5]!))).toBe(true);
    // The clean reports: no error.
    for (const clean of ['jiangan-housing.pdf', 'pujiang-chengguan.pdf']) expect(of(clean).filter((r) => r[2] === '错误'), clean).toEqual([]);
    // The unreadable files: one row each, check's message.
    expect(of('not-a-pdf.pdf')).toEqual([['not-a-pdf', '../published/not-a-pdf.pdf', '错误', 'not-pdf', '', '不是 PDF 文件（开头没有 %PDF- 标记）', '', '']]);
    expect(of('encrypted.pdf')).toEqual([['encrypted', '../published/encrypted.pdf', '错误', 'encrypted-pdf', '', 'PDF 已加密，需要密码才能打开，无法读取', '', '']]);
  });

  it('summary.html: a row per PDF with its state, pages and a relative link to the PDF; totals from the amounts printed', () => {
    const doc = parseDocument(readFileSync(join(out, 'summary.html'), 'utf8'));
    const table = DomUtils.findOne((e) => e.attribs.id === 'departments', doc.children)!;
    const rows = DomUtils.findAll((e) => e.name === 'tr' && e.attribs['data-status'] !== undefined, [table]);
    const text = (e: Element) => DomUtils.textContent(e).trim();
    const byFile = new Map(
      rows.map((r) => {
        const cells = DomUtils.findAll((e) => e.name === 'td', [r]).filter((c) => c.parent === r);
        const link = DomUtils.findOne((e) => e.name === 'a', [cells[7]!]);
        return [text(DomUtils.findOne((e) => e.attribs.class === 'file', [cells[0]!])!), { status: r.attribs['data-status'], pages: text(cells[2]!), errors: Number(text(cells[3]!)), link: link?.attribs.href }];
      }),
    );
    expect(byFile.size).toBe(6);
    expect(byFile.get('../published/jiangan-housing.pdf')).toEqual({ status: '有警告', pages: '81', errors: 0, link: '../published/jiangan-housing.pdf' });
    expect(byFile.get('../published/renamed.pdf')).toMatchObject({ status: '有错误', pages: '81', link: '../published/renamed.pdf' });
    expect(byFile.get('../published/changed-amount.pdf')).toMatchObject({ status: '有错误', link: '../published/changed-amount.pdf' });
    expect(byFile.get('../published/not-a-pdf.pdf')).toEqual({ status: '有错误', pages: '—', errors: 1, link: undefined });
    // Each link, resolved from the page's folder, is the published file.
    for (const [file, row] of byFile) if (row.link) expect(statSync(join(out, decodeURIComponent(row.link))).ino).toBe(statSync(join(out, file)).ino);
    // 全区合计: the two reports checked without error, their amounts as printed (Wuhan + Shanghai).
    const totals = DomUtils.findOne((e) => e.attribs.id === 'totals', doc.children)!;
    const cells = (label: string) => {
      const row = DomUtils.findAll((e) => e.name === 'tr', [totals]).find((r) => text(r).startsWith(label))!;
      return DomUtils.findAll((e) => e.name === 'td', [row]).map(text);
    };
    expect(cells('本年收入合计')).toEqual(['', '26,942.32']); // 11,314.64 + 15,627.68
    expect(cells('本年支出合计')).toEqual(['', '26,890.12']); // 11,314.64 + 15,575.48
    expect(cells('“三公”经费合计')).toEqual(['154.60', '145.77']); // 19.6 + 135, 19.5 + 126.27
    expect(text(DomUtils.findOne((e) => e.name === 'caption', [totals])!)).toContain('有错误、未生成或已中断的 4 个部门未计入');
  });

  it.skipIf(!chromiumPath())(
    'summary.html in Chromium: every PDF listed, filtered by state, no error',
    async () => {
      const browser = await Browser.open(1280, 900);
      try {
        await browser.goto(pathToFileURL(join(out, 'summary.html')).href);
        const problems = browser.events.filter((e) => e.method === 'Runtime.exceptionThrown' || (e.method === 'Log.entryAdded' && e.params.entry.level === 'error'));
        expect(problems).toEqual([]);
        expect(await browser.eval('document.getElementById("count").textContent')).toBe('显示 6 / 6 个部门');
        await browser.eval('{ const s = document.getElementById("status"); s.value = "有错误"; s.dispatchEvent(new Event("change")); }');
        const shown = await browser.eval<string[]>('[...document.querySelectorAll("#departments tbody tr")].filter(r => !r.hidden).map(r => r.querySelector(".file").textContent).sort()');
        expect(shown).toEqual(['changed-amount', 'encrypted', 'not-a-pdf', 'renamed'].map((n) => `../published/${n}.pdf`));
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

  it('--shard 1/2 and 2/2, then batch merge: the same findings.csv and summary.html as one run', () => {
    const shards = ['s1', 's2'].map((s) => join(dir, s));
    const r1 = cli(['batch', pdfs, '-o', shards[0]!, '--jobs', '2', '--shard', '1/2']);
    const r2 = cli(['batch', pdfs, '-o', shards[1]!, '--jobs', '2', '--shard', '2/2']);
    const sizes = shards.map((s) => manifestOf(s).entries.length);
    expect(sizes[0]! + sizes[1]!).toBe(6);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    for (const r of [r1, r2]) expect([0, 1]).toContain(r.code);
    const merged = join(dir, 'merged');
    const m = cli(['batch', 'merge', ...shards, '-o', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(join(merged, 'findings.csv'))).toEqual(readFileSync(join(out, 'findings.csv')));
    expect(readFileSync(join(merged, 'summary.html'))).toEqual(readFileSync(join(out, 'summary.html')));
    expect(listing(pdfs)).toEqual(before);
  }, 300_000);
});

describe('juesuan batch over department files and published PDFs together', () => {
  // The small all-clean department (renders fast) beside a published report that prints the
  // template's placeholder "XX": an error for publication, a warning with --archive, as in check.
  let data: string;
  let residue: string;
  beforeAll(() => {
    data = join(dir, 'mixed/data');
    mkdirSync(join(data, 'catalog'), { recursive: true });
    mkdirSync(join(data, '2023'));
    writeFileSync(join(data, 'catalog/2023.yaml'), readFileSync(join(ROOT, 'tests/fixtures/check/catalog/2023.yaml')));
    writeFileSync(join(data, '2023/a.yaml'), department('a'));
    const yaml = join(dir, 'data/2023/residue.yaml');
    writeFileSync(yaml, readFileSync(SAMPLE, 'utf8').replace('主要原因是为了招商引资需要，', '主要原因是为了XX需要，'));
    residue = join(data, '2023/residue.pdf');
    render(yaml, residue, true);
  }, 120_000);

  const rowsOf = () =>
    csvOf(data)
      .filter((r) => r[1] === '2023/residue.pdf')
      .map((r) => r.slice(2).join('|'));
  const checkRows = (args: string[]) =>
    (JSON.parse(cli(['check', residue, '--format', 'json', ...args]).stdout) as Record<string, string | null>[]).map((f) =>
      [f.severity === 'error' ? '错误' : '警告', f.rule, '', f.message, f.expected ?? '', f.actual ?? ''].join('|'),
    );

  it('renders the YAML where it always went, checks the PDF in place; --archive as in check; its own PDFs are never taken for published ones', () => {
    // -o inside the data folder: the rendered PDF lands beside its YAML and the published PDF.
    const first = cli(['batch', data, '-o', data, '--jobs', '2', '--archive']);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(data, '2023/a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const archived = rowsOf();
    expect(archived).toEqual(checkRows(['--archive']));
    expect(archived.some((r) => r.startsWith('警告|text-residue|') && /第25页 [^|]*占位符“XX”/.test(r))).toBe(true);
    expect(manifestOf(data).entries.map((e) => [e.input, e.output, e.status])).toEqual([
      ['2023/a.yaml', '2023/a.pdf', 'ok'],
      ['2023/residue.pdf', '2023/residue.pdf', 'checked'],
    ]);

    // Again, without --archive: 2023/a.pdf is the batch's own output, not a published report to
    // check (nor an output onto an input to refuse); the placeholder is now an error.
    const second = cli(['batch', data, '-o', data, '--jobs', '2']);
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toMatch(/生成 1 份、检查已公开的 PDF 1 份/);
    expect(manifestOf(data).entries.map((e) => e.input)).toEqual(['2023/a.yaml', '2023/residue.pdf']);
    const published = rowsOf();
    expect(published).toEqual(checkRows([]));
    expect(published.some((r) => r.startsWith('错误|text-residue|') && /第25页 [^|]*占位符“XX”/.test(r))).toBe(true);

    // --changed: the rendered YAML is up to date and skipped; the PDF with errors is checked again
    // (as a failed YAML is rendered again), so the run still says so.
    const third = cli(['batch', data, '-o', data, '--jobs', '2', '--changed']);
    expect(third.code, third.stderr).toBe(1);
    expect(third.stderr).toMatch(/failed 1 · skipped 1/);
    expect(rowsOf()).toEqual(published);
  }, 180_000);
});
