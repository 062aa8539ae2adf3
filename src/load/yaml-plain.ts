/**
 * Plain (unquoted) scalars as the yaml package reads them under the YAML 1.2 core schema
 * (its schema/core tags): which text is null, a boolean, a number or a string.
 */

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const NUMBER =
  /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;

export type CoreType = 'null' | 'true' | 'false' | 'number' | 'string';

/** The type of a non-empty plain scalar. Only the first character decides which test can match. */
export function coreType(s: string): CoreType {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 45 /* - */ || c === 43 /* + */ || c === 46 /* . */) return NUMBER.test(s) ? 'number' : 'string';
  if (c === 126 /* ~ */ || c === 110 /* n */ || c === 78 /* N */) return NULL.test(s) ? 'null' : 'string';
  if (c === 116 /* t */ || c === 84 /* T */) return TRUE.test(s) ? 'true' : 'string';
  if (c === 102 /* f */ || c === 70 /* F */) return FALSE.test(s) ? 'false' : 'string';
  return 'string';
}

const SPACE = 32;
const NL = 10;

/** Characters that give a plain scalar's first character another meaning: - ? : , [ ] { } # & * ! | > ' " % @ ` */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));

export const isIndicator = (c: number): boolean => INDICATOR.has(c);

/**
 * May a plain scalar start with `c`, followed by `next`? Not with an indicator, except a dash
 * before an ordinary character (a negative number, say). YAML allows more; this reader need not.
 */
export function canStartPlain(c: number, next: number): boolean {
  if (!INDICATOR.has(c)) return true;
  return c === 45 && next === next && next !== NL && next !== SPACE && !INDICATOR.has(next);
}

/** Does a plain scalar's text hold a colon that makes it a mapping key (`: ` or a final `:`)? */
export function hasValueColon(s: string): boolean {
  return s.includes(': ') || s.endsWith(':');
}

/** Drops trailing spaces, and only spaces (trimEnd would also take U+3000, which YAML keeps). */
export function trimSpaces(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === SPACE) n--;
  return n === s.length ? s : s.slice(0, n);
}
