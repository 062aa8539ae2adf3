import type { PageBuild, Target } from './flow.js';
import type { OutlineEntry } from './types.js';

/** Bookmarks: every placed target, in page order then top to bottom. */
export function buildOutline(targets: Target[], pages: PageBuild[]): OutlineEntry[] {
  const index = new Map<PageBuild, number>();
  pages.forEach((p, i) => index.set(p, i));
  return targets
    .filter((t) => t.page && index.has(t.page))
    .map((t) => ({ title: t.title, level: t.level, pageIndex: index.get(t.page!)!, y: t.y ?? 0, dest: t.dest }))
    .sort((a, b) => a.pageIndex - b.pageIndex || a.y - b.y);
}
