/**
 * A small YAML writer for the department file `import` makes: block mappings and lists, table rows
 * as flow mappings on one line, strings double-quoted (JSON escapes are YAML's), amounts as the
 * printed decimals (`1679.00` stays `1679.00`: the file keeps what the report printed), and
 * comments before a key. Deterministic: keys in insertion order.
 */

/** An amount as printed, without separators: written bare, never through a float. */
export class Decimal {
  constructor(readonly text: string) {}
  /** In --dump-json: the printed decimal, as the rest of the read report gives amounts. */
  toJSON(): string {
    return this.text;
  }
}

/** A value with comment lines written above its key (or list item). */
export class Commented {
  constructor(
    readonly comment: string[],
    readonly value: Value,
  ) {}
  toJSON(): Value {
    return this.value;
  }
}

export type Value = string | number | boolean | null | Decimal | Commented | Value[] | { [key: string]: Value };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function key(k: string): string {
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}

function scalar(v: Value): string | undefined {
  if (v === null) return '~';
  if (v instanceof Decimal) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function isFlatMap(v: Value): v is { [key: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Decimal) && !(v instanceof Commented) && Object.values(v).every((x) => scalar(x) !== undefined);
}

function flow(v: { [key: string]: Value }): string {
  return `{${Object.entries(v)
    .map(([k, x]) => `${key(k)}: ${scalar(x)}`)
    .join(', ')}}`;
}

function comments(lines: string[], pad: string): string[] {
  return lines.flatMap((c) => c.split('\n')).map((c) => `${pad}# ${c}`.trimEnd());
}

function emit(v: Value, pad: string, out: string[], inList: boolean): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const inner = item instanceof Commented ? item.value : item;
      if (item instanceof Commented) out.push(...comments(item.comment, pad));
      const s = scalar(inner);
      if (s !== undefined) out.push(`${pad}- ${s}`);
      else if (isFlatMap(inner)) out.push(`${pad}- ${flow(inner)}`);
      else {
        const sub: string[] = [];
        emit(inner, `${pad}  `, sub, true);
        out.push(`${pad}- ${sub[0]!.trimStart()}`, ...sub.slice(1));
      }
    }
    return;
  }
  const map = v as { [key: string]: Value };
  for (const [k, raw] of Object.entries(map)) {
    const item = raw instanceof Commented ? raw.value : raw;
    if (raw instanceof Commented) out.push(...comments(raw.comment, pad));
    const s = scalar(item);
    if (s !== undefined) out.push(`${pad}${key(k)}: ${s}`);
    else if (Array.isArray(item) && item.length === 0) out.push(`${pad}${key(k)}: []`);
    else if (isFlatMap(item) && (Object.keys(item).length === 0 || inList)) out.push(`${pad}${key(k)}: ${flow(item)}`);
    else {
      out.push(`${pad}${key(k)}:`);
      emit(item, Array.isArray(item) ? `${pad}  ` : `${pad}  `, out, false);
    }
  }
}

export function toYaml(doc: { [key: string]: Value }, header: string[] = []): string {
  const out: string[] = [...comments(header, '')];
  emit(doc, '', out, false);
  return `${out.join('\n')}\n`;
}
