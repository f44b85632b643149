import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type Static, Type } from 'typebox';
import { type BilingualText, Names, statisticalClasses } from '../catalog/definition.ts';
import { type DefinitionError, problem, valueAt } from '../catalog/definition-error.ts';
import { ExactDecimal } from '../money/index.ts';
import { schemaErrorMessage } from '../schema/messages.ts';
import { type CalendarDate, daysBetween, shanghaiDateOf, tryParseCalendarDate } from '../time/index.ts';

/*
 * Early-warning rules (动态预警规则) as data: which metric, for which subjects, under which condition, how
 * severe, and the message in both languages. The same schema validates the shipped files in
 * `catalog/alerts/*.yaml` and rules published through the API; it is published as JSON Schema in
 * `catalog/schema/alert-rule.schema.json` (written by `npm run openapi`). The server measures; evaluateRule only compares, exactly, and words the message.
 *
 * Values and thresholds are decimal strings compared exactly (decimal.js, no float). Ratios are fractions
 * ("0.7" is 70 %), as ratioText writes them; counts are whole numbers; the HHI is on the 0–10,000 scale.
 */

/** The metrics a rule can watch; ALERT_METRICS says what each measures and in what unit. */
export const alertMetrics = [
  'loss_ratio',
  'claim_backlog_overdue',
  'hhi',
  'insurer_share',
  'retention_ratio',
  'retained_premium_ratio',
  'sandbox_usage',
  'subsidy_burn',
  'repeated_claims',
  'subsidy_and_claim',
] as const;
export type AlertMetric = (typeof alertMetrics)[number];

/** ratio: a fraction, shown as a percent; count: a whole number; index: the HHI, 0–10,000. */
export type AlertMetricUnit = 'ratio' | 'count' | 'index';

export const ALERT_METRICS: Record<
  AlertMetric,
  { unit: AlertMetricUnit; names: BilingualText; definition: BilingualText }
> = {
  loss_ratio: {
    unit: 'ratio',
    names: { zh: '赔付率', en: 'Loss ratio' },
    definition: {
      zh: '已发生赔款 / 已赚保费（按保险公司、产品、类别或区域）',
      en: 'Incurred claims / earned premium (per insurer, product, class or region)',
    },
  },
  claim_backlog_overdue: {
    unit: 'count',
    names: { zh: '超期未结案件', en: 'Overdue claim backlog' },
    definition: {
      zh: '超过理赔时限仍未结案的案件数',
      en: 'Open claims past their service deadline',
    },
  },
  hhi: {
    unit: 'index',
    names: { zh: '集中度指数 (HHI)', en: 'Concentration (HHI)' },
    definition: {
      zh: '按保险公司、产业链或区域计算的风险保障金额赫芬达尔—赫希曼指数，0 至 10000',
      en: 'Herfindahl–Hirschman index of sum insured by insurer, industry chain or region, 0 to 10,000',
    },
  },
  insurer_share: {
    unit: 'ratio',
    names: { zh: '单一机构风险占比', en: 'Insurer share of exposure' },
    definition: {
      zh: '一家保险公司的风险保障金额 / 区内风险保障金额',
      en: 'One insurer’s sum insured / the zone’s sum insured',
    },
  },
  retention_ratio: {
    unit: 'ratio',
    names: { zh: '每一危险单位自留比例', en: 'Per-risk retention used' },
    definition: {
      zh: '最大每一危险单位自留责任 / 实有资本金加公积金总和的 10%（《保险法》第一百零三条）',
      en: 'Largest net retention per risk unit / 10 % of capital plus reserves (Insurance Law art. 103)',
    },
  },
  retained_premium_ratio: {
    unit: 'ratio',
    names: { zh: '自留保费比例', en: 'Retained premium used' },
    definition: {
      zh: '当年自留保费 / 实有资本金加公积金总和的 4 倍（《保险法》第一百零二条）',
      en: 'Retained premium of the year / 4 × capital plus reserves (Insurance Law art. 102)',
    },
  },
  sandbox_usage: {
    unit: 'ratio',
    names: { zh: '沙盒测试额度使用率', en: 'Sandbox limit used' },
    definition: {
      zh: '沙盒产品已使用的测试额度 / 测试额度',
      en: 'A sandbox product’s test limit used / its test limit',
    },
  },
  subsidy_burn: {
    unit: 'ratio',
    names: { zh: '补贴预算使用率', en: 'Subsidy budget committed' },
    definition: {
      zh: '已承诺（已批及预留）补贴 / 项目预算',
      en: 'Subsidy committed (granted and reserved) / the programme’s budget',
    },
  },
  repeated_claims: {
    unit: 'count',
    names: { zh: '重复出险', en: 'Repeated claims' },
    definition: {
      zh: '一家企业近 12 个月报案次数',
      en: 'Claims an enterprise reported in the last 12 months',
    },
  },
  subsidy_and_claim: {
    unit: 'count',
    names: { zh: '获补贴保单出险', en: 'Claims on subsidised policies' },
    definition: {
      zh: '一家企业近 12 个月在获保费补贴的保单上的报案次数',
      en: 'Claims an enterprise reported in the last 12 months on policies that received a premium subsidy',
    },
  },
};

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertOperators = ['gt', 'gte', 'lt', 'lte'] as const;
export type AlertOperator = (typeof alertOperators)[number];

/** The placeholders a message template may use. */
export const ALERT_PLACEHOLDERS = ['value', 'threshold', 'subject'] as const;

/** The rule code: lower case, digits, '.', '_' and '-', 3 to 64 characters; a shipped file is named for it. */
export const ALERT_RULE_CODE_PATTERN = '^[a-z][a-z0-9_.-]{2,63}$';

const DECIMAL_PATTERN = '^-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,10})?$';
const DecimalText = (description: string) =>
  Type.String({ pattern: DECIMAL_PATTERN, maxLength: 28, description });
const Operator = Type.Enum([...alertOperators], { description: 'observed value op threshold' });
const List = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Optional(Type.Array(item, { minItems: 1, maxItems: 100, uniqueItems: true, description }));

export const ThresholdConditionSchema = Type.Object(
  {
    type: Type.Literal('threshold'),
    op: Operator,
    value: DecimalText('the threshold, in the metric’s unit (a ratio as a fraction: "0.7" is 70 %)'),
  },
  {
    additionalProperties: false,
    description: 'Fires when the observed value compares so with the threshold',
  },
);

export const RateOfChangeConditionSchema = Type.Object(
  {
    type: Type.Literal('rate_of_change'),
    window_days: Type.Integer({
      minimum: 1,
      maximum: 3660,
      description: 'the previous observation is at most this many days before the current one',
    }),
    op: Operator,
    value: DecimalText(
      'relative change (current − previous) / |previous|: "0.5" is +50 %, "-0.3" a fall of 30 %',
    ),
  },
  {
    additionalProperties: false,
    description: 'Fires when the relative change since the previous observation compares so with the value',
  },
);

export const AlertFilterSchema = Type.Object(
  {
    insurer: List(Type.String({ minLength: 1, maxLength: 64 }), 'insurer organisation ids'),
    class: List(Type.Enum([...statisticalClasses]), 'statistical classes (《科技保险业务统计制度》)'),
    region: List(
      Type.String({ pattern: '^[0-9]{6}$' }),
      'GB/T 2260 codes; a province (xx0000) or city (xxxx00) code covers the codes under it',
    ),
    industry: List(Type.String({ minLength: 1, maxLength: 64 }), 'industry chains'),
    product: List(Type.String({ minLength: 1, maxLength: 40 }), 'product codes'),
    programme: List(Type.String({ minLength: 1, maxLength: 48 }), 'subsidy programme codes'),
  },
  {
    additionalProperties: false,
    description:
      'Which subjects the rule watches: every listed dimension must match (any of its values); a dimension ' +
      'the observation does not state does not match',
  },
);

export const AlertRuleSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    code: Type.String({ pattern: ALERT_RULE_CODE_PATTERN, description: 'Rule code, e.g. loss-ratio-high' }),
    version: Type.Integer({ minimum: 1, maximum: 9999 }),
    names: Names,
    description: Type.Optional(Names),
    metric: Type.Enum([...alertMetrics]),
    filter: Type.Optional(AlertFilterSchema),
    condition: Type.Union([ThresholdConditionSchema, RateOfChangeConditionSchema]),
    severity: Type.Enum([...alertSeverities]),
    message: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 500 }),
        en: Type.String({ minLength: 1, maxLength: 500 }),
      },
      {
        additionalProperties: false,
        description: 'The alert’s text, Chinese first; {value}, {threshold} and {subject} are filled in',
      },
    ),
  },
  { additionalProperties: false, description: 'An early-warning rule (预警规则) of the regulator’s cockpit' },
);

export type AlertRule = Static<typeof AlertRuleSchema>;
export type AlertCondition = AlertRule['condition'];
export type AlertFilter = Static<typeof AlertFilterSchema>;
export type AlertDimension = keyof AlertFilter;

// ---- Parsing -------------------------------------------------------------------------------------

let validators: { rule: ValidateFunction; threshold: ValidateFunction; change: ValidateFunction } | undefined;

function compiled() {
  if (validators === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validators = {
      rule: ajv.compile(AlertRuleSchema as object),
      threshold: ajv.compile(ThresholdConditionSchema as object),
      change: ajv.compile(RateOfChangeConditionSchema as object),
    };
  }
  return validators;
}

function toError(error: ErrorObject, prefix = ''): DefinitionError {
  const params = error.params as Record<string, unknown>;
  let path = prefix + error.instancePath;
  if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
  const [zh, en] =
    error.keyword === 'pattern' && path === '/code'
      ? [
          '规则代码应为小写字母开头，由小写字母、数字和 . _ - 组成（3 至 64 个字符），如 loss-ratio-high',
          'must be a rule code of lower-case letters, digits, ".", "_" and "-" (3 to 64), e.g. loss-ratio-high',
        ]
      : schemaErrorMessage(error.keyword, params);
  return problem(path, `schema.${error.keyword}`, zh, en);
}

/**
 * The JSON Schema errors of a rule document. The condition is a union told apart by `type`, so instead of
 * Ajv's list of every alternative it failed, a condition is checked against the alternative its `type`
 * names (or gets one error at /condition/type when that is not one of them).
 */
function schemaErrors(document: unknown): DefinitionError[] {
  const { rule, threshold, change } = compiled();
  if (rule(document)) return [];
  const out: DefinitionError[] = [];
  const seen = new Set<string>();
  const add = (error: DefinitionError) => {
    const key = `${error.path} ${error.code}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(error);
    }
  };
  for (const error of rule.errors ?? []) {
    if (error.instancePath === '/condition' || error.instancePath.startsWith('/condition/')) continue;
    add(toError(error));
  }
  const condition = valueAt(document, '/condition');
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    if (condition === undefined) {
      // Reported by `required` above.
    } else if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
      add(problem('/condition', 'schema.type', '类型应为对象', 'must be an object'));
    } else {
      const type = (condition as { type?: unknown }).type;
      const validate = type === 'threshold' ? threshold : type === 'rate_of_change' ? change : undefined;
      if (validate === undefined) {
        add(
          problem(
            '/condition/type',
            'schema.enum',
            '条件类型应为：threshold、rate_of_change',
            'must be one of: threshold, rate_of_change',
          ),
        );
      } else if (!validate(condition)) {
        for (const error of validate.errors ?? []) add(toError(error, '/condition'));
      }
    }
  }
  return out;
}

export type ParseAlertRuleResult = { ok: true; rule: AlertRule } | { ok: false; errors: DefinitionError[] };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Reads a rule as it arrives — a parsed YAML file, an API upload — and either accepts it or lists every
 * problem with a JSON pointer, a stable code and a message in both languages, as parseProgramme does for
 * subsidy programmes: the JSON Schema first (`schema.*`), then, for a document of the right shape, the
 * checks of meaning (`alert.*`).
 */
export function parseAlertRule(data: unknown): ParseAlertRuleResult {
  const shape = schemaErrors(data);
  if (shape.length > 0) return { ok: false, errors: shape };
  const rule = data as AlertRule;
  const errors: DefinitionError[] = [];
  for (const language of ['zh', 'en'] as const) {
    for (const [, name] of rule.message[language].matchAll(PLACEHOLDER)) {
      if (!(ALERT_PLACEHOLDERS as readonly string[]).includes(name as string))
        errors.push(
          problem(
            `/message/${language}`,
            'alert.placeholder',
            `未知的占位符 {${name}}：可用 {value}、{threshold}、{subject}`,
            `Unknown placeholder {${name}}: use {value}, {threshold} or {subject}`,
          ),
        );
    }
  }
  const { unit } = ALERT_METRICS[rule.metric];
  if (rule.condition.type === 'threshold') {
    const threshold = new ExactDecimal(rule.condition.value);
    if (threshold.isNegative())
      errors.push(
        problem(
          '/condition/value',
          'alert.negative_threshold',
          '该指标不会为负，阈值不能小于 0',
          'This metric is never negative: the threshold cannot be below 0',
        ),
      );
    else if (unit === 'count' && !threshold.isInteger())
      errors.push(
        problem(
          '/condition/value',
          'alert.count_threshold',
          '件数阈值应为整数',
          'A count threshold is a whole number',
        ),
      );
    else if (unit === 'index' && threshold.greaterThan(10_000))
      errors.push(
        problem(
          '/condition/value',
          'alert.hhi_range',
          'HHI 取值为 0 至 10000，阈值不能超过 10000',
          'The HHI runs from 0 to 10,000: the threshold cannot be above 10,000',
        ),
      );
  } else {
    // A metric that is never negative cannot fall by more than 100 %: `lt -1` (or below) never fires.
    const change = new ExactDecimal(rule.condition.value);
    const op = rule.condition.op;
    if ((op === 'lt' && change.lessThanOrEqualTo(-1)) || (op === 'lte' && change.lessThan(-1)))
      errors.push(
        problem(
          '/condition/value',
          'alert.change_range',
          '指标不会为负，相对变化不会低于 -100%：该条件永不触发',
          'The metric is never negative, so it never changes by less than -100 %: the rule would never fire',
        ),
      );
  }
  return errors.length === 0 ? { ok: true, rule } : { ok: false, errors };
}

// ---- Evaluation ----------------------------------------------------------------------------------

/** Where an observation belongs, for the rule's filter. */
export type AlertDimensions = Partial<Record<AlertDimension, string>>;

export interface AlertObservation {
  /** Who or what the value is about, as the message names it: one text, or one per language. */
  subject: string | BilingualText;
  /** The measured value: a decimal string (exact) or a number (read by its shortest decimal form). */
  value: number | string;
  /** When it was measured: 'YYYY-MM-DD', or an ISO 8601 instant with a zone (taken as its Shanghai date). */
  at: string;
  /** The value the change is measured from, for rate_of_change rules. */
  previous?: { value: number | string; at: string } | null;
  /** When given, the rule's filter is checked against it; when omitted, the caller has already filtered. */
  dimensions?: AlertDimensions;
}

export interface AlertEvaluation {
  fired: boolean;
  /** False when the observation's dimensions are outside the rule's filter (then fired is false). */
  applies: boolean;
  /**
   * The value compared: the observation's (a string as given, a number in decimal form) for a threshold;
   * the relative change, HALF_UP to 6 decimals, for rate_of_change — null when there is none (no previous
   * value, a previous of 0, or one outside the window).
   */
  value: string | null;
  /** The rule's value. */
  threshold: string;
  severity: AlertSeverity;
  /** The rule's message with the placeholders filled in. */
  message: BilingualText;
}

/**
 * Whether an observation's dimensions fall inside a rule's filter: every dimension the filter lists must be
 * stated and be one of its values. Regions match by GB/T 2260 hierarchy: a province code (xx0000) covers
 * every code starting xx, a city code (xxxx00) every code starting xxxx.
 */
export function ruleMatches(rule: Pick<AlertRule, 'filter'>, dimensions: AlertDimensions): boolean {
  const filter = rule.filter;
  if (filter === undefined) return true;
  for (const key of Object.keys(filter) as AlertDimension[]) {
    const wanted = filter[key] as readonly string[] | undefined;
    if (wanted === undefined) continue;
    const have = dimensions[key];
    if (have === undefined) return false;
    const match = key === 'region' ? wanted.some((code) => regionCovers(code, have)) : wanted.includes(have);
    if (!match) return false;
  }
  return true;
}

function regionCovers(filter: string, code: string): boolean {
  if (filter === code) return true;
  if (filter.endsWith('0000')) return code.startsWith(filter.slice(0, 2));
  if (filter.endsWith('00')) return code.startsWith(filter.slice(0, 4));
  return false;
}

const DECIMAL_SHAPE = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function decimalOf(value: number | string, what: string): ExactDecimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${what} is not a finite number: ${value}`);
    return new ExactDecimal(value);
  }
  if (typeof value !== 'string' || !DECIMAL_SHAPE.test(value))
    throw new RangeError(`${what} is not a decimal string: ${JSON.stringify(value)}`);
  return new ExactDecimal(value);
}

function dateOf(at: string, what: string): CalendarDate {
  if (typeof at === 'string') {
    const date = tryParseCalendarDate(at);
    if (date.ok) return date.date;
    if (/^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2})$/.test(at)) {
      const instant = new Date(at);
      if (!Number.isNaN(instant.getTime())) return shanghaiDateOf(instant);
    }
  }
  throw new RangeError(`${what} is not a date or an ISO instant with a zone: ${JSON.stringify(at)}`);
}

function compare(left: ExactDecimal, op: AlertOperator, right: ExactDecimal): boolean {
  const order = left.comparedTo(right);
  switch (op) {
    case 'gt':
      return order > 0;
    case 'gte':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'lte':
      return order <= 0;
  }
}

/** A value in the metric's unit for a message: a ratio as a percent, a count as is, the HHI to 2 places. */
function shown(value: ExactDecimal, unit: AlertMetricUnit | 'change'): string {
  switch (unit) {
    case 'ratio':
      return `${value.times(100).toFixed(2, ExactDecimal.ROUND_HALF_UP)}%`;
    case 'change': {
      const percent = value.times(100).toFixed(2, ExactDecimal.ROUND_HALF_UP);
      return `${value.isNegative() ? '' : '+'}${percent}%`;
    }
    case 'index':
      return value.toFixed(2, ExactDecimal.ROUND_HALF_UP);
    case 'count':
      return value.toFixed();
  }
}

/**
 * Evaluates a rule on one observation. A threshold condition compares the value with the threshold; a
 * rate_of_change condition compares (value − previous) / |previous| with the rule's value — exactly, as
 * (value − previous) op threshold × |previous| — when the previous observation is at most window_days
 * before this one (days counted on Shanghai dates) and not 0; otherwise it does not fire. Throws a
 * RangeError on a value that is not a decimal or a date that is not one.
 */
export function evaluateRule(rule: AlertRule, observation: AlertObservation): AlertEvaluation {
  const applies = observation.dimensions === undefined || ruleMatches(rule, observation.dimensions);
  const current = decimalOf(observation.value, 'the value');
  const at = dateOf(observation.at, 'at');
  const condition = rule.condition;
  const threshold = new ExactDecimal(condition.value);
  const { unit } = ALERT_METRICS[rule.metric];
  let fired = false;
  let value: string | null;
  let words: { value: string; threshold: string };
  if (condition.type === 'threshold') {
    value = typeof observation.value === 'string' ? observation.value : current.toFixed();
    fired = compare(current, condition.op, threshold);
    words = { value: shown(current, unit), threshold: shown(threshold, unit) };
  } else {
    value = null;
    words = { value: '—', threshold: shown(threshold, 'change') };
    const previous = observation.previous;
    if (previous !== undefined && previous !== null) {
      const before = decimalOf(previous.value, 'the previous value');
      const days = daysBetween(dateOf(previous.at, 'previous.at'), at);
      if (!before.isZero() && days >= 0 && days <= condition.window_days) {
        const difference = current.minus(before);
        fired = compare(difference, condition.op, threshold.times(before.abs()));
        const change = difference.dividedBy(before.abs());
        value = change.toFixed(6, ExactDecimal.ROUND_HALF_UP);
        words = { ...words, value: shown(change, 'change') };
      }
    }
  }
  const subject = observation.subject;
  const message = {
    zh: fill(rule.message.zh, words, typeof subject === 'string' ? subject : subject.zh),
    en: fill(rule.message.en, words, typeof subject === 'string' ? subject : subject.en),
  };
  return {
    fired: applies && fired,
    applies,
    value,
    threshold: condition.value,
    severity: rule.severity,
    message,
  };
}

function fill(template: string, words: { value: string; threshold: string }, subject: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    name === 'value'
      ? words.value
      : name === 'threshold'
        ? words.threshold
        : name === 'subject'
          ? subject
          : whole,
  );
}

/**
 * The key of the one alert a rule may have open on a subject: the rule's code (not its version — a new
 * version of a rule keeps its open alerts) and the subject's id, e.g. "loss-ratio-high|insurer:ORG-1".
 * Store it with a unique index on open alerts to open each at most once.
 */
export function alertKey(rule: Pick<AlertRule, 'code'>, subject: string): string {
  return `${rule.code}|${subject}`;
}
