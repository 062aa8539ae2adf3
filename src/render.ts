import { loadDepartment, type Loaded } from './load/index.js';
import { calculate, type Calculated } from './calculate/index.js';
import { checkBeforeLayout, type FirstPass } from './check/index.js';
import { buildView, documentMeta } from './template/view.js';
import { loadTemplates } from './template/index.js';
import { layoutDocument, LayoutError } from './layout/index.js';
import { printedText } from './layout/printed-text.js';
import type { PrintedText } from './model/printed-text.js';
import { paintPdf } from './paint/index.js';
import { loadFontSet, readFontSetAhead, type FontSet } from './fonts/index.js';
import { auditFontSet } from './fonts/audit.js';
import { missingGlyphDiagnostics } from './check/glyph-coverage.js';
import { InputError } from './model/diagnostics.js';
import type { LaidOutDocument, OutlineEntry } from './layout/types.js';
import type { Diagnostic } from './model/diagnostics.js';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package-root.js';

/** Templates and the font config ship with the tool: found from its own folder, not the caller's. */
export { PACKAGE_ROOT };

export interface RenderOptions {
  /** Render even when the checker finds errors (an archivist reproducing a flawed report). */
  force?: boolean;
  /** The report reproduces a published one: pins beyond 尾数误差 are warnings (CheckOptions.archive). */
  archive?: boolean;
  templatesDir?: string;
  fontsConfig?: string;
  /** The file's text as edited but not saved (the studio); the file itself is not read. */
  sourceText?: string;
}

export interface RenderOutcome {
  findings: Diagnostic[];
  /** Absent when the data has errors and `force` is off. */
  pdf?: Buffer;
  pages?: number;
  /** The bookmarks with their pages (the studio jumps from a finding to its page). */
  outline?: OutlineEntry[];
  calc: Calculated;
}

/** load → calculate → check → template → layout → paint: the whole pipeline, in memory. */
export function renderReport(file: string, options: RenderOptions = {}): RenderOutcome {
  return drawReport(prepareReport(file, options), options);
}

/**
 * renderReport for a process that renders once (`juesuan render`): the font files, tens of
 * megabytes, are read in the background while the data is loaded, checked and templated.
 */
export async function renderReportReadingFontsAhead(file: string, options: RenderOptions = {}): Promise<RenderOutcome> {
  const fontsRead = readFontSetAhead(fontsConfig(options), PACKAGE_ROOT);
  const prepared = prepareReport(file, options);
  await fontsRead;
  return drawReport(prepared, options);
}

interface Prepared {
  loaded: Loaded;
  calc: Calculated;
  /** The checker's first pass, completed by layOut with the words as laid out. */
  checked: FirstPass;
  /** Absent when the data has errors and `force` is off. */
  markup?: string;
}

/** The part that needs no fonts: load → calculate → check → template. */
function prepareReport(file: string, options: RenderOptions): Prepared {
  const loaded = loadDepartment(file, { sourceText: options.sourceText });
  const calc = calculate(loaded);
  const checked = checkBeforeLayout(calc, { archive: options.archive });
  if (checked.findings.some((f) => f.severity === 'error') && !options.force) return { loaded, calc, checked };
  return { loaded, calc, checked, markup: toMarkup(calc, options.templatesDir) };
}

/** layout → paint. */
function drawReport(prepared: Prepared, options: RenderOptions): RenderOutcome {
  const { loaded, calc } = prepared;
  const drawn = layOut(prepared, options);
  if (!drawn) return { findings: prepared.checked.findings, calc };
  const { laidOut, fonts, findings } = drawn;
  if (findings.some((f) => f.severity === 'error') && !options.force) return { findings, calc };
  const pdf = paintPdf(laidOut, fonts, {
    ...pdfMeta(loaded),
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
  return { findings, pdf, pages: laidOut.pages.length, outline: laidOut.outline, calc };
}

export interface LaidOutReport {
  findings: Diagnostic[];
  calc: Calculated;
  /** Absent when the data has errors and `force` is off. */
  laidOut?: LaidOutDocument;
  fonts?: FontSet;
}

/**
 * load → … → layout, not painted: the studio paints only the pages it shows, a few milliseconds
 * each, where painting the whole report takes longer than the edit it shows.
 */
export function layOutReport(file: string, options: RenderOptions = {}): LaidOutReport {
  const prepared = prepareReport(file, options);
  const drawn = layOut(prepared, options);
  return drawn ? { ...drawn, calc: prepared.calc } : { findings: prepared.checked.findings, calc: prepared.calc };
}

/**
 * The markup laid out, and the findings completed with the words as laid out, so that render and
 * the studio refuse what check finds in them.
 */
function layOut({ loaded, checked, markup }: Prepared, options: RenderOptions): { laidOut: LaidOutDocument; fonts: FontSet; findings: Diagnostic[] } | undefined {
  if (markup === undefined) return undefined;
  const fonts = loadFontSet(fontsConfig(options), PACKAGE_ROOT);
  const laidOut = layoutOrExplain(markup, fonts, loaded);
  return { laidOut, fonts, findings: checked.afterLayout(printedText(markup, laidOut)) };
}

/**
 * Lays the document out with every glyph checked against its role's font; a character a font
 * lacks is the data's problem, named at its line and column (all of them, not only the first).
 * `juesuan check` runs the same (layoutFindings), so the two give one verdict.
 */
function layoutOrExplain(markup: string, fonts: FontSet, loaded: Loaded) {
  const audit = auditFontSet(fonts);
  let laidOut;
  try {
    laidOut = layoutDocument(markup, audit.fonts);
  } catch (e) {
    // Text measured with .notdef may upset the layout further on: the missing glyph is the cause.
    if (audit.missing().length === 0) throw e instanceof LayoutError ? layoutProblem(e, loaded) : e;
  }
  if (audit.missing().length > 0 || !laidOut) throw new InputError(missingGlyphDiagnostics(audit.missing(), loaded), 1);
  return laidOut;
}

/**
 * What `render` would say about the glyphs of a checked report: its markup laid out with the
 * render's fonts, every missing glyph a finding, and a table that cannot fit a `layout` finding
 * (none when the data's errors keep the report from being templated or laid out at all); and,
 * when it could be laid out, its printed words with their pages (src/layout/printed-text.ts) for
 * the rules that read them (`checkBeforeLayout(calc).afterLayout(printed)`).
 */
export async function layoutFindings(
  calc: Calculated,
  options: RenderOptions & { dataHasErrors?: boolean } = {},
): Promise<{ glyphs: Diagnostic[]; printed?: PrintedText[] }> {
  const fontsRead = readFontSetAhead(fontsConfig(options), PACKAGE_ROOT);
  let markup: string;
  try {
    markup = toMarkup(calc, options.templatesDir);
  } catch (e) {
    if (options.dataHasErrors) return { glyphs: [] };
    throw e;
  }
  await fontsRead;
  const fonts = loadFontSet(fontsConfig(options), PACKAGE_ROOT);
  try {
    const laidOut = layoutOrExplain(markup, fonts, calc.loaded);
    return { glyphs: [], printed: printedText(markup, laidOut) };
  } catch (e) {
    if (e instanceof InputError) return { glyphs: e.diagnostics };
    if (e instanceof LayoutError) return { glyphs: layoutProblem(e, calc.loaded).diagnostics };
    if (options.dataHasErrors) return { glyphs: [] };
    throw e;
  }
}

/** Text the layout cannot place is the data's problem too: named at the first of its texts found in the YAML. */
function layoutProblem(e: LayoutError, loaded: Loaded): InputError {
  const lines = loaded.sourceText.split(/\r?\n/);
  let at: { line: number; column: number } | undefined;
  for (const text of e.texts) {
    const index = lines.findIndex((l) => l.includes(text) && !l.trimStart().startsWith('#'));
    if (index >= 0) {
      at = { line: index + 1, column: Array.from(lines[index]!.slice(0, lines[index]!.indexOf(text))).length + 1 };
      break;
    }
  }
  return new InputError([{ severity: 'error', rule: 'layout', message: e.message, file: loaded.file, ...at }], 1);
}

/** The report's markup: the shared templates with the form set's own over them (profiles/<name>/templates). */
export function toMarkup(calc: Calculated, templatesDir?: string): string {
  const { profile } = calc.loaded;
  const templates = loadTemplates([templatesDir ?? join(PACKAGE_ROOT, 'templates'), ...(profile.templates ? [profile.templates] : [])]);
  const missing = profile.parts.map((p, i) => ({ p, i })).filter(({ p }) => !templates.has(p.template));
  if (missing.length > 0) {
    throw new InputError(
      missing.map(({ p, i }) => ({
        severity: 'error' as const,
        rule: 'profile-file',
        message: `表式 ${profile.name} 的部分 ${p.id} 没有模板 ${p.template}.hbs（在 templates/ 或 ${profile.name}/templates/ 中）`,
        file: profile.file,
        ...profile.locate(['parts', i, 'template']),
      })),
      1,
    );
  }
  return templates.render(buildView(calc));
}

function fontsConfig(options: RenderOptions): string {
  return options.fontsConfig ?? 'fonts/fonts.yaml';
}

function pdfMeta(loaded: Loaded) {
  return {
    ...documentMeta(loaded.model),
    lang: 'zh-CN',
    // The publication date, never the clock: the same input gives the same bytes. A form set
    // whose cover has no date dates the PDF at the end of the report's year.
    date: new Date(`${loaded.model.cover.date ?? `${loaded.model.year}-12-31`}T00:00:00+08:00`),
  };
}

/** The trace must not depend on where the file was rendered from (extract → render round trip). */
function withoutFile(d: Diagnostic): Omit<Diagnostic, 'file'> {
  const { file: _file, ...rest } = d;
  return rest;
}
