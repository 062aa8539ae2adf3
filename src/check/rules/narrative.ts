import { Decimal } from 'decimal.js';
import { tailTolerance } from '../../calculate/rounding.js';
import type { Change, ClassLine, Completion, Figure, Narrative, NarrativeSectionId, Reason, ThreePublicLine } from '../../calculate/narrative/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { fmt, plain, type CheckContext, type Path } from '../context.js';
import type { Rule, RuleFamily } from '../rule.js';
import { TABLES } from '../../model/tables.js';
import { figureTitle, sectionLabel } from '../figure-place.js';

/**
 * 第三部分 情况说明 (src/calculate/narrative): pins against the computed figures, rates against a
 * zero base, shares, budgets and sums the data states, reasons for large changes, 六's lists against
 * the basic_detail table, 机关运行经费 against its 公用经费合计. Documented in docs/checks.md and docs/narrative.md.
 * A rule about a section looks only at the sections the form set's text has, and names a section by
 * the ordinal of its heading there (五 in Wuhan's text).
 */

const P3 = '第三部分';
const narrative = (ctx: CheckContext): Narrative => ctx.calc.narrative;
/** The heading ordinal of a section present in the text ("五"), else its id (hasSection). */
const sec = (n: Narrative, id: NarrativeSectionId): string => sectionLabel(n, id) || id;
const hasSection = (n: Narrative, id: NarrativeSectionId): boolean => sec(n, id) !== id;
const at = (f: Figure | undefined, fallback: Path = ['explanation']): Path => f?.path ?? fallback;
const pinPath = (id: string): Path => ['pins', id];
const isEmptyReason = (r: Reason | undefined) => r === undefined || r.text.trim() === '';
const NUMBER = /^-?\d+(\.\d+)?$/;
const unit = (f: Figure) => (f.kind === 'percent' ? '%' : f.kind === 'amount' ? ' 万元' : '');

/** Pinned and computed texts say the same (numbers compared by value: "100" = "100.00"). */
function samePrinted(f: Figure): boolean {
  if (f.pinned === undefined) return true;
  if (f.computed === undefined) return false;
  if (NUMBER.test(f.pinned) && NUMBER.test(f.computed)) return new Decimal(f.pinned).equals(new Decimal(f.computed));
  return f.pinned.replace(/\s+/g, '') === f.computed.replace(/\s+/g, '');
}

/**
 * A pin within rounding of its figure: the same number printed to fewer places (99.1 for 99.05),
 * or one step of the printed precision off (尾数误差 of one figure, tailTolerance(1)).
 */
function withinRounding(f: Figure): boolean {
  if (f.pinned === undefined || f.computed === undefined || f.value === undefined) return false;
  if (!NUMBER.test(f.pinned)) return false;
  const pinned = new Decimal(f.pinned);
  return f.value.toDecimalPlaces(pinned.decimalPlaces(), Decimal.ROUND_HALF_UP).equals(pinned) || f.value.minus(pinned).abs().lte(tailTolerance(1));
}

const pinRule: Rule = {
  id: 'narrative-pin',
  // reads the printed words only to name the page and heading where the figure prints
  readsPrinted: true,
  description:
    '第三部分：pins 固定的已公开数字与按数据计算的数字不一致（正文按公开文本印出）；超出尾数误差的，本部门公开时为错误，存档重现（--archive 或 purpose: archive）时为警告',
  run: (ctx) =>
    narrative(ctx)
      .figures.filter((f) => f.pinned !== undefined && !samePrinted(f))
      .map((f) =>
        ctx.diagnostic({
          severity: withinRounding(f) || ctx.archive ? 'warning' : 'error',
          rule: 'narrative-pin',
          message: `${figureTitle(ctx, narrative(ctx), f)}：按数据计算为 ${f.computed === undefined ? '无（基数为 0，不计算比率）' : `${f.computed}${unit(f)}`}，正文按 pins 印作 ${f.pinned}${unit(f)}${
            withinRounding(f) ? '（在尾数误差范围内）' : ctx.archive ? '（超出尾数误差；按存档重现，照印）' : '（超出尾数误差：公开文本不得与表中数字不符；如为重现已公开的报告，请加 --archive 或在文件中写 purpose: archive）'
          }`,
          at: pinPath(f.id),
          expected: f.computed ?? '',
          actual: f.pinned!,
        }),
      ),
};

const pinUnknownRule: Rule = {
  id: 'narrative-pin-unknown',
  description: '第三部分：pins 中的键不是任何正文数字的编号（见 docs/narrative.md）',
  run: (ctx) =>
    narrative(ctx).unusedPins.map((id) =>
      ctx.diagnostic({ severity: 'warning', rule: 'narrative-pin-unknown', message: `pins：“${id}” 不是第三部分任何数字的编号，未被使用`, at: pinPath(id) }),
    ),
};

const zeroBaseRule: Rule = {
  id: 'narrative-zero-base',
  // reads the printed words only to name the page and heading where the figure prints
  readsPrinted: true,
  description: '第三部分：对基数为 0 的数给出了增长率或完成率（应以文字表述）',
  run: (ctx) =>
    narrative(ctx)
      .figures.filter((f) => f.kind === 'percent' && f.zeroBase && f.pinned !== undefined)
      .map((f) =>
        ctx.diagnostic({
          severity: 'warning',
          rule: 'narrative-zero-base',
          message: `${figureTitle(ctx, narrative(ctx), f)}：基数为 0，不存在比率，正文却印作 ${f.pinned}%；应以文字表述（如“年初预算为0万元”“新增”）`,
          at: pinPath(f.id),
          expected: '',
          actual: `${f.pinned}%`,
        }),
      ),
};

const sharesRule: Rule = {
  id: 'narrative-shares',
  description: '第三部分：同一构成的各项占比（印出的百分数）之和不为 100%',
  run: (ctx) => {
    const n = narrative(ctx);
    const groups: [string, Figure[]][] = [];
    if (n.income) groups.push([`${sec(n, 'income')} 收入决算 各项收入占本年收入`, n.income.parts.map((p) => p.share)]);
    if (n.expenditure) groups.push([`${sec(n, 'expenditure')} 支出决算 各项支出占本年支出`, n.expenditure.parts.map((p) => p.share)]);
    if (n.generalBudget) groups.push([`${sec(n, 'general_budget')}（二） 各类支出占一般公共预算财政拨款支出`, n.generalBudget.classes.map((c) => c.share)]);
    const out: Diagnostic[] = [];
    for (const [label, shares] of groups) {
      const printed = shares.filter((s) => s.text !== undefined && NUMBER.test(s.text));
      if (printed.length === 0) continue;
      const sum = printed.reduce((a, s) => a.plus(new Decimal(s.text!)), new Decimal(0));
      if (sum.equals(100)) continue;
      out.push(
        ctx.diagnostic({
          severity: 'warning',
          rule: 'narrative-shares',
          message: `${P3} ${label}：印出的占比 ${printed.map((s) => `${s.text}%`).join(' + ')} = ${plain(sum)}%，不等于 100%`,
          at: at(printed[0], printed[0].pinned !== undefined ? pinPath(printed[0].id) : ['explanation']),
          expected: '100.00',
          actual: plain(sum),
        }),
      );
    }
    return out;
  },
};

const procurementRule: Rule = {
  id: 'narrative-procurement',
  description: '第三部分 十一：政府采购支出总额 = 货物 + 工程 + 服务；授予中小企业合同金额 ≤ 总额；小微企业 ≤ 中小企业',
  run: (ctx) => {
    const n = narrative(ctx);
    const pr = n.procurement;
    if (!pr) return [];
    const where = `${P3} ${sec(n, 'procurement')} 政府采购`;
    const out: Diagnostic[] = [];
    const parts = pr.parts.filter((p) => !p.amount.value!.isZero());
    const stated = ctx.model.explanation?.procurement?.total;
    if (pr.stated && stated) {
      out.push(
        ...ctx.equation({
          rule: 'narrative-procurement',
          subject: { table: where, column: '政府采购支出总额' },
          printed: { amount: stated, path: ['explanation', 'procurement', 'total'] },
          expected: pr.total.value!,
          expectedLabel: '货物 + 工程 + 服务',
          printedLabel: '数据所列总额',
          parts: parts.length,
        }),
      );
    }
    const within = (part: Figure | undefined, whole: Figure | undefined, partLabel: string, wholeLabel: string) => {
      if (!part || !whole || part.value!.lte(whole.value!)) return;
      out.push(
        ctx.diagnostic({
          severity: 'error',
          rule: 'narrative-procurement',
          message: `${where}：${partLabel} ${fmt(part.value!)} 超过${wholeLabel} ${fmt(whole.value!)}`,
          at: at(part),
          expected: `≤ ${plain(whole.value!)}`,
          actual: plain(part.value!),
        }),
      );
    };
    within(pr.sme, pr.total, '授予中小企业合同金额', '政府采购支出总额');
    within(pr.smallMicro, pr.sme, '授予小微企业合同金额', '授予中小企业合同金额');
    return out;
  },
};

const budgetTotalRule: Rule = {
  id: 'narrative-budget-total',
  description: '第三部分：所述年初预算总额 = Σ 各类年初预算（五（三））；“三公”预算 = Σ 各项预算（九）',
  run: (ctx) => {
    const n = narrative(ctx);
    const out: Diagnostic[] = [];
    const gb = ctx.model.explanation?.general_budget;
    const sum = n.generalBudget?.classBudgetSum;
    if (gb?.budget && sum) {
      const given = (gb.classes ?? []).filter((c) => c.budget && !c.budget.value.isZero()).length;
      out.push(
        ...ctx.equation({
          rule: 'narrative-budget-total',
          subject: { table: `${P3} ${sec(n, 'general_budget')}（三）`, column: '一般公共预算财政拨款支出年初预算' },
          printed: { amount: gb.budget, path: ['explanation', 'general_budget', 'budget'] },
          expected: sum.value!,
          expectedLabel: 'Σ 各类年初预算',
          printedLabel: '所述总额',
          parts: given,
        }),
      );
    }
    const tp = ctx.model.explanation?.three_public;
    const ntp = n.threePublic;
    if (ntp && tp?.budget && ['overseas', 'vehicle_purchase', 'vehicle_operation', 'reception'].some((k) => tp[k as 'overseas']?.budget)) {
      const items = [ntp.overseas, ntp.purchase, ntp.operation, ntp.reception];
      out.push(
        ...ctx.equation({
          rule: 'narrative-budget-total',
          subject: { table: `${P3} ${sec(n, 'three_public')}（一）`, column: '“三公”经费财政拨款支出预算' },
          printed: { amount: tp.budget, path: ['explanation', 'three_public', 'budget'] },
          expected: ntp.itemBudgetSum!.value!,
          expectedLabel: 'Σ 各项预算',
          printedLabel: '所述预算',
          parts: items.filter((l) => !l.budget.value!.isZero()).length,
        }),
      );
    }
    return out;
  },
};

/** A change or completion further than the threshold from par, and no words to explain it. */
const reasonRule: Rule = {
  id: 'narrative-reason',
  description: '第三部分：增减变动或预算完成率偏离超过阈值（explanation.reason_threshold，默认 10%）而未说明原因',
  run: (ctx) => {
    const n = narrative(ctx);
    const limit = n.reasonThreshold;
    const out: Diagnostic[] = [];
    const warn = (where: string, what: string, path: Path) =>
      out.push(ctx.diagnostic({ severity: 'warning', rule: 'narrative-reason', message: `${P3} ${where}：${what}，未说明原因`, at: path }));
    const change = (where: string, c: Change | undefined, reason: Reason | undefined, path: Path) => {
      if (!c || c.direction === 'flat' || !isEmptyReason(reason)) return;
      const rate = c.rate.value;
      if (rate === undefined || rate.gt(limit)) warn(where, `较上年${c.direction === 'up' ? '增加' : '减少'} ${c.delta.computed} 万元${rate === undefined ? '（上年为 0）' : `，变动 ${rate.toString()}%，超过 ${limit.toString()}%`}`, reason?.path ?? path);
    };
    const completion = (where: string, c: Completion | undefined, reason: Reason | undefined, path: Path) => {
      if (!c || c.direction === 'flat' || !isEmptyReason(reason)) return;
      const rate = c.rate.value;
      if (rate === undefined || rate.minus(100).abs().gt(limit)) warn(where, rate === undefined ? `预算为 0，决算 ${c.actual.computed} 万元` : `完成预算的 ${rate.toString()}%，偏离 100% 超过 ${limit.toString()}%`, reason?.path ?? path);
    };
    if (n.totals) change(`${sec(n, 'totals')} 收、支总计`, n.totals.change, n.totals.reason, ['explanation', 'totals']);
    if (n.fiscal) change(`${sec(n, 'fiscal')} 财政拨款收、支总计`, n.fiscal.change, n.fiscal.reason, ['explanation', 'fiscal_totals']);
    const gb = n.generalBudget;
    if (gb) {
      const five = sec(n, 'general_budget');
      change(`${five}（一） 一般公共预算财政拨款支出`, gb.change, gb.reason, ['explanation', 'general_budget']);
      // （三）: the reasons are given per 类 when the 类 have budgets; the total is explained by them.
      if (!gb.hasClassBudgets) completion(`${five}（三） 一般公共预算财政拨款支出`, gb.completion, undefined, ['explanation', 'general_budget', 'budget']);
      for (const c of gb.budgetLines) completion(`${five}（三） ${c.detailLabel}`, c.budget!.completion, c.budget!.reason, at(c.budget!.completion.budget));
    }
    const tp = n.threePublic;
    if (tp && !tp.none) {
      const nine = sec(n, 'three_public');
      completion(`${nine}（一） “三公”经费`, tp.completion, tp.reason, ['explanation', 'three_public']);
      // a text that explains the change item by item (shanghai-2024's 七) needs no reason for the total
      const itemReason = [tp.overseas, tp.vehicle, tp.reception].map((l) => l.reason).find((r) => !isEmptyReason(r));
      change(`${nine}（一） “三公”经费`, tp.change, tp.reason ?? itemReason, ['explanation', 'three_public']);
      const subReasons = [tp.purchase, tp.operation].some((l) => !isEmptyReason(l.reason));
      const item = (l: ThreePublicLine, explainedBelow = false) => {
        if (!explainedBelow) completion(`${nine}（二） ${l.label}`, l.completion, l.reason, ['explanation', 'three_public', l.key]);
        change(`${nine}（二） ${l.label}`, l.change, l.reason, ['explanation', 'three_public', l.key]);
      };
      [tp.overseas, tp.purchase, tp.operation, tp.reception].forEach((l) => item(l));
      item(tp.vehicle, subReasons);
    }
    if (n.adminOperation) change(`${sec(n, 'admin_operation')} 机关运行经费`, n.adminOperation.change, n.adminOperation.reason, ['explanation', 'admin_operation']);
    return out;
  },
};

const basicItemsRule: Rule = {
  id: 'narrative-basic-items',
  description: `第三部分 六：“主要包括”所列（pins 固定的公开文本）与${TABLES.basic_detail.title}非零的款不一致`,
  run: (ctx) => {
    const n = narrative(ctx);
    const b = n.basic;
    if (!b) return [];
    const out: Diagnostic[] = [];
    for (const [label, f] of [
      ['人员经费', b.personnelItems],
      ['公用经费', b.publicItems],
    ] as const) {
      if (!f.pinnedItems) continue;
      const norm = (s: string) => s.replace(/[（(]/g, '(').replace(/[）)]/g, ')').replace(/\s+/g, '');
      const listed = new Set(f.pinnedItems.map(norm));
      const nonZero = new Set((f.items ?? []).map(norm));
      const blank = f.pinnedItems.filter((x) => !nonZero.has(norm(x)));
      const missing = (f.items ?? []).filter((x) => !listed.has(norm(x)));
      if (blank.length === 0 && missing.length === 0) continue;
      const parts = [blank.length ? `列出了${ctx.tableName('basic_detail')}中为空的 ${blank.join('、')}` : '', missing.length ? `漏列了${ctx.tableName('basic_detail')}中有数的 ${missing.join('、')}` : ''].filter(Boolean);
      out.push(
        ctx.diagnostic({
          severity: 'warning',
          rule: 'narrative-basic-items',
          message: `${P3} ${sec(n, 'basic')} ${label}“主要包括”：${parts.join('；')}`,
          at: pinPath(f.id),
          expected: f.computed ?? '',
          actual: f.pinned ?? '',
        }),
      );
    }
    return out;
  },
};

/** Codes only a 事业单位 (not 参公) spends under: 事业单位离退休, 事业单位医疗. */
const PUBLIC_INSTITUTION_CODES = ['2080502', '2101102'];

/**
 * What in the tables shows the department has 事业单位, when the file does not say
 * (`has_public_institutions`): 事业收入 or 经营收入, or spending under a 事业单位 code. A report
 * read from a PDF has only its tables to tell.
 */
function publicInstitutionEvidence(ctx: CheckContext): string | undefined {
  const income = ctx.tables.income.total;
  for (const col of ['business', 'operating'] as const) {
    const v = income[col];
    if (v && !v.value.isZero()) return `${ctx.tableName('income')} ${TABLES.income.columns[col].label} ${fmt(v.value)}`;
  }
  const row = ctx.tables.expenditure.rows.find((r) => PUBLIC_INSTITUTION_CODES.includes(r.code) && r.cells.total && !r.cells.total.value.isZero());
  return row ? `${ctx.tableName('expenditure')} ${row.code} ${ctx.catalog.functionalName(row.code) ?? ''}`.trimEnd() : undefined;
}

const adminOperationRule: Rule = {
  id: 'narrative-admin-operation',
  description: `第三部分 十：机关运行经费 = ${TABLES.basic_detail.title} 公用经费合计（行政单位及参公管理事业单位）；部门含事业单位（admin_operation.has_public_institutions）时 ≤ 公用经费合计`,
  run: (ctx) => {
    const n = narrative(ctx);
    const a = n.adminOperation;
    if (!a || !a.stated || !a.table) return [];
    // 机关运行经费 covers 行政 and 参公 units only: 事业单位's 公用经费 are outside it.
    const declared = ctx.model.explanation?.admin_operation?.has_public_institutions;
    const evidence = declared === undefined ? publicInstitutionEvidence(ctx) : undefined;
    const partial = declared ?? evidence !== undefined;
    if (partial ? a.amount.value!.lte(a.table.value) : a.amount.value!.equals(a.table.value)) return [];
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'narrative-admin-operation',
        message: partial
          ? `${P3} ${sec(n, 'admin_operation')} 机关运行经费 ${fmt(a.amount.value!)} 大于${ctx.tableName('basic_detail')} 公用经费合计 ${fmt(a.table.value)}（机关运行经费只含行政单位及参公管理事业单位，不应超过公用经费合计${evidence ? `；部门含事业单位：${evidence}` : ''}）`
          : `${P3} ${sec(n, 'admin_operation')} 机关运行经费 ${fmt(a.amount.value!)} 不等于${ctx.tableName('basic_detail')} 公用经费合计 ${fmt(a.table.value)}（行政单位两者应相等；部门含事业单位时填 admin_operation.has_public_institutions: true）`,
        at: at(a.amount),
        expected: plain(a.table.value),
        actual: plain(a.amount.value!),
      }),
    ];
  },
};

const classOrderRule: Rule = {
  id: 'narrative-class-order',
  description: '第三部分 五（二）（三）：各类支出未按科目编码顺序排列',
  run: (ctx) => {
    const n = narrative(ctx);
    if (!n.generalBudget) return [];
    const codes = n.generalBudget.listedCodes;
    const sorted = [...codes].sort();
    if (codes.every((c, i) => c === sorted[i])) return [];
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'narrative-class-order',
        message: `${P3} ${sec(n, 'general_budget')}（二）（三）：各类按 ${codes.join('、')} 的顺序列示，科目编码顺序为 ${sorted.join('、')}`,
        at: ['explanation', 'general_budget', 'classes'],
        expected: sorted.join(','),
        actual: codes.join(','),
      }),
    ];
  },
};

const classesRule: Rule = {
  id: 'narrative-classes',
  description: `第三部分 五（二）（三）：所列的类 = ${TABLES.general_budget.title}中有数的类（多列的类无法印出为错误，漏列的类按编码补在后面为警告）`,
  run: (ctx) => {
    const n = narrative(ctx);
    const gb = n.generalBudget;
    if (!gb) return [];
    const five = sec(n, 'general_budget');
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    const printed = new Set(gb.classes.filter((c: ClassLine) => c.listed).map((c) => c.code));
    gb.listedCodes.forEach((code, i) => {
      const path: Path = ['explanation', 'general_budget', 'classes', i, 'code'];
      if (seen.has(code)) out.push(ctx.diagnostic({ severity: 'error', rule: 'narrative-classes', message: `${P3} ${five}：类 ${code} 列了两次`, at: path }));
      else if (!printed.has(code)) out.push(ctx.diagnostic({ severity: 'error', rule: 'narrative-classes', message: `${P3} ${five}：类 ${code} 在${ctx.tableName('general_budget')}中没有支出，无法列示`, at: path }));
      seen.add(code);
    });
    if (gb.listedCodes.length) {
      for (const c of gb.classes.filter((x) => !x.listed)) {
        out.push(ctx.diagnostic({ severity: 'warning', rule: 'narrative-classes', message: `${P3} ${five}：${ctx.tableName('general_budget')}中有数的类 ${c.code} ${c.label} 未在情况说明所列各类中（已按编码补在最后）`, at: ['explanation', 'general_budget', 'classes'] }));
      }
    }
    return out;
  },
};

const projectsRule: Rule = {
  id: 'narrative-projects',
  description: `第三部分 五（三）：项目支出各项之和 = ${TABLES.general_budget.title} 项目支出合计；“其中”各项之和 = 所属项目；注明科目的项目金额 = 该表该项的项目支出`,
  run: (ctx) => {
    const n = narrative(ctx);
    const gb = n.generalBudget;
    if (!gb?.projects.length) return [];
    const where = `${P3} ${sec(n, 'general_budget')}（三）`;
    const out: Diagnostic[] = [];
    const total = gb.project.value;
    if (total && gb.projectSum && !gb.projectSum.value!.equals(total)) {
      out.push(
        ctx.diagnostic({
          severity: 'warning',
          rule: 'narrative-projects',
          message: `${where} 项目支出主要用于：各项之和 ${fmt(gb.projectSum.value!)}，${ctx.tableName('general_budget')} 项目支出合计 ${fmt(total)}`,
          at: ['explanation', 'general_budget', 'projects'],
          expected: plain(total),
          actual: plain(gb.projectSum.value!),
        }),
      );
    }
    const walk = (lines: typeof gb.projects) => {
      for (const p of lines) {
        if (p.stated && !p.stated.value!.equals(p.amount.value!)) {
          out.push(ctx.diagnostic({ severity: 'warning', rule: 'narrative-projects', message: `${where} ${p.name}：所填金额 ${fmt(p.stated.value!)}，${ctx.tableName('general_budget')} ${p.code} 项目支出 ${fmt(p.amount.value!)}（正文印该表的数）`, at: [...p.path, 'amount'], expected: plain(p.amount.value!), actual: plain(p.stated.value!) }));
        }
        if (p.items.length) {
          const s = p.items.reduce((a, it) => a.plus(it.amount.value ?? 0), new Decimal(0));
          if (p.amount.value && !s.equals(p.amount.value)) {
            out.push(ctx.diagnostic({ severity: 'warning', rule: 'narrative-projects', message: `${where} ${p.name}：“其中”各项之和 ${fmt(s)}，该项 ${fmt(p.amount.value)}`, at: [...p.path, 'items'], expected: plain(p.amount.value), actual: plain(s) }));
          }
          walk(p.items);
        }
      }
    };
    walk(gb.projects);
    return out;
  },
};

const budgetBasisRule: Rule = {
  id: 'narrative-budget-basis',
  description: `第三部分 九：正文“预算”与${TABLES.three_public.title} 预算数（调整后）不是同一个数，而正文未写明是哪个预算`,
  run: (ctx) => {
    const n = narrative(ctx);
    const tp = n.threePublic;
    if (!tp || tp.none || !tp.tableBudget || tp.budget.value!.equals(tp.tableBudget.value)) return [];
    if (tp.budgetTerm.includes('年初') || tp.budgetTerm.includes('调整')) return [];
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'narrative-budget-basis',
        message: `${P3} ${sec(n, 'three_public')}（一）：正文“${tp.budgetTerm}为${tp.budget.computed}万元”是${tp.basis}，${ctx.tableName('three_public')} 预算数 ${fmt(tp.tableBudget.value)} 是调整后的全年预算；同称“预算”，宜写明“${tp.basis}”`,
        at: ['explanation', 'three_public', 'budget_term'],
        expected: tp.basis,
        actual: tp.budgetTerm,
      }),
    ];
  },
};

const emptyReasonRule: Rule = {
  id: 'narrative-empty-reason',
  description: '第三部分：原因为空字符串，正文出现“，。”',
  run: (ctx) => {
    const n = narrative(ctx);
    const tp = n.threePublic;
    const reasons: (Reason | undefined)[] = [
      n.totals?.reason,
      n.fiscal?.reason,
      n.generalBudget?.reason,
      ...(n.generalBudget?.budgetLines ?? []).map((c) => c.budget!.reason),
      tp?.reason,
      ...(tp ? [tp.overseas, tp.vehicle, tp.purchase, tp.operation, tp.reception] : []).map((l) => l.reason),
      n.adminOperation?.reason,
    ];
    return reasons
      .filter((r): r is Reason => r !== undefined && r.text.trim() === '')
      .map((r) => ctx.diagnostic({ severity: 'warning', rule: 'narrative-empty-reason', message: `${P3}：原因为空，正文在此印出“，。”（照公开文本）`, at: r.path }));
  },
};

const placeholderRule: Rule = {
  id: 'narrative-placeholder',
  description: '第三部分：文字中的 {编号} 不是任何正文数字（原样印出）',
  run: (ctx) =>
    narrative(ctx).placeholderProblems.map((p) =>
      ctx.diagnostic({ severity: 'error', rule: 'narrative-placeholder', message: `${P3}：文字中的 {${p.id}} 不是第三部分任何数字的编号（见 docs/narrative.md）`, at: p.path }),
    ),
};

const breakdownRule: Rule = {
  id: 'narrative-breakdown',
  description: '第三部分 九（二）：公务用车运行费“其中”各项之和 = 运行费决算数',
  run: (ctx) => {
    const n = narrative(ctx);
    const op = n.threePublic?.operation;
    if (!op?.breakdown.length) return [];
    const s = op.breakdown.reduce((a, b) => a.plus(b.amount.value!), new Decimal(0));
    if (s.equals(op.actual.value!)) return [];
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'narrative-breakdown',
        message: `${P3} ${sec(n, 'three_public')}（二） ${op.label}：其中各项之和 ${fmt(s)}，决算数 ${fmt(op.actual.value!)}`,
        at: ['explanation', 'three_public', 'vehicle_operation', 'breakdown'],
        expected: plain(op.actual.value!),
        actual: plain(s),
      }),
    ];
  },
};

const budgetTermRule: Rule = {
  id: 'narrative-budget-term',
  description: '第三部分 五（三）：各类混用“年初预算”“年度预算”等不同称谓',
  run: (ctx) => {
    const n = narrative(ctx);
    if (!n.generalBudget) return [];
    const lines = n.generalBudget.budgetLines;
    const terms = [...new Set(lines.flatMap((c) => [c.budget!.budgetTerm, c.budget!.completionTerm]))];
    if (terms.length <= 1) return [];
    return [
      ctx.diagnostic({
        severity: 'warning',
        rule: 'narrative-budget-term',
        message: `${P3} ${sec(n, 'general_budget')}（三）：各类分别称 ${terms.map((t) => `“${t}”`).join('、')}，指的是同一个预算，宜统一`,
        at: ['explanation', 'general_budget', 'classes'],
      }),
    ];
  },
};

/** Data 第三部分 needs and the file does not give: the sentence (or section) is left out. */
const missingRule: Rule = {
  id: 'narrative-missing',
  description: '第三部分：说明所需的数据未填（上年数、年初预算、政府采购、国有资产、预算绩效），相应句子或段落从略',
  run: (ctx) => {
    const ex = ctx.model.explanation;
    // A text given verbatim (explanation.text) says what it says: nothing is left out of it.
    if (ex?.text) return [];
    const n = narrative(ctx);
    const onlyThisYear = (id: 'totals' | 'fiscal') => (n.charts[id] ? `，图${n.charts[id].number} 只有本年` : '');
    // section, whether its data is missing, what is then left out
    const wants: [NarrativeSectionId, boolean, (s: string) => string][] = [
      ['totals', !ex?.totals?.last_year, (s) => `${s} 上年收、支总计（totals.last_year）：不与上年比较${onlyThisYear('totals')}`],
      ['fiscal', !ex?.fiscal_totals?.last_year, (s) => `${s} 上年财政拨款收、支总计（fiscal_totals.last_year）：不与上年比较${onlyThisYear('fiscal')}`],
      ['general_budget', !ex?.general_budget?.last_year, (s) => `${s}（一） 上年一般公共预算财政拨款支出（general_budget.last_year）：不与上年比较`],
      ['general_budget', !n.generalBudget?.budget, (s) => `${s}（三） 年初预算（general_budget.budget 或 classes[].budget）：不说明预算完成情况`],
      ['three_public', !n.threePublic?.none && !ex?.three_public?.last_year, (s) => `${s} 上年“三公”经费决算（three_public.last_year）：不与上年比较`],
      ['admin_operation', !ex?.admin_operation?.last_year, (s) => `${s} 上年机关运行经费（admin_operation.last_year）：不与上年比较`],
      ['procurement', !ex?.procurement, (s) => `${s} 政府采购（procurement）：该节只有标题（无采购时填 procurement: {total: 0}）`],
      ['assets', !ex?.assets, (s) => `${s} 国有资产占用（assets）：该节只有标题`],
      ['performance', !ex?.performance, (s) => `${s} 预算绩效（performance）：该节只有标题`],
    ];
    return wants
      .filter(([id, missing]) => missing && hasSection(n, id))
      .map(([id, , what]) =>
        ctx.diagnostic({ severity: 'warning', rule: 'narrative-missing', message: `${P3} 缺少数据 ${what(sec(n, id))}`, at: ctx.model.explanation ? ['explanation'] : [] }),
      );
  },
};

export const narrativeRules: RuleFamily = {
  family: 'narrative',
  rules: [
    pinRule,
    pinUnknownRule,
    zeroBaseRule,
    sharesRule,
    procurementRule,
    budgetTotalRule,
    reasonRule,
    basicItemsRule,
    adminOperationRule,
    classOrderRule,
    classesRule,
    projectsRule,
    budgetBasisRule,
    emptyReasonRule,
    placeholderRule,
    breakdownRule,
    budgetTermRule,
    missingRule,
  ],
};
