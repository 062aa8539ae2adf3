import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, SAMPLE, ROOT, pdftotext } from './helpers.js';

/** The published report's text: every table row of it must come out of our PDF. */
const reference = readFileSync(join(ROOT, 'tests/fixtures/reference-2023-jiangan.txt'), 'utf8').split('\n');
let layoutLines: string[] = [];
let pdfPath = '';

beforeAll(() => {
  const pdf = join(mkdtempSync(join(tmpdir(), 'juesuan-tables-')), 't.pdf');
  const r = cli(['render', SAMPLE, '-o', pdf]);
  if (r.code !== 0) throw new Error(r.stderr);
  layoutLines = pdftotext(pdf, true).split('\n');
  pdfPath = pdf;
});

const AMOUNT = /^-?[\d,]+(\.\d+)?$/;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A line of `pdftotext -layout` holding these tokens in this order. */
function lineWith(tokens: string[]): string | undefined {
  const re = new RegExp(tokens.map((t) => `(?<![\\d,.])${esc(t)}(?![\\d,.])`).join('.*'));
  return layoutLines.find((l) => re.test(l));
}

describe('the nine tables carry every published row', () => {
  it('公开02/03/05: every 类/款/项 row with its code and amounts on one line', () => {
    const rows = reference.filter((l) => /^\d{3}(\d{2}){0,2}\t/.test(l));
    expect(rows.length).toBeGreaterThan(90);
    const missing = rows.filter((l) => {
      const cells = l.split('\t');
      const amounts = cells.slice(2).filter((c) => AMOUNT.test(c.trim()));
      return !lineWith([cells[0], ...amounts]);
    });
    expect(missing).toEqual([]);
  });

  it('合计 rows of 公开02/03/05', () => {
    for (const l of reference.filter((x) => x.startsWith('合计\t\t'))) {
      const amounts = l.split('\t').filter((c) => AMOUNT.test(c.trim()));
      if (amounts.length) expect(lineWith(['合计', ...amounts]), l).toBeDefined();
    }
  });

  it('公开01/04: every row with an amount keeps its 行次 and amounts in order', () => {
    const start = reference.findIndex((l) => l.startsWith('一、一般公共预算财政拨款收入\t1'));
    const end = reference.findIndex((l) => l.startsWith('注：本表反映部门本年度一般公共预算财政拨款、'));
    const rows = reference.slice(start, end).filter((l) => l.includes('\t') && /\d\.\d\d/.test(l));
    expect(rows.length).toBeGreaterThan(15);
    const missing = rows.filter((l) => {
      const tokens = l.split('\t').map((c) => c.trim()).filter((c) => /^\d+$/.test(c) || AMOUNT.test(c));
      return !lineWith(tokens);
    });
    expect(missing).toEqual([]);
  });

  it('公开01 fits one portrait page with its notes, as published', () => {
    const pages = pdftotext(pdfPath).split('\f');
    const on = pages.flatMap((p, i) => (p.includes('收入支出决算总表') && p.includes('公开01表') ? [i + 1] : []));
    expect(on).toHaveLength(1);
    expect(pages[on[0]! - 1]).toContain('本套报表金额单位转换时可能存在尾数误差');
    expect(layoutLines.join('\n')).not.toContain('公开01表（续）');
    const size = spawnSync('pdfinfo', ['-f', String(on[0]), '-l', String(on[0]), pdfPath], { encoding: 'utf8' }).stdout;
    const [, w, h] = /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/.exec(size)!;
    expect(Number(w)).toBeLessThan(Number(h));
  });

  it('公开06: each economic code with its amount', () => {
    const start = reference.findIndex((l) => l.startsWith('301\t工资福利支出'));
    const rows = reference.slice(start, start + 30);
    for (const l of rows) {
      const cells = l.split('\t');
      for (let i = 0; i + 2 < cells.length; i += 3) {
        if (/^\d{3,5}$/.test(cells[i]) && AMOUNT.test(cells[i + 2])) expect(lineWith([cells[i], cells[i + 2]]), `${cells[i]} ${cells[i + 2]}`).toBeDefined();
      }
    }
    expect(lineWith(['人员经费合计', '1,623.11', '公用经费合计', '55.89'])).toBeDefined();
  });

  it('公开09: the 三公 figures with the precision the data gives', () => {
    expect(lineWith(['19.6', '17', '2.6', '19.50', '16.99', '2.51'])).toBeDefined();
  });

  it('公开07 and 公开08 print the empty form with its note', () => {
    const text = layoutLines.join('\n').replace(/\s+/g, '');
    expect(text).toContain('政府性基金预算财政拨款收入支出决算表');
    expect(text).toContain('本部门2023年度无政府性基金预算财政拨款收入支出');
    expect(text).toContain('本部门2023年度无国有资本经营预算财政拨款支出');
  });
});
