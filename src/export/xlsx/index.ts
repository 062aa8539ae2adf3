import type { Calculated } from '../../calculate/index.js';
import { documentMeta } from '../../template/view.js';
import { formTables } from './form-tables.js';
import { buildWorkbook } from './workbook.js';
import { fixZipDates } from './zip-dates.js';

/** The marker in the workbook's keywords that names the form set, read back by `import`. */
export const PROFILE_KEYWORD = 'juesuan-profile:';

/**
 * The nine tables of a calculated report as one .xlsx workbook, one sheet per table in the
 * document's order. Same report, same bytes: every date in it is the report's date.
 */
export async function exportWorkbook(calc: Calculated): Promise<Buffer> {
  const { model, profile } = calc.loaded;
  const meta = documentMeta(model);
  // As the PDF: the publication date, or the end of the report's year.
  const date = new Date(`${model.cover.date ?? `${model.year}-12-31`}T00:00:00Z`);
  const wb = buildWorkbook(formTables(calc), {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: `${PROFILE_KEYWORD}${profile.name}`,
    date,
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipDates(bytes, date);
}
