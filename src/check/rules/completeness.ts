import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../load/diagnostics.js';
import type { CheckContext } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { TABLE_NAMES, type TableKey } from '../tables.js';

/**
 * The nine tables of 第二部分 are all published. The schema already requires t01–t06 and t09; an
 * empty 公开07/08 is fine (it prints with its "本部门…无…" note). What remains: a 收入/支出/一般公共预算
 * 支出 table with no rows at all, which a department that spent money cannot have.
 */
const MUST_HAVE_ROWS: TableKey[] = ['t02', 't03', 't05'];

export const completenessRules: RuleFamily = {
  family: 'completeness',
  rules: [
    {
      id: 'tables-present',
      description: '公开01–09 九张表齐全；公开02、03、05 不能是空表（公开07、08 可为空表，印说明）',
      run: (ctx: CheckContext) => {
        const out: Diagnostic[] = [];
        for (const key of Object.keys(TABLE_NAMES) as TableKey[]) {
          if (ctx.tables[key] === undefined || (ctx.model.tables as Record<string, unknown>)[key] === undefined) {
            out.push(ctx.diagnostic({ severity: 'error', rule: 'tables-present', message: `${TABLE_NAMES[key]}：数据中缺少这张表（tables.${key}）`, at: ['tables'] }));
          }
        }
        for (const key of MUST_HAVE_ROWS) {
          const t = ctx.tables[key] as unknown as ClassTable<string> | undefined;
          if (!t || t.rows.length > 0) continue;
          out.push(
            ctx.diagnostic({
              severity: 'error',
              rule: 'tables-present',
              message: `${TABLE_NAMES[key]}：表中没有任何科目行（tables.${key}.rows 为空）；部门有收支时这张表不能为空`,
              at: ['tables', key],
            }),
          );
        }
        return out;
      },
    },
  ],
};
