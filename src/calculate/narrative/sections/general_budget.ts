import type { ExplanationClass } from '../../../load/schema-explanation.js';
import type { Amount } from '../../../model/amount.js';
import { reasonOf, shared, v, type SectionContext } from '../context.js';
import { rateFormula, shareName, sumDefined, type Figure, type Path } from '../figures.js';
import type { ClassLine, ProjectLine, SectionOutput } from '../types.js';
import { expenditureTotal } from './expenditure.js';

/** 一般公共预算财政拨款 项目支出: 五（三）'s, and the base of 十三's coverage. */
export function generalBudgetProject(ctx: SectionContext): Figure {
  return shared(ctx, 'general_budget.project', () =>
    ctx.book.amount('general_budget.project', '一般公共预算财政拨款项目支出', v(ctx.tables.general_budget.total.project), `${ctx.tableName('general_budget')} 合计 项目支出`),
  );
}

/**
 * 五 一般公共预算财政拨款支出: （一） the total, its share and change; （二） the 类 and their shares;
 * （三） the budget and its completion, 基本/项目, the project lines, the per-类 budget paragraphs.
 */
export function computeGeneralBudget(ctx: SectionContext): SectionOutput {
  const { book, tables, ex, root: X, tableName } = ctx;
  const { catalog } = ctx.loaded;
  const gb = ex.general_budget;
  const GB: Path = [...X, 'general_budget'];
  const GB_NAME = '一般公共预算财政拨款支出';
  const gbTotal = book.amount('general_budget.total', GB_NAME, v(tables.general_budget.total.total), `${tableName('general_budget')} 合计 小计`);
  const all = expenditureTotal(ctx);
  const gbShare = book.percent('general_budget.share', shareName(GB_NAME, all.name), gbTotal.value, all.value, rateFormula(GB_NAME, all.name));
  const gbChange = book.change('general_budget', GB_NAME, gbTotal, v(gb?.last_year), [...GB, 'last_year']);

  // （二）（三） the 类: the data's order, then any non-zero 类 it left out (code order).
  const classRows = tables.general_budget.rows.filter((r) => r.level === '类' && r.cells.total && !r.cells.total.value.isZero());
  const rowByCode = new Map(classRows.map((r) => [r.code, r]));
  const listed = (gb?.classes ?? []).map((c, i) => ({ c, i }));
  const listedCodes = listed.map(({ c }) => c.code);
  const unlisted = classRows.filter((r) => !listedCodes.includes(r.code)).map((r) => ({ c: { code: r.code } as ExplanationClass, i: -1 }));
  const order = [...listed.filter(({ c }) => rowByCode.has(c.code)), ...unlisted];
  const classes: ClassLine[] = order.map(({ c, i }) => {
    const row = rowByCode.get(c.code)!;
    const name = catalog.functionalName(c.code) ?? row.name ?? c.code;
    const cp: Path = i >= 0 ? [...GB, 'classes', i] : [...GB];
    const subject = `${name}（${c.code}）`;
    const amount = book.amount(`general_budget.class.${c.code}.amount`, `${subject}决算数`, v(row.cells.total), `${tableName('general_budget')} ${c.code} 小计`);
    const share = book.percent(`general_budget.class.${c.code}.share`, shareName(subject, GB_NAME), amount.value, gbTotal.value, rateFormula(amount.name, GB_NAME));
    const line: ClassLine = { code: c.code, label: c.label ?? name, detailLabel: c.detail_label ?? name, purpose: c.purpose, amount, share, listed: i >= 0 };
    if (c.budget) {
      const budget = book.amount(`general_budget.class.${c.code}.budget`, `${subject}年初预算`, c.budget.value, `年初预算（数据）`, {}, [...cp, 'budget']);
      const completion = book.completion(`general_budget.class.${c.code}`, subject, amount, budget)!;
      const budgetTerm = c.budget_term ?? '年初预算';
      line.budget = {
        completion,
        budgetTerm,
        completionTerm: c.completion_term ?? budgetTerm,
        separator: c.separator ?? '，',
        reason: reasonOf(c.reason, [...cp, 'reason']),
        reasonJoin: c.reason_join ?? '，',
      };
    }
    return line;
  });
  const classBudgets = (gb?.classes ?? []).map((c) => c.budget?.value);
  const classBudgetSumValue = sumDefined(classBudgets);
  const classBudgetSum = classBudgetSumValue === undefined ? undefined : book.amount('general_budget.class_budget_sum', '各类年初预算之和', classBudgetSumValue, 'Σ 类 年初预算', {}, [...GB, 'classes']);
  const gbBudgetValue = gb?.budget?.value ?? classBudgetSumValue;
  const gbBudget = gbBudgetValue === undefined ? undefined : book.amount('general_budget.budget', `${GB_NAME}年初预算`, gbBudgetValue, gb?.budget ? '年初预算（数据）' : 'Σ 类 年初预算', {}, [...GB, 'budget']);
  const gbCompletion = gbBudget ? book.completion('general_budget', GB_NAME, gbTotal, gbBudget) : undefined;
  const gbBasic = book.amount('general_budget.basic', '一般公共预算财政拨款基本支出', v(tables.general_budget.total.basic), `${tableName('general_budget')} 合计 基本支出`);
  const gbProject = generalBudgetProject(ctx);

  // （三） 项目支出主要用于: an item with a code takes the general_budget table's 项目支出 of that 项.
  const generalBudgetByCode = new Map(tables.general_budget.rows.map((r) => [r.code, r]));
  const projectLine = (p: { name: string; code?: string; amount?: Amount; items?: { name: string; code?: string; amount?: Amount }[] }, id: string, path: Path): ProjectLine => {
    const fromTable = p.code ? generalBudgetByCode.get(p.code)?.cells.project : undefined;
    const value = fromTable?.value ?? p.amount?.value;
    const amount = book.amount(id, `项目“${p.name}”金额`, value, fromTable ? `${tableName('general_budget')} ${p.code} 项目支出` : '项目金额（数据）', {}, [...path, p.code && !p.amount ? 'code' : 'amount']);
    const stated = fromTable && p.amount ? book.amount(`${id}.stated`, `项目“${p.name}”所填金额`, p.amount.value, '项目金额（数据）', {}, [...path, 'amount']) : undefined;
    const items = (p.items ?? []).map((it, j) => projectLine(it, `${id}.${j + 1}`, [...path, 'items', j]));
    return { name: p.name, code: p.code, amount, stated, items, path };
  };
  const projects = (gb?.projects ?? []).map((p, i) => projectLine(p, `general_budget.projects.${i + 1}`, [...GB, 'projects', i]));
  const projectSumValue = projects.length ? sumDefined(projects.map((p) => p.amount.value)) : undefined;
  const projectSum = projectSumValue === undefined ? undefined : book.amount('general_budget.projects_sum', '各项目金额之和', projectSumValue, 'Σ 各项目金额', {}, [...GB, 'projects']);

  return {
    generalBudget: {
      total: gbTotal,
      share: gbShare,
      change: gbChange,
      reason: reasonOf(gb?.reason, [...GB, 'reason']),
      classes,
      listedCodes,
      budget: gbBudget,
      classBudgetSum,
      completion: gbCompletion,
      basic: gbBasic,
      project: gbProject,
      projects,
      projectSum,
      hasClassBudgets: classes.some((c) => c.budget),
      budgetLines: classes.filter((c) => c.budget),
    },
  };
}
