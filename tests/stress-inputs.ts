import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLE, scratchData } from './helpers.js';

/**
 * Variants of the sample with long texts where real departments have them: names of 40–60 and
 * more characters, long 科目 names, long cells, a long paragraph, many cover lines. Each is
 * written into a scratch data folder (with its own copy of the catalog) and its path returned.
 */

export const NAME_47 = '武汉市江岸区住房保障和房屋管理局（武汉市江岸区住房和城乡建设局、武汉市江岸区房屋征收服务中心）';
export const NAME_62 = '武汉市江岸区住房保障和房屋管理局（武汉市江岸区住房和城乡建设局、武汉市江岸区房屋征收服务中心、武汉市江岸区房地产市场管理所）';
export const NAME_332 = `武汉市江岸区住房保障和房屋管理局（${'武汉市江岸区住房和城乡建设局、'.repeat(20)}武汉市江岸区房屋征收服务中心）`;
export const COVER_LINE = '2023年度武汉市江岸区住房保障和房屋管理局部门决算';

const sample = (): string => readFileSync(SAMPLE, 'utf8');

/** `text` with `from` replaced (every occurrence when `all`); fails when `from` is not there. */
function replaced(text: string, from: string, to: string, all = false): string {
  if (!text.includes(from)) throw new Error(`stress input: "${from}" is not in the text`);
  return all ? text.split(from).join(to) : text.replace(from, to);
}

function save(name: string, yaml: string, catalog?: (text: string) => string): string {
  const dir = scratchData();
  if (catalog) {
    const path = join(dir, 'data/catalog/2023.yaml');
    writeFileSync(path, catalog(readFileSync(join(ROOT, 'data/catalog/2023.yaml'), 'utf8')));
  }
  const file = join(dir, `data/2023/${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

const withName = (yaml: string, name: string): string => replaced(yaml, '  name: 武汉市江岸区住房保障和房屋管理局\n', `  name: ${name}\n`);

export function coverLines(count: number): string {
  return replaced(sample(), '  title_lines: [2023年度武汉市江岸区, 住房保障和房屋管理局部门决算]', `  title_lines: [${Array(count).fill(COVER_LINE).join(', ')}]`);
}

/** The stress inputs the whole layout is checked on, by name. */
export function stressInputs(): Record<string, string> {
  const long62 = [
    (y: string) => withName(y, NAME_62),
    (y: string) => replaced(y, '      unit: 江岸区住房保障和房屋管理局\n', `      unit: ${NAME_62}\n`),
    (y: string) => replaced(y, '        unit: 江岸区住房保障和房屋管理局\n', `        unit: ${NAME_62}\n`, true),
    (y: string) => replaced(y, '  title_lines: [2023年度武汉市江岸区, 住房保障和房屋管理局部门决算]', `  title_lines: [2023年度${NAME_62}部门决算]`),
  ].reduce((y, f) => f(y), sample());

  const longRows = [
    (y: string) => replaced(y, '      matter: 保障性住房工作\n', '      matter: 保障性住房工作（含公共租赁住房、保障性租赁住房、棚户区改造、人才安居及大学生租赁补贴等重点民生项目）\n'),
    (y: string) => replaced(y, '      - {name: 后勤服务支出, amount: 283.51}\n', '      - {name: 后勤服务支出（含机关食堂、物业、安保、保洁、绿化、车辆运行维护及办公区域零星维修等综合保障服务）, amount: 283.51}\n'),
    (y: string) => replaced(
      y,
      '    - {term: 事业收入, text: 指事业单位开展专业业务活动及其辅助活动取得的收入。}\n',
      '    - {term: 事业收入（含事业单位开展专业业务活动及其辅助活动取得的收入及纳入财政专户管理的资金）, text: 指事业单位开展专业业务活动及其辅助活动取得的收入。}\n',
    ),
  ].reduce((y, f) => f(y), sample());
  const longCatalogNames = (c: string) => [
    (t: string) => replaced(t, '  "2011308": 招商引资\n', '  "2011308": 招商引资和优化营商环境及重点产业链招商专项工作（含驻外招商联络机构运行与招商活动组织）经费支出\n'),
    (t: string) => replaced(t, '  "2210399": 其他城乡社区住宅支出\n', '  "2210399": 其他城乡社区住宅支出（含老旧小区改造配套、人才公寓、个性化大学生租赁补贴、危房改造及房交会补贴等）\n'),
    (t: string) => replaced(t, '  "2080505": 机关事业单位基本养老保险缴费支出\n', '  "2080505": 机关事业单位基本养老保险缴费支出（含机关事业单位基本养老保险单位缴费部分及补缴以前年度欠缴部分）\n'),
  ].reduce((t, f) => f(t), c);

  const duty = '（十）负责全区住房制度改革工作。贯彻执行并指导全区辖区内有关单位住房制度改革政策。';
  const longNarrative = [
    (y: string) => replaced(y, `      - ${duty}\n`, `      - ${duty}\n      - （十一）${'负责全区房屋征收与补偿的监督管理，组织实施国有土地上房屋征收与补偿工作，会同有关部门拟订征收补偿方案并组织论证和公开征求意见，'.repeat(30)}完成区政府交办的其他任务。\n`),
    (y: string) => replaced(y, '        - 2. 全年筹集租赁住房4301套，占目标的113.18%。\n', `        - 2. 全年筹集租赁住房4301套，占目标的113.18%。${'同时持续推进保障性租赁住房筹集建设，完善租赁补贴发放机制，强化公租房分配运营管理，'.repeat(25)}\n`),
  ].reduce((y, f) => f(y), sample());

  return {
    'name-47': save('name-47', withName(sample(), NAME_47)),
    'name-62-units-cover': save('name-62', long62),
    'name-332': save('name-332', withName(sample(), NAME_332)),
    'long-row-names': save('long-rows', longRows, longCatalogNames),
    'long-narrative': save('long-narrative', longNarrative),
    'cover-6-lines': save('cover-6', coverLines(6)),
  };
}

/**
 * The sample with five times its table rows (公开02, 03, 05 and 06 together), checking clean:
 * `added` more 项 of 201 一般公共服务支出 at 1.00 万元 each, under their 款 in catalog order, taken
 * from 2011308 招商引资 (596.02) so that every 类 total, and so 公开01, 04 and the narrative's
 * class figures, stay as they are; the narrative's project list names the moved amount.
 */
export function manyClassRows(added = 160): string {
  const catalog = readFileSync(join(ROOT, 'data/catalog/2023.yaml'), 'utf8');
  const byKuan = new Map<string, string[]>();
  for (const [, code] of catalog.matchAll(/^ {2}"(201\d{4})": /gm)) {
    const kuan = code!.slice(0, 5);
    if (kuan !== '20113') byKuan.set(kuan, [...(byKuan.get(kuan) ?? []), code!]);
  }
  const picked: [string, string[]][] = [];
  let left = added;
  for (const [kuan, codes] of byKuan) {
    if (left === 0) break;
    const take = codes.slice(0, Math.min(8, left));
    picked.push([kuan, take]);
    left -= take.length;
  }
  if (left > 0) throw new Error(`stress input: the catalog has fewer than ${added} 项 under 201`);
  const rest = (596.02 - added).toFixed(2);
  const rows = (kuans: [string, string[]][], cells: (amount: string) => string) =>
    kuans.flatMap(([kuan, codes]) => [`      - {code: ${kuan}, ${cells(codes.length.toFixed(2))}}\n`, ...codes.map((c) => `      - {code: ${c}, ${cells('1.00')}}\n`)]).join('');
  const table = (yaml: string, column: string): string => {
    const cells = (amount: string) => `total: ${amount}, ${column}: ${amount}`;
    const before = picked.filter(([k]) => k < '20113');
    const after = picked.filter(([k]) => k > '20113');
    return replaced(
      yaml,
      `      - {code: 20113, ${cells('596.02')}}\n      - {code: 2011308, ${cells('596.02')}}\n`,
      `${rows(before, cells)}      - {code: 20113, ${cells(rest)}}\n      - {code: 2011308, ${cells(rest)}}\n${rows(after, cells)}`,
      true,
    );
  };
  const yaml = [
    (y: string) => table(y, 'fiscal'),
    (y: string) => table(y, 'project'),
    (y: string) => replaced(y, '      - {name: 招商引资工作经费, code: 2011308}\n', `      - {name: 招商引资工作经费, code: 2011308}\n      - {name: 一般公共服务其他项目经费, amount: ${added}.00}\n`),
  ].reduce((y, f) => f(y), sample());
  return save('many-rows', yaml);
}

export function saveInput(name: string, yaml: string): string {
  return save(name, yaml);
}

export { withName };
