import type { YamlPath } from './yaml-edit.js';

/** The words of the trade for the data's keys, as the officer reads them beside a form field. */

/** 第三部分's sections by their key under `explanation:` (docs/narrative.md). */
export const SECTION_NAMES: Record<string, string> = {
  totals: '收入支出决算总体情况',
  income: '收入决算情况',
  expenditure: '支出决算情况',
  fiscal_totals: '财政拨款收入支出决算总体情况',
  fiscal: '财政拨款收入支出决算总体情况',
  general_budget: '一般公共预算财政拨款支出决算情况',
  basic: '一般公共预算财政拨款基本支出决算情况',
  government_fund: '政府性基金预算财政拨款收入支出决算情况',
  state_capital: '国有资本经营预算财政拨款支出决算情况',
  three_public: '“三公”经费',
  admin_operation: '机关运行经费',
  procurement: '政府采购',
  assets: '国有资产占用情况',
  performance: '预算绩效情况',
};

const PARTS: Record<string, string> = {
  cover: '封面',
  overview: '第一部分 部门概况',
  tables: '第二部分 部门决算表',
  explanation: '第三部分 情况说明',
  pins: '第三部分 情况说明',
  key_work: '第四部分 重点工作完成情况',
  glossary: '第五部分 名词解释',
  appendix: '第六部分 附件',
};

const KEYS: Record<string, string> = {
  reason: '原因',
  budget_reason: '决算数与预算数不同的原因',
  purpose: '主要用途',
  label: '名称',
  last_year: '上年决算数',
  budget: '预算数',
  amount: '金额',
  count: '数量',
  content: '内容',
  summary: '小结',
  conclusion: '评价结论',
  application: '结果应用',
  overall: '部门整体绩效自评',
  heading: '标题',
  blocks: '段落',
  title: '标题',
  goals: '工作目标',
  results: '完成情况',
  matter: '事项',
  overseas: '因公出国（境）费',
  vehicle: '公务用车购置及运行维护费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  reception: '公务接待费',
  breakdown: '明细',
  vehicles: '车辆',
  held: '保有量',
  fiscal_held: '财政拨款开支的保有量',
  duties: '部门主要职能',
  organization: '机构设置情况',
  areas: '工作领域',
  table: '重点工作表',
  classes: '各类支出',
  projects: '项目',
  name: '名称',
  domestic: '国内接待',
  foreign: '外事接待',
  batches: '批次',
  people: '人次',
  line: '一行',
  budget_term: '预算的称谓',
  completion_term: '完成率的称谓',
  budget_basis: '预算口径',
};

/** The part of the report a path of the data belongs to ('数据文件' for the file as a whole). */
export function partOf(path: YamlPath): string {
  return PARTS[String(path[0])] ?? '数据文件';
}

/** "机关运行经费 原因", "“三公”经费 公务接待费 原因", "部门主要职能 段落 3". */
export function fieldLabel(path: YamlPath, nameOf: (path: YamlPath) => string | undefined = () => undefined): string {
  const words: string[] = [];
  path.forEach((p, i) => {
    if (i === 0 && PARTS[String(p)]) return;
    if (typeof p === 'number') words.push(nameOf(path.slice(0, i + 1)) ?? `第${p + 1}项`);
    else if (i === 1 && path[0] === 'explanation' && SECTION_NAMES[p]) words.push(SECTION_NAMES[p]);
    else words.push(KEYS[p] ?? p);
  });
  return words.join(' ');
}
