/** 2024-10-25 → 2024年10月25日 (numbers: src/model/number-format.ts) */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
