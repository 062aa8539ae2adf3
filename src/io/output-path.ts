import { relative, resolve, basename, join, sep } from 'node:path';

/** data/2023/x.yaml → output/2023/x.pdf; a file outside data/ → output/<basename>.pdf. */
export function defaultOutputPath(input: string, cwd = process.cwd()): string {
  const rel = relative(resolve(cwd, 'data'), resolve(cwd, input));
  const stem = (p: string) => p.replace(/\.ya?ml$/i, '');
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)) {
    return join('output', `${stem(rel)}.pdf`);
  }
  return join('output', `${stem(basename(input))}.pdf`);
}

/**
 * path/to/x.pdf → x.yaml in the current folder, as unpacking tools do: named after the PDF the
 * user gave (never after a name inside it, which a doctored PDF could make `package.json`).
 */
export function defaultExtractPath(input: string): string {
  const stem = basename(input).replace(/\.pdf$/i, '');
  return `${stem || 'source'}.yaml`;
}
