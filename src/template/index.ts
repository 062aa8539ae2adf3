import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { registerHelpers } from './helpers.js';
import { cacheDir, pruneCache } from '../cache-dir.js';
import { readCacheFile, writeCacheFile } from '../cache-file.js';
import { packageVersion } from '../package-root.js';

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
 * Parsing the templates costs a cold run ~0.2 s, so their precompiled form is kept on disk in
 * a verified cache file (src/cache-file.ts) keyed by the text of every template in use (a form set's overlay
 * included), the Handlebars and
 * juesuan versions: an edited template changes the key, and a cache file that was edited,
 * damaged or made for other templates is not used. What is used is checked to hold exactly the
 * templates there are; anything wrong with it means compiling from the sources, as without it.
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
  const cacheKeyText = cacheKey(hb, sources);
  const cacheFolder = cacheDir();
  const cacheName = `templates-${createHash('sha256').update(cacheKeyText).digest('hex').slice(0, 32)}.bin`;
  const cached = cacheFolder ? cachedSpecs(readCacheFile(cacheFolder, cacheName, cacheKeyText), sources) : null;
  let entry = cached && reviveCached(hb, sources, cached);
  if (!entry) {
    const specs = compile(hb, sources);
    entry = instantiate(hb, sources, specs);
    if (cacheFolder && writeCacheFile(cacheFolder, cacheName, cacheKeyText, Buffer.from(JSON.stringify(specs), 'utf8'))) pruneCache(cacheFolder, cacheName);
  }
  const render = entry;
  const set: TemplateSet = { render: (view) => render(view), dirs: list, has: (name) => byName.has(name) };
  cache.set(key, set);
  return set;
}

const COMPILE_OPTIONS = { strict: false, noEscape: false } as const;
const CACHE_FORMAT = 'handlebars-precompiled-1';

type Source = { name: string; text: string };
type Specs = Record<string, string>;

/** Everything the precompiled form depends on, each field length-prefixed. */
function cacheKey(hb: typeof Handlebars, sources: Source[]): string {
  const hash = createHash('sha256');
  const field = (s: string) => hash.update(`${Buffer.byteLength(s)}:${s}`);
  [CACHE_FORMAT, packageVersion(), hb.VERSION, JSON.stringify(COMPILE_OPTIONS)].forEach(field);
  for (const s of sources) {
    field(s.name);
    field(s.text);
  }
  return hash.digest('hex');
}

function compile(hb: typeof Handlebars, sources: Source[]): Specs {
  const specs: Specs = {};
  for (const s of sources) specs[s.name] = hb.precompile(s.text, COMPILE_OPTIONS) as string;
  return specs;
}

/** The verified payload as specs when it holds a spec for every template and nothing else. */
function cachedSpecs(payload: Buffer | null, sources: Source[]): Specs | null {
  if (!payload) return null;
  try {
    const specs = JSON.parse(payload.toString('utf8')) as unknown;
    if (typeof specs !== 'object' || specs === null || Array.isArray(specs)) return null;
    const names = Object.keys(specs);
    if (names.length !== sources.length || !sources.every((s) => typeof (specs as Specs)[s.name] === 'string')) return null;
    return specs as Specs;
  } catch {
    return null;
  }
}

/** Registers every partial and returns the entry. */
function instantiate(hb: typeof Handlebars, sources: Source[], specs: Specs): Handlebars.TemplateDelegate {
  const revive = (spec: string) => hb.template(new Function(`return ${spec};`)());
  for (const { name } of sources) hb.registerPartial(name, revive(specs[name]!));
  return revive(specs.document!);
}

/** Verified bytes are what this code wrote; should they still not revive, a render is not failed over a cache. */
function reviveCached(hb: typeof Handlebars, sources: Source[], specs: Specs): Handlebars.TemplateDelegate | null {
  try {
    return instantiate(hb, sources, specs);
  } catch {
    return null;
  }
}

function readdirRecursive(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? readdirRecursive(join(dir, e.name)) : [join(dir, e.name)]));
}
