import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root.js';
import { CLASS_TABLE_KEYS, TABLE_KEYS, TABLES, columnKeys, type ClassTableKey, type Columns, type TableEntry, type TableKey } from '../model/tables.js';
import { PROFILE_INPUT_KEYS, type Profile } from '../model/profile.js';
import { PROSE_RULE_NAMES, type ProseRule } from '../model/number-format.js';
import { NARRATIVE_GROUP_IDS, NARRATIVE_SECTION_IDS, NARRATIVE_SECTION_INFO, isNarrativeSectionId, type NarrativeSectionId } from '../model/narrative-sections.js';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import { parseYaml } from './parse-yaml.js';
import { readSource } from './read-source.js';
import { code, int, text } from './schema-parts.js';
import { validate } from './validate.js';

/** The form set of a department file that names none: what every file meant before there were profiles. */
export const DEFAULT_PROFILE = 'hubei-wuhan-2023';

const heading = z.strictObject({ department: z.boolean(), unit: text() });

const tableEntry = z.strictObject({
  key: z.enum(TABLE_KEYS as [TableKey, ...TableKey[]]),
  label: text().optional(),
  title: text().optional(),
  toc: text(),
  orientation: z.enum(['portrait', 'landscape']),
  line_numbers: z.boolean().default(false),
  heading: heading.optional(),
  columns: z.array(text()).min(1).optional(),
});

const inputList = z.array(z.enum(PROFILE_INPUT_KEYS as [string, ...string[]])).default([]);

export const profileSchema = z.strictObject({
  name: text(),
  region: text(),
  years: z.array(int()).min(1),
  catalogs: z.array(text()).min(1),
  parts: z.array(z.strictObject({ id: text(), template: text() })).min(1),
  table_heading: heading,
  tables: z.array(tableEntry).min(1),
  forms: z.strictObject({
    summary_classes: z.array(code()).min(1),
    basic_detail: z.array(z.array(code()).min(1)).min(1),
  }),
  // a section id, or a grouping section with its sub-sections: {id: other_matters, sections: [...]}
  narrative: z.strictObject({
    sections: z.array(z.union([text(), z.strictObject({ id: text(), sections: z.array(text()).min(1) })])).min(1),
    charts: z.boolean(),
  }),
  numbers: z.enum(PROSE_RULE_NAMES as [ProseRule, ...ProseRule[]]),
  furniture: z.strictObject({ toc_depth: int(), toc_indent: z.boolean().default(true), page_numbers: z.boolean() }),
  inputs: z.strictObject({ required: inputList, optional: inputList }).default({ required: [], optional: [] }),
});

/** The sections a profile may list, for the message about one it may not: totals（收入支出决算总体情况）、… */
const SECTION_CHOICES = NARRATIVE_SECTION_IDS.map((id) => `${id}（${NARRATIVE_SECTION_INFO[id].name}）`).join('、');

/** Profile names are folder names: lower-case words and digits joined by "-", never a path. */
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Referrer = { file: string; line?: number; column?: number };

const cache = new Map<string, Profile>();

/** The form sets the tool has: the folders of profiles/ that hold a profile.yaml. */
export function knownProfiles(root = PACKAGE_ROOT): string[] {
  const dir = join(root, 'profiles');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n) && existsSync(join(dir, n, 'profile.yaml')))
    .sort();
}

/**
 * The form set named by a department file (`profile: shanghai-2024`), from profiles/<name>/.
 * A name the tool does not have is reported at the file's `profile:` line with the names it has;
 * a malformed profile.yaml at its own lines.
 */
export function loadProfile(name: string, referrer: Referrer, root = PACKAGE_ROOT): Profile {
  const dir = join(root, 'profiles', name);
  const file = join(dir, 'profile.yaml');
  if (!NAME.test(name) || !existsSync(file)) {
    const known = knownProfiles(root);
    const have = known.length ? `现有表式：${known.join('、')}` : '本工具没有任何表式';
    throw new InputError([{ severity: 'error', rule: 'profile-unknown', message: `没有名为 ${name} 的表式（profile）（${have}）`, ...referrer }], 1);
  }
  const hit = cache.get(file);
  if (hit) return hit;
  const parsed = parseYaml(readSource(file), file);
  const data = validate(profileSchema, parsed.data, parsed.locator);
  const at = (path: (string | number)[], message: string): Diagnostic => ({ severity: 'error', rule: 'profile-file', message, file, ...parsed.locator.locate(path) });
  const problems: Diagnostic[] = [];

  if (data.name !== name) problems.push(at(['name'], `表式文件的 name 为 ${data.name}，与所在目录 profiles/${name} 不符`));
  const tables = data.tables.map((e, i): TableEntry => {
    const columns = e.columns ?? registryColumns(e.key);
    if (e.columns) {
      if (!(CLASS_TABLE_KEYS as readonly string[]).includes(e.key)) problems.push(at(['tables', i, 'columns'], `表 ${e.key} 的栏目是固定的，不能在表式中选择（只有按科目列行的表可以）`));
      else {
        const known = registryColumns(e.key);
        e.columns.forEach((c, j) => {
          if (!known.includes(c)) problems.push(at(['tables', i, 'columns', j], `表 ${e.key} 没有栏目 ${c}（可用：${known.join('、')}）`));
        });
      }
    }
    return {
      key: e.key,
      label: e.label,
      title: e.title ?? TABLES[e.key].title,
      toc: e.toc,
      orientation: e.orientation,
      lineNumbers: e.line_numbers,
      heading: e.heading ?? data.table_heading,
      columns,
    };
  });
  duplicates(tables.map((t) => t.key)).forEach((i) => problems.push({ ...at(['tables', i, 'key'], `表 ${tables[i]!.key} 在表式中列了两次`), rule: 'table-list' }));
  duplicates(data.parts.map((p) => p.id)).forEach((i) => problems.push(at(['parts', i, 'id'], `部分 ${data.parts[i]!.id} 在表式中列了两次`)));
  const listed = data.narrative.sections.flatMap((e, i) =>
    typeof e === 'string'
      ? [{ id: e, path: ['narrative', 'sections', i] }]
      : [{ id: e.id, path: ['narrative', 'sections', i, 'id'] }, ...e.sections.map((c, j) => ({ id: c, path: ['narrative', 'sections', i, 'sections', j] }))],
  );
  listed.forEach(({ id, path }) => {
    if (!isNarrativeSectionId(id)) problems.push(at(path, `情况说明没有名为 ${id} 的一节（可用：${SECTION_CHOICES}）`));
  });
  data.narrative.sections.forEach((e, i) => {
    const group = typeof e !== 'string';
    const id = group ? e.id : e;
    if (!isNarrativeSectionId(id)) return;
    if (group && !NARRATIVE_GROUP_IDS.includes(id)) problems.push(at(['narrative', 'sections', i, 'id'], `情况说明的一节 ${id} 不能包含下级节（可包含的：${NARRATIVE_GROUP_IDS.join('、')}）`));
    if (!group && NARRATIVE_GROUP_IDS.includes(id)) problems.push(at(['narrative', 'sections', i], `情况说明的一节 ${id} 须列出其下级节：{id: ${id}, sections: [...]}`));
    if (group) e.sections.forEach((c, j) => {
      if (NARRATIVE_GROUP_IDS.includes(c as never)) problems.push(at(['narrative', 'sections', i, 'sections', j], `下级节中不能再有分组节 ${c}`));
    });
  });
  duplicates(listed.map((x) => x.id)).forEach((i) => problems.push(at(listed[i]!.path, `情况说明的一节 ${listed[i]!.id} 列了两次`)));
  data.forms.summary_classes.forEach((c, i) => {
    if (c.length !== 3) problems.push(at(['forms', 'summary_classes', i], `summary_classes 只列类（3 位编码），而不是 ${c}`));
  });
  duplicates(data.forms.summary_classes).forEach((i) => problems.push(at(['forms', 'summary_classes', i], `summary_classes 中 ${data.forms.summary_classes[i]} 列了两次`)));
  const detail = data.forms.basic_detail.flat();
  const detailPaths = data.forms.basic_detail.flatMap((g, gi) => g.map((_, j) => ['forms', 'basic_detail', gi, j]));
  duplicates(detail).forEach((i) => problems.push(at(detailPaths[i]!, `basic_detail 中 ${detail[i]} 列了两次`)));
  if (data.furniture.toc_depth < 1 || data.furniture.toc_depth > 3) problems.push(at(['furniture', 'toc_depth'], `toc_depth 应为 1、2 或 3（目录列到第几级标题），而不是 ${data.furniture.toc_depth}`));
  data.inputs.optional.forEach((k, i) => {
    if (data.inputs.required.includes(k)) problems.push(at(['inputs', 'optional', i], `${k} 不能既必填又可选`));
  });
  if (problems.length) throw new InputError(problems, 1);

  const overlay = join(dir, 'templates');
  const profile: Profile = {
    name: data.name,
    region: data.region,
    file,
    locate: (path) => parsed.locator.locate(path),
    years: data.years,
    catalogs: data.catalogs,
    parts: data.parts,
    tables,
    forms: { summaryClasses: data.forms.summary_classes, basicDetail: data.forms.basic_detail },
    // every id is known by now (an unknown one was refused above); the filter types them
    narrative: {
      sections: listed.map((x) => x.id).filter(isNarrativeSectionId),
      outline: data.narrative.sections.map((e) =>
        typeof e === 'string' ? { id: e as NarrativeSectionId, children: [] } : { id: e.id as NarrativeSectionId, children: e.sections.filter(isNarrativeSectionId) },
      ),
      charts: data.narrative.charts,
    },
    numbers: data.numbers,
    furniture: { tocDepth: data.furniture.toc_depth, tocIndent: data.furniture.toc_indent, pageNumbers: data.furniture.page_numbers },
    inputs: data.inputs as Profile['inputs'],
    templates: existsSync(overlay) && statSync(overlay).isDirectory() ? overlay : undefined,
  };
  cache.set(file, profile);
  return profile;
}

const registryColumns = (key: TableKey): string[] =>
  (CLASS_TABLE_KEYS as readonly string[]).includes(key) ? columnKeys(TABLES[key as ClassTableKey].columns as Columns<string>) : [];

/** Indexes of the entries that repeat an earlier one. */
function duplicates(xs: readonly string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  xs.forEach((x, i) => {
    if (seen.has(x)) out.push(i);
    seen.add(x);
  });
  return out;
}
