import { describe, it, expect } from 'vitest';
import type { Element } from 'domhandler';
import { sampleCalc, variant, partsMarkup, parse, elements, readerText, rowTexts, cellText, normalise, referencePieces, NOT_AS_EXTRACTED, missingPieces } from './forms-support.js';

describe('parts 4–6 carry every published paragraph and table cell', () => {
  const markup = partsMarkup(sampleCalc());
  const text = normalise(readerText(parse(markup)));

  it('has every piece of the reference', () => {
    const pieces = referencePieces();
    expect(pieces.length).toBeGreaterThan(700);
    expect(missingPieces(text)).toEqual([]);
    // the exceptions are still needed (else drop them)
    for (const p of Object.keys(NOT_AS_EXTRACTED)) expect(pieces.some((x) => x === normalise(p)), p).toBe(true);
  });

  it('prints the 日常工作目标 产出指标 score once for the group', () => {
    const overall = elements(parse(markup), 'table').filter((t) => readerText([t]).includes('日常工作目标'));
    expect(overall.length).toBe(1);
    expect(elements([overall[0]], 'td').map(cellText)).toContain('39分'); // with 分, as published
  });

  it('is well-formed markup (every table row spans the seven form columns)', () => {
    const tables = elements(parse(markup), 'table').filter((t) => t.attribs.widths?.split(' ').length === 7);
    expect(tables.length).toBe(1 + 2 + 7 * 2); // 部门整体: identity + two goals; each project: two tables
    for (const t of tables) expect(gridWidths(t)).toEqual(new Set([7]));
  });
});

/** The number of grid columns each row covers, counting cells spanned down from rows above. */
function gridWidths(table: Element): Set<number> {
  const rows = elements([table], 'tr');
  const carry: number[] = [];
  const widths = new Set<number>();
  rows.forEach((tr, i) => {
    let w = carry[i] ?? 0;
    for (const td of elements(tr.children, 'td')) {
      const cs = Number(td.attribs.colspan ?? 1);
      const rs = Number(td.attribs.rowspan ?? 1);
      w += cs;
      for (let k = 1; k < rs; k++) carry[i + k] = (carry[i + k] ?? 0) + cs;
    }
    widths.add(w);
  });
  return widths;
}

describe('第四部分', () => {
  const nodes = parse(partsMarkup(sampleCalc(), ['part4']));

  it('has the part title, the four areas (h2, not in the 目录) with their summaries', () => {
    expect(readerText(elements(nodes, 'h1'))).toContain('第四部分 2023年重点工作完成情况');
    const h2 = elements(nodes, 'h2');
    expect(h2.map((h) => readerText(h.children))).toEqual(['一、住房保障工作', '二、物业管理工作', '三、危房治理工作', '四、房地产市场工作']);
    expect(h2.every((h) => h.attribs.toc === 'no')).toBe(true);
    expect(readerText(elements(nodes, 'p'))).toContain('住房保障工作：坚持应保尽保，提升住房保障水平和覆盖面');
  });

  it('has the table with a repeating header and one row per matter, paragraphs as lines', () => {
    const [table] = elements(nodes, 'table');
    const [thead] = elements([table], 'thead');
    expect(rowTexts(elements([thead], 'tr')[0])).toEqual(['序号', '重要事项', '工作内容及目标', '完成情况']);
    const rows = elements(elements([table], 'tbody'), 'tr');
    expect(rows.map((r) => rowTexts(r).slice(0, 2))).toEqual([
      ['1', '保障性住房工作'],
      ['2', '物业管理工作'],
      ['3', '危房治理工作'],
      ['4', '房地产市场工作'],
    ]);
    const goals = elements(rows[0].children, 'td')[2];
    expect(elements(goals.children, 'br').length).toBe(1);
  });
});

describe('第五部分', () => {
  const nodes = parse(partsMarkup(sampleCalc(), ['part5']));
  const paras = elements(nodes, 'p').map((p) => readerText(p.children));

  it('numbers the eighteen terms （一）…（十八）', () => {
    expect(paras[0]).toBe('（一）一般公共预算财政拨款收入：指区级财政一般公共预算当年拨付的资金。');
    expect(paras).toContain('（十）本部门使用的支出功能分类科目(到项级)');
    expect(paras[paras.length - 1]).toBe('（十八）其他专用名词。');
  });

  it('lists the 项 of (十) with catalog names, keeping the published 扶贫 label', () => {
    expect(paras).toContain('1. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险费支出。');
    expect(paras).toContain('9. 农林水支出（类）扶贫（款）其他扶贫支出（项）：反映除上述项目以外其他用于扶贫方面的支出。');
    expect(paras.filter((p) => /^\d+\. /.test(p)).length).toBe(17);
  });
});

describe('第六部分', () => {
  const markup = partsMarkup(sampleCalc(), ['part6']);
  const nodes = parse(markup);
  const tables = elements(nodes, 'table');

  it('has one 目录 entry (第六部分 附件) and its sub-headings out of the 目录', () => {
    expect(elements(nodes, 'h1').map((h) => readerText(h.children))).toEqual(['第六部分 附件']);
    const h2 = elements(nodes, 'h2');
    expect(h2.map((h) => readerText(h.children))).toEqual([
      '一、2023年度江岸区住房保障和房屋管理局整体绩效自评结果和自评表',
      '二、2023年度江岸区住房保障和房屋管理局项目自评结果和自评表',
    ]);
    const h3 = elements(nodes, 'h3');
    expect(h3.length).toBe(7);
    expect(readerText(h3[0].children)).toBe('1. 2023年度住房保障中心工作经费项目自评结果和自评表');
    expect(readerText(h3[6].children)).toBe('7. 2023年度后勤保障服务工作经费项目自评结果和自评表');
    expect([...h2, ...h3].every((h) => h.attribs.toc === 'no')).toBe(true);
  });

  it('prints every form under its title with 单位名称, and the 备注 1–4 after each', () => {
    const titled = tables.filter((t) => t.attribs.title);
    expect(titled.map((t) => t.attribs.title)).toEqual([
      '2023年度江岸区住房保障和房屋管理局 部门整体绩效自评表',
      '2023年度江岸区住房保障中心 工作经费项目自评表',
      '2023年度房产交易中心业务专项经费 项目自评表',
      '2023年度物业管理项目自评表',
      '2023年度房产市场监管项目绩效自评表',
      '2023年度24小时投诉值守业务支出项目绩效自评表',
      '2023年度房屋安全监管项目绩效自评表',
      '2023年度江岸区后勤保障服务工作经费项目自评表',
    ]);
    expect(titled.every((t) => t.attribs.left === '单位名称：江岸区住房保障和房屋管理局')).toBe(true);
    // the 备注 are the notes of each form's last table
    const noted = tables.filter((t) => elements(t.children, 'note').length > 0);
    expect(noted.length).toBe(8);
    expect(noted.every((t) => elements(t.children, 'thead').length === 1)).toBe(true);
    const notes = noted.map((t) => readerText(elements(t.children, 'note')).replace(/\s+/g, ''));
    expect(new Set(notes).size).toBe(1);
    expect(notes[0]).toContain('备注：1.预算执行情况口径');
    expect(notes[0]).toContain('正向指标（即目标值为≥X，得分=权重*B/A），反向指标（即目标值为≤X，得分=权重*A/B）');
    expect(notes[0]).toContain('4.基于经济性和必要性等因素考虑，满意度指标暂可不作为必评指标。');
  });

  /** The two tables of project form i (0-based): identity + 预算执行, then indicators. */
  const projectTables = (ts: Element[], i: number) => {
    const first = ts.filter((t) => t.attribs.title)[i + 1];
    const k = ts.indexOf(first);
    return [ts[k], ts[k + 1]];
  };

  it('项目自评表: identity fields, checkboxes, 预算执行 row', () => {
    const [head] = projectTables(tables, 1);
    const rows = elements([head], 'tr');
    expect(rowTexts(rows[0])).toEqual(['项目名称', '房产交易中心业务专项经费']);
    expect(rowTexts(rows[1])).toEqual(['主管部门', '武汉市江岸区住房保障和房屋管理局', '项目实施单位', '江岸区房产交易中心管理所']);
    expect(rowTexts(rows[2])).toEqual(['项目类别', '1、部门预算项目2、区级专项3、专项转移支付项目']);
    expect(rowTexts(rows[5])).toEqual(['预算执行情况(万元)(20分)', '', '预算数(A)', '执行数(B)', '执行率(B/A)', '得分(20分*执行率)']);
    expect(rowTexts(rows[6])).toEqual(['年度财政资金总额', '19.8', '19.25', '97.2%', '18']);
    expect(elements([head], 'thead')).toEqual([]);
  });

  it('checkbox states follow 项目类别/项目属性/项目类型', () => {
    const states = (t: Element) =>
      elements([t], 'tr')
        .slice(2, 5)
        .map((tr) => elements(tr.children, 'checkbox').map((c) => c.attribs.checked === '1'));
    for (let i = 0; i < 7; i++) {
      expect(states(projectTables(tables, i)[0])).toEqual([
        [true, false, false],
        [true, false],
        [true, false, false],
      ]);
    }
    const other = variant((doc) => {
      doc.setIn(['appendix', 'projects', 0, 'form', 'category'], '专项转移支付项目');
      doc.setIn(['appendix', 'projects', 0, 'form', 'attribute'], '新增性项目');
      doc.setIn(['appendix', 'projects', 0, 'form', 'kind'], '延续性项目');
    });
    const ts = elements(parse(partsMarkup(other, ['part6'])), 'table');
    expect(states(projectTables(ts, 0)[0])).toEqual([
      [false, false, true],
      [false, true],
      [false, true, false],
    ]);
  });

  it('the indicator table repeats its column header (thead) and spans groups and scores', () => {
    const [, body] = projectTables(tables, 1);
    const [thead] = elements([body], 'thead');
    expect(rowTexts(elements([thead], 'tr')[0])).toEqual(['年度绩效目标(80分)', '一级指标', '二级指标', '具体指标名称', '年初目标值(A)', '实际完成值(B)', '得分']);
    const rows = elements(elements([body], 'tbody'), 'tr');
    // 产出指标 (6 rows) with its one score 37 spanning them
    const first = elements(rows[0].children, 'td');
    expect(first[0].attribs.rowspan).toBe('6'); // the blank first column, one cell per 一级 group
    expect([cellText(first[1]), first[1].attribs.rowspan]).toEqual(['产出指标(40分)', '6']);
    expect([cellText(first[6]), first[6].attribs.rowspan]).toEqual(['37', '6']);
    expect(rowTexts(rows[1])).toEqual(['数量指标', '档案对外查询', '约2000人/次', '2903']);
    const closing = rows.slice(-3).map((r) => rowTexts(r)[0]);
    expect(closing).toEqual(['总分', '偏差大或目标未完成原因分析', '改进措施及结果应用方案']);
    expect(rowTexts(rows[rows.length - 3])).toEqual(['总分', '95']);
    expect(elements(rows[rows.length - 1].children, 'br').length).toBe(7);
  });

  it('部门整体绩效自评表: totals, 预算执行, one table per 年度目标 with its header repeating', () => {
    const [head, goal1, goal2] = tables.slice(0, 3);
    const rows = elements([head], 'tr');
    expect(rowTexts(rows[0])).toEqual(['单位名称', '江岸区住房保障和房屋管理局']);
    expect(rowTexts(rows[1])).toEqual(['基本支出总额', '1679', '项目支出总额', '9635.63']);
    expect(rowTexts(rows[3])).toEqual(['部门整体支出总额', '2054.98', '11314.64', '550.6%', '20']);
    for (const [t, label] of [
      [goal1, ['年度目标1(20分)', '市级绩效目标']],
      [goal2, ['年度目标2(60分)', '日常工作目标']],
    ] as const) {
      const hr = elements(elements([t], 'thead'), 'tr');
      expect(rowTexts(hr[0])).toEqual(label);
      expect(rowTexts(hr[1])).toEqual(['年度绩效指标', '一级指标', '二级指标', '三级指标', '年初目标值(A)', '实际完成值(B)', '得分']);
    }
    const last = elements(elements([goal2], 'tbody'), 'tr');
    expect(rowTexts(last[last.length - 3])).toEqual(['总分', '99']);
  });

  it('部门整体: 年度目标2 prints its 效益指标 score 15 once for the group; 年度目标1 prints no score, as published', () => {
    const [, goal1, goal2] = tables.slice(0, 3);
    const scoreCells = (t: Element) =>
      elements(elements([t], 'tbody'), 'tr')
        .map((r) => elements(r.children, 'td'))
        .filter((tds) => tds.some((td) => ['产出指标', '效益指标', '满意度指标'].includes(cellText(td))))
        .map((tds) => [cellText(tds[1]!), cellText(tds[tds.length - 1]!), tds[tds.length - 1]!.attribs.rowspan ?? '1']);
    // the 一级 groups with the cell in the 得分 column of their first row
    expect(scoreCells(goal2)).toEqual([
      ['产出指标', '39分', '20'],
      ['效益指标', '15', '11'],
      ['满意度指标', '5', '2'],
    ]);
    expect(scoreCells(goal1).map(([name, score]) => [name, score])).toEqual([
      ['产出指标', ''],
      ['效益指标', ''],
    ]);
  });

  it('prints a department’s < > & literally', () => {
    const c = variant((doc) => doc.setIn(['appendix', 'projects', 0, 'form', 'deviation'], ['A<B & C>D', '第二段']));
    const m = partsMarkup(c, ['part6']);
    expect(m).toContain('A&lt;B &amp; C&gt;D<br/>第二段');
    expect(readerText(parse(m))).toContain('A<B & C>D');
  });
});
