import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Decimal } from 'decimal.js';
import Handlebars from 'handlebars';
import { Trace } from '../src/calculate/trace.js';
import { FigureBook } from '../src/calculate/narrative/figures.js';
import { amountFromText } from '../src/model/amount.js';
import {
  chineseNumber,
  groupThousands,
  isProseRule,
  plainWrittenAmount,
  proseFormat,
  proseNumber,
  PROSE_RULE_NAMES,
  tableAmount,
  tableNumber,
  trimZeros,
  writtenAmount,
} from '../src/model/number-format.js';
import { registerHelpers } from '../src/template/helpers.js';
import { loadDepartment } from '../src/load/index.js';
import { calculate } from '../src/calculate/index.js';
import { toMarkup } from '../src/render.js';
import { ROOT, SAMPLE } from './helpers.js';
import { underProfile } from './profile-support.js';

const D = (s: string | number) => new Decimal(s);

describe('the prose rule "trim" (Wuhan)', () => {
  const f = proseFormat('trim');
  it('prints at most two decimals and drops trailing zeros', () => {
    expect(f.amount(D('3105.2'))).toBe('3105.2万元');
    expect(f.amount(D('3105.20'))).toBe('3105.2万元');
    expect(f.amount(D('1679.00'))).toBe('1679万元');
    expect(f.amount(D('11314.64'))).toBe('11314.64万元');
    expect(f.percent(D('99.05'))).toBe('99.05%');
    expect(f.percent(D('100'))).toBe('100%');
    expect(f.percent(D('109.60'))).toBe('109.6%');
    expect(f.number(D('0'))).toBe('0');
  });
  it('rounds half up to 0.01 and never groups thousands', () => {
    expect(f.number(D('2.345'))).toBe('2.35');
    expect(f.number(D('2.3449'))).toBe('2.34');
    expect(f.number(D('0.005'))).toBe('0.01');
    expect(f.number(D('1234567.8'))).toBe('1234567.8');
  });
  it('is the default', () => {
    expect(proseNumber(D('3105.20'))).toBe('3105.2');
    expect(proseFormat().rule).toBe('trim');
  });
});

describe('the prose rule "fixed2" (Shanghai)', () => {
  const f = proseFormat('fixed2');
  it('always prints two decimals', () => {
    expect(f.amount(D('3105.2'))).toBe('3105.20万元');
    expect(f.amount(D('1679'))).toBe('1679.00万元');
    expect(f.amount(D('11314.64'))).toBe('11314.64万元');
    expect(f.percent(D('100'))).toBe('100.00%');
    expect(f.percent(D('99.05'))).toBe('99.05%');
    expect(f.number(D('0'))).toBe('0.00');
  });
  it('rounds half up to 0.01 and never groups thousands', () => {
    expect(f.number(D('2.345'))).toBe('2.35');
    expect(f.number(D('0.004'))).toBe('0.00');
    expect(f.number(D('1234567.8'))).toBe('1234567.80');
  });
  it('prints a blank as zero, as trim does', () => {
    expect(proseNumber(undefined, 'fixed2')).toBe('0.00');
    expect(proseNumber(undefined, 'trim')).toBe('0');
    expect(proseNumber(amountFromText('19.6'), 'fixed2')).toBe('19.60');
  });
});

describe('choosing a prose rule', () => {
  it('knows the two rules by name, and nothing else', () => {
    expect(PROSE_RULE_NAMES).toEqual(['trim', 'fixed2']);
    expect(isProseRule('fixed2')).toBe(true);
    expect(isProseRule('trim')).toBe(true);
    expect(isProseRule('fixed3')).toBe(false);
    expect(isProseRule('toString')).toBe(false);
    expect(isProseRule(undefined)).toBe(false);
  });

  it('a figure book computes its texts under its rule; counts stay whole', () => {
    const trim = new FigureBook({}, new Trace());
    const fixed = new FigureBook({}, new Trace(), proseFormat('fixed2'));
    for (const [b, amount, rate, count] of [
      [trim, '3105.2', '100', '7'],
      [fixed, '3105.20', '100.00', '7'],
    ] as const) {
      expect(b.amount('a', '测试', D('3105.2'), 'test').computed).toBe(amount);
      expect(b.percent('p', '测试', D('5'), D('5'), 'test').computed).toBe(rate);
      expect(b.count('n', '测试', 7, 'test').computed).toBe(count);
    }
  });

  it('a pinned figure prints as published under either rule', () => {
    const fixed = new FigureBook({ a: '9635.6' }, new Trace(), proseFormat('fixed2'));
    const f = fixed.amount('a', '甲', D('9635.63'), 'test');
    expect(f.computed).toBe('9635.63');
    expect(f.text).toBe('9635.6');
  });

  it('the template helpers follow the view’s `numbers`', () => {
    const hb = Handlebars.create();
    registerHelpers(hb);
    const t = hb.compile('{{wan x}}|{{pct y}}|{{prose x}}');
    const view = { x: D('3105.2'), y: D('100') };
    expect(t(view)).toBe('3105.2万元|100%|3105.2');
    expect(t({ ...view, numbers: 'trim' })).toBe('3105.2万元|100%|3105.2');
    expect(t({ ...view, numbers: 'fixed2' })).toBe('3105.20万元|100.00%|3105.20');
  });
});

describe('the sample’s 第三部分 under each rule', () => {
  const part3 = (numbers?: 'trim' | 'fixed2') => {
    const markup = toMarkup(calculate(underProfile(loadDepartment(SAMPLE), { numbers })));
    return markup.slice(markup.indexOf('<h1>第三部分'), markup.indexOf('<h1>第四部分'));
  };
  it('trim prints the published figures; fixed2 gives every figure two decimals', () => {
    const trim = part3();
    expect(part3('trim')).toBe(trim);
    expect(trim).toContain('2023年度收入合计11314.64万元。其中：财政拨款收入11314.64万元，占本年收入100%。');
    expect(trim).toContain('基本支出1679万元，项目支出9635.63万元。');
    const fixed = part3('fixed2');
    expect(fixed).toContain('2023年度收入合计11314.64万元。其中：财政拨款收入11314.64万元，占本年收入100.00%。');
    expect(fixed).toContain('基本支出1679.00万元，项目支出9635.63万元。');
    expect(fixed).toContain('<slice label="基本支出" value="1679.00" text="1679.00万元，14.84%"/>');
    // pins print as published, whatever the rule
    expect(fixed).toContain('项目支出9635.64万元，占本年支出85.16%');
    expect(fixed).toContain('2023年度“三公”经费财政拨款支出预算为10.48万元，支出决算为19.50万元，完成预算的186.07%；较上年增加16.96万元，上升667.72%');
    expect(fixed).toContain('其中：燃料费1.00万元；维修费1.05万元；保险费及其他0.46万元。年末公务用车保有量4辆');
    expect(trim).toContain('其中：燃料费1万元；维修费1.05万元；保险费及其他0.46万元。年末公务用车保有量4辆');
  });
});

describe('table and form numbers', () => {
  it('tables: separators and two decimals, blank for an empty cell', () => {
    expect(tableAmount(amountFromText('11314.64'))).toBe('11,314.64');
    expect(tableAmount(amountFromText('1679'))).toBe('1,679.00');
    expect(tableAmount(undefined)).toBe('');
    expect(tableNumber(D('-1234567.5'))).toBe('-1,234,567.50');
    expect(groupThousands('999')).toBe('999');
  });
  it('as written: the data’s precision, with and without separators', () => {
    expect(writtenAmount(amountFromText('19.6'))).toBe('19.6');
    expect(writtenAmount(amountFromText('11314.640'))).toBe('11,314.640');
    expect(plainWrittenAmount(amountFromText('11314.64'))).toBe('11314.64');
    expect(plainWrittenAmount(null)).toBe('');
  });
  it('exact decimals without trailing zeros', () => {
    expect(trimZeros(D('37.50'))).toBe('37.5');
    expect(trimZeros(D('40'))).toBe('40');
    expect(trimZeros(D('0.10'))).toBe('0.1');
  });
});

describe('Chinese numerals', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [13, '十三'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [119, '一百一十九'],
    [230, '二百三十'],
  ])('%i → %s', (n, cn) => {
    expect(chineseNumber(n)).toBe(cn);
  });
  it('refuses what has no numeral', () => {
    for (const n of [0, -1, 1.5, 1000]) expect(() => chineseNumber(n)).toThrow(RangeError);
  });
});

describe('layers', () => {
  /** `import … from '…'` targets of every .ts file under a folder of src/. */
  function importsUnder(dir: string): { file: string; target: string }[] {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
    return walk(join(ROOT, 'src', dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => ({ file: relative(ROOT, file), target: m[1] })),
    );
  }
  it('the calculator takes no formatting from the templates', () => {
    const up = importsUnder('calculate').filter((i) => /\/template\//.test(i.target));
    expect(up).toEqual([]);
    // the scan sees real imports
    expect(importsUnder('calculate').some((i) => i.target.endsWith('/model/number-format.js'))).toBe(true);
  });
  it('the model imports from neither the calculator nor the templates', () => {
    expect(importsUnder('model').filter((i) => /\/(template|calculate)\//.test(i.target))).toEqual([]);
  });
});
