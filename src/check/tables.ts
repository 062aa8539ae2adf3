/** Names the officer reads: tables and columns as printed in the official forms. */

export const TABLE_NAMES = {
  t01: '公开01 收入支出决算总表',
  t02: '公开02 收入决算表',
  t03: '公开03 支出决算表',
  t04: '公开04 财政拨款收入支出决算总表',
  t05: '公开05 一般公共预算财政拨款支出决算表',
  t06: '公开06 一般公共预算财政拨款基本支出决算明细表',
  t07: '公开07 政府性基金预算财政拨款收入支出决算表',
  t08: '公开08 国有资本经营预算财政拨款支出决算表',
  t09: '公开09 财政拨款“三公”经费支出决算表',
} as const;

export type TableKey = keyof typeof TABLE_NAMES;

export const COLUMN_NAMES: Record<'t02' | 't03' | 't05' | 't07' | 't08', Record<string, string>> = {
  t02: { total: '本年收入合计', fiscal: '财政拨款收入', superior: '上级补助收入', business: '事业收入', operating: '经营收入', affiliated: '附属单位上缴收入', other: '其他收入' },
  t03: { total: '本年支出合计', basic: '基本支出', project: '项目支出', to_superior: '上缴上级支出', operating: '经营支出', to_affiliated: '对附属单位补助支出' },
  t05: { total: '小计', basic: '基本支出', project: '项目支出' },
  t07: { opening: '年初结转和结余', income: '本年收入', total: '本年支出小计', basic: '基本支出', project: '项目支出', closing: '年末结转和结余' },
  t08: { total: '合计', basic: '基本支出', project: '项目支出' },
};

export const FUND_NAMES: Record<string, string> = {
  total: '合计',
  general_budget: '一般公共预算财政拨款',
  government_fund: '政府性基金预算财政拨款',
  state_capital: '国有资本经营预算财政拨款',
};

export const T01_INCOME_NAMES: Record<string, string> = {
  general_budget: '一、一般公共预算财政拨款收入',
  government_fund: '二、政府性基金预算财政拨款收入',
  state_capital: '三、国有资本经营预算财政拨款收入',
  superior: '四、上级补助收入',
  business: '五、事业收入',
  operating: '六、经营收入',
  affiliated: '七、附属单位上缴收入',
  other: '八、其他收入',
};

export const T09_NAMES: Record<string, string> = {
  total: '合计',
  overseas: '因公出国(境)费',
  vehicle_subtotal: '公务用车购置及运行维护费小计',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  reception: '公务接待费',
};

export const T09_BLOCKS = { budget: '预算数', actual: '决算数' } as const;
