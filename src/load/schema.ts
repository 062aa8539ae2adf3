import { z } from 'zod';
import { NumLit } from './parsed.js';
import { amount, code, date, text, int, score, blocks } from './schema-parts.js';
import { explanationSchema } from './schema-explanation.js';
import { TABLES, columnKeys, type ClassTableKey, type ColumnOf, type Columns } from '../model/tables.js';

/**
 * A strict mapping (unknown keys are errors). A bare number where a mapping belongs is refused
 * as a wrong type, not read as an object.
 */
const obj = <T extends z.ZodRawShape>(shape: T) =>
  z.preprocess((v) => (v instanceof NumLit ? v.source : v), z.strictObject(shape));

// ── 第二部分 tables (their columns: src/model/tables.ts) ─────────────────────────
/** One optional amount per column of a registry column set. */
const amounts = <K extends string>(cols: Columns<K>) =>
  Object.fromEntries(columnKeys(cols).map((k) => [k, amount()])) as { [P in K]: ReturnType<typeof amount> };

const fundCols = amounts(TABLES.fiscal_summary.funds);
const fundColsTotal = amounts(TABLES.fiscal_summary.columns);

const classRows = <T extends z.ZodRawShape>(cols: T) =>
  obj({
    total: obj(cols).optional(),
    rows: z.array(obj({ code: code(), name: text().optional(), ...cols })).default([]),
  });

const summary = obj({
  income: obj(amounts(TABLES.summary.income)),
  income_total: amount(),
  non_fiscal_surplus_used: amount(),
  opening_balance: amount(),
  income_grand_total: amount(),
  expenditure: z.record(z.string(), amount()).optional(),
  expenditure_total: amount(),
  surplus_distribution: amount(),
  closing_balance: amount(),
  expenditure_grand_total: amount(),
});

const fiscalSummary = obj({
  income: obj(fundCols),
  income_total: amount(),
  opening_balance: obj(fundCols).optional(),
  income_grand_total: amount(),
  expenditure: z.array(obj({ code: code(), name: text().optional(), ...fundColsTotal })).optional(),
  expenditure_total: obj(fundColsTotal).optional(),
  closing_balance: obj(fundColsTotal).optional(),
  expenditure_grand_total: obj(fundColsTotal).optional(),
});

const basicDetail = obj({
  rows: z.array(obj({ code: code(), name: text().optional(), amount: amount() })).default([]),
  personnel_total: amount(),
  public_total: amount(),
});

const threePublicCols = amounts(TABLES.three_public.columns);

/** A class table that may be empty prints with its "本部门…无…" note. */
const classTable = <K extends ClassTableKey>(key: K) => {
  const schema = classRows(amounts(TABLES[key].columns as Columns<ColumnOf<K>>));
  return TABLES[key].mayBeEmpty ? schema.default({ rows: [] }) : schema;
};

const tables = obj({
  summary,
  income: classTable('income'),
  expenditure: classTable('expenditure'),
  fiscal_summary: fiscalSummary,
  general_budget: classTable('general_budget'),
  basic_detail: basicDetail,
  government_fund: classTable('government_fund'),
  state_capital: classTable('state_capital'),
  three_public: obj({ budget: obj(threePublicCols), actual: obj(threePublicCols) }),
});

// ── 第六部分 self-evaluation forms ─────────────────────────────────────────────
// `weight` (not printed): the row's points; with a ≥X / ≤X target the calculator scores the row by 备注2.
const indicatorRow = obj({ name: text().optional(), target: text().optional(), actual: text().optional(), score: score(), weight: int().optional() });
const level2 = obj({ level2: text(), score: score(), rows: z.array(indicatorRow).default([]) });
const level1 = obj({ level1: text(), weight: int().optional(), score: score(), groups: z.array(level2).default([]) });
const execution = obj({
  weight: int().default(20),
  label: text(),
  budget: amount(),
  actual: amount(),
  published: obj({ rate: text().optional(), score: score() }).optional(),
});
const longText = z.union([text(), z.array(text())]).optional();

/**
 * The 项目自评表's three choices, in the form's order: the values the data may take, and the
 * boxes the form prints (templates/part6/project-form.hbs), from this one list.
 */
export const PROJECT_CHOICES = {
  category: ['部门预算项目', '区级专项', '专项转移支付项目'],
  attribute: ['持续性项目', '新增性项目'],
  kind: ['常年性项目', '延续性项目', '一次性项目'],
} as const;

const projectForm = obj({
  title: text(),
  unit: text(),
  project: text(),
  department: text(),
  implementer: text(),
  category: z.enum(PROJECT_CHOICES.category),
  attribute: z.enum(PROJECT_CHOICES.attribute),
  kind: z.enum(PROJECT_CHOICES.kind),
  execution,
  goals_weight: int().default(80),
  indicators: z.array(level1),
  published_total: score(),
  deviation: longText,
  improvement: longText,
});

const overallForm = obj({
  title: text(),
  unit: text(),
  basic_total: amount(),
  project_total: amount(),
  execution,
  goals: z.array(obj({ label: text(), weight: int(), name: text(), indicators: z.array(level1) })),
  published_total: score(),
  deviation: longText,
  improvement: longText,
});

// ── the department file ───────────────────────────────────────────────────────
// key_work, appendix, cover.date, the glossary's parts, the overview's headings and units table are
// optional here: the file's form set says which it requires and which it has at all
// (profiles/<name>/profile.yaml `inputs:`, src/load/profile-check.ts).
const byProfile = (what: string) =>
  ({ description: `${what}：是否必填、能否填写由表式规定（profiles/<name>/profile.yaml 的 inputs）` }) as Record<string, unknown>;

export const departmentSchema = obj({
  format: int().pipe(z.literal(1, { message: '本工具读取 format: 1 的数据文件' })),
  profile: text()
    .meta({ description: '表式（profiles/<name>，如 hubei-wuhan-2023、shanghai-2024）；不写时为 hubei-wuhan-2023' } as Record<string, unknown>)
    .optional(),
  /**
   * publication (default): a pin that differs from its computed figure beyond 尾数误差 is an error;
   * archive (a published report reproduced as it was, e.g. by `juesuan import`): a warning.
   */
  purpose: z
    .enum(['publication', 'archive'])
    .meta({ description: '用途：publication（本部门公开，默认）或 archive（按已公开文本原样重现）' } as Record<string, unknown>)
    .optional(),
  year: int(),
  catalog: text(),
  department: obj({ id: text(), name: text(), short_name: text() }),
  cover: obj({ title_lines: z.array(text()).min(1), date: date().optional().meta(byProfile('封面日期')) }),
  overview: obj({
    duties: obj({ heading: text().optional().meta(byProfile('部门职能一节的标题')), blocks: blocks() }),
    organization: obj({
      heading: text().optional().meta(byProfile('单位构成一节的标题')),
      blocks: blocks(),
      units: z
        .array(obj({ name: text(), note: text().optional() }))
        .min(1)
        .optional()
        .meta(byProfile('部门决算单位构成表：每个单位一行（单位名称，备注），序号按顺序编出')),
    }),
  }),
  tables,
  explanation: explanationSchema.optional(),
  key_work: obj({
    heading: text(),
    areas: z.array(obj({ title: text(), summary: text() })).default([]),
    table: z.array(obj({ no: int(), matter: text(), goals: z.array(text()), results: z.array(text()) })).default([]),
  })
    .optional()
    .meta(byProfile('重点工作')),
  glossary: obj({
    terms: z
      .array(
        obj({
          term: text(),
          text: text().optional(),
          items: z.array(obj({ code: code(), label: text().optional(), text: text() })).optional(),
        }),
      )
      .optional()
      .meta(byProfile('名词解释的条目')),
    /** The department's words in a form set whose 名词解释 is fixed but for "主要是：…收入等". */
    income_sources: obj({ business: text().optional(), operating: text().optional(), other: text().optional() })
      .optional()
      .meta(byProfile('事业收入、经营收入、其他收入“主要是：…收入等”中的内容')),
  }).optional(),
  appendix: obj({
    overall: obj({ result_title: text(), blocks: blocks(), form: overallForm }),
    projects: z.array(obj({ heading: text(), result_title: text(), blocks: blocks(), form: projectForm })),
  })
    .optional()
    .meta(byProfile('附件（绩效自评结果和自评表）')),
  pins: z.record(z.string(), text()).default({}),
  /**
   * What a drafted year still lacks (`juesuan new --from`): field path → what to do. Each entry is
   * an error of the checker (`todo`) until it is done and deleted.
   */
  todo: z
    .record(z.string(), text())
    .optional()
    .meta({ description: '新年度草稿的待办事项（juesuan new 生成）：字段路径 → 待办说明；每项都是校验错误，办完后删去' } as Record<string, unknown>),
});

export type Department = z.output<typeof departmentSchema>;
export type Tables = Department['tables'];
export type ProjectForm = z.output<typeof projectForm>;
export type OverallForm = z.output<typeof overallForm>;
export type IndicatorLevel1 = z.output<typeof level1>;

// ── the catalog file ──────────────────────────────────────────────────────────
export const catalogSchema = obj({
  year: int(),
  functional: z.record(z.string(), text()),
  economic: z.record(z.string(), text()),
  /** Earlier names of a functional code, each with the last year it was in force. */
  former_names: z.record(z.string(), z.array(obj({ name: text(), until: int() }))).default({}),
  /** Moved to the form set (profile.yaml `forms:`): still read, with a warning, and not used. */
  summary_classes: z.array(code()).optional(),
  basic_detail_form: z.array(z.array(code())).optional(),
});
export type CatalogData = z.output<typeof catalogSchema>;
