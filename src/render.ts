import { loadDepartment, type Loaded } from './load/index.js';
import { calculate, type Calculated } from './calculate/index.js';
import { runChecks } from './check/index.js';
import { buildView } from './template/view.js';
import { loadTemplates } from './template/index.js';
import { layoutDocument } from './layout/index.js';
import { paintPdf } from './paint/index.js';
import { loadFontSet } from './fonts/index.js';
import type { Diagnostic } from './load/diagnostics.js';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Templates and the font config ship with the tool: found from its own folder, not the caller's. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface RenderOptions {
  /** Render even when the checker finds errors (an archivist reproducing a flawed report). */
  force?: boolean;
  templatesDir?: string;
  fontsConfig?: string;
}

export interface RenderOutcome {
  findings: Diagnostic[];
  /** Absent when the data has errors and `force` is off. */
  pdf?: Buffer;
  pages?: number;
  calc: Calculated;
}

/** load → calculate → check → template → layout → paint: the whole pipeline, in memory. */
export function renderReport(file: string, options: RenderOptions = {}): RenderOutcome {
  const loaded = loadDepartment(file);
  const calc = calculate(loaded);
  const findings = runChecks(calc);
  if (findings.some((f) => f.severity === 'error') && !options.force) return { findings, calc };
  const markup = toMarkup(calc, options.templatesDir);
  const fonts = loadFontSet(options.fontsConfig ?? 'fonts/fonts.yaml', PACKAGE_ROOT);
  const laidOut = layoutDocument(markup, fonts);
  const pdf = paintPdf(laidOut, fonts, {
    ...documentMeta(loaded),
    attachments: [
      {
        name: `${loaded.model.department.id}.yaml`,
        content: Buffer.from(loaded.sourceText, 'utf8'),
        mime: 'application/yaml',
        description: '源数据（YAML）',
        relationship: 'Source',
      },
      {
        name: 'calculation-trace.json',
        content: Buffer.from(JSON.stringify({ figures: calc.trace.entries, findings: findings.map(withoutFile) }, null, 1), 'utf8'),
        mime: 'application/json',
        description: '计算过程与校验结果',
        relationship: 'Supplement',
      },
    ],
  });
  return { findings, pdf, pages: laidOut.pages.length, calc };
}

export function toMarkup(calc: Calculated, templatesDir?: string): string {
  return loadTemplates(templatesDir ?? join(PACKAGE_ROOT, 'templates')).render(buildView(calc));
}

function documentMeta(loaded: Loaded) {
  const view = { name: loaded.model.department.name, year: loaded.model.year };
  return {
    title: `${view.year}年度${view.name}部门决算`,
    author: view.name,
    subject: `${view.name}${view.year}年度部门决算公开`,
    keywords: `部门决算, ${view.year}, ${view.name}`,
    lang: 'zh-CN',
    // The publication date, never the clock: the same input gives the same bytes.
    date: new Date(`${loaded.model.cover.date}T00:00:00+08:00`),
  };
}

/** The trace must not depend on where the file was rendered from (extract → render round trip). */
function withoutFile(d: Diagnostic): Omit<Diagnostic, 'file'> {
  const { file: _file, ...rest } = d;
  return rest;
}
