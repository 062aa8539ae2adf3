import type { HelperDelegate } from 'handlebars';
import type { Amount } from '../model/amount.js';
import { plainWrittenAmount } from '../model/number-format.js';

type HB = typeof import('handlebars');

/** Helpers of 第四、五、六部分 (the 重点工作 table, the 自评表). Formatting only. */
export function registerFormHelpers(hb: HB): void {
  const helpers: Record<string, HelperDelegate> = {
    /** 自评表 amounts: as written, no thousands separator (11314.64, 10.5, 1679). */
    formAmt: (a: Amount | undefined | null) => plainWrittenAmount(a),
    /**
     * A cell of several paragraphs (a list, or a text with line breaks): each escaped, joined by
     * <br/>. Blank for nothing.
     */
    cellLines: (v: unknown) => {
      const items = (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).flatMap((x) => String(x).split(/\r?\n/));
      return new hb.SafeString(items.map((s) => hb.escapeExpression(s)).join('<br/>'));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
