import type { Diagnostic } from '../model/diagnostics.js';
import type { Part } from './outline.js';
import { blocksOf, type FlowLine, type PartFlow } from './part-flow.js';
import { cellParagraphs, cellText, paddingOf } from './ruled-grid.js';
import type { Value } from './yaml-emit.js';

/**
 * 第四部分 重点工作完成情况 as the data file's `key_work`: the heading (the part's title), the areas
 * (一、title, then its one-paragraph summary) and the table 序号 | 重要事项 | 工作内容及目标 | 完成情况,
 * each goal and result a paragraph of its cell. What does not fit that shape is a finding.
 */

const ORDINAL = /^[一二三四五六七八九十]{1,3}、\s*/;
const HEADER = ['序号', '重要事项', '工作内容及目标', '完成情况'];

export function readKeyWork(part: Part, flow: PartFlow, file: string): { keyWork?: { [key: string]: Value }; findings: Diagnostic[] } {
  const findings: Diagnostic[] = [];
  const finding = (page: number, what: string) =>
    findings.push({ severity: 'warning', rule: 'import-part-unread', message: `第${page}页 第四部分 ${part.title}：${what}，需手工补录`, file });
  const areas: Value[] = [];
  let title: string | undefined;
  let text: FlowLine[] = [];
  const close = () => {
    if (title === undefined) {
      if (text.length > 0) finding(text[0]!.page, `“${text[0]!.text.slice(0, 20)}”不在任何“一、…”之下，未读入`);
    } else {
      // The summary is in the size of its first line: text in another size is a table's whose lines were not found.
      const size = text[0]?.fontSize ?? 0;
      const blocks = blocksOf(
        text.filter((l) => Math.abs(l.fontSize - size) <= 0.12 * size),
        flow,
      );
      if (blocks.length !== 1 || typeof blocks[0] !== 'string') finding(text[0]?.page ?? part.page, `“${title}”之下应为一段概述`);
      areas.push({ title, summary: blocks.map((b) => (typeof b === 'string' ? b : 'line' in b ? b.line : b.h)).join('') });
    }
    text = [];
  };
  const table: Value[] = [];
  const pad = paddingOf(flow.tables);
  for (const item of flow.items) {
    if (item.kind === 'line') {
      if (item.style === 'heading' && ORDINAL.test(item.text)) {
        close();
        title = item.text.replace(ORDINAL, '');
      } else text.push(item);
      continue;
    }
    const texts = item.cells.map(cellText);
    if (HEADER.every((h, i) => texts[i] === h)) continue;
    const byCol = (c: number) => item.cells.find((x) => x.col === c);
    const no = cellText(byCol(0));
    if (item.cells.length !== 4 || !/^\d+$/.test(no)) {
      finding(item.page, `表中一行（${texts.join('｜').slice(0, 30)}）不是“序号｜重要事项｜工作内容及目标｜完成情况”，未读入`);
      continue;
    }
    table.push({ no: Number(no), matter: cellText(byCol(1)), goals: cellParagraphs(byCol(2), pad), results: cellParagraphs(byCol(3), pad) });
  }
  close();
  if (table.length === 0) finding(part.page, '未能从表格线读出“序号｜重要事项｜工作内容及目标｜完成情况”表');
  return { keyWork: { heading: part.title, areas, table }, findings };
}
