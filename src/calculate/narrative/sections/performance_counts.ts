import type { SectionContext } from '../context.js';
import type { Path } from '../figures.js';
import type { SectionOutput } from '../types.js';

/** 十 预算绩效管理情况 in counts and amounts (shanghai-2024): 制度, 项目 counts, 涉及预算金额, 评级, 问题. */
export function computePerformanceCounts(ctx: SectionContext): SectionOutput {
  const { book, ex, root: X } = ctx;
  const pf = ex.performance;
  if (!pf) return {};
  const PF: Path = [...X, 'performance'];
  const projects = (key: 'targets' | 'monitoring', what: string) => {
    const p = pf[key];
    return p && {
      count: book.count(`performance.${key}.count`, `${what}项目数`, p.count, `${what}项目数（数据）`, [...PF, key, 'count']),
      amount: book.amount(`performance.${key}.amount`, `${what}项目涉及预算金额`, p.amount?.value, `${what}涉及预算金额（数据）`, {}, [...PF, key, 'amount']),
    };
  };
  const se = pf.self_evaluation;
  const SE: Path = [...PF, 'self_evaluation'];
  const c = (id: string, n: number, what: string, path: Path) => book.count(`performance.self_evaluation.${id}`, what, n, `${what}（数据）`, [...SE, ...path]);
  return {
    performanceCounts: {
      systems: pf.systems ?? [],
      mechanism: pf.mechanism?.trim(),
      targets: projects('targets', '编报绩效目标的'),
      monitoring: projects('monitoring', '绩效跟踪评价的'),
      selfEvaluation: se && {
        count: c('count', se.count, '绩效自评项目数', ['count']),
        amount: book.amount('performance.self_evaluation.amount', '绩效自评涉及预算金额', se.amount?.value, '绩效自评涉及预算金额（数据）', {}, [...SE, 'amount']),
        // 平均得分 prints as the department writes it (92.6分, not 92.60分)
        averageScore: se.average_score?.text,
        grades: {
          excellent: c('grades.excellent', se.grades.excellent, '评级为“优”的项目', ['grades', 'excellent']),
          good: c('grades.good', se.grades.good, '评级为“良”的项目', ['grades', 'good']),
          pass: c('grades.pass', se.grades.pass, '评级为“合格”的项目', ['grades', 'pass']),
          fail: c('grades.fail', se.grades.fail, '评级为“不合格”的项目', ['grades', 'fail']),
        },
        problems: {
          found: c('problems.found', se.problems.found, '发现问题', ['problems', 'found']),
          fixed: c('problems.fixed', se.problems.fixed, '已完成整改的问题', ['problems', 'fixed']),
          fixing: c('problems.fixing', se.problems.fixing, '正在整改的问题', ['problems', 'fixing']),
        },
      },
    },
  };
}
