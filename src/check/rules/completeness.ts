import type { ClassTable } from '../../calculate/tables.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import type { CheckContext } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { CLASS_TABLE_KEYS, TABLES, TABLE_KEYS } from '../../model/tables.js';

/**
 * The nine tables of 第二部分 are all published. The schema already requires all but the two
 * that may be empty (政府性基金, 国有资本经营: they print with their "本部门…无…" note). What
 * remains: a 收入/支出/一般公共预算支出 table with no rows at all, which a department that spent
 * money cannot have.
 */
const MUST_HAVE_ROWS = CLASS_TABLE_KEYS.filter((k) => !TABLES[k].mayBeEmpty);

export const completenessRules: RuleFamily = {
  family: 'completeness',
  rules: [
    {
      id: 'tables-present',
      description: `九张表齐全；${MUST_HAVE_ROWS.map((k) => TABLES[k].title).join('、')}不能是空表（其他按功能分类列示的表可为空表，印说明）`,
      run: (ctx: CheckContext) => {
        const out: Diagnostic[] = [];
        for (const key of TABLE_KEYS) {
          if (ctx.tables[key] === undefined || (ctx.model.tables as Record<string, unknown>)[key] === undefined) {
            out.push(ctx.diagnostic({ severity: 'error', rule: 'tables-present', message: `${ctx.tableName(key)}：数据中缺少这张表`, at: ['tables'] }));
          }
        }
        for (const key of MUST_HAVE_ROWS) {
          const t = ctx.tables[key] as unknown as ClassTable<string> | undefined;
          if (!t || t.rows.length > 0) continue;
          out.push(
            ctx.diagnostic({
              severity: 'error',
              rule: 'tables-present',
              message: `${ctx.tableName(key)}：表中没有任何科目行；部门有收支时这张表不能为空`,
              at: ['tables', key],
            }),
          );
        }
        return out;
      },
    },
  ],
};
