import type { Document } from 'yaml';
import type { Diagnostic } from '../model/diagnostics.js';
import type { OutlineEntry } from '../layout/types.js';
import type { Profile } from '../model/profile.js';
import { partOf } from './labels.js';
import { pathAt, type YamlPath } from './yaml-edit.js';
import type { StudioFinding } from './api-types.js';

export type { StudioFinding };

/** explanation.<key> and pins' first word → the narrative section printed for it. */
const SECTION_OF_KEY: Record<string, string> = { fiscal_totals: 'fiscal' };

export function studioFindings(findings: Diagnostic[], doc: Document | undefined, lineStarts: number[], where: PageFinder | undefined): StudioFinding[] {
  return findings.map((d) => {
    const path = doc && d.line !== undefined ? pathAt(doc, lineStarts, d.line, d.column ?? 1) : undefined;
    const at = path && where ? where.placeOf(path) : undefined;
    return {
      severity: d.severity,
      rule: d.rule,
      message: d.message,
      ...(d.line !== undefined ? { line: d.line } : {}),
      ...(d.column !== undefined ? { column: d.column } : {}),
      ...(path ? { path } : {}),
      part: path && path.length > 0 ? partOf(path) : '数据文件',
      ...(at ? { page: at.pageIndex, y: at.y } : {}),
    };
  });
}

/**
 * The page a path of the data prints on, from the report's bookmarks: the parts are the level-1
 * entries after the 目录 in the form set's order, 第二部分's tables and 第三部分's sections its
 * level-2 entries in the form set's order.
 */
export class PageFinder {
  private readonly parts = new Map<string, { top: OutlineEntry; children: OutlineEntry[] }>();

  constructor(
    outline: OutlineEntry[],
    private readonly profile: Profile,
  ) {
    const tops = outline.filter((e) => e.level === 1 && e.title.startsWith('第'));
    tops.forEach((top, i) => {
      const part = profile.parts[i];
      if (!part) return;
      const at = outline.indexOf(top);
      const next = outline.findIndex((e, k) => k > at && e.level === 1);
      const children = outline.slice(at + 1, next < 0 ? undefined : next).filter((e) => e.level === 2);
      this.parts.set(part.id, { top, children });
    });
  }

  placeOf(path: YamlPath): { pageIndex: number; y: number } | undefined {
    const [top, second] = path;
    if (top === 'pins' && typeof second === 'string') return this.section(second.split('.')[0]!);
    if (top === 'explanation' && typeof second === 'string') return this.section(second);
    if (top === 'tables' && typeof second === 'string') {
      const part = this.parts.get('tables');
      const index = this.profile.tables.findIndex((t) => t.key === second);
      return part?.children[index] ?? part?.top;
    }
    if (top === 'cover') return { pageIndex: 0, y: 0 };
    return typeof top === 'string' ? this.parts.get(top)?.top : undefined;
  }

  private section(key: string): OutlineEntry | undefined {
    const part = this.parts.get('explanation');
    if (!part) return undefined;
    const id = SECTION_OF_KEY[key] ?? key;
    const index = this.profile.narrative.outline.findIndex((s) => s.id === id || s.children.includes(id as never));
    return part.children[index] ?? part.top;
  }
}
