import type { Block } from '../../load/schema-parts.js';
import type { Figure, Path } from './figures.js';

/** `{performance.count}`, `{rate}`: a figure quoted inside the department's free text. */
export const PLACEHOLDER = /\{([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\}/g;

export interface PlaceholderProblem {
  id: string;
  path: Path;
  text: string;
}

/**
 * Replaces every `{id}` with the figure's printed text. `local` maps short names ("rate") to
 * figure ids of the enclosing item; an unknown id stays as written and is reported.
 */
export function substitute(
  s: string,
  lookup: (id: string) => Figure | undefined,
  path: Path,
  problems: PlaceholderProblem[],
  local: Record<string, string> = {},
): string {
  return s.replace(PLACEHOLDER, (whole, name: string) => {
    const id = local[name] ?? name;
    const f = lookup(id);
    if (!f || f.text === undefined) {
      problems.push({ id: name, path, text: s });
      return whole;
    }
    return f.text;
  });
}

export function substituteBlocks(
  blocks: Block[] | undefined,
  lookup: (id: string) => Figure | undefined,
  path: Path,
  problems: PlaceholderProblem[],
  local: Record<string, string> = {},
): Block[] {
  return (blocks ?? []).map((b, i) => {
    const at = [...path, i];
    if (typeof b === 'string') return substitute(b, lookup, at, problems, local);
    const [key, value] = Object.entries(b)[0] as [string, string];
    return { [key]: substitute(value, lookup, [...at, key], problems, local) } as Block;
  });
}
