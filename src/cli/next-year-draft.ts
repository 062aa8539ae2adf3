import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { CST as CstTypes } from 'yaml';
import { todoMark } from '../model/todo.js';

/** Loaded on first use, as in src/load/yaml-full.ts: no other command pays for it at start-up. */
let yamlPackage: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

type Path = (string | number)[];

/** What the new year's file takes from the source and the command line. */
export interface DraftFacts {
  /** The source's year and the new one. */
  fromYear: number;
  year: number;
  /** The new year's catalog (data/catalog/<catalog>.yaml). */
  catalog: string;
  /** The new year's form set, when it is not the source's. */
  profile?: string;
  /** The source's figures that become last year's comparison figures: `explanation.…last_year` path → amount. */
  lastYear: Map<string, string>;
  /**
   * The new year's tables (from a workbook): the data format's shape, or a `tables:` block as YAML
   * text (as the workbook reader writes it); absent: last year's stay, as a to-do.
   */
  tables?: unknown;
}

/**
 * How each text of last year's file goes into next year's, by path (`*` one step, `**` any):
 * - `year`: standing text that names the year (the cover, titles): the year moved on;
 * - `standing`: standing text (第一部分): the report's year moved on ("2023年度"), and a paragraph
 *   that still states a number after that (人数, 单位数, another year) marked to be verified;
 * - `fill`: a reason, which only the new year can give: replaced by a mark to fill in;
 * - `update`: a sentence of last year's facts: kept as the officer's starting point, marked.
 * A list of blocks is marked once, at its first block. Everything else is carried as it is.
 */
const TEXT_RULES: [pattern: string, treatment: 'year' | 'standing' | 'fill' | 'update'][] = [
  ['cover.title_lines.*', 'year'],
  ['overview.*.blocks.*', 'standing'],
  ['overview.*.blocks.*.*', 'standing'],
  ['explanation.**.reason', 'fill'],
  ['explanation.**.budget_reason', 'fill'],
  ['explanation.three_public.*.purpose', 'update'],
  ['explanation.three_public.overseas.content', 'update'],
  ['explanation.performance.conclusion', 'update'],
  ['explanation.performance.overall.0', 'update'],
  ['explanation.performance.overall.0.*', 'update'],
  ['explanation.performance.projects.*.summary.0', 'update'],
  ['explanation.performance.projects.*.summary.0.*', 'update'],
  ['key_work.heading', 'year'],
  ['key_work.table.*.goals.*', 'update'],
  ['key_work.table.*.results.*', 'update'],
  ['appendix.overall.result_title', 'year'],
  ['appendix.overall.form.title', 'year'],
  ['appendix.overall.blocks.0', 'update'],
  ['appendix.overall.blocks.0.*', 'update'],
  ['appendix.projects.*.heading', 'year'],
  ['appendix.projects.*.result_title', 'year'],
  ['appendix.projects.*.form.title', 'year'],
  ['appendix.projects.*.blocks.0', 'update'],
  ['appendix.projects.*.blocks.0.*', 'update'],
];

/** Published figures of last year's report, which cannot be the new year's. */
const PIN_PATHS = ['pins', 'appendix.overall.form.execution.published', 'appendix.overall.form.published_total', 'appendix.projects.*.form.execution.published', 'appendix.projects.*.form.published_total'];

/** Figures of last year that are not text: each an entry of `todo:` where the source has it. */
function numberTodos(y: number, has: (path: string) => boolean, projects: number, tablesGiven: boolean): [string, string][] {
  const out: [string, string][] = [];
  const add = (path: string, note: string) => {
    if (has(path)) out.push([path, note]);
  };
  add('cover.date', `仍是${y}年度报告的发布日期，请改为本年度报告的发布日期`);
  if (!tablesGiven) add('tables', `九张表仍是${y}年度的决算数，请换成本年度的决算数`);
  const budget = ['budget', 'classes', 'items'].map((k) => `explanation.general_budget.${k}`).find(has);
  if (budget) out.push([budget, `年初预算（总数及各类、各项的 budget）仍是${y}年度的数`]);
  add('explanation.general_budget.projects', `项目支出明细（项目名称和金额）仍是${y}年度的`);
  add('explanation.three_public', `“三公”经费各项预算数、运行费明细、公务用车保有量和批次人次等仍是${y}年度的数`);
  add('explanation.admin_operation.amount', `机关运行经费仍是${y}年度的数${has('explanation.admin_operation.last_year') ? '（已移作上年数 last_year）' : ''}`);
  add('explanation.procurement', `政府采购各项金额仍是${y}年度的数`);
  add('explanation.assets', `车辆和单价100万元以上设备的数量仍是${y}年末的数`);
  if (['projects.0.funds.0', 'targets', 'monitoring', 'self_evaluation'].some((k) => has(`explanation.performance.${k}`))) {
    out.push(['explanation.performance', `绩效自评的项目、个数和金额（预算数、执行数等）仍是${y}年度的`]);
  }
  add('appendix.overall.form', `部门整体绩效自评表的预算数、执行数、指标值和得分仍是${y}年度的`);
  for (let i = 0; i < projects; i++) add(`appendix.projects.${i}.form`, `项目自评表的预算数、执行数、指标值和得分仍是${y}年度的`);
  return out;
}

/**
 * Next year's department file from this year's text: the year, catalog and standing text carried
 * on, last year's totals as the comparison figures, reasons and facts marked to do, pins dropped,
 * and a `todo:` list of the figures to replace. Edited in the yaml package's concrete syntax tree,
 * which gives the source back exactly, so comments, order, quoting and layout stay as written and
 * only the edited values differ.
 */
export function draftNextYear(text: string, facts: DraftFacts): string {
  const { Parser, Composer, CST, isMap, isSeq, isScalar, isPair } = yaml();
  const tokens = [...new Parser().parse(text)];
  const [doc] = [...new Composer({ keepSourceTokens: true }).compose(tokens)];
  if (!doc || !isMap(doc.contents)) throw new Error('draftNextYear: the source is no mapping (the loader reads it first)');
  const root = doc.contents;
  const from = facts.fromYear;
  const to = facts.year;
  const nextYear = (s: string) => s.replaceAll(`${from}年`, `${to}年`);

  const setScalar = (node: unknown, value: string) => {
    if (isScalar(node) && node.srcToken) CST.setScalarValue(node.srcToken as CstTypes.Token, value);
  };
  const has = (path: string) => doc.hasIn(steps(path));

  setScalar(root.get('year', true), String(to));
  setScalar(root.get('catalog', true), facts.catalog);
  if (facts.profile !== undefined) {
    if (root.has('profile')) setScalar(root.get('profile', true), facts.profile);
    else insertBefore(root, 'year', topLevelItem('profile', facts.profile));
  }
  for (const [path, amount] of facts.lastYear) setScalar(doc.getIn(steps(path), true), amount);

  // Every string scalar by its path; aliases are skipped, they follow their anchor.
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string') {
      const rule = TEXT_RULES.find(([pattern]) => matches(pattern, path));
      if (rule) setScalar(node, treat(node.value, rule[1]));
    }
  };
  const treat = (value: string, how: (typeof TEXT_RULES)[number][1]): string => {
    switch (how) {
      case 'year':
        return nextYear(value);
      case 'standing': {
        // only the report's year ("2023年度部门决算"): "2023年机构改革" may be history, and is verified
        const moved = value.replaceAll(`${from}年度`, `${to}年度`);
        return statesCount(moved.replaceAll(`${to}年度`, '')) ? todoMark('verify', `${from}年度数字`) + moved : moved;
      }
      case 'fill':
        return todoMark('fill', `${to}年度原因`);
      case 'update':
        return todoMark('update', `${from}年度原文`) + value;
    }
  };
  visit(root, []);

  const projects = doc.getIn(['appendix', 'projects']);
  const todos = numberTodos(from, has, isSeq(projects) ? projects.items.length : 0, facts.tables !== undefined);

  // Structural edits last: they remove and add items of the syntax tree the scalars above live in.
  for (const pattern of PIN_PATHS) for (const path of expand(doc, pattern)) removePair(doc, path);
  if (facts.tables !== undefined) replaceTopLevel(root, 'tables', facts.tables);
  if (todos.length > 0) insertTodo(root, from, to, todos);

  const out = tokens.map((t) => CST.stringify(t)).join('');
  // what the draft adds is written with LF; a file written with CRLF keeps CRLF throughout
  return text.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

/** A paragraph states a count when a digit is left once its list number is set aside. */
function statesCount(text: string): boolean {
  return /[0-9０-９]/.test(text.replace(/^\s*[（(]?[0-9０-９一二三四五六七八九十]+[)）.、．]\s*/, ''));
}

function steps(path: string): Path {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function matches(pattern: string, path: Path): boolean {
  const want = pattern.split('.');
  const have = path.map(String);
  const go = (i: number, j: number): boolean => {
    if (i === want.length) return j === have.length;
    if (want[i] === '**') return go(i + 1, j) || (j < have.length && go(i, j + 1));
    return j < have.length && (want[i] === '*' || want[i] === have[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** The paths of a document a pattern with `*` steps names. */
function expand(doc: Yaml.Document, pattern: string): Path[] {
  const { isMap, isSeq } = yaml();
  let paths: Path[] = [[]];
  for (const step of pattern.split('.')) {
    paths = paths.flatMap((p) => {
      if (step !== '*') return [[...p, /^\d+$/.test(step) ? Number(step) : step]];
      const node = doc.getIn(p, true);
      if (isSeq(node)) return node.items.map((_, i) => [...p, i]);
      if (isMap(node)) return node.items.map((pair) => [...p, String((pair.key as { value?: unknown })?.value)]);
      return [];
    });
  }
  return paths.filter((p) => doc.hasIn(p));
}

type CollectionToken = CstTypes.BlockMap | CstTypes.FlowCollection;

/** Removes a key and its value (with the comments above it) from the map that holds it. */
function removePair(doc: Yaml.Document, path: Path): void {
  const { isMap, isScalar } = yaml();
  const parent = doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  if (!isMap(parent)) return;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
  const token = parent.srcToken as CollectionToken | undefined;
  if (!pair || !token || !isScalar(pair.key)) return;
  const items = token.items as { start: CstTypes.SourceToken[]; key?: unknown }[];
  const i = items.findIndex((item) => item.key === (pair.key as Yaml.Scalar).srcToken);
  if (i < 0) return;
  const [removed] = items.splice(i, 1);
  // In a flow map the comma before an item is in its own start; the first item's is in the next one's.
  if (token.type === 'flow-collection' && i === 0 && items[0]) {
    items[0].start = items[0].start.filter((t) => t.type !== 'comma' && t.type !== 'space');
  } else if (token.type === 'block-map' && removed && items[i]) {
    // a blank line that parted the removed pair from the next stays parting the previous from it
    const blank = removed.start.filter((t) => t.type === 'newline').length > removed.start.filter((t) => t.type === 'comment').length;
    if (blank && !items[i]!.start.some((t) => t.type === 'newline')) items[i]!.start.unshift({ type: 'newline', offset: 0, indent: 0, source: '\n' });
  }
}

/** A top-level item of the syntax tree, made by the yaml package from a plain value (its own layout, no comments). */
function topLevelItem(key: string, value: unknown, comment?: string): CstTypes.BlockMap['items'][number] {
  const { Parser, stringify } = yaml();
  // A block already written as YAML text (`key:` and its lines) goes in as written.
  const item = typeof value === 'string' && value.startsWith(`${key}:\n`) ? `${value}\n` : stringify({ [key]: value }, { lineWidth: 0 });
  // after a first item, so that the comment above it is the item's own, not the document's
  const text = `_: 0\n${comment ? `${comment}\n` : ''}${item}`;
  const [doc] = [...new Parser().parse(text)] as CstTypes.Document[];
  const map = doc?.value as CstTypes.BlockMap | undefined;
  if (!map || map.type !== 'block-map' || !map.items[1]) throw new Error(`draftNextYear: cannot make the item ${key}`);
  return map.items[1];
}

function insertBefore(root: Yaml.YAMLMap, key: string, item: CstTypes.BlockMap['items'][number]): void {
  const token = root.srcToken as CstTypes.BlockMap;
  const i = token.items.findIndex((x) => (x.key as CstTypes.FlowScalar | undefined)?.source === key);
  token.items.splice(i < 0 ? 0 : i, 0, item);
}

function replaceTopLevel(root: Yaml.YAMLMap, key: string, value: unknown): void {
  const token = root.srcToken as CstTypes.BlockMap;
  const i = token.items.findIndex((item) => (item.key as CstTypes.FlowScalar | undefined)?.source === key);
  const made = topLevelItem(key, value);
  if (i < 0) token.items.push(made);
  else token.items[i] = { ...made, start: token.items[i]!.start };
}

/** `todo:` after the file's head (format, profile, year, catalog), where the officer sees it first. */
function insertTodo(root: Yaml.YAMLMap, from: number, to: number, todos: [string, string][]): void {
  const token = root.srcToken as CstTypes.BlockMap;
  const head = new Set(['format', 'profile', 'year', 'catalog']);
  let at = 0;
  while (at < token.items.length && head.has((token.items[at]!.key as CstTypes.FlowScalar | undefined)?.source ?? '')) at++;
  const comment = [
    '',
    `# 由 ${from} 年度的文件起草的 ${to} 年度草稿（juesuan new）。文字中的【待填写】【待更新】【待核实】和下面 todo 的`,
    '# 每一项都是校验错误：逐项办完后删去标记或该项，全部办完后删去 todo，才能生成正式的 PDF。',
  ].join('\n');
  token.items.splice(at, 0, topLevelItem('todo', Object.fromEntries(todos), comment));
}
