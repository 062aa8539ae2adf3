import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDepartment } from '../src/load/index.js';
import { calculate, type Calculated } from '../src/calculate/index.js';
import { runChecks } from '../src/check/index.js';
import { layoutFindings } from '../src/render.js';
import type { Diagnostic } from '../src/model/diagnostics.js';
import type { PrintedText } from '../src/model/printed-text.js';
import { ROOT, SAMPLE } from './helpers.js';

/**
 * The rules that read printed words, on the two samples' words as laid out, each damaged on
 * purpose in one place: the finding names the rule, the page and quotes the printed sentence.
 */

const SHANGHAI = join(ROOT, 'data/2024/pujiang-chengguan.yaml');

interface Sample {
  calc: Calculated;
  printed: PrintedText[];
}

async function sample(file: string): Promise<Sample> {
  const calc = calculate(loadDepartment(file));
  const { printed } = await layoutFindings(calc);
  return { calc, printed: printed! };
}

/** The printed words with one entry's text edited (the edit must hit exactly one entry). */
function damage(words: PrintedText[], from: string, to: string, kind?: PrintedText['kind']): PrintedText[] {
  const hits = words.filter((e) => e.text.includes(from) && (!kind || e.kind === kind));
  if (hits.length === 0) throw new Error(`edit did not apply: ${from}`);
  const target = hits[0]!;
  return words.map((e) => (e === target ? { ...e, text: e.text.replace(from, to) } : e));
}

const PRINTED_RULES = /^printed-|^text-residue$/;
const check = (s: Sample, printed = s.printed): Diagnostic[] => runChecks(s.calc, { printed }).filter((d) => PRINTED_RULES.test(d.rule));
/** The findings of the damaged words that the undamaged ones do not have. */
const added = (s: Sample, printed: PrintedText[]): Diagnostic[] => {
  const before = new Set(check(s).map((d) => d.message));
  const out = check(s, printed).filter((d) => !before.has(d.message));
  return out;
};

let wuhan: Sample;
let shanghai: Sample;
beforeAll(async () => {
  wuhan = await sample(SAMPLE);
  shanghai = await sample(SHANGHAI);
}, 60_000);

describe('the printed words of a department file', () => {
  it('are the templates output in reading order, with the page each starts on', () => {
    const cover = wuhan.printed[0]!;
    expect(cover).toEqual({ text: '2023年度武汉市江岸区住房保障和房屋管理局部门决算', kind: 'cover', section: 'cover', page: 1 });
    expect(wuhan.printed.find((e) => e.kind === 'table-header' && e.section === '收入决算表')).toMatchObject({ text: '部门：武汉市江岸区住房保障和房屋管理局', page: 8 });
    expect(wuhan.printed.find((e) => e.text === '本部门2023年度无政府性基金预算财政拨款收入支出')).toMatchObject({ kind: 'table-note', page: 18 });
    expect(wuhan.printed.find((e) => e.text.startsWith('2023年度武汉市江岸区住房保障和房屋管理局机关运行经费'))).toMatchObject({ kind: 'paragraph', page: 28 });
    expect(wuhan.printed.find((e) => e.text === '项目支出 9635.64万元，85.16%')).toMatchObject({ kind: 'chart-label', page: 22 });
    expect(wuhan.printed.every((e) => e.page !== undefined)).toBe(true);
    const pages = wuhan.printed.map((e) => e.page!);
    expect(pages).toEqual([...pages].sort((a, b) => a - b));
  });

  it('the samples give no error, and the Wuhan sample the two flaws its published text has', () => {
    expect(check(shanghai)).toEqual([]);
    const ds = check(wuhan);
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.map((d) => `${d.rule} ${d.message}`)).toEqual([
      expect.stringMatching(/^printed-chart-label 第 22 页 图表标注：图 3 标注 9635\.64，表中项目支出为 9635\.63.*“项目支出 9635\.64万元，85\.16%”$/),
      expect.stringMatching(/^text-residue 第 27 页 正文：重复或相连的标点“，。”：“…比年初预算减少0\.4万元，。”$/),
    ]);
  });
});

describe('printed-department-name', () => {
  it('a header that drops the district, on one page', () => {
    const ds = added(wuhan, damage(wuhan.printed, '部门：武汉市江岸区住房保障和房屋管理局', '部门：武汉市住房保障和房屋管理局'));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: 'error', rule: 'printed-department-name' });
    expect(ds[0]!.message).toBe('第 7 页 表头：表头的单位名称与部门名称“武汉市江岸区住房保障和房屋管理局”不一致：“部门：武汉市住房保障和房屋管理局”');
  });

  it('one character changed, dropped or added, wherever it is printed', () => {
    const cases: [string, string, RegExp][] = [
      ['武汉市江岸区住房保障和房屋管理局机关运行经费', '武汉市江岸区住房保障与房屋管理局机关运行经费', /^第 28 页 正文：部门名称印作“住房保障与房屋管理局”，与“住房保障和房屋管理局”差一字：“2023年度武汉市江岸区住房保障与房屋管理局机关运行经费支出55\.8…”$/],
      ['2023年度武汉市江岸区住房保障和房屋管理局部门决算', '2023年度武汉市江岸区住房保障房屋管理局部门决算', /^第 1 页 封面：部门名称印作“住房保障房屋管理局”/],
      ['第三部分 武汉市江岸区住房保障和房屋管理局', '第三部分 武汉市江岸区住房保障和和房屋管理局', /^第 21 页 部分标题：部门名称印作“住房保障和和房屋管理局”/],
    ];
    for (const [from, to, message] of cases) {
      const ds = added(wuhan, damage(wuhan.printed, from, to));
      expect(ds.map((d) => d.rule)).toEqual(['printed-department-name']);
      expect(ds[0]!.severity).toBe('error');
      expect(ds[0]!.message).toMatch(message);
    }
  });

  it('the district dropped in the narrative, and in another form set', () => {
    const w = added(wuhan, damage(wuhan.printed, '截至2023年12月31日，武汉市江岸区住房保障', '截至2023年12月31日，武汉市住房保障'));
    expect(w.map((d) => d.message)).toEqual([expect.stringMatching(/^第 28 页 正文：部门名称印作“武汉市住房保障和房屋管理局”/)]);
    const s = added(shanghai, damage(shanghai.printed, '上海市浦江区城市管理局2024年度政府采购', '上海市城市管理局2024年度政府采购'));
    expect(s.map((d) => d.message)).toEqual([expect.stringMatching(/^第 24 页 正文：部门名称印作“上海市城市管理局”/)]);
    const near = added(shanghai, damage(shanghai.printed, '上海市浦江区城市管理局2024年度政府采购', '上海市浦江区城市管里局2024年度政府采购'));
    expect(near.map((d) => d.message)).toEqual([expect.stringMatching(/^第 24 页 正文：部门名称印作“城市管里局”/)]);
  });
});

describe('printed-unit', () => {
  it('a rate or amount without its unit is an error, quoted with its page', () => {
    const cases: [string, string, RegExp][] = [
      ['增长21.23%，主要原因是', '增长21.23，主要原因是', /^第 21 页 正文：数字 21\.23 没有单位（万元或 %）：“…1981\.14万元，增长21\.23，主要原因是：增加三峡招商…”$/],
      ['项目支出9635.64万元，', '项目支出9635.64，', /^第 22 页 正文：数字 9635\.64 没有单位/],
      ['下降11.57%。', '下降11.57。', /^第 28 页 正文：数字 11\.57 没有单位.*下降11\.57。”$/],
    ];
    for (const [from, to, message] of cases) {
      const ds = added(wuhan, damage(wuhan.printed, from, to, 'paragraph'));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-unit']);
      expect(ds[0]!.message).toMatch(message);
    }
  });

  it('an amount in 元 where the tables are in 万元 is a warning', () => {
    for (const [from, to, page] of [
      ['基本支出1679万元', '基本支出1679元', 22],
      ['房交会补贴资金400.93万元', '房交会补贴资金3.58元', 21],
    ] as const) {
      const ds = added(wuhan, damage(wuhan.printed, from, to, 'paragraph'));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning printed-unit']);
      expect(ds[0]!.message).toMatch(new RegExp(`^第 ${page} 页 正文：金额 .*元 以元为单位，报表金额单位为万元`));
    }
  });
});

describe('text-residue in the printed words', () => {
  it('template words the data does not hold: unchosen alternatives, placeholders, doubled stops', () => {
    const cases: [string, string, RegExp][] = [
      ['收、支总计各增加1981.14万元', '收、支总计各增加（减少）1981.14万元', /^第 21 页 正文：未选定的备选词“增加（减少）”：“…/],
      ['本部门2023年度无政府性基金预算财政拨款收入支出', '本部门2023年度无XXX预算财政拨款收入支出', /^第 18 页 表注：占位符“XX”：“本部门2023年度无XXX预算/],
      ['主要是用于职工医疗补助支出。', '主要是用于职工医疗补助支出。。', /^第 24 页 正文：重复或相连的标点“。。”/],
      ['（二）负责全区公共租赁住房', '（二）负责全区××公共租赁住房', /^第 4 页 正文：占位符“××”/],
    ];
    for (const [from, to, message] of cases) {
      const ds = added(wuhan, damage(wuhan.printed, from, to));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning text-residue']);
      expect(ds[0]!.message).toMatch(message);
    }
  });
});

describe('printed-direction', () => {
  const ten = '2023年度武汉市江岸区住房保障和房屋管理局机关运行经费支出55.89万元，比2022年度减少7.31万元，下降11.57%。';
  const withLastYear = (tail: string) => damage(wuhan.printed, ten, `2023年度机关运行经费支出55.89万元，2022年度机关运行经费支出63.20万元，${tail}`);

  it('the sample sentence as published agrees with itself, and a reason after it is not compared', () => {
    expect(added(wuhan, withLastYear('比2022年度减少7.31万元，下降11.57%。'))).toEqual([]);
    expect(added(wuhan, withLastYear('比2022年度减少7.31万元，下降11.57%，主要原因是增加了压减力度。'))).toEqual([]);
  });

  it('each comparison against the budget and actual stated last before it', () => {
    const two = '1.因公出国费：预算为5.00万元，决算为4.00万元，决算数小于预算数；2.公务接待费：预算为1.00万元，决算为2.00万元，决算数大于预算数。';
    const line = '6.农林水支出5万元，占0.04%。主要是用于其他巩固脱贫攻坚成果衔接乡村振兴支出。';
    expect(added(wuhan, damage(wuhan.printed, line, two))).toEqual([]);
    const wrong = added(wuhan, damage(wuhan.printed, line, two.replace('决算数大于预算数', '决算数小于预算数')));
    expect(wrong.map((d) => d.message)).toEqual([expect.stringMatching(/^第 24 页 正文：“小于”与所述数字不符（预算 1 万元、决算 2 万元，决算数大于预算数）/)]);
  });

  it('a direction, a size or a 持平 that the two years contradict, and a negative figure after 增加', () => {
    const cases: [PrintedText[], RegExp][] = [
      [withLastYear('比2022年度增加7.31万元，下降11.57%。'), /^第 28 页 正文：“增加”与所述数字不符（本年 55\.89 万元、上年 63\.2 万元，减少 7\.31 万元）：“…/],
      [withLastYear('比2022年度减少7.13万元，下降11.57%。'), /“减少7\.13万元”|增减额 7\.13 万元与所述数字不符/],
      [withLastYear('比2022年度减少7.31万元，下降12.57%。'), /增减率 12\.57% 与所述数字不符.*11\.57%/],
      [withLastYear('与2022年度持平。'), /“持平”与所述数字不符/],
      [damage(wuhan.printed, '比2022年度减少7.31万元', '比2022年度增加-7.31万元'), /^第 28 页 正文：“增加”之后是负数.*“…89万元，比2022年度增加-7\.31万元，下降11\.57%。”$/],
    ];
    for (const [printed, message] of cases) {
      const ds = added(wuhan, printed);
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-direction']);
      expect(ds[0]!.message).toMatch(message);
    }
  });

  it('大于/小于/等于 and 持平 against the budget and the actual the paragraph states', () => {
    const cases: [string, string, RegExp][] = [
      ['决算数小于预算数的主要原因：离退休人员减少', '决算数大于预算数的主要原因：离退休人员减少', /^第 18 页 正文：“大于”与所述数字不符（预算 50 万元、决算 48\.36 万元，决算数小于预算数）/],
      ['支出决算为12.84万元。决算数与预算数持平', '支出决算为12.94万元。决算数与预算数持平', /“持平”与所述数字不符.*决算数大于预算数/],
      ['决算数大于预算数的主要原因：缴费基数按规定调整。', '决算数等于预算数。', /^第 19 页 正文：“等于”与所述数字不符（预算 598\.2 万元、决算 612\.48 万元，决算数大于预算数）：“…决算为612\.48万元。决算数等于预算数。”$/],
    ];
    for (const [from, to, message] of cases) {
      const ds = added(shanghai, damage(shanghai.printed, from, to));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-direction']);
      expect(ds[0]!.message).toMatch(message);
    }
  });
});

describe('printed-zero-base', () => {
  it('a completion rate against a budget of 0, a growth rate from last year 0', () => {
    const cases: [PrintedText[], RegExp][] = [
      [damage(wuhan.printed, '年初预算为0万元，支出决算为596.02万元，', '年初预算为0万元，支出决算为596.02万元，完成年初预算的100%，'), /^第 25 页 正文：预算为 0，不存在完成率，正文却印作 100%（应以文字表述，如“新增”）：“…/],
      [damage(shanghai.printed, '年初预算为0.00万元，支出决算为36.50万元。', '年初预算为0.00万元，支出决算为36.50万元，完成预算的3650.00%。'), /^第 18 页 正文：预算为 0，不存在完成率，正文却印作 3650\.00%/],
      [damage(wuhan.printed, '比2022年度减少7.31万元，下降11.57%', '2022年度为0万元，增长100%'), /^第 28 页 正文：上年为 0，不存在增长率，正文却印作 100%/],
    ];
    for (const [printed, message] of cases) {
      const ds = added(wuhan.printed.includes(printed[0]!) ? wuhan : shanghai, printed);
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-zero-base']);
      expect(ds[0]!.message).toMatch(message);
    }
  });
});

describe('printed-rate', () => {
  it('a completion rate that the budget and actual beside it do not give', () => {
    const cases: [Sample, string, string, RegExp][] = [
      [wuhan, '完成年初预算的572.33%', '完成年初预算的57.23%', /^第 24 页 正文：完成率 57\.23% 与所述数字不符（预算 1976\.95 万元、决算 11314\.64 万元，应为 572\.33%）：“…/],
      [wuhan, '完成年度预算的109.6%', '完成年度预算的106.9%', /完成率 106\.9% 与所述数字不符（预算 139\.1 万元、决算 152\.45 万元，应为 109\.6%）/],
      [wuhan, '完成预算的186.07%', '完成预算的168.07%', /^第 27 页 正文：完成率 168\.07% 与所述数字不符（预算 10\.48 万元、决算 19\.5 万元，应为 186\.07%）/],
      // the budget is the amount and its difference from it: 2.51 + 7.57
      [wuhan, '完成年初预算的24.9%', '完成年初预算的29.4%', /完成率 29\.4% 与所述数字不符（预算 10\.08 万元、决算 2\.51 万元，应为 24\.9%）/],
      [shanghai, '完成年初预算的100.87%', '完成年初预算的100.78%', /完成率 100\.78% 与所述数字不符（预算 15022\.28 万元、决算 15152\.68 万元，应为 100\.87%）/],
    ];
    for (const [s, from, to, message] of cases) {
      const ds = added(s, damage(s.printed, from, to, 'paragraph'));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-rate']);
      expect(ds[0]!.message).toMatch(message);
      expect(ds[0]).toMatchObject({ actual: to.replace(/^.*的/, '') });
    }
  });

  it('a growth rate that this year amount and the change do not give', () => {
    const cases: [Sample, string, string, RegExp][] = [
      [wuhan, '收、支总计各增加1981.14万元，增长21.23%', '收、支总计各增加1981.14万元，增长12.23%', /^第 21 页 正文：增减率 12\.23% 与所述数字不符（本年 11314\.64 万元、增加 1981\.14 万元，上年应为 9333\.5 万元，增减率应为 21\.23%）/],
      [wuhan, '较上年增加16.96万元，上升667.72%', '较上年增加16.96万元，上升66.77%', /增减率 66\.77% 与所述数字不符（本年 19\.5 万元、增加 16\.96 万元/],
      [wuhan, '比2022年度减少7.31万元，下降11.57%', '比2022年度减少7.31万元，下降13.08%', /^第 28 页 正文：增减率 13\.08% 与所述数字不符（本年 55\.89 万元、减少 7\.31 万元，上年应为 63\.2 万元，增减率应为 11\.57%）/],
    ];
    for (const [s, from, to, message] of cases) {
      const ds = added(s, damage(s.printed, from, to, 'paragraph'));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-rate']);
      expect(ds[0]!.message).toMatch(message);
    }
  });

  it('what the printed digits allow is not a fault, what they do not allow is', () => {
    for (const [from, to] of [
      // 152.45 / 139.1 is 109.597…%: 109.60 is the same figure to two places
      ['完成年度预算的109.6%', '完成年度预算的109.60%'],
      // 1535.29 / 1568.15 is 97.90…%: a rate printed to whole percent is 97.5–98.5
      ['完成年度预算的97.9%', '完成年度预算的98%'],
    ] as const) {
      expect(added(wuhan, damage(wuhan.printed, from, to, 'paragraph'))).toEqual([]);
    }
    // amounts are to 0.01 万元 with trailing zeros dropped: "139万元" is 139.00, not 138.5–139.5
    const coarse = added(wuhan, damage(wuhan.printed, '年初预算为139.1万元，支出决算为152.45万元', '年初预算为139万元，支出决算为152万元', 'paragraph'));
    expect(coarse.map((d) => d.message)).toEqual([expect.stringMatching(/完成率 109\.6% 与所述数字不符（预算 139 万元、决算 152 万元，应为 109\.35%）/)]);
  });
});

describe('printed-subject-name', () => {
  const line = '6.农林水支出5万元，占0.04%。主要是用于其他巩固脱贫攻坚成果衔接乡村振兴支出。';
  it('a 科目 printed with its code under another name than the year catalog gives', () => {
    const changed = added(wuhan, damage(wuhan.printed, line, '6.农林水支出5万元，占0.04%。主要是用于2210201住房公基金支出。'));
    expect(changed.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning printed-subject-name']);
    expect(changed[0]!.message).toMatch(/^第 24 页 正文：科目 2210201 印作“住房公基金”，2023 年科目目录为“住房公积金”：“…/);
    const former = added(wuhan, damage(wuhan.printed, line, '6.农林水支出5万元，占0.04%。主要是用于2130599其他扶贫支出。'));
    expect(former.map((d) => d.message)).toEqual([expect.stringMatching(/科目 2130599 印作“其他扶贫支出”，是 2020 年及以前的名称，2023 年科目目录为“其他巩固脱贫攻坚成果衔接乡村振兴支出”/)]);
  });

  it('the catalog name, or no code, gives nothing', () => {
    expect(added(wuhan, damage(wuhan.printed, line, '6.农林水支出5万元，占0.04%。主要是用于2210201住房公积金支出和2080505机关事业单位基本养老保险缴费支出。'))).toEqual([]);
  });
});

describe('printed-empty-table-note', () => {
  it('an empty table whose note is removed, on its page', () => {
    for (const [note, page, table] of [
      ['本部门2023年度无政府性基金预算财政拨款收入支出', 18, '政府性基金预算财政拨款收入支出决算表（公开07表）'],
      ['本部门2023年度无国有资本经营预算财政拨款支出', 19, '国有资本经营预算财政拨款支出决算表（公开08表）'],
    ] as const) {
      const ds = added(wuhan, wuhan.printed.filter((e) => e.text !== note));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['error printed-empty-table-note']);
      expect(ds[0]!.message).toContain(`第 ${page} 页 表格标题：${table} 为空表，未注明`);
    }
    // words without sections, as a PDF's text layer gives them: the notes that follow the title
    const bare = wuhan.printed.map(({ section: _section, ...e }) => e);
    expect(check(wuhan, bare).map((d) => d.message)).toEqual(check(wuhan).map((d) => d.message));
    const bareMissing = added(wuhan, bare.filter((e) => e.text !== '本部门2023年度无国有资本经营预算财政拨款支出'));
    expect(bareMissing.map((d) => d.rule)).toEqual(['printed-empty-table-note']);
    const s = added(shanghai, shanghai.printed.filter((e) => !e.text.startsWith('说明：上海市浦江区城市管理局本年度没有政府性基金')));
    expect(s.map((d) => d.message)).toEqual([expect.stringMatching(/^第 15 页 表格标题：政府性基金预算财政拨款收入支出决算表 为空表，未注明/)]);
  });
});

describe('printed-three-public-details', () => {
  it('Shanghai asks for the counts of each item with spending', () => {
    const cases: [string, string, string][] = [
      ['，共接待18批次、156人次', '', '公务接待批次、公务接待人次'],
      ['，购置公务用车2辆', '', '购置车辆数'],
      ['公务用车保有量为28辆', '公务用车为数不少', '公务用车保有量'],
    ];
    for (const [from, to, missing] of cases) {
      const ds = added(shanghai, damage(shanghai.printed, from, to));
      expect(ds.map((d) => `${d.severity} ${d.rule}`)).toEqual(['warning printed-three-public-details']);
      expect(ds[0]!.message).toMatch(new RegExp(`^第 21 页 标题：“七、财政拨款“三公”经费支出决算情况说明”未说明 ${missing}（表中该项有支出）$`));
    }
  });

  it('Wuhan asks for each item with spending by name; an item without spending may go', () => {
    const purchase = added(wuhan, wuhan.printed.filter((e) => !e.text.startsWith('(1)公务用车购置费')));
    expect(purchase.map((d) => d.message)).toEqual(['第 27 页 标题：“九、财政拨款“三公”经费支出决算情况说明”未说明 公务用车购置费（16.99万元）（表中该项有支出）']);
    expect(added(wuhan, wuhan.printed.filter((e) => !e.text.startsWith('3.公务接待费')))).toEqual([]);
  });
});
