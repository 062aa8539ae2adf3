import type { Diagnostic } from '../model/diagnostics.js';
import type { Locator } from './parsed.js';
import type { CatalogData } from './schema.js';

/**
 * What the schema cannot see in a catalog file: codes of the wrong shape, a 款 or 项 without its
 * 类 or 款, earlier names that are not earlier. Each
 * problem names the catalog file and line; a department checked against a broken catalog would
 * get findings that are the catalog's fault.
 */
export function catalogInconsistencies(data: CatalogData, name: string, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[], message: string) => out.push({ severity: 'error', rule: 'catalog-file', message, file: locator.file, ...locator.locate(path) });

  if (/^\d{4}$/.test(name) && Number(name) !== data.year) at(['year'], `科目目录文件 ${name}.yaml 的 year 为 ${data.year}，与文件名的年度不符`);

  const tree = (kind: 'functional' | 'economic', lengths: number[], label: string) => {
    const codes = data[kind];
    for (const code of Object.keys(codes)) {
      if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
        at([kind, code], `${label}编码 "${code}" 应为 ${lengths.join('、')} 位数字`);
        continue;
      }
      const parent = lengths.filter((n) => n < code.length).map((n) => code.slice(0, n)).find((p) => codes[p] === undefined);
      if (parent !== undefined) at([kind, code], `${label} ${code} ${codes[code]}：其上级科目 ${parent} 不在 ${kind} 中`);
    }
  };
  tree('functional', [3, 5, 7], '支出功能分类');
  tree('economic', [3, 5], '支出经济分类');

  for (const [code, names] of Object.entries(data.former_names)) {
    const current = data.functional[code];
    if (current === undefined) {
      at(['former_names', code], `former_names 中的 ${code} 不在 functional 中`);
      continue;
    }
    names.forEach((f, i) => {
      if (f.until >= data.year) at(['former_names', code, i, 'until'], `${code} 的旧名称“${f.name}”注明用到 ${f.until} 年，应早于本目录的年度 ${data.year}`);
      if (f.name === current) at(['former_names', code, i, 'name'], `${code} 的旧名称“${f.name}”与本年名称相同`);
    });
  }

  return out.slice(0, 20);
}
