import { parseYuan } from '../money/index.ts';
import { checkFact, TYPE_ZH } from './check-conditions.ts';
import type { Factor, ProductDefinition } from './definition.ts';
import { type DefinitionError, pointer, problem } from './definition-error.ts';
import { type FactTypeOf, optionOfFact } from './fact-types.ts';
import { compareDecimals, parseDecimal, type ScaledDecimal } from './scaled-decimal.ts';

/** Fen in one rounding unit (取整单位). */
export const ROUNDING_UNIT_FEN = { fen: 1n, jiao: 10n, yuan: 100n } as const;

const ONE: ScaledDecimal = { units: 1n, scale: 0 };
const MONTH_KEY = /^([1-9]|1[0-2])$/;

/** What the rating schema cannot say: positive rates and factors, coherent tables and bands. */
export function checkRating(
  definition: ProductDefinition,
  typeOf: FactTypeOf,
  errors: DefinitionError[],
): void {
  const { rating } = definition;
  if (!isPositive(rating.baseRate)) {
    errors.push(
      problem(
        '/rating/baseRate',
        'definition.base_rate_not_positive',
        '基准费率应大于 0',
        'The base rate must be above 0',
      ),
    );
  }
  rating.factors.forEach((factor, i) => {
    checkFactor(definition, typeOf, factor, pointer('/rating/factors', i), errors);
  });
  if (rating.term.method === 'short_period') checkShortPeriodTable(rating.term.table, errors);
  if (rating.rateCap !== undefined) {
    const cap = parseDecimal(rating.rateCap);
    if (cap === undefined || cap.units <= 0n || compareDecimals(cap, ONE) > 0) {
      errors.push(
        problem(
          '/rating/rateCap',
          'definition.rate_cap_range',
          '费率上限应在 0 与 1 之间（不含 0）',
          'The rate cap must lie in (0, 1]',
        ),
      );
    }
  }
  if (rating.minimumPremium !== undefined) {
    const minimum = parseYuan(rating.minimumPremium);
    const unit = ROUNDING_UNIT_FEN[rating.rounding.to];
    // The premium is rounded after the minimum applies; a minimum on the rounding grid survives any mode.
    if (minimum < 0n || minimum % unit !== 0n) {
      errors.push(
        problem(
          '/rating/minimumPremium',
          'definition.minimum_not_rounded',
          '最低保费应为非负数，且为取整单位的整数倍',
          'The minimum premium must be non-negative and a whole number of rounding units',
        ),
      );
    }
  }
}

function checkFactor(
  definition: ProductDefinition,
  typeOf: FactTypeOf,
  factor: Factor,
  path: string,
  errors: DefinitionError[],
): void {
  const type = checkFact(typeOf, factor.fact, pointer(path, 'fact'), errors);
  const lookups = (factor.table === undefined ? 0 : 1) + (factor.bands === undefined ? 0 : 1);
  if (lookups !== 1) {
    errors.push(
      problem(
        path,
        'definition.factor_lookup',
        '因子应有且仅有 table 或 bands 之一',
        'A factor has exactly one of table or bands',
      ),
    );
  }
  if (factor.default !== undefined) positiveFactor(factor.default, pointer(path, 'default'), errors);
  if (factor.table !== undefined) {
    for (const [key, value] of Object.entries(factor.table))
      positiveFactor(value, pointer(path, 'table', key), errors);
  }
  factor.bands?.forEach((band, j) => {
    positiveFactor(band.factor, pointer(path, 'bands', j, 'factor'), errors);
  });
  // With both a table and bands, which one fits the fact is beside the point until one is removed.
  if (type === undefined || lookups !== 1) return;
  if (factor.table !== undefined) {
    if (type !== 'string' && type !== 'integer' && type !== 'boolean') {
      errors.push(
        problem(
          pointer(path, 'table'),
          'definition.table_fact_type',
          `${TYPE_ZH[type]}类事实不能按表查找，请用 bands`,
          `A ${type} fact cannot be looked up in a table; use bands`,
        ),
      );
      return;
    }
    checkTableKeys(definition, factor, type, path, errors);
  }
  if (factor.bands !== undefined) {
    if (type !== 'integer' && type !== 'decimal' && type !== 'money') {
      errors.push(
        problem(
          pointer(path, 'bands'),
          'definition.band_fact_type',
          `分段只适用于数值类事实，${factor.fact} 是${TYPE_ZH[type]}类`,
          `Bands need a numeric fact; ${factor.fact} is ${type}`,
        ),
      );
      return;
    }
    checkBands(factor, path, errors);
  }
}

function checkTableKeys(
  definition: ProductDefinition,
  factor: Factor,
  type: 'string' | 'integer' | 'boolean',
  path: string,
  errors: DefinitionError[],
): void {
  const table = factor.table ?? {};
  const choices = optionOfFact(definition, factor.fact)?.choices;
  const expected = type === 'boolean' ? ['true', 'false'] : choices;
  for (const key of Object.keys(table)) {
    const fits =
      expected !== undefined ? expected.includes(key) : type !== 'integer' || /^-?(0|[1-9][0-9]*)$/.test(key);
    if (fits) continue;
    const hint = expected?.join(', ') ?? 'an integer';
    errors.push(
      problem(
        pointer(path, 'table', key),
        'definition.table_key',
        `表键 ${JSON.stringify(key)} 不是 ${factor.fact} 的取值（${expected?.join('、') ?? '整数'}）`,
        `The key ${JSON.stringify(key)} is not a value of ${factor.fact} (${hint})`,
      ),
    );
  }
  // A closed set of values (an option's choices, true/false) must each find a factor, or fall back to a default.
  if (expected === undefined || factor.default !== undefined) return;
  const uncovered = expected.filter((value) => !Object.hasOwn(table, value));
  if (uncovered.length === 0) return;
  errors.push(
    problem(
      pointer(path, 'table'),
      'definition.table_incomplete',
      `表缺少 ${uncovered.join('、')}，且未设置 default`,
      `The table has no factor for ${uncovered.join(', ')} and no default`,
    ),
  );
}

function checkBands(factor: Factor, path: string, errors: DefinitionError[]): void {
  const bands = factor.bands ?? [];
  let previousTo: ScaledDecimal | undefined;
  bands.forEach((band, j) => {
    const at = pointer(path, 'bands', j);
    const from = band.from === undefined ? undefined : parseDecimal(band.from);
    const to = band.to === undefined ? undefined : parseDecimal(band.to);
    const say = (code: string, zh: string, en: string) => errors.push(problem(at, code, zh, en));
    if (band.from === undefined && j > 0) {
      say('definition.band_open_end', '只有第一段可以省略 from', 'Only the first band may omit from');
    } else if (band.to === undefined && j < bands.length - 1) {
      say('definition.band_open_end', '只有最后一段可以省略 to', 'Only the last band may omit to');
    } else if (from !== undefined && to !== undefined && compareDecimals(from, to) >= 0) {
      say('definition.band_empty', '每段应满足 from < to', 'A band needs from < to');
    } else if (from !== undefined && previousTo !== undefined && compareDecimals(from, previousTo) < 0) {
      say(
        'definition.band_order',
        '分段应按顺序排列且互不重叠（from 不小于上一段的 to）',
        'Bands are in order and do not overlap (from is at least the previous to)',
      );
    }
    previousTo = to;
  });
}

function checkShortPeriodTable(table: Record<string, string>, errors: DefinitionError[]): void {
  const at = (month: string) => pointer('/rating/term/table', month);
  for (const key of Object.keys(table)) {
    if (!MONTH_KEY.test(key)) {
      errors.push(
        problem(
          at(key),
          'definition.short_period_month',
          '短期费率表的键应为 1 至 12 月',
          'Short-period months run from 1 to 12',
        ),
      );
    }
  }
  let previous: ScaledDecimal | undefined;
  for (let month = 1; month <= 12; month++) {
    const text = table[String(month)];
    if (text === undefined) {
      errors.push(
        problem(
          at(String(month)),
          'definition.short_period_missing',
          `短期费率表缺少 ${month} 个月`,
          `The short-period table has no entry for ${month} months`,
        ),
      );
      continue;
    }
    const share = parseDecimal(text);
    if (share === undefined || share.units <= 0n || compareDecimals(share, ONE) > 0) {
      errors.push(
        problem(
          at(String(month)),
          'definition.short_period_share',
          '短期费率应在 0 与 1 之间（不含 0）',
          'A short-period share lies in (0, 1]',
        ),
      );
    } else if (previous !== undefined && compareDecimals(share, previous) < 0) {
      errors.push(
        problem(
          at(String(month)),
          'definition.short_period_decreasing',
          '短期费率不能随月数增加而减少',
          'A short-period share cannot fall as the months grow',
        ),
      );
    }
    if (share !== undefined) previous = share;
  }
}

function positiveFactor(text: string, path: string, errors: DefinitionError[]): void {
  if (isPositive(text)) return;
  errors.push(problem(path, 'definition.factor_not_positive', '因子应大于 0', 'A factor must be above 0'));
}

function isPositive(text: string): boolean {
  const value = parseDecimal(text);
  return value !== undefined && value.units > 0n;
}
