import { Decimal } from 'decimal.js';
import { reasonOf, v, type SectionContext } from '../context.js';
import type { Path } from '../figures.js';
import type { SectionOutput, ThreePublicLine } from '../types.js';

const THREE_PUBLIC_LABELS = {
  overseas: '因公出国(境)费',
  vehicle: '公务用车购置及运行维护费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  reception: '公务接待费',
} as const;

/** The items as messages name them (the labels above are what prints, as the published text has them). */
const THREE_PUBLIC_NAMES = {
  overseas: '因公出国（境）费',
  vehicle: '公务用车购置及运行维护费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行维护费',
  reception: '公务接待费',
} as const;
const TP_NAME = '“三公”经费';

type Item = 'overseas' | 'vehicle_purchase' | 'vehicle_operation' | 'reception';

/**
 * 九 财政拨款“三公”经费: （一） the total against its budget (年初 or 调整后, as the data says) and last
 * year; （二） each item, the vehicle pair together, the 运行费 breakdown and the vehicles held.
 */
export function computeThreePublic(ctx: SectionContext): SectionOutput {
  const { book, tables, ex, root: X, tableName, year } = ctx;
  const tp = ex.three_public;
  const TP: Path = [...X, 'three_public'];
  const basis = tp?.budget_basis ?? '调整后预算';
  const t9a = tables.three_public.actual;
  const t9b = tables.three_public.budget;
  const zero = new Decimal(0);
  const itemBudget = (key: Item): Decimal => {
    const given = tp?.[key]?.budget?.value;
    if (given !== undefined) return given;
    // not stated: the table's 预算数 is the budget the text names (whichever basis it says)
    return v(t9b[key]) ?? zero;
  };
  const budgetPath = (key: string): Path => (tp?.[key as 'overseas']?.budget ? [...TP, key, 'budget'] : ['tables', 'three_public', 'budget', key]);
  const itemTerm = basis;
  const tpLine = (key: Item): ThreePublicLine => {
    const d = tp?.[key];
    const subject = THREE_PUBLIC_NAMES[key];
    const actual = book.amount(`three_public.${key}.actual`, `${subject}决算数`, v(t9a[key]) ?? zero, `${tableName('three_public')} 决算数 ${THREE_PUBLIC_LABELS[key]}`, {}, ['tables', 'three_public', 'actual', key]);
    const budget = book.amount(`three_public.${key}.budget`, `${subject}预算数`, itemBudget(key), `${basis}（${d?.budget ? '数据' : t9b[key] ? `${tableName('three_public')} 预算数` : '未填，按0'}）`, {}, budgetPath(key));
    const completion = book.completion(`three_public.${key}`, subject, actual, budget)!;
    const change = d?.last_year ? book.change(`three_public.${key}`, subject, actual, d.last_year.value, [...TP, key, 'last_year']) : undefined;
    const reason = reasonOf(d?.reason, [...TP, key, 'reason']);
    const op = key === 'vehicle_operation' ? tp?.vehicle_operation : undefined;
    const breakdown = (op?.breakdown ?? []).map((b, j) => ({
      label: b.label,
      amount: book.amount(`three_public.vehicle_operation.breakdown.${j + 1}`, `公务用车运行维护费中${b.label}`, b.amount?.value ?? zero, '运行费明细（数据）', {}, [...TP, 'vehicle_operation', 'breakdown', j, 'amount']),
    }));
    return {
      key,
      label: d?.label ?? THREE_PUBLIC_LABELS[key],
      actual,
      budget,
      completion,
      change,
      reason,
      showCompletion: !completion.zeroBase || completion.rate.pinned !== undefined || !reason,
      showBudgetChange: completion.direction === 'down',
      breakdown,
    };
  };
  const overseas = tpLine('overseas');
  const purchase = tpLine('vehicle_purchase');
  const operation = tpLine('vehicle_operation');
  const reception = tpLine('reception');
  const vehicleActual = book.amount(
    'three_public.vehicle.actual',
    `${THREE_PUBLIC_NAMES.vehicle}决算数`,
    t9a.vehicle_subtotal?.value ?? purchase.actual.value!.plus(operation.actual.value!),
    t9a.vehicle_subtotal ? `${tableName('three_public')} 决算数 公务用车购置及运行维护费小计` : '公务用车购置费 + 公务用车运行维护费',
  );
  const vehicleBudget = book.amount(
    'three_public.vehicle.budget',
    `${THREE_PUBLIC_NAMES.vehicle}预算数`,
    tp?.vehicle_purchase?.budget || tp?.vehicle_operation?.budget || basis === '年初预算' ? purchase.budget.value!.plus(operation.budget.value!) : (v(t9b.vehicle_subtotal) ?? purchase.budget.value!.plus(operation.budget.value!)),
    '公务用车购置费预算 + 公务用车运行维护费预算',
  );
  const vehicleCompletion = book.completion('three_public.vehicle', THREE_PUBLIC_NAMES.vehicle, vehicleActual, vehicleBudget)!;
  const vehicleReason = reasonOf(tp?.vehicle?.reason, [...TP, 'vehicle', 'reason']);
  const vehicle: ThreePublicLine = {
    key: 'vehicle',
    label: tp?.vehicle?.label ?? THREE_PUBLIC_LABELS.vehicle,
    actual: vehicleActual,
    budget: vehicleBudget,
    completion: vehicleCompletion,
    reason: vehicleReason,
    showCompletion: !vehicleCompletion.zeroBase || vehicleCompletion.rate.pinned !== undefined || !vehicleReason,
    showBudgetChange: vehicleCompletion.direction === 'down',
    breakdown: [],
  };
  const itemBudgetSumValue = [overseas, purchase, operation, reception].reduce((a, l) => a.plus(l.budget.value!), zero);
  const itemBudgetSum = book.amount('three_public.item_budget_sum', `${TP_NAME}各项预算之和`, itemBudgetSumValue, 'Σ 各项预算');
  const tpBudgetValue = tp?.budget?.value ?? (basis === '调整后预算' && t9b.total ? t9b.total.value : itemBudgetSumValue);
  const tpBudget = book.amount('three_public.budget', `${TP_NAME}预算数`, tpBudgetValue, tp?.budget ? `${basis}（数据）` : basis === '调整后预算' && t9b.total ? `${tableName('three_public')} 预算数 合计` : 'Σ 各项预算', {}, tp?.budget ? [...TP, 'budget'] : ['tables', 'three_public', 'budget', 'total']);
  const tpActualValue = t9a.total?.value ?? [overseas, vehicle, reception].reduce((a, l) => a.plus(l.actual.value!), zero);
  const tpActual = book.amount('three_public.actual', `${TP_NAME}决算数`, tpActualValue, t9a.total ? `${tableName('three_public')} 决算数 合计` : 'Σ 各项决算', {}, ['tables', 'three_public', 'actual', 'total']);
  const tpVehicles = tp?.vehicles
    ? {
        held: tp.vehicles.held === undefined ? undefined : book.count('three_public.vehicles.held', '年末公务用车保有量', tp.vehicles.held, '年末公务用车保有量（数据）', [...TP, 'vehicles', 'held']),
        fiscalHeld: tp.vehicles.fiscal_held === undefined ? undefined : book.count('three_public.vehicles.fiscal_held', '开支财政拨款的公务用车保有量', tp.vehicles.fiscal_held, '开支财政拨款的公务用车保有量（数据）', [...TP, 'vehicles', 'fiscal_held']),
      }
    : undefined;
  return {
    threePublic: {
      none: tpActualValue.isZero() && tpBudgetValue.isZero(),
      basis,
      budgetTerm: tp?.budget_term ?? basis,
      itemTerm,
      budget: tpBudget,
      itemBudgetSum,
      tableBudget: t9b.total,
      actual: tpActual,
      completion: book.completion('three_public', TP_NAME, tpActual, tpBudget),
      change: book.change('three_public', TP_NAME, tpActual, v(tp?.last_year), [...TP, 'last_year']),
      reason: reasonOf(tp?.reason, [...TP, 'reason']),
      overseas,
      vehicle,
      purchase,
      operation,
      reception,
      vehicles: tpVehicles,
      yearEnd: `${year}年12月31日`,
    },
  };
}
