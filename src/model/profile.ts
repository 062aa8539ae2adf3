import type { NarrativeSectionId } from './narrative-sections.js';
import type { ProseRule } from './number-format.js';
import type { TableEntry } from './tables.js';

/**
 * A form set: what one region prints for one year's 部门决算 (profiles/<name>/profile.yaml, and
 * the templates under profiles/<name>/templates/ that replace the shared ones). Every stage reads
 * the differences between form sets from this object (Loaded.profile), never from its name.
 */
export interface Profile {
  /** The folder's name, e.g. hubei-wuhan-2023. */
  name: string;
  /** The region in words (湖北省武汉市), for messages and docs. */
  region: string;
  /** profiles/<name>/profile.yaml, for messages about the form set itself. */
  file: string;
  /** Where a value of profile.yaml sits. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
  /** The report years the form set serves. */
  years: number[];
  /** The catalog names (data/catalog/<name>.yaml) a department file under it may name. */
  catalogs: string[];
  /** The document's parts in order; each is a template partial, numbered 第一部分… by position. */
  parts: PartEntry[];
  /** 第二部分: the tables in order, under their titles, labels and 目录 lines. */
  tables: TableEntry[];
  /** The fixed rows the forms print whether or not the department has an amount there. */
  forms: {
    /** The 类 rows of the 收入支出决算总表 and the 财政拨款收入支出决算总表, in printed order. */
    summaryClasses: string[];
    /** The column groups of the 基本支出表, side by side, each a list of codes in printed order. */
    basicDetail: string[][];
  };
  narrative: {
    /** Every section of 情况说明, sub-sections included, in the order of the text (src/model/narrative-sections.ts). */
    sections: NarrativeSectionId[];
    /** The top-level sections, numbered 一、二、… by position, each with its sub-sections, numbered （一）… */
    outline: { id: NarrativeSectionId; children: NarrativeSectionId[] }[];
    /** Whether the charts of 情况说明 print. */
    charts: boolean;
  };
  /** How figures print in prose (src/model/number-format.ts). */
  numbers: ProseRule;
  furniture: {
    /** Heading levels the 目录 lists: 1 the parts, 2 their 一、 sections, 3 the （一） ones. */
    tocDepth: number;
    /** The 目录's entries indented by level, or all flush left. */
    tocIndent: boolean;
    /** Body pages carry page numbers, and the 目录 shows them. */
    pageNumbers: boolean;
  };
  /** The inputs that depend on the form set: required, optional; any other is not part of it. */
  inputs: { required: ProfileInput[]; optional: ProfileInput[] };
  /** profiles/<name>/templates, when the form set replaces some of the shared templates. */
  templates?: string;
}

export interface PartEntry {
  /** What the part is: overview, tables, explanation, key_work, glossary, appendix, … */
  id: string;
  /** The template partial that prints it (relative to templates/, no .hbs): part3/index. */
  template: string;
}

/**
 * The inputs of a department file that one form set has and another lacks, by their path in the
 * file, with the words a message names them by. The schema makes them optional; the profile says
 * which are required and which may be given.
 */
export const PROFILE_INPUTS = {
  'cover.date': '封面日期',
  'overview.duties.heading': '概况中部门职能一节的标题',
  'overview.organization.heading': '概况中单位构成一节的标题',
  'overview.organization.units': '部门决算单位构成表（序号、单位名称、备注）',
  key_work: '重点工作',
  appendix: '附件（绩效自评结果和自评表）',
  'glossary.terms': '名词解释的条目',
  'glossary.income_sources': '名词解释中事业收入、经营收入、其他收入的主要内容（主要是：…收入等）',
} as const;
export type ProfileInput = keyof typeof PROFILE_INPUTS;
export const PROFILE_INPUT_KEYS = Object.keys(PROFILE_INPUTS) as ProfileInput[];
