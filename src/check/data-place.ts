import type { Loaded } from '../load/index.js';
import { NARRATIVE_SECTION_IDS, NARRATIVE_SECTION_INFO } from '../model/narrative-sections.js';
import type { PrintedText } from '../model/printed-text.js';
import { TABLE_KEYS, tableName, type TableKey } from '../model/tables.js';

type Path = readonly (string | number)[];

/**
 * Where words of the department's file print, in the officer's words: the page and heading they
 * print under when the printed words are known, else the part of the report the file's key feeds.
 * The YAML path stays the finding's line and column; it is never the message's text.
 */

/** The report's parts by the top-level key of the department file. */
const PART_NAMES: Readonly<Record<string, string>> = {
  department: '部门名称',
  cover: '封面',
  overview: '第一部分 部门概况',
  tables: '第二部分 决算表',
  explanation: '第三部分 情况说明',
  key_work: '重点工作完成情况',
  glossary: '名词解释',
  appendix: '附件',
  todo: '待办清单',
};

/** The part a YAML path belongs to: "第三部分 情况说明（“三公”经费）", "收入决算表（公开02表）". */
export function partOfPath(loaded: Loaded, path: Path): string {
  const [top, second] = path;
  if (top === 'tables' && typeof second === 'string' && (TABLE_KEYS as readonly string[]).includes(second)) {
    return tableName(second as TableKey, loaded.profile.tables);
  }
  const part = PART_NAMES[String(top)] ?? '数据文件';
  if (top === 'explanation' && typeof second === 'string') {
    const section = NARRATIVE_SECTION_IDS.find((id) => NARRATIVE_SECTION_INFO[id].inputs.some((k) => k === second || k.startsWith(`${second}.`)));
    if (section) return `${part}（${NARRATIVE_SECTION_INFO[section].name}）`;
  }
  return part;
}

/**
 * "第 40 页 第五部分 名词解释" when `words` are found printed (the page, and the heading they print
 * under), else the part of the report the path feeds.
 */
export function dataPlace(loaded: Loaded, path: Path, printed?: readonly PrintedText[], words?: string): string {
  const entry = words && words.length >= 2 ? printed?.find((e) => e.text.includes(words)) : undefined;
  if (!entry) return partOfPath(loaded, path);
  const under = entry.section && entry.section !== 'cover' ? sectionWords(loaded, entry.section) : partOfPath(loaded, path);
  return entry.page === undefined ? under : `第 ${entry.page} 页 ${under}`;
}

/**
 * A printed entry's section in words: a heading as printed, or (words read from a PDF) the id of
 * the narrative section or the key of the table it belongs to.
 */
function sectionWords(loaded: Loaded, section: string): string {
  if (!/^[a-z_]+$/.test(section)) return section;
  if ((NARRATIVE_SECTION_IDS as readonly string[]).includes(section)) return `第三部分 ${NARRATIVE_SECTION_INFO[section as (typeof NARRATIVE_SECTION_IDS)[number]].name}`;
  if ((TABLE_KEYS as readonly string[]).includes(section)) return tableName(section as TableKey, loaded.profile.tables);
  return PART_NAMES[section] ?? partOfPath(loaded, [section]);
}
