import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { basename, join, relative } from 'node:path';
import { registerHelpers } from './helpers.js';
import { cacheDir, pruneCache } from '../cache-dir.js';

export type TemplateSet = {
  render(view: unknown): string;
  /** The shared templates' folder, then the form set's overlay, if any. */
  dirs: readonly string[];
  /** Whether a partial of this name exists ("part3/index"). */
  has(name: string): boolean;
};

const cache = new Map<string, TemplateSet>();

/**
 * Compiles the templates once per process: every .hbs file is a partial named by its path
 * ("tables/summary"), and `document.hbs` is the entry. Folders are read in order, and a later
 * folder's file replaces the earlier one of the same name: templates/, then a form set's
 * profiles/<name>/templates/. Escaping stays on: a department's `<`, `>` and `&` reach the markup
 * as entities and print literally.
 *
 * Parsing the templates costs a cold run ~0.2 s, so their precompiled form is kept on disk,
 * keyed by the hash of every template in use (an overlay's included) and the Handlebars
 * version; an edited template changes the key, so the cache can never serve stale wording.
 */
export function loadTemplates(dirs: string | readonly string[] = 'templates'): TemplateSet {
  const list = typeof dirs === 'string' ? [dirs] : dirs;
  const key = list.join('\0');
  const hit = cache.get(key);
  if (hit) return hit;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const byName = new Map<string, string>();
  for (const dir of list) {
    for (const f of readdirRecursive(dir).filter((x) => x.endsWith('.hbs'))) {
      byName.set(relative(dir, f).replace(/\\/g, '/').replace(/\.hbs$/, ''), readFileSync(f, 'utf8'));
    }
  }
  const sources = [...byName.keys()].sort().map((name) => ({ name, text: byName.get(name)! }));
  const specs = precompiled(hb, sources);
  const revive = (spec: string) => hb.template(new Function(`return ${spec};`)());
  for (const { name } of sources) hb.registerPartial(name, revive(specs[name]));
  const entry = revive(specs.document);
  const set: TemplateSet = { render: (view) => entry(view), dirs: list, has: (name) => byName.has(name) };
  cache.set(key, set);
  return set;
}

const COMPILE_OPTIONS = { strict: false, noEscape: false } as const;

function precompiled(hb: typeof Handlebars, sources: { name: string; text: string }[]): Record<string, string> {
  const hash = createHash('sha256').update(hb.VERSION);
  for (const s of sources) hash.update(`\0${s.name}\0${s.text}`);
  const dir = cacheDir();
  const file = dir && join(dir, `templates-${hash.digest('hex').slice(0, 32)}.json`);
  if (file) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      // not cached yet (or unreadable): compile below
    }
  }
  const specs: Record<string, string> = {};
  for (const s of sources) specs[s.name] = hb.precompile(s.text, COMPILE_OPTIONS) as string;
  if (!file) return specs;
  try {
    const tmp = `${file}.${process.pid}-${threadId}.tmp`; // batch workers share a pid
    writeFileSync(tmp, JSON.stringify(specs));
    renameSync(tmp, file);
    pruneCache(dir!, basename(file));
  } catch {
    // a read-only cache folder only costs speed
  }
  return specs;
}

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? readdirRecursive(join(dir, e.name)) : [join(dir, e.name)]));
}
