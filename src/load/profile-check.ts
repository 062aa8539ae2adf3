import { CLASS_TABLE_KEYS, TABLES, columnKeys, type Columns } from '../model/tables.js';
import { PROFILE_INPUT_KEYS, PROFILE_INPUTS, type Profile, type ProfileInput } from '../model/profile.js';
import { NARRATIVE_SECTION_IDS, NARRATIVE_SECTION_INFO, type NarrativeSectionId } from '../model/narrative-sections.js';
import type { Catalog } from './catalog.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Locator } from './parsed.js';
import type { Department } from './schema.js';

/**
 * What a department file must agree on with its form set before anything is computed: the year
 * and catalog it serves, the inputs it requires and the ones it does not have, the sections of its
 * 情况说明, the columns of its tables; and what the form set must agree on with the catalog: every
 * fixed row it prints is a code of that catalog. Each problem names the file and line it is in.
 */
export function profileProblems(model: Department, locator: Locator, text: string, profile: Profile, catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[], message: string, rule = 'profile-input') =>
    out.push({ severity: 'error', rule, message, file: locator.file, ...keyPosition(locator, text, path) });
  const which = `表式 ${profile.name}`;

  if (!profile.years.includes(model.year)) {
    at(['year'], `${which} 只用于 ${profile.years.join('、')} 年度的决算，本文件为 ${model.year} 年度；请改用该年度的表式（profile）`, 'profile-year');
  }
  if (!profile.catalogs.includes(model.catalog)) {
    at(['catalog'], `${which} 没有科目目录 ${model.catalog}（可用：${profile.catalogs.join('、')}）；请改正 catalog 或 profile`, 'profile-catalog');
  }

  for (const key of PROFILE_INPUT_KEYS) {
    const given = valueAt(model, key) !== undefined;
    if (!given && profile.inputs.required.includes(key)) {
      at(parentPath(key, model), `缺少必填字段 "${key}"（${PROFILE_INPUTS[key]}）：${which} 需要此部分`);
    } else if (given && !allowed(profile, key)) {
      at(key.split('.'), `该 profile 没有此部分："${key}"（${PROFILE_INPUTS[key]}）不是${which}的内容，请删去`);
    }
  }

  // 情况说明: data that only sections the form set's text lacks read would print nowhere.
  for (const { key, owners } of unreadInputs(model.explanation, profile.narrative.sections)) {
    const name = NARRATIVE_SECTION_INFO[owners[0]!].name;
    at(['explanation', ...key.split('.')], `该表式没有此节："explanation.${key}"（${name}）：${which} 的情况说明没有这一节，此数据不会印出；请删去`, 'profile-section');
  }

  for (const entry of profile.tables) {
    if (!(CLASS_TABLE_KEYS as readonly string[]).includes(entry.key)) continue;
    const key = entry.key as (typeof CLASS_TABLE_KEYS)[number];
    const labels = TABLES[key].columns as Columns<string>;
    const missing = columnKeys(labels).filter((c) => !entry.columns.includes(c));
    if (missing.length === 0) continue;
    const table = model.tables[key] as { total?: Record<string, unknown>; rows: Record<string, unknown>[] };
    const cells: { path: (string | number)[]; column: string }[] = [
      ...Object.keys(table.total ?? {}).map((c) => ({ path: ['tables', key, 'total', c], column: c })),
      ...table.rows.flatMap((r, i) => Object.keys(r).map((c) => ({ path: ['tables', key, 'rows', i, c], column: c }))),
    ];
    for (const cell of cells.filter((x) => missing.includes(x.column) && valueAt(model, x.path) !== undefined)) {
      at(cell.path, `${entry.title}没有“${labels[cell.column]!.label}”栏（${which}），此数不会印出；请删去`, 'profile-column');
    }
  }

  const inCatalog = (path: (string | number)[], code: string, name: string | undefined, kind: string) => {
    if (name === undefined) {
      out.push({ severity: 'error', rule: 'profile-catalog-rows', message: `${which} 印出的固定行 ${code} 不在科目目录 ${model.catalog} 的${kind}中`, file: profile.file, ...profile.locate(path) });
    }
  };
  profile.forms.summaryClasses.forEach((c, i) => inCatalog(['forms', 'summary_classes', i], c, catalog.functionalName(c), '支出功能分类'));
  profile.forms.basicDetail.forEach((g, gi) => g.forEach((c, j) => inCatalog(['forms', 'basic_detail', gi, j], c, catalog.economicName(c), '支出经济分类')));
  return out.slice(0, 20);
}

/**
 * The keys of `explanation:` whose most specific claim (NARRATIVE_SECTION_INFO's dotted inputs)
 * belongs only to sections the form set does not have, with those sections.
 */
function unreadInputs(explanation: unknown, present: readonly NarrativeSectionId[]): { key: string; owners: NarrativeSectionId[] }[] {
  const owners = new Map<string, NarrativeSectionId[]>();
  for (const id of NARRATIVE_SECTION_IDS) for (const k of NARRATIVE_SECTION_INFO[id].inputs) owners.set(k, [...(owners.get(k) ?? []), id]);
  const claims = [...owners.keys()];
  const out: { key: string; owners: NarrativeSectionId[] }[] = [];
  const walk = (value: unknown, path: string[], claim: string | undefined) => {
    const key = path.join('.');
    const here = owners.has(key) ? key : claim;
    const presentDeeper = claims.some((c) => c.startsWith(`${key}.`) && owners.get(c)!.some((id) => present.includes(id)));
    const unclaimedHere = owners.has(key) && !owners.get(key)!.some((id) => present.includes(id));
    // a key no present section reads, at or below it: one message, at the key
    const deeper = claims.some((c) => c.startsWith(`${key}.`)) && !(unclaimedHere && !presentDeeper);
    if (deeper && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, [...path, k], here);
      return;
    }
    // an empty list is the schema's default (performance.projects), not data the file gives
    if (here === undefined || (Array.isArray(value) && value.length === 0)) return;
    const who = owners.get(here)!;
    if (!who.some((id) => present.includes(id))) out.push({ key: here === key || !owners.has(key) ? key : here, owners: who });
  };
  if (explanation && typeof explanation === 'object') for (const [k, v] of Object.entries(explanation)) if (v !== undefined) walk(v, [k], undefined);
  // one message per claimed key
  return out.filter((x, i) => out.findIndex((y) => y.key === x.key) === i);
}

const allowed = (profile: Profile, key: ProfileInput) => profile.inputs.required.includes(key) || profile.inputs.optional.includes(key);

function valueAt(model: unknown, path: string | readonly (string | number)[]): unknown {
  const parts = typeof path === 'string' ? path.split('.') : path;
  let v: unknown = model;
  for (const p of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/** An absent input is reported at the nearest thing the file has: its parent key, else the top. */
function parentPath(key: string, model: Department): (string | number)[] {
  const parts = key.split('.');
  for (let n = parts.length - 1; n > 0; n--) if (valueAt(model, parts.slice(0, n)) !== undefined) return parts.slice(0, n);
  return model.profile !== undefined ? ['profile'] : [];
}

/**
 * Where to point at a value: the value itself when it stands on its key's line (`year: 2025`),
 * else its key (`key_work:`, not the first line of its mapping); for a value the file lacks, the
 * nearest enclosing key it has. The locator knows where values start, and a block mapping's value
 * starts on the line after its key.
 */
export function keyPosition(locator: Locator, text: string, path: (string | number)[]): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  for (let n = path.length; n > 0; n--) {
    const value = locator.locate(path.slice(0, n));
    if (!value) continue;
    const key = path[n - 1];
    if (typeof key !== 'string') return value;
    const written = new RegExp(`(^|[\\s{,])["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
    for (let i = value.line - 1; i >= 0 && i >= value.line - 50; i--) {
      const line = (lines[i] ?? '').replace(/\s#.*$/, '');
      const m = written.exec(i === value.line - 1 ? line.slice(0, Math.max(0, value.column - 1)) : line);
      // A value on its key's line is what the message is about; a mapping is named by its key.
      if (m) return i === value.line - 1 ? value : { line: i + 1, column: m.index + m[1]!.length + 1 };
    }
    return value;
  }
  return { line: 1, column: 1 };
}
