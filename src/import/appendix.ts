import type { Diagnostic } from '../model/diagnostics.js';
import type { Part } from './outline.js';
import { blocksOf, type Block, type FlowLine, type PartFlow } from './part-flow.js';
import { paddingOf } from './ruled-grid.js';
import { FormReader } from './appendix-forms.js';
import { Commented, type Value } from './yaml-emit.js';

/**
 * 第六部分 附件 as the data file's `appendix`: 一、部门整体 (its result's title, the blocks of text,
 * the 部门整体绩效自评表) and 二、the projects ("N. heading", the result's title, blocks, 项目自评表),
 * read from the part's flow: headings in the sans bold face, the result's title a bold centred
 * line, the form's title the lines printed larger than the text above its grid; the 备注 under
 * each form is the form set's own wording and is not read.
 */

interface Entry {
  doc: { [key: string]: Value };
  lines: FlowLine[];
  page: number;
  form?: FormReader;
}

const PROJECT = /^\d+[.．、]\s*/;

export function readAppendix(part: Part, flow: PartFlow, file: string): { appendix?: { [key: string]: Value }; findings: Diagnostic[] } {
  const findings: Diagnostic[] = [];
  const finding = (page: number, what: string) =>
    findings.push({ severity: 'warning', rule: 'import-part-unread', message: `第${page}页 第六部分 附件：${what}，需手工补录`, file });
  const pad = paddingOf(flow.tables);
  let overall: Entry | undefined;
  const projects: Entry[] = [];
  let entry: Entry | undefined;
  let section: 0 | 1 | 2 = 0;
  // Set by onHeading too: an object, so that the loop below reads what the closure wrote.
  const state: { mode: 'heading' | 'title' | 'blocks' | 'form' } = { mode: 'heading' };
  let heading: FlowLine | undefined;
  let formTitle: FlowLine[] = [];
  const centred = (l: FlowLine) => Math.abs(l.x0 - flow.left - (flow.right - l.x1)) < 1.5 * l.fontSize;
  const startForm = () => {
    if (!entry || formTitle.length === 0) return;
    entry.form = new FormReader(entry === overall ? 'overall' : 'project', formTitle.map((l) => l.text).join(''), file, pad);
    formTitle = [];
  };
  const onHeading = (text: string, page: number) => {
    if (/^一、/.test(text) && /整体/.test(text)) {
      section = 1;
      entry = overall = { doc: {}, lines: [], page };
      state.mode = 'title';
    } else if (/^二、/.test(text) && /项目/.test(text)) {
      section = 2;
      entry = undefined;
      state.mode = 'heading';
    } else if (section === 2 && PROJECT.test(text)) {
      entry = { doc: { heading: text.replace(PROJECT, '') }, lines: [], page };
      projects.push(entry);
      state.mode = 'title';
    } else finding(page, `标题“${text.slice(0, 30)}”不是附件的一节，未读入`);
  };

  for (const item of flow.items) {
    if (item.kind === 'row') {
      if (state.mode === 'form' && formTitle.length > 0) startForm();
      if (entry?.form) entry.form.row(item);
      else finding(item.page, '表格之前未见自评表的标题');
      continue;
    }
    const l = item;
    // A heading wrapped over lines: the lines after its first stand at the left margin.
    if (l.style === 'heading') {
      if (heading && l.x0 < flow.left + 0.9 * l.fontSize && l.page === heading.page) {
        heading.text += l.text;
        continue;
      }
      if (heading) onHeading(heading.text, heading.page);
      heading = { ...l };
      continue;
    }
    if (heading) {
      onHeading(heading.text, heading.page);
      heading = undefined;
    }
    if (!entry) {
      finding(l.page, `“${l.text.slice(0, 20)}”不在附件的任何一节之下，未读入`);
      continue;
    }
    if (state.mode === 'title') {
      if (l.style === 'bold' && centred(l)) {
        entry.doc.result_title = ((entry.doc.result_title as string | undefined) ?? '') + l.text;
        continue;
      }
      state.mode = 'blocks';
    }
    if (state.mode === 'blocks' && l.fontSize > flow.size * 1.05) state.mode = 'form';
    if (state.mode === 'blocks') {
      entry.lines.push(l);
      continue;
    }
    // The form: its title (larger than the text), the unit line above its grid, then 续 titles and 备注.
    if (l.fontSize > flow.size * 1.05 && !entry.form) formTitle.push(l);
    else if (/^单位名称[：:]/.test(l.text)) {
      startForm();
      entry.form?.unitLine(l.text);
    }
  }
  if (heading) onHeading(heading.text, heading.page);

  const finish = (e: Entry): { [key: string]: Value } => {
    const blocks: Block[] = blocksOf(e.lines, flow);
    if (!e.doc.result_title) finding(e.page, `${String(e.doc.heading ?? '部门整体')}：未找到自评结果的标题`);
    if (!e.form) finding(e.page, `${String(e.doc.heading ?? '部门整体')}：未找到自评表`);
    else findings.push(...e.form.findings);
    return { ...e.doc, blocks: blocks as Value[], ...(e.form ? { form: e.form.done() } : {}) };
  };
  if (!overall) {
    finding(part.page, '未找到“一、…整体绩效自评结果和自评表”');
    return { findings };
  }
  // Each result with the page it starts on, as a reader of the file looks it up in the report.
  const where = (e: Entry, i?: number) => [`第${e.page}页${i === undefined ? '' : `：${i + 1}. ${String(e.doc.heading)}`}`];
  return { appendix: { overall: new Commented(where(overall), finish(overall)), projects: projects.map((p, i) => new Commented(where(p, i), finish(p))) }, findings };
}
