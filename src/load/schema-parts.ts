import { z } from 'zod';
import { NumLit } from './parsed.js';
import { amountFromText, type Amount } from '../model/amount.js';
import { isGroupedNumber, thousandsMessage } from './thousands-commas.js';

/** How a wrong value is named in a message: never the loader's internals. */
export function describeValue(v: unknown): string {
  if (v instanceof NumLit) return v.source;
  if (Array.isArray(v)) return '列表';
  if (v !== null && typeof v === 'object') return '映射';
  return JSON.stringify(v);
}

/** A required field that is absent: report it as missing, not as a wrong value. */
function missing(v: unknown, ctx: z.RefinementCtx): boolean {
  if (v !== undefined) return false;
  ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, message: '缺少必填字段' } as never);
  return true;
}

/** Amounts in 万元: at most two decimals, as the 决算 system publishes them. */
const AMOUNT_RE = /^\d+(\.\d{1,2})?$/;

/** An optional amount; omitted or `~` is a blank cell. */
export const amount = () =>
  z
    .any()
    .transform((v, ctx): Amount | undefined => {
      if (v === null || v === undefined) return undefined;
      if (v instanceof NumLit) {
        const s = v.source.trim();
        if (s.startsWith('-')) {
          ctx.addIssue({ code: 'custom', message: `金额不能为负数：${s}` });
          return z.NEVER;
        }
        if (!AMOUNT_RE.test(s)) {
          const m = /\.(\d+)$/.exec(s);
          ctx.addIssue({
            code: 'custom',
            message: m && m[1].length > 2 ? `金额以万元为单位，最多两位小数：${s}` : `金额格式不正确：${s}（应写作 1234.56）`,
          });
          return z.NEVER;
        }
        return amountFromText(s, v.line, v.column);
      }
      if (typeof v === 'string' && isGroupedNumber(v)) {
        ctx.addIssue({ code: 'custom', message: `${thousandsMessage(v.trim())}，而不是 ${describeValue(v)}` });
        return z.NEVER;
      }
      ctx.addIssue({ code: 'custom', message: `金额应为数字（万元，最多两位小数），而不是 ${describeValue(v)}` });
      return z.NEVER;
    })
    .meta({ description: '金额（万元，最多两位小数）', type: ['number', 'null'] } as Record<string, unknown>)
    .optional();

/** A 功能分类/经济分类 code, written bare or quoted: always text. */
export const code = () =>
  z
    .any()
    .transform((v, ctx) => {
      if (missing(v, ctx)) return z.NEVER;
      const s = v instanceof NumLit ? v.source : typeof v === 'string' ? v.trim() : undefined;
      if (s === undefined || !/^\d{3}(\d{2}){0,2}$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `科目编码应为 3、5 或 7 位数字，而不是 ${describeValue(v)}` });
        return z.NEVER;
      }
      return s;
    })
    .meta({ description: '科目编码（类 3 位、款 5 位、项 7 位）', type: ['string', 'integer'] } as Record<string, unknown>);

/** Free text; a number written bare (e.g. `actual: 15398`) is kept exactly as written. */
export const text = () =>
  z
    .any()
    .transform((v, ctx) => {
      if (missing(v, ctx)) return z.NEVER;
      if (v instanceof NumLit) return v.source;
      if (typeof v === 'string') return v;
      if (typeof v === 'boolean') return String(v);
      ctx.addIssue({ code: 'custom', message: `应为文字，而不是 ${Array.isArray(v) ? '列表' : typeof v === 'object' && v ? '映射' : JSON.stringify(v)}` });
      return z.NEVER;
    })
    .meta({ type: ['string', 'number'] } as Record<string, unknown>);

/**
 * A calendar date written YYYY-MM-DD that exists (2024-02-29 does, 2023-02-29 does not). Checked
 * here because Date.parse rolls an impossible day over into the next month, so the cover and the
 * PDF's metadata would print two different dates.
 */
export const date = () =>
  text().transform((s, ctx) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `日期应写作 YYYY-MM-DD（如 2024-10-25），而不是 ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    const problem = impossibleDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `日期 ${s} 不存在：${problem}` });
      return z.NEVER;
    }
    return s;
  });

/** Why year-month-day is not a day of the Gregorian calendar, or undefined when it is one. */
export function impossibleDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2999) return `年份 ${year} 不在 1900–2999 之间`;
  if (month < 1 || month > 12) return `月份应为 01–12，而不是 ${String(month).padStart(2, '0')}`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day < 1) return '日应从 01 起';
  if (day > days) return `${year}年${month}月只有 ${days} 天`;
  return undefined;
}

/** A small whole number (year, weight, score, 序号). */
export const int = () =>
  z
    .any()
    .transform((v, ctx) => {
      if (missing(v, ctx)) return z.NEVER;
      const s = v instanceof NumLit ? v.source : typeof v === 'string' ? v : '';
      if (!/^\d+$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `应为整数，而不是 ${describeValue(v)}` });
        return z.NEVER;
      }
      return Number(s);
    })
    .meta({ type: 'integer' } as Record<string, unknown>);

/** A score as printed: a number (may have decimals), with 分 when the form prints it so ("39分"). */
export const score = () =>
  z
    .any()
    .transform((v, ctx) => {
      if (v === null || v === undefined) return undefined;
      const s = v instanceof NumLit ? v.source : typeof v === 'string' ? v.trim() : '';
      if (!/^\d+(\.\d+)?分?$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: `得分应为数字，而不是 ${describeValue(v)}` });
        return z.NEVER;
      }
      return s;
    })
    .optional()
    .meta({ anyOf: [{ type: ['number', 'null'] }, { type: 'string', pattern: '^\\d+(\\.\\d+)?分$' }] } as Record<string, unknown>);

/** Free-text sections: paragraphs, unindented lines, run-in headings. */
export const block = () =>
  z.union([
    text(),
    z.strictObject({ line: text() }),
    z.strictObject({ h: text() }),
    z.strictObject({ h2: text() }),
    z.strictObject({ h3: text() }),
  ]);
export const blocks = () => z.array(block());
export type Block = z.output<ReturnType<typeof block>>;
