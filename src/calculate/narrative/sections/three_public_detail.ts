import { reasonOf, type SectionContext } from '../context.js';
import { rateFormula, shareName, type Path } from '../figures.js';
import type { SectionOutput } from '../types.js';
import { computeThreePublic } from './three_public.js';

/**
 * 七 “三公” with its counts (shanghai-2024): the section's figures, the budget's reason, the 公务用车
 * 小计 against last year, 团组 and 人次, vehicles bought, 接待 批次 and 人次 (外宾 included).
 */
export function computeThreePublicDetail(ctx: SectionContext): SectionOutput {
  const { threePublic } = computeThreePublic(ctx);
  if (!threePublic) return {};
  const { book, ex, root: X } = ctx;
  const tp = ex.three_public;
  const TP: Path = [...X, 'three_public'];
  const n = (id: string, value: number | undefined, what: string, path: Path) => (value === undefined ? undefined : book.count(`three_public.${id}`, what, value, `${what}（数据）`, [...TP, ...path]));
  const vehicleChange = tp?.vehicle?.last_year ? book.change('three_public.vehicle', '公务用车购置及运行维护费', threePublic.vehicle.actual, tp.vehicle.last_year.value, [...TP, 'vehicle', 'last_year']) : undefined;
  const rc = tp?.reception;
  const share = (key: string, part: { name: string; value?: import('decimal.js').Decimal }) =>
    book.percent(`three_public.${key}.share`, shareName(part.name, threePublic.actual.name), part.value, threePublic.actual.value, rateFormula(part.name, threePublic.actual.name));
  return {
    threePublic: {
      ...threePublic,
      vehicle: { ...threePublic.vehicle, change: vehicleChange },
      // 七（一）¶2: the items compared with last year, in the template's order and words
      changeLines: (
        [
          ['因公出国（境）费', threePublic.overseas.change, threePublic.overseas.reason],
          ['公务用车购置及运行维护费', vehicleChange, threePublic.vehicle.reason],
          ['公务接待费', threePublic.reception.change, threePublic.reception.reason],
        ] as const
      ).flatMap(([label, change, reason]) => (change ? [{ label, change, reason }] : [])),
      budgetReason: reasonOf(tp?.budget_reason, [...TP, 'budget_reason']),
      detail: {
        overseasShare: share('overseas', threePublic.overseas.actual),
        vehicleShare: share('vehicle', threePublic.vehicle.actual),
        receptionShare: share('reception', threePublic.reception.actual),
        groups: n('overseas.groups', tp?.overseas?.groups, '因公出国（境）团组', ['overseas', 'groups']),
        people: n('overseas.people', tp?.overseas?.people, '因公出国（境）人次', ['overseas', 'people']),
        content: tp?.overseas?.content?.trim().replace(/。$/, ''),
        purchasePurpose: tp?.vehicle_purchase?.purpose?.trim().replace(/。$/, ''),
        purchaseCount: n('vehicle_purchase.count', tp?.vehicle_purchase?.count, '购置公务用车', ['vehicle_purchase', 'count']),
        operationPurpose: tp?.vehicle_operation?.purpose?.trim().replace(/。$/, ''),
        receptionPurpose: rc?.purpose?.trim().replace(/。$/, ''),
        domestic: rc?.domestic ? book.amount('three_public.reception.domestic', '国内公务接待支出', rc.domestic.value, '国内公务接待支出（数据）', {}, [...TP, 'reception', 'domestic']) : undefined,
        foreign: rc?.foreign ? book.amount('three_public.reception.foreign', '外宾接待支出', rc.foreign.value, '外宾接待支出（数据）', {}, [...TP, 'reception', 'foreign']) : undefined,
        batches: n('reception.batches', rc?.batches, '接待批次', ['reception', 'batches']),
        receptionPeople: n('reception.people', rc?.people, '接待人次', ['reception', 'people']),
        foreignBatches: n('reception.foreign_batches', rc?.foreign_batches, '接待外宾批次', ['reception', 'foreign_batches']),
        foreignPeople: n('reception.foreign_people', rc?.foreign_people, '接待外宾人次', ['reception', 'foreign_people']),
      },
    },
  };
}
