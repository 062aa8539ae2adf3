import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli } from './helpers';
import { batchData, department } from './batch-support';
import { findingsCsv } from '../src/batch/findings-csv';
import type { Manifest, ManifestEntry } from '../src/batch/manifest-shape';
import { statusLabel } from '../src/batch/summary-html';
import { readCsv } from './csv-reader';

const NASTY = '<script>alert("x")</script> & 局';
const HEADER = ['部门', '文件', '级别', '规则', '位置', '说明', '应为', '实为'];

describe('juesuan batch writes findings.csv and summary.html for the bureau', () => {
  let dir: string;
  let run: ReturnType<typeof cli>;
  const out = () => join(dir, 'out');

  beforeAll(() => {
    dir = batchData(['a']);
    writeFileSync(join(dir, 'data/2023/b-nasty.yaml'), department('b').replace('name: 测试市测试区测试局', `name: '${NASTY}'`));
    writeFileSync(join(dir, 'data/2023/c-unbalanced.yaml'), department('c').replace('general_budget: 160.00', 'general_budget: 170.00'));
    writeFileSync(join(dir, 'data/2023/d-broken.yaml'), 'format: [1\n');
    run = cli(['batch', join(dir, 'data'), '-o', out(), '--jobs', '2']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('findings.csv: BOM, CRLF, Chinese header, one row per finding of every report, sorted by file, failures included', () => {
    expect(run.code, run.stderr).toBe(1);
    const bytes = readFileSync(join(out(), 'findings.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.replace(/"[^"]*"/g, '').split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    const rows = readCsv(text);
    expect(rows[0]).toEqual(HEADER);
    const manifest = JSON.parse(readFileSync(join(out(), 'manifest.json'), 'utf8')) as Manifest;
    const findings = manifest.entries.flatMap((e) => e.findings.map((f) => ({ e, f })));
    expect(rows.slice(1)).toHaveLength(findings.length);
    for (const [i, row] of rows.slice(1).entries()) {
      const { f } = findings[i]!;
      expect(row).toHaveLength(8);
      expect(row[1]).toBe(f.file);
      expect(row[2]).toBe(f.severity === 'error' ? '错误' : '警告');
      expect(row[3]).toBe(f.rule);
      expect(row[5]).toBe(f.message);
    }
    // Sorted by the department's file; the nasty name is kept as written (a CSV is not HTML).
    const files = rows.slice(1).map((r) => r[1]!);
    expect(files).toEqual([...files].sort());
    expect(rows.some((r) => r[0] === NASTY)).toBe(true);
    // The data error of c, with its place, expected and actual values.
    const c = rows.find((r) => r[1]!.endsWith('c-unbalanced.yaml') && r[2] === '错误')!;
    expect(c[0]).toBe('测试市测试区测试局');
    expect(c[4]).toMatch(/^\d+:\d+$/);
    expect(c[6]).not.toBe('');
    expect(c[7]).not.toBe('');
    // A file that does not parse: its failure is its finding, named by its file (no department name to read).
    const d = rows.filter((r) => r[1]!.endsWith('d-broken.yaml'));
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]![0]).toBe('d-broken');
    expect(d[0]![2]).toBe('错误');
  });

  it('findings.csv: commas, quotes and line breaks in a message round-trip; formula-like text cannot run', () => {
    const message = '本年收入合计：各类之和为 1,234.50，表中“合计”为 "1,234.60"\n第二行';
    const entry = (input: string, dept: string | null, msg: string): ManifestEntry => ({
      input, output: input.replace(/yaml$/, 'pdf'), status: 'failed', errors: 1, warnings: 0, sha256: null, pages: null, bytes: null, ms: 0,
      inputHash: 'x', templatesHash: 'y', previous: null, department: dept, figures: null,
      findings: [{ severity: 'error', rule: 'r', message: msg, file: input, line: 3, column: null, expected: '-12.50', actual: '=1+1' }],
    });
    const csv = findingsCsv({ format: 2, generator: 'g', entries: [entry('a.yaml', '甲局,"一处"', message), entry('b.yaml', '@SUM(A1)', 'x')] });
    const rows = readCsv(csv.slice(1));
    expect(rows[1]).toEqual(['甲局,"一处"', 'a.yaml', '错误', 'r', '3', message, '-12.50', "'=1+1"]);
    expect(rows[2]![0]).toBe("'@SUM(A1)");
    // The summary's states: a failure outside the data is 未生成, a stopped run 已中断.
    expect(statusLabel({ ...entry('c.yaml', null, 'x'), findings: [{ ...entry('c.yaml', null, 'x').findings[0]!, rule: 'unreadable' }] })).toBe('未生成');
    expect(statusLabel(entry('c.yaml', null, 'x'))).toBe('有错误');
    expect(statusLabel({ ...entry('c.yaml', null, 'x'), status: 'interrupted', errors: 0, findings: [] })).toBe('已中断');
    expect(statusLabel({ ...entry('c.yaml', null, 'x'), status: 'ok', errors: 0, sha256: 'a'.repeat(64), findings: [] })).toBe('正常');
    expect(csv).toContain('"本年收入合计：各类之和为 1,234.50，表中“合计”为 ""1,234.60""\n第二行"');
  });

  it('summary.html: self-contained, every department with status, data escaped, links to PDFs and findings, exact totals', () => {
    const html = readFileSync(join(out(), 'summary.html'), 'utf8');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; 局');
    const doc = parseDocument(html);
    const all = DomUtils.getElementsByTagName(() => true, doc.children, true) as Element[];
    // One inline script, one inline style, nothing loaded from anywhere.
    expect(all.filter((e) => e.name === 'script')).toHaveLength(1);
    expect(all.filter((e) => e.name === 'script' && e.attribs.src)).toHaveLength(0);
    expect(all.filter((e) => e.name === 'link' || e.name === 'img' || e.name === 'iframe')).toHaveLength(0);
    const csp = all.find((e) => e.name === 'meta' && e.attribs['http-equiv'] === 'Content-Security-Policy')!;
    expect(csp.attribs.content).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+';/);

    const table = all.find((e) => e.attribs.id === 'departments')!;
    const rows = DomUtils.getElementsByTagName('tr', table).slice(1);
    const cells = rows.map((r) => DomUtils.getElementsByTagName('td', r).map((td) => DomUtils.textContent(td).trim()));
    // In the manifest's order (by file): the clean fixture warns (no 第三部分 data); a bad sum and a bad YAML are the data's errors.
    expect(cells.map((c) => c[1])).toEqual(['有警告', '有警告', '有错误', '有错误']);
    const byFile = (name: string) => cells.find((c) => c[0]!.includes(name))!;
    expect(byFile('2023/a.yaml')[1]).toMatch(/^(正常|有警告)$/);
    expect(byFile('b-nasty.yaml')[0]).toContain(NASTY);
    expect(byFile('c-unbalanced.yaml')[1]).toBe('有错误');
    expect(byFile('c-unbalanced.yaml')[7]).toBe('—');
    expect(byFile('d-broken.yaml')[0]).toMatch(/^d-broken/);
    expect(rows.map((r) => r.attribs['data-status'])).toEqual(cells.map((c) => c[1]));
    // Links: the PDF relative to the page, and the in-page list of findings.
    for (const a of DomUtils.getElementsByTagName('a', table)) {
      const target = a.attribs.href!;
      if (target.startsWith('#')) expect(all.some((e) => e.attribs.id === target.slice(1))).toBe(true);
      else expect(existsSync(join(out(), decodeURIComponent(target)))).toBe(true);
    }
    expect(DomUtils.getElementsByTagName('a', table).filter((a) => a.attribs.href!.endsWith('.pdf'))).toHaveLength(2);

    // The district: a and b rendered (8 and 6.50 of 三公 each, 210.00 of income); c and d are not counted.
    const totals = all.find((e) => e.attribs.id === 'totals')!;
    const line = (label: string) =>
      DomUtils.getElementsByTagName('tr', totals)
        .map((r) => r.children.filter((c): c is Element => (c as Element).name !== undefined).map((c) => DomUtils.textContent(c)))
        .find((r) => r[0] === label)!;
    expect(line('因公出国（境）费')).toEqual(['因公出国（境）费', '0.00', '0.00']);
    expect(line('公务用车购置及运行维护费')).toEqual(['公务用车购置及运行维护费', '10.00', '8.00']);
    expect(line('公务接待费')).toEqual(['公务接待费', '6.00', '5.00']);
    expect(line('“三公”经费合计')).toEqual(['“三公”经费合计', '16.00', '13.00']);
    expect(line('本年收入合计')).toEqual(['本年收入合计', '', '420.00']);
    expect(line('本年支出合计')[2]).toBe('430.00');
    expect(DomUtils.textContent(DomUtils.getElementsByTagName('caption', totals)[0]!)).toContain('2 个部门未计入');
  });

  it('the same inputs give the same findings.csv and summary.html, byte for byte', () => {
    const before = ['findings.csv', 'summary.html'].map((f) => readFileSync(join(out(), f)));
    const again = cli(['batch', join(dir, 'data'), '-o', out(), '--jobs', '1']);
    expect(again.code, again.stderr).toBe(1);
    expect(['findings.csv', 'summary.html'].map((f) => readFileSync(join(out(), f)))).toEqual(before);
  });
});
