import type { PrintedText } from '../model/printed-text.js';
import type { ReadReport } from './read-report.js';
import type { NarrativeSection } from './narrative-text.js';

/**
 * What a PDF prints, as the rules that read printed words take it (src/model/printed-text.ts): the
 * cover, part titles, 第三部分's and the other parts' headings and paragraphs, each table's title,
 * header lines and notes, with their pages. `sectionIds` names 第三部分's sections by the form set's
 * ids, in the order printed.
 */
export function printedText(report: ReadReport, sectionIds: readonly (string | undefined)[] = []): PrintedText[] {
  const out: PrintedText[] = [];
  const nfc = (s: string) => s.normalize('NFC');
  for (const line of report.cover) out.push({ text: nfc(line), kind: 'cover', page: 1 });
  for (const p of report.parts) out.push({ text: nfc(`第${'一二三四五六七八九十'[p.number - 1] ?? p.number}部分 ${p.title}`), kind: 'title', page: p.page });
  const sections = (list: NarrativeSection[], ids: readonly (string | undefined)[]) =>
    list.forEach((s, i) => {
      const section = ids[i];
      const tag = section ? { section } : {};
      if (s.heading) out.push({ text: nfc(s.heading), kind: 'heading', page: s.page, ...tag });
      for (const p of s.paragraphs) out.push({ text: nfc(p.text), kind: 'paragraph', page: p.page, ...tag });
      for (const sub of s.subsections) {
        out.push({ text: nfc(sub.heading), kind: 'heading', page: sub.page, ...tag });
        for (const p of sub.paragraphs) out.push({ text: nfc(p.text), kind: 'paragraph', page: p.page, ...tag });
      }
    });
  for (const part of report.partTexts) sections(part.sections, []);
  sections(report.narrative, sectionIds);
  for (const t of report.tables) {
    const page = t.pages[0];
    out.push({ text: nfc(t.title), kind: 'table-title', page, section: t.form });
    for (const row of t.header) out.push({ text: nfc(row.map((c) => c.text).join(' ')), kind: 'table-header', page, section: t.form });
    for (const note of t.notes) out.push({ text: nfc(note), kind: 'table-note', page: t.pages.at(-1), section: t.form });
  }
  return out;
}
