import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { loadProfile } from '../src/load/profile.js';
import { InputError } from '../src/model/diagnostics.js';
import { calculate } from '../src/calculate/index.js';
import { toMarkup } from '../src/render.js';
import { layoutDocument } from '../src/layout/index.js';
import { loadFontSet } from '../src/fonts/index.js';
import type { TableEntry } from '../src/model/tables.js';
import { ROOT, SAMPLE } from './helpers.js';

/** 第二部分 is drawn from the form set's table list (profiles/<id>/profile.yaml `tables:`), not typed into the templates. */

const WUHAN = loadProfile('hubei-wuhan-2023', { file: 'test' }).tables;

/** The markup of 第二部分 for the sample under another table list. */
function part2(list: TableEntry[]): string {
  const calc = calculate(loadDepartment(SAMPLE));
  calc.loaded.profile = { ...calc.loaded.profile, tables: list };
  const markup = toMarkup(calc);
  const sectionOf = (heading: string) => markup.lastIndexOf('<section', markup.indexOf(heading));
  return markup.slice(sectionOf('<h1>第二部分'), sectionOf('<h1>第三部分'));
}

/** Each row's width in grid columns (colspan counted), per table, for rows that no rowspan above reaches. */
function bodyWidths(markup: string): { widths: number; rows: number[] }[] {
  return [...markup.matchAll(/<table [^>]*widths="([^"]*)"[^>]*>([\s\S]*?)<\/table>/g)].map(([, widths, inner]) => {
    const body = inner.slice(inner.indexOf('<tbody>'));
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, cells]) =>
      [...cells.matchAll(/<td([^>]*)>/g)].reduce((n, [, attrs]) => n + Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1), 0),
    );
    return { widths: widths.trim().split(/\s+/).length, rows };
  });
}

describe('the Wuhan table list', () => {
  it('lists the nine tables in the published order with their form numbers', () => {
    expect(WUHAN.map((t) => t.label)).toEqual(['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表']);
    expect(WUHAN.map((t) => t.toc.slice(0, 2))).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、', '九、']);
    expect(WUHAN.find((t) => t.key === 'three_public')!.title).toBe('财政拨款“三公”经费支出决算表');
  });
});

describe('the templates follow the table list', () => {
  it('prints the tables in the list’s order, under its titles and labels, in its orientation', () => {
    const reordered = [WUHAN[8], ...WUHAN.slice(0, 8)].map((t, i) => ({ ...t, label: `表${i + 1}`, toc: `${i + 1}. ${t.title}` }));
    reordered[0] = { ...reordered[0], title: '“三公”经费支出决算表', orientation: 'portrait' };
    const m = part2(reordered);
    const forms = [...m.matchAll(/<table form="([^"]*)" title="([^"]*)" toc="([^"]*)"/g)].map((x) => [x[1], x[2], x[3]]);
    expect(forms[0]).toEqual(['表1', '“三公”经费支出决算表', '1. 财政拨款“三公”经费支出决算表']);
    expect(forms[1]).toEqual(['表2', '收入支出决算总表', '2. 收入支出决算总表']);
    expect(forms).toHaveLength(9);
    expect(m).not.toContain('公开0');
    // one section (page) per table, in the list's orientation; the part heading on the first
    const sections = [...m.matchAll(/<section numbering="arabic"( orientation="landscape")?>(\n<h1>第二部分[^<]*<\/h1>\n)?<table form="([^"]*)"/g)];
    expect(sections.map((x) => [x[3], Boolean(x[1]), Boolean(x[2])])).toEqual(
      reordered.map((t, i) => [t.label, t.orientation === 'landscape', i === 0]),
    );
  });

  it('leaves out 栏次 and 行次, and keeps every row as wide as its grid, when the form set prints none', () => {
    const plain = WUHAN.map((t) => ({ ...t, lineNumbers: false }));
    const m = part2(plain);
    expect(m).not.toMatch(/栏次|行次/);
    for (const t of bodyWidths(m)) for (const n of t.rows) expect(n).toBe(t.widths);
    // and with them, as Wuhan prints: the same check holds
    const numbered = part2(WUHAN);
    expect(numbered.match(/栏次/g)!.length).toBeGreaterThanOrEqual(7);
    for (const t of bodyWidths(numbered)) for (const n of t.rows) expect(n).toBe(t.widths);
    // and the tables without numbers still lay out
    const calc = calculate(loadDepartment(SAMPLE));
    calc.loaded.profile = { ...calc.loaded.profile, tables: plain };
    expect(layoutDocument(toMarkup(calc), loadFontSet('fonts/fonts.yaml', ROOT)).pages.length).toBeGreaterThan(50);
  });

  it('prints the column headers from the registry', () => {
    const m = part2(WUHAN);
    expect(m).toContain('<td rowspan="2" align="center">本年收入合计</td><td rowspan="2" align="center">财政拨款收入</td>');
    expect(m).toContain('<td rowspan="2" align="center">因公出国（境）费</td>');
    expect(m).toContain('<td colspan="2" align="center">人员经费合计</td>');
  });
});

describe('a broken table list', () => {
  /** The Wuhan profile as profiles/x, its table list replaced by `tables`. */
  const wuhan = readFileSync(join(ROOT, 'profiles/hubei-wuhan-2023/profile.yaml'), 'utf8');
  const head = wuhan.slice(0, wuhan.indexOf('\ntables:\n') + 1).replace(/^name: .*$/m, 'name: x');
  const rest = wuhan.slice(wuhan.indexOf('\n# The rows the forms print'));
  const profile = (text: string) => {
    const root = mkdtempSync(join(tmpdir(), 'juesuan-profile-'));
    mkdirSync(join(root, 'profiles/x'), { recursive: true });
    writeFileSync(join(root, 'profiles/x/profile.yaml'), head + text + rest);
    return { root, offset: head.split('\n').length - 1 };
  };
  const failure = ({ root }: { root: string }) => {
    try {
      loadProfile('x', { file: 'test' }, root);
    } catch (e) {
      return e as InputError;
    }
    throw new Error('loaded');
  };

  it('names the line of a table listed twice', () => {
    const p = profile('tables:\n  - {key: income, toc: 一、收入决算表, orientation: portrait}\n  - {key: income, toc: 二、收入决算表, orientation: portrait}\n');
    const e = failure(p);
    expect(e).toBeInstanceOf(InputError);
    expect(e.diagnostics[0]).toMatchObject({ rule: 'table-list', line: p.offset + 3 });
    expect(e.diagnostics[0].message).toContain('income');
  });

  it('refuses a table the registry does not know, with its line', () => {
    const p = profile('tables:\n  - {key: summary, toc: 一、总表, orientation: portrait}\n  - {key: t02, toc: 二、收入决算表, orientation: portrait}\n');
    const e = failure(p);
    expect(e.diagnostics[0]).toMatchObject({ line: p.offset + 3 });
    expect(e.diagnostics[0].message).toContain('tables.1.key');
  });
});
