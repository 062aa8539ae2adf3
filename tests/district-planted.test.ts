import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { cli, ROOT } from './helpers';
import { districtFiles, generatedDistrict, type Planted } from './district-support';
import { readCsv } from './csv-reader';
import { Browser, chromiumPath } from './chromium';
import { groupThousands } from '../src/model/number-format';

// The district of docs/batch.md's screenshot: 20 departments, both form sets, eight errors planted.
const COUNT = 20;
const SEED = 2026;

describe('a district with planted errors through juesuan batch', () => {
  let dir: string;
  let data: string;
  let run: ReturnType<typeof cli>;
  let planted: Planted[];
  const out = () => join(dir, 'out');

  beforeAll(() => {
    ({ dir, data } = generatedDistrict(COUNT, SEED, { plant: true }));
    planted = JSON.parse(readFileSync(join(data, 'planted.json'), 'utf8')) as Planted[];
    run = cli(['batch', data, '-o', out(), '--jobs', '2'], ROOT, { CI: '1' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plants a varied set of errors, one department each', () => {
    expect(planted.length).toBeGreaterThanOrEqual(8);
    const rules = new Set(planted.map((p) => p.rule));
    expect(rules.size).toBe(planted.length);
    for (const r of ['expenditure-row-sum', 'x06-general-budget', 'narrative-item-lines', 'catalog-code', 'three-public-vehicle-subtotal', 'catalog-unlisted']) expect(rules).toContain(r);
    expect(new Set(planted.map((p) => p.file)).size).toBe(planted.length);
  });

  it('exits 1; each planted error is in findings.csv against its department, and nothing else is an error', () => {
    expect(run.code, run.stderr).toBe(1);
    const rows = readCsv(readFileSync(join(out(), 'findings.csv'), 'utf8').slice(1)).slice(1);
    const errors = rows.filter((r) => r[2] === '错误');
    for (const p of planted) {
      const hit = errors.filter((r) => r[0] === p.department && r[1]!.endsWith(`/${p.file}`) && r[3] === p.rule);
      expect(hit.length, `${p.file} ${p.rule}`).toBeGreaterThan(0);
    }
    for (const r of errors) expect(planted.some((p) => p.department === r[0] && r[1]!.endsWith(`/${p.file}`) && p.rule === r[3]), `unplanted error: ${r.join(' | ')}`).toBe(true);
    // The manifest agrees: exactly the planted departments failed.
    const manifest = JSON.parse(readFileSync(join(out(), 'manifest.json'), 'utf8'));
    const failed = manifest.entries.filter((e: any) => e.status !== 'ok').map((e: any) => e.input.split('/').pop());
    expect(failed.sort()).toEqual(planted.map((p) => p.file).sort());
    expect(manifest.entries).toHaveLength(COUNT);
  });

  it('summary.html lists each planted error against its department, in the table and in the details', () => {
    const html = readFileSync(join(out(), 'summary.html'), 'utf8');
    const doc = parseDocument(html);
    const all = DomUtils.getElementsByTagName(() => true, doc.children, true) as Element[];
    const table = all.find((e) => e.attribs.id === 'departments')!;
    const rows = DomUtils.getElementsByTagName('tr', table).slice(1);
    expect(rows).toHaveLength(COUNT);
    const cells = rows.map((r) => DomUtils.getElementsByTagName('td', r).map((td) => DomUtils.textContent(td)));
    for (const p of planted) {
      const row = cells.find((c) => c[0]!.startsWith(p.department) && c[0]!.endsWith(`/${p.file}`))!;
      expect(row, p.file).toBeDefined();
      expect(row[1]).toBe('有错误');
      expect(row[5]).toContain(p.rule);
      const section = all.find((e) => e.name === 'section' && DomUtils.textContent(e).includes(`/${p.file}`))!;
      const items = DomUtils.getElementsByTagName('li', section).filter((li) => li.attribs.class === 'error');
      expect(items.some((li) => DomUtils.textContent(li).includes(p.rule)), p.file).toBe(true);
    }
    // The others have no error cell filled.
    for (const c of cells.filter((c) => !planted.some((p) => c[0]!.endsWith(`/${p.file}`)))) {
      expect(c[1]).toMatch(/^(正常|有警告)$/);
      expect(c[3]).toBe('0');
      expect(c[5]).toBe('');
    }
  });

  it.skipIf(!chromiumPath())(
    'summary.html in Chromium: offline, no console error, departments, district totals, sorting and filtering; a screenshot',
    async () => {
      const browser = await Browser.open(1280, 900);
      try {
        const url = pathToFileURL(join(out(), 'summary.html')).href;
        await browser.goto(url);
        // Nothing fetched but the page itself; its CSP lets its own style and script run.
        const requests = browser.events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => e.params.request.url);
        expect(requests).toEqual([url]);
        const problems = browser.events.filter(
          (e) => e.method === 'Runtime.exceptionThrown' || (e.method === 'Runtime.consoleAPICalled' && e.params.type === 'error') || (e.method === 'Log.entryAdded' && e.params.entry.level === 'error'),
        );
        expect(problems.map((p) => JSON.stringify(p.params).slice(0, 300))).toEqual([]);
        expect(await browser.eval('getComputedStyle(document.querySelector("thead th")).backgroundColor')).toBe('rgb(238, 241, 245)');
        expect(await browser.eval('document.getElementById("count").textContent')).toBe(`显示 ${COUNT} / ${COUNT} 个部门`);

        // Every department, by name.
        const names = await browser.eval<string[]>('[...document.querySelectorAll("#departments tbody tr")].map(r => r.cells[0].dataset.v)');
        const files = districtFiles(data);
        expect([...names].sort()).toEqual(files.map((f) => f.doc.department.name as string).sort());

        // The district's totals, summed here from the department files of the reports that were generated.
        const failed = new Set(planted.map((p) => p.file));
        const counted = files.filter((f) => !failed.has(f.file));
        const total = (pick: (d: any) => unknown) => groupThousands(counted.reduce((a, f) => a.plus(String(pick(f.doc) ?? 0)), new Decimal(0)).toFixed(2));
        const tp = (side: string, key: string) => total((d) => d.tables.three_public[side][key]);
        const shown = await browser.eval<string[][]>('[...document.querySelectorAll("#totals tbody tr")].map(r => [...r.cells].map(c => c.textContent))');
        expect(shown).toEqual([
          ['因公出国（境）费', tp('budget', 'overseas'), tp('actual', 'overseas')],
          ['公务用车购置及运行维护费', tp('budget', 'vehicle_subtotal'), tp('actual', 'vehicle_subtotal')],
          ['公务接待费', tp('budget', 'reception'), tp('actual', 'reception')],
          ['“三公”经费合计', tp('budget', 'total'), tp('actual', 'total')],
          ['本年收入合计', '', total((d) => d.tables.summary.income_total)],
          ['本年支出合计', '', total((d) => d.tables.summary.expenditure_total)],
        ]);
        expect(await browser.eval('document.querySelector("#totals caption").textContent')).toContain(`有错误、未生成或已中断的 ${planted.length} 个部门未计入`);

        // A click on 错误 sorts by the count of errors, ascending, then descending.
        const column = (i: number) => browser.eval<number[]>(`[...document.querySelectorAll("#departments tbody tr")].map(r => Number(r.cells[${i}].dataset.v))`);
        await browser.eval('document.querySelectorAll("#departments thead th")[3].click()');
        const up = await column(3);
        expect(up).toEqual([...up].sort((a, b) => a - b));
        await browser.eval('document.querySelectorAll("#departments thead th")[3].click()');
        const down = await column(3);
        expect(down).toEqual([...up].sort((a, b) => b - a));
        expect(down[0]).toBeGreaterThan(0);
        expect(await browser.eval('document.querySelectorAll("#departments thead th")[3].getAttribute("aria-sort")')).toBe('descending');
        // 页数 sorts by number, not as text.
        await browser.eval('document.querySelectorAll("#departments thead th")[2].click()');
        const pages = await column(2);
        expect(pages).toEqual([...pages].sort((a, b) => a - b));

        // The state list and the text box filter the rows.
        const visible = () => browser.eval<string[]>('[...document.querySelectorAll("#departments tbody tr")].filter(r => !r.hidden).map(r => r.dataset.status + " " + r.cells[0].dataset.v)');
        await browser.eval('{ const s = document.getElementById("status"); s.value = "有错误"; s.dispatchEvent(new Event("change")); }');
        const withErrors = await visible();
        expect(withErrors).toHaveLength(planted.length);
        expect(withErrors.every((r) => r.startsWith('有错误 '))).toBe(true);
        expect(await browser.eval('document.getElementById("count").textContent')).toBe(`显示 ${planted.length} / ${COUNT} 个部门`);
        const one = planted[0]!.department;
        await browser.eval(`{ const q = document.getElementById("q"); q.value = ${JSON.stringify(one.slice(-5))}; q.dispatchEvent(new Event("input")); }`);
        expect(await visible()).toContain(`有错误 ${one}`);
        await browser.eval('{ const s = document.getElementById("status"); s.value = ""; s.dispatchEvent(new Event("change")); const q = document.getElementById("q"); q.value = ""; q.dispatchEvent(new Event("input")); }');
        expect(await visible()).toHaveLength(COUNT);

        // Sorted by state (errors first) for the picture in docs/batch.md.
        await browser.eval('document.querySelectorAll("#departments thead th")[1].click(); document.querySelectorAll("#departments thead th")[1].click()');
        await browser.page('Emulation.setDeviceMetricsOverride', { width: 1280, height: 1500, deviceScaleFactor: 1, mobile: false });
        const png = await browser.page('Page.captureScreenshot', { format: 'png' }).then((r: any) => Buffer.from(r.data, 'base64'));
        expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        expect(png.readUInt32BE(16)).toBe(1280);
        expect(png.readUInt32BE(20)).toBe(1500);
        expect(png.length).toBeGreaterThan(50_000); // text and tables, not a blank page
        mkdirSync(join(dir, 'shots'), { recursive: true });
        writeFileSync(join(dir, 'shots/summary.png'), png);
        // JUESUAN_UPDATE_SCREENSHOT=1 refreshes the picture in the docs (fonts differ between machines).
        if (process.env.JUESUAN_UPDATE_SCREENSHOT) writeFileSync(join(ROOT, 'docs/img/batch-summary.png'), png);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
