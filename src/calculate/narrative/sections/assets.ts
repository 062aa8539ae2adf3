import type { SectionContext } from '../context.js';
import type { Path } from '../figures.js';
import type { SectionOutput } from '../types.js';

/** 十二 国有资产占用: vehicles by kind and their total, large equipment (absent data: the heading only). */
export function computeAssets(ctx: SectionContext): SectionOutput {
  const { book, ex, root: X } = ctx;
  const as = ex.assets;
  if (!as) return {};
  const AS: Path = [...X, 'assets'];
  const vehicles = as.vehicles.map((x, i) => ({ label: x.label, count: book.count(`assets.vehicles.${i + 1}`, `${x.label}数量`, x.count, `${x.label}（数据）`, [...AS, 'vehicles', i, 'count']) }));
  const sum = vehicles.reduce((a, x) => a + x.count.value!.toNumber(), 0);
  return {
    assets: {
      total: book.count('assets.vehicles', '车辆总数', vehicles.length ? sum : (as.vehicles_total ?? 0), vehicles.length ? 'Σ 各类车辆' : '车辆总数（数据）', [...AS, 'vehicles']),
      stated: as.vehicles_total !== undefined && vehicles.length ? book.count('assets.vehicles_stated', '所填车辆总数', as.vehicles_total, '车辆总数（数据）', [...AS, 'vehicles_total']) : undefined,
      vehicles,
      largeEquipment: as.large_equipment === undefined ? undefined : book.count('assets.large_equipment', '单价100万元以上设备数', as.large_equipment, '单价100万元以上设备（数据）', [...AS, 'large_equipment']),
      yearEnd: `${ctx.year}年12月31日`,
    },
  };
}
