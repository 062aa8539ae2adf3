import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { registerHelpers } from './helpers.js';

export type TemplateSet = { render(view: unknown): string; dir: string };

const cache = new Map<string, TemplateSet>();

/**
 * Compiles templates/ once per process: every .hbs file is a partial named by its path
 * ("tables/t01"), and `document.hbs` is the entry. Escaping stays on: a department's `<`, `>`
 * and `&` reach the markup as entities and print literally.
 */
export function loadTemplates(dir = 'templates'): TemplateSet {
  const hit = cache.get(dir);
  if (hit) return hit;
  const hb = Handlebars.create();
  registerHelpers(hb);
  const files = walk(dir).filter((f) => f.endsWith('.hbs'));
  for (const f of files) {
    const name = relative(dir, f).replace(/\\/g, '/').replace(/\.hbs$/, '');
    hb.registerPartial(name, readFileSync(f, 'utf8'));
  }
  const entry = hb.compile(readFileSync(join(dir, 'document.hbs'), 'utf8'), { strict: false, noEscape: false });
  const set: TemplateSet = { render: (view) => entry(view), dir };
  cache.set(dir, set);
  return set;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
