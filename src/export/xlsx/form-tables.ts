import type { Calculated } from '../../calculate/index.js';
import { parseMarkup, inlineText } from '../../layout/parse-markup.js';
import type { TableBlock } from '../../layout/markup-model.js';
import type { TableEntry } from '../../model/tables.js';
import { toMarkup } from '../../render.js';

export interface FormTable {
  entry: TableEntry;
  block: TableBlock;
}

/**
 * The nine tables of 第二部分 exactly as the report prints them: the report's own markup (shared
 * templates with the form set's over them), so the workbook's headers, rows and blanks come from
 * the one source the PDF does. A table is known by its 目录 line, which the form set makes unique.
 */
export function formTables(calc: Calculated): FormTable[] {
  const tables = new Map<string, TableBlock>();
  for (const section of parseMarkup(toMarkup(calc)).sections) {
    for (const block of section.blocks) if (block.kind === 'table' && block.tocText) tables.set(block.tocText, block);
  }
  return calc.loaded.profile.tables.map((entry) => {
    const block = tables.get(entry.toc);
    if (!block) throw new Error(`table ${entry.key} (${entry.toc}) not found in the report's markup`);
    return { entry, block };
  });
}

export { inlineText };
