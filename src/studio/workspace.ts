import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Document } from 'yaml';
import { discoverInputs } from '../batch/discovery.js';
import { writeAtomic } from '../io/write-atomic.js';
import { InputError, type Diagnostic } from '../model/diagnostics.js';
import type { LaidOutDocument } from '../layout/types.js';
import type { FontSet } from '../fonts/index.js';
import { layOutReport, renderReport } from '../render.js';
import { paintPdf } from '../paint/index.js';
import { formGroups } from './forms.js';
import { PageFinder, studioFindings } from './findings.js';
import type { DepartmentEntry, OpenedFile, Preview, Saved } from './api-types.js';
import { resolveInside, within } from './safety.js';
import { lineStartsOf, readDocument, setText, type YamlPath } from './yaml-edit.js';

export type { DepartmentEntry, Preview };

/** Where each save keeps the version it replaced, inside the data folder. */
export const HISTORY = '.juesuan-history';

/** The saved file's version: its bytes' digest, compared before every save. */
export function versionOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Another tab or program saved the file since this one opened it: nothing is written. */
export class SaveConflict extends Error {
  constructor(readonly current: string) {
    super('此文件在您打开之后已被另一个窗口（或其他程序）修改并保存。为免覆盖对方的修改，本次未保存。请先复制您的改动，重新打开该文件后再改。');
    this.name = 'SaveConflict';
  }
}

/** The data has errors: `render` would write no PDF, and neither does the studio. */
export class NoPdf extends Error {
  constructor(readonly findings: Diagnostic[]) {
    super(`数据有 ${findings.filter((f) => f.severity === 'error').length} 个错误，未生成 PDF（与 juesuan render 相同）；请先改正错误`);
    this.name = 'NoPdf';
  }
}

/**
 * The data folder the studio serves: its department files and their checker status, the preview
 * of an edit laid out in this process (fonts, templates and compiled code stay warm between
 * edits), saving with the previous version kept, and the PDF as `juesuan render` writes it.
 */
export class Workspace {
  readonly root: string;
  private readonly status = new Map<string, { stamp: string; entry: DepartmentEntry }>();
  private readonly previews = new Map<number, { laidOut: LaidOutDocument; fonts: FontSet }>();
  private nextRev = 1;
  /**
   * The yaml Documents of the last few texts: reading one is a good part of an edit's time, and
   * each text is read by the edit that made it, then by its preview, then by the next edit.
   */
  private readonly documents = new Map<string, Document>();

  constructor(root: string) {
    this.root = realpathSync(root);
  }

  async list(): Promise<DepartmentEntry[]> {
    const { inputs } = await discoverInputs([this.root], this.root);
    const out: DepartmentEntry[] = [];
    // Department files only: the batch also finds published PDFs, which the studio does not list.
    for (const input of inputs.filter((i) => !i.published)) {
      let real: string;
      try {
        real = realpathSync(input.abs);
      } catch {
        continue;
      }
      // A link leading out of the folder is not listed (and not opened: resolveInside).
      if (!within(this.root, real)) continue;
      out.push(this.statusOf(relative(this.root, input.abs).split(sep).join('/'), real));
    }
    return out;
  }

  private statusOf(rel: string, file: string): DepartmentEntry {
    const st = statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    const known = this.status.get(rel);
    if (known?.stamp === stamp) return known.entry;
    let entry: DepartmentEntry;
    try {
      // The verdict of `juesuan check`: the words as laid out are read too (cached by the file's stamp).
      const { findings, calc } = layOutReport(file, { force: true });
      entry = { path: rel, name: calc.loaded.model.department.name, ...count(findings) };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      entry = { path: rel, name: rel, ...count(e.diagnostics), unreadable: e.exitCode === 2 };
    }
    this.status.set(rel, { stamp, entry });
    return entry;
  }

  open(rel: string): OpenedFile {
    const file = resolveInside(this.root, rel);
    const bytes = readFileSync(file);
    return { path: rel, text: bytes.toString('utf8'), version: versionOf(bytes) };
  }

  /** The edited text checked and laid out; its pages are painted on request (`page`). */
  preview(rel: string, text: string): Preview {
    const file = resolveInside(this.root, rel);
    const t0 = performance.now();
    const doc = this.documentOf(text);
    const lineStarts = lineStartsOf(text);
    let findings: Diagnostic[];
    let laidOut: LaidOutDocument | undefined;
    let finder: PageFinder | undefined;
    let rev = 0;
    try {
      // Laid out even with errors, as `render --force` would: the officer sees the page while mending it.
      const outcome = layOutReport(file, { force: true, sourceText: text });
      findings = outcome.findings;
      laidOut = outcome.laidOut;
      if (laidOut && outcome.fonts) {
        rev = this.nextRev++;
        this.previews.set(rev, { laidOut, fonts: outcome.fonts });
        // The page list of the last few edits is enough for pages still being fetched.
        for (const old of this.previews.keys()) if (old < rev - 8) this.previews.delete(old);
        finder = new PageFinder(laidOut.outline, outcome.calc.loaded.profile);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      findings = e.diagnostics;
    }
    const shown = studioFindings(findings, doc.errors.length === 0 ? doc : undefined, lineStarts, finder);
    return {
      rev,
      pages: laidOut?.pages.length ?? 0,
      sizes: laidOut?.pages.map((p) => [p.width, p.height] as [number, number]) ?? [],
      findings: shown,
      groups: doc.errors.length === 0 ? formGroups(doc, shown) : [],
      ms: Math.round(performance.now() - t0),
    };
  }

  /** One page of a preview as a PDF of its own: a few milliseconds, where the whole report takes far longer. */
  page(rev: number, index: number): Buffer | undefined {
    const preview = this.previews.get(rev);
    const page = preview?.laidOut.pages[index];
    if (!preview || !page) return undefined;
    // Links and destinations point at other pages, which this PDF does not have.
    const items = page.items.filter((i) => i.kind !== 'link' && i.kind !== 'dest');
    return paintPdf({ ...preview.laidOut, pages: [{ ...page, items }], outline: [] }, preview.fonts, { title: '', author: '', subject: '', keywords: '', date: new Date(0), lang: 'zh-CN' });
  }

  /** A form field's new value written into the text (comments, order and style kept). */
  edit(text: string, path: YamlPath, value: string, kind: 'text' | 'number'): string {
    return setText(text, path, value, kind, (t) => this.documentOf(t));
  }

  private documentOf(text: string): Document {
    let doc = this.documents.get(text);
    if (!doc) {
      doc = readDocument(text);
      this.documents.set(text, doc);
      for (const old of this.documents.keys()) if (this.documents.size > 4) this.documents.delete(old);
    }
    return doc;
  }

  /**
   * Writes the text if the file is still the version the editor opened. The content it replaces
   * is kept first (atomically, as the file itself) under `.juesuan-history/` in the data folder:
   * `<path without .yaml>/<UTC time>-<digest>.yaml.bak`, one per save, none ever replaced; the
   * `.bak` ending keeps it out of what batch and the department list read.
   */
  save(rel: string, text: string, version: string): Saved {
    const file = resolveInside(this.root, rel);
    const current = readFileSync(file);
    if (versionOf(current) !== version) throw new SaveConflict(versionOf(current));
    const bytes = Buffer.from(text, 'utf8');
    if (current.equals(bytes)) return { version };
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const previous = `${HISTORY}/${rel.replace(/\.ya?ml$/i, '')}/${stamp}-${versionOf(current).slice(0, 8)}.yaml.bak`;
    writeAtomic(join(this.root, ...previous.split('/')), current);
    writeAtomic(file, bytes);
    this.status.delete(rel);
    return { version: versionOf(bytes), previous };
  }

  /** The saved file rendered as `juesuan render` renders it: the same bytes. */
  pdf(rel: string): { pdf: Buffer; name: string } {
    const file = resolveInside(this.root, rel);
    const outcome = renderReport(file);
    if (!outcome.pdf) throw new NoPdf(outcome.findings);
    return { pdf: outcome.pdf, name: rel.split('/').pop()!.replace(/\.ya?ml$/i, '.pdf') };
  }
}

function count(findings: Diagnostic[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { errors, warnings: findings.length - errors };
}
