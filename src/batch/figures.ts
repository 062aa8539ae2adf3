import { Decimal } from 'decimal.js';
import type { Calculated } from '../calculate/index.js';
import { val, type Amount } from '../model/amount.js';
import type { Cells } from '../calculate/tables.js';
import type { ThreePublicColumn } from '../model/tables.js';
import type { DepartmentFigures, ThreePublicFigures } from './manifest-shape.js';

/** Exact, without exponent notation or rounding. */
const exact = (d: Decimal): string => d.toFixed();

/**
 * One 三公 block as the form means it: the 小计 when given, else 购置费 + 运行维护费; the 合计
 * when given, else the sum of its three items (the checker reports any disagreement).
 */
function threePublicBlock(cells: Cells<ThreePublicColumn>): ThreePublicFigures {
  const vehicle = cells.vehicle_subtotal ? val(cells.vehicle_subtotal) : val(cells.vehicle_purchase).plus(val(cells.vehicle_operation));
  const total = cells.total ? val(cells.total) : val(cells.overseas).plus(vehicle).plus(val(cells.reception));
  return { total: exact(total), overseas: exact(val(cells.overseas)), vehicle: exact(vehicle), reception: exact(val(cells.reception)) };
}

/** What the batch summary adds up over a district's departments, from one calculated report. */
export function departmentFigures(calc: Calculated): DepartmentFigures {
  const { summary, three_public } = calc.tables;
  const amount = (a: Amount | undefined) => exact(val(a));
  return {
    income: amount(summary.incomeTotal),
    expenditure: amount(summary.expenditureTotal),
    threePublic: { budget: threePublicBlock(three_public.budget), actual: threePublicBlock(three_public.actual) },
  };
}
