import { isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Field, FieldGroup, StudioFinding } from './api-types.js';
import { fieldLabel, SECTION_NAMES } from './labels.js';
import type { YamlPath } from './yaml-edit.js';

export type { Field, FieldGroup };

const REASON_RULES = new Set(['narrative-reason', 'narrative-empty-reason', 'narrative-item-reason', 'narrative-budget-reason']);

/**
 * The department's sections as forms: what the checker asks for first (待填写), then the reasons
 * of 第三部分, the “三公” details, and the free text of each part. Everything else is edited in the
 * YAML view.
 */
export function formGroups(doc: Document, findings: StudioFinding[]): FieldGroup[] {
  const groups: FieldGroup[] = [];
  // An item of a list is named by its code, name or label (201, 住房保障中心工作经费), not its place.
  const names: Names = (path) => {
    for (const key of ['code', 'name', 'label', 'title', 'term']) {
      const v = doc.getIn([...path, key]);
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const wanted = wantedFields(doc, findings, names);
  if (wanted.length > 0) groups.push({ title: '待填写（检查发现缺少的说明）', fields: wanted });

  const reasons: Field[] = [];
  walk(doc, ['explanation'], (path, value) => {
    const key = path[path.length - 1];
    if (path[1] === 'three_public') return;
    if (key === 'reason' || key === 'budget_reason') reasons.push(field(names, path, value));
  });
  if (reasons.length > 0) groups.push({ title: '第三部分 情况说明：增减变动和预算执行的原因', fields: reasons });

  const threePublic: Field[] = [];
  walk(doc, ['explanation', 'three_public'], (path, value) => threePublic.push(field(names, path, value)));
  if (threePublic.length > 0) groups.push({ title: `第三部分 ${SECTION_NAMES.three_public}支出情况`, fields: threePublic });

  for (const [root, title] of [
    [['overview'], '第一部分 部门概况'],
    [['explanation', 'performance'], '第三部分 预算绩效情况说明'],
    [['key_work'], '第四部分 重点工作完成情况'],
  ] as [YamlPath, string][]) {
    const texts: Field[] = [];
    walk(doc, root, (path, value) => {
      if (typeof value === 'string' && value.length >= 12) texts.push(field(names, path, value));
    });
    if (texts.length > 0) groups.push({ title, fields: texts });
  }
  return groups;
}

type Names = (path: YamlPath) => string | undefined;

function field(names: Names, path: YamlPath, value: unknown, wanted?: string): Field {
  const kind = typeof value === 'number' ? 'number' : 'text';
  const text = value === undefined || value === null ? '' : String(value);
  return { path, label: fieldLabel(path, names), kind, value: text, long: text.length > 40 || wanted !== undefined, ...(wanted ? { wanted } : {}) };
}

/** A reason the checker misses: at the empty reason itself, or the section or item lacking one. */
function wantedFields(doc: Document, findings: StudioFinding[], names: Names): Field[] {
  const out: Field[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (!REASON_RULES.has(f.rule) || !f.path || f.path.length === 0) continue;
    const node = doc.getIn(f.path, true);
    const path = isMap(node) ? [...f.path, 'reason'] : isScalar(node) ? f.path : undefined;
    if (!path || seen.has(path.join('.'))) continue;
    const value = doc.getIn(path);
    if (typeof value === 'string' && value.trim() !== '') continue;
    seen.add(path.join('.'));
    out.push(field(names, path, value ?? '', f.message));
  }
  return out;
}

/** Every scalar (string or number) under `root`, in the file's order. */
function walk(doc: Document, root: YamlPath, visit: (path: YamlPath, value: string | number) => void): void {
  const go = (node: unknown, path: YamlPath): void => {
    if (isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) go(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => go(item, [...path, i]));
    } else if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
      visit(path, node.value);
    }
  };
  go(doc.getIn(root, true), root);
}
