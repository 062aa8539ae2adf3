import { z } from 'zod';

/** 第三部分 情况说明: the inputs the tables do not hold (last year, budgets, reasons). */
export const explanationSchema = z.strictObject({}).passthrough();
