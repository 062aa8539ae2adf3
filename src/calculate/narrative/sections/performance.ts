import { Decimal } from 'decimal.js';
import type { SectionContext } from '../context.js';
import { rateFormula, shareName, sumDefined, type Figure, type Path } from '../figures.js';
import { substitute, substituteBlocks } from '../placeholders.js';
import type { PerformanceNarrative, SectionOutput } from '../types.js';
import { generalBudgetProject } from './general_budget.js';

/**
 * 十三 预算绩效: the projects self-evaluated, their funds and coverage of 项目支出, and the
 * department's texts with their `{id}` figures filled in (absent data: the heading only).
 * Also the 部门整体 执行率 of 第六部分's form, which 第三部分 does not print.
 */
export function computePerformance(ctx: SectionContext): SectionOutput {
  const { book, ex, root: X, placeholderProblems } = ctx;
  const pf = ex.performance;
  const lookup = (id: string) => book.get(id);
  if (!pf) return { overallExecution: overallExecution(ctx) };
  const PF: Path = [...X, 'performance'];
  const projectFigures = pf.projects.map((p, i) => {
    const n = i + 1;
    const local: Record<string, string> = {};
    const funds = p.funds.map((f, k) => {
      const suffix = k === 0 ? '' : String(k + 1);
      const base = `performance.project.${n}`;
      const subject = `项目“${p.name}”${k === 0 ? '' : `第${k + 1}笔资金`}`;
      const budget = book.amount(`${base}.budget${suffix}`, `${subject}预算数`, f.budget?.value, '预算数（数据）', {}, [...PF, 'projects', i, 'funds', k, 'budget']);
      const actual = book.amount(`${base}.actual${suffix}`, `${subject}执行数`, f.actual?.value, '执行数（数据）', {}, [...PF, 'projects', i, 'funds', k, 'actual']);
      const rate = book.percent(`${base}.rate${suffix}`, `${subject}执行率`, actual.value, budget.value, rateFormula(actual.name, budget.name, subject), {}, [...PF, 'projects', i, 'funds', k]);
      for (const [name, f2] of [['budget', budget], ['actual', actual], ['rate', rate]] as const) local[`${name}${suffix}`] = f2.id;
      return { budget, actual, rate };
    });
    return { p, i, n, funds, local };
  });
  const fundActuals = projectFigures.flatMap((x) => x.funds.map((f) => f.actual.value));
  const count = book.count('performance.count', '参评项目个数', pf.projects.length, '参评项目个数', [...PF, 'projects']);
  const amount = book.amount('performance.amount', '参评项目执行数之和', sumDefined(fundActuals) ?? new Decimal(0), 'Σ 参评项目执行数', {}, [...PF, 'projects']);
  const project = generalBudgetProject(ctx);
  const coverage = book.percent('performance.coverage', shareName(amount.name, project.name), amount.value, project.value, rateFormula(amount.name, project.name));
  // The texts may quote any section's figure: filled in once every section has computed its own.
  const filled: PerformanceNarrative = { count, amount, coverage, overall: [], projects: [], application: [] };
  ctx.afterSections(() => {
    filled.conclusion = pf.conclusion === undefined ? undefined : substitute(pf.conclusion, lookup, [...PF, 'conclusion'], placeholderProblems);
    filled.overall = substituteBlocks(pf.overall, lookup, [...PF, 'overall'], placeholderProblems);
    filled.projects = projectFigures.map(({ p, i, n, funds, local }) => {
      const blocks = substituteBlocks(p.summary, lookup, [...PF, 'projects', i, 'summary'], placeholderProblems, local);
      const [head, ...rest] = blocks;
      const first = head === undefined ? '' : typeof head === 'string' ? head : Object.values(head)[0];
      return { n, name: p.name, funds, first, rest };
    });
    filled.application = substituteBlocks(pf.application, lookup, [...PF, 'application'], placeholderProblems);
  });
  return { performance: filled, overallExecution: overallExecution(ctx) };
}

function overallExecution(ctx: SectionContext): Figure | undefined {
  const exec = ctx.loaded.model.appendix?.overall?.form?.execution;
  if (!exec?.budget || !exec?.actual) return undefined;
  return ctx.book.percent('performance.overall.rate', '部门整体支出执行率', exec.actual.value, exec.budget.value, '部门整体支出总额 执行数 ÷ 预算数 × 100%（第六部分 部门整体自评表）', {}, ['appendix', 'overall', 'form', 'execution']);
}
