import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, pdftotext, ROOT, SAMPLE } from './helpers.js';

/**
 * shanghai-2024's 第三部分: the sample department (notes/shanghai/sample.yaml, as a fixture) renders
 * to the text the spec's rules give; every fixed fragment of the template's sentences prints; no
 * template residue prints; the new inputs are checked (per-项 lines, counts, 机关运行经费's scope)
 * and refused under a form set without their section.
 */

const FIXTURE = join(ROOT, 'data/2024/pujiang-chengguan.yaml');
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const TEMPLATE_TXT = join(ROOT, '../shared/reference/shanghai-2024-template.txt');
const norm = (s: string) => s.replace(/\s+/g, '');

let dir: string;
let part3: string;

/** 第三部分 of a rendered PDF's text: from its body heading to 第四部分's. */
function part3Of(pdf: string): string {
  const text = pdftotext(pdf);
  const body = text.slice(text.indexOf('第三部分', text.indexOf('第三部分') + 1));
  return body.slice(0, body.indexOf('第四部分'));
}

function withData(name: string, text: string): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'data/2024'), { recursive: true });
  cpSync(join(ROOT, 'data/catalog'), join(d, 'data/catalog'), { recursive: true });
  const file = join(d, 'data/2024/x.yaml');
  writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'juesuan-sh3-'));
  const out = join(dir, 'sample.pdf');
  const r = cli(['render', FIXTURE, '-o', out]);
  expect(r.code, r.stderr).toBe(0);
  part3 = part3Of(out);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shanghai-2024 第三部分 of the sample department', () => {
  it('is the text the spec gives for it, heading by heading and sentence by sentence', () => {
    const expected = readFileSync(join(ROOT, 'tests/fixtures/shanghai-sample/expected-part3.txt'), 'utf8');
    const got = norm(part3);
    expect(got.slice(got.indexOf('一、收入支出决算总体情况说明'))).toBe(norm(expected));
  });

  it('prints the eleven headings and 十一 sub-headings in the template order', () => {
    const headings = ['一、收入支出决算总体情况说明', '二、收入决算情况说明', '三、支出决算情况说明', '四、财政拨款收入支出决算总体情况说明', '五、一般公共预算财政拨款支出决算情况说明', '（一）一般公共预算财政拨款支出决算总体情况', '（二）一般公共预算财政拨款支出决算结构情况', '（三）一般公共预算财政拨款支出决算具体情况', '六、一般公共预算财政拨款基本支出决算情况说明', '七、财政拨款“三公”经费支出决算情况说明', '（一）“三公”经费财政拨款支出决算总体情况说明。', '（二）“三公”经费财政拨款支出决算具体情况说明。', '八、政府性基金预算财政拨款收入支出决算情况说明', '九、国有资本经营预算财政拨款收入支出决算情况说明', '十、预算绩效管理情况', '十一、其他重要事项的情况说明', '（一）机关运行经费支出情况', '（二）政府采购支出情况'];
    const got = norm(part3);
    let at = 0;
    for (const h of headings) {
      const i = got.indexOf(h, at);
      expect(i, h).toBeGreaterThanOrEqual(at);
      at = i + h.length;
    }
    expect(part3.split('\n').filter((l) => /^[十一二三四五六七八九]+、/.test(l.trim())).map((l) => l.trim().replace(/、.*/, ''))).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']);
  });

  it.runIf(existsSync(TEMPLATE_TXT))('prints every fixed fragment of the template sentences it uses', () => {
    const t = readFileSync(TEMPLATE_TXT, 'utf8');
    const start = t.indexOf('一、收入支出决算总体情况说明', t.indexOf('第三部分', t.indexOf('第三部分') + 1));
    const tpl = norm(t.slice(start, t.indexOf('第四部分', start)));
    // slots, alternatives and instructions cut the template into its fixed fragments
    const fragments = tpl
      .replace(/上海市XX局/g, '|')
      .replace(/（如持平作持平表述）|（不涉及的不列）|（制度名称）|增加（减少）|减少（增加）|增长（下降）|下降（增长）|大于（小于）|小于（大于）/g, '|')
      .replace(/X+|……|\d{4}/g, '|')
      .split(/[|。；，：、]/)
      .filter((f) => f.length >= 4);
    // fragments of what the sample does not print: the alternatives for what it lacks, 八/九 with
    // rows, the 项 of the template's example, its instructions, and its "万（含" typo
    const notPrinted = [/^无/, /作下述说/, /^支出收入/, /^支出具体情况如下$/, /^政府性基金预算财政拨款收入$/, /^国有资本经营预算财政拨款收入$/, /教育/, /^按上述格式/, /^变动原因$/, /列明/, /^万（含外宾接待支出$/, /^开支内容包括$/, /^接待外宾批次$/, /^人次$/, /（类）XX|^（类）|^（款）|^（项）$/, /^出$/, /^明$/,
      // the sample has no 经营收支, neither of these 款; the template's subject “部门（单位）” is the department's name
      /^经营收入$|^经营支出$|^其他对个人和家庭的补助$|^其他资本性支出$/, /^预决算持平的不用说明变动原因$/, /^年度无/, /情况说明(政府性基金|国有资本经营)预算财政拨款收入$/, /^部门（单位）共有车辆$/];
    const missing = fragments.filter((f) => !norm(part3).includes(f) && !notPrinted.some((r) => r.test(f)));
    expect(missing).toEqual([]);
    expect(fragments.length).toBeGreaterThan(60);
  });

  it('prints no template residue', () => {
    for (const residue of ['增加（减少）', '减少（增加）', '大于（小于）', '小于（大于）', 'XX', 'XXX', '（如持平作持平表述）', '（不涉及的不列）', '万（含']) expect(part3).not.toContain(residue);
  });

  it('prints every amount with two decimals, from the tables', () => {
    const amounts = norm(part3).replace('单价100万元（含）', '').match(/\d+(\.\d+)?万元/g) ?? [];
    expect(amounts.length).toBeGreaterThan(80);
    expect(amounts.filter((a) => !/^\d+\.\d\d万元$/.test(a))).toEqual([]);
    const pcts = norm(part3).match(/\d+(\.\d+)?%/g) ?? [];
    expect(pcts.filter((p) => !/^\d+\.\d\d%$/.test(p))).toEqual([]);
    // 五（三）'s 决算 of a 项 is its general_budget row: 2120199 is 535.20 there, not its 收入表 776.60
    expect(norm(part3)).toContain('其他城乡社区管理事务支出（项）。主要用于：城市运行监测平台运维和城市管理精细化专项等支出。年初预算为820.00万元，支出决算为535.20万元。');
  });

  it('checks clean', () => {
    const r = cli(['check', FIXTURE]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('0 个错误，0 个警告');
  });
});

describe('the new inputs are checked', () => {
  const check = (name: string, text: string) => {
    const r = cli(['check', withData(name, text)]);
    return { code: r.code, out: r.stdout + r.stderr };
  };

  it('机关运行经费 ≤ 公用经费合计 with 事业单位, = without (narrative-admin-operation)', () => {
    // a file that says it has no 事业单位: equal; one that says nothing: its 事业收入 tells (≤)
    const without = check('ao-equal', FIXTURE_TEXT.replace(/\n    has_public_institutions: true.*\n/, '\n    has_public_institutions: false\n'));
    expect(without.out).toMatch(/narrative-admin-operation.*914\.52.*不等于.*1,?101\.06/);
    const unsaid = check('ao-unsaid', FIXTURE_TEXT.replace(/\n    has_public_institutions: true.*\n/, '\n'));
    expect(unsaid.out).not.toContain('narrative-admin-operation');
    const over = check('ao-over', FIXTURE_TEXT.replace('amount: 914.52', 'amount: 1200.00'));
    expect(over.out).toMatch(/narrative-admin-operation.*1,?200\.00.*大于.*1,?101\.06/);
    const within = check('ao-within', FIXTURE_TEXT);
    expect(within.out).not.toContain('narrative-admin-operation');
  });

  it('a per-项 line: reason iff 决算 ≠ 预算, Σ budgets, every 项 of the table, a code outside it (narrative-item-lines)', () => {
    const noReason = check('item-no-reason', FIXTURE_TEXT.replace('        reason: 离退休人员减少\n', ''));
    expect(noReason.code).toBe(1);
    expect(noReason.out).toMatch(/narrative-item-lines.*2080501.*小于年初预算.*未说明原因/);
    const flatReason = check('item-flat-reason', FIXTURE_TEXT.replace('        budget: 306.24\n', '        budget: 306.24\n        reason: 无\n'));
    expect(flatReason.out).toMatch(/narrative-item-lines.*2080506.*持平，不用说明原因/);
    const sum = check('item-sum', FIXTURE_TEXT.replace('    budget: 15022.28 ', '    budget: 15022.00 '));
    expect(sum.out).toMatch(/narrative-item-lines.*15,?022\.00.*15,?022\.28/);
    const dropped = check('item-dropped', FIXTURE_TEXT.replace(/      - code: 2210203\n(        .*\n)+?(?=  three_public:)/, ''));
    expect(dropped.out).toMatch(/narrative-item-lines.*2210203 没有说明/);
  });

  it('counts that must add up (narrative-vehicles, narrative-performance-counts, narrative-reception)', () => {
    expect(check('veh', FIXTURE_TEXT.replace('vehicles_total: 31', 'vehicles_total: 30')).out).toMatch(/narrative-vehicles.*31 辆.*30 辆/);
    expect(check('grades', FIXTURE_TEXT.replace('excellent: 19', 'excellent: 18')).out).toMatch(/narrative-performance-counts.*25 个.*26 个/);
    expect(check('problems', FIXTURE_TEXT.replace('fixing: 2', 'fixing: 1')).out).toMatch(/narrative-performance-counts.*8 个.*9 个/);
    expect(check('reception', FIXTURE_TEXT.replace('domestic: 2.18', 'domestic: 2.80')).out).toMatch(/narrative-reception.*2\.80.*2\.18/);
  });

  it('a form set without the section refuses its inputs at their line; Shanghai refuses Wuhan-only ones', () => {
    const wuhan = readFileSync(SAMPLE, 'utf8').replace('  three_public:\n    budget_basis', '  three_public:\n    budget_reason: 从严控制\n    budget_basis');
    const w = check('wuhan-extra', wuhan);
    expect(w.code).toBe(1);
    expect(w.out).toMatch(/:\d+:\d+: error \[profile-section\].*explanation\.three_public\.budget_reason/);
    const s = check('sh-extra', FIXTURE_TEXT.replace('  general_budget:                     # 五\n', '  general_budget:                     # 五\n    classes: [{code: 201, budget: 1}]\n'));
    expect(s.code).toBe(1);
    expect(s.out).toMatch(/error \[profile-section\].*explanation\.general_budget\.classes/);
  });
});
