import { checkRuleConditions } from '../catalog/check-conditions.ts';
import type { Condition, ProductDefinition } from '../catalog/definition.ts';
import { type DefinitionError, pointer, problem } from '../catalog/definition-error.ts';
import { ExactDecimal } from '../money/index.ts';
import { compareDates, tryParseCalendarDate } from '../time/index.ts';
import type { SubsidyProgramme } from './programme.ts';
import { subsidyFactType } from './subsidy-facts.ts';

/*
 * The checks JSON Schema cannot make (codes `programme.*`, and the rule language's own `definition.*`
 * for conditions): shares within [0, 1], one form of share, pools adding up to 1, a window in order, mode
 * fields that fit the mode, unique keys, and every condition's facts, operators and values. A programme
 * that passes can be evaluated without any further check failing.
 */
export function checkProgramme(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  checkShare(programme, errors);
  checkFunding(programme, errors);
  checkLimits(programme, errors);
  checkWindow(programme, errors);
  checkMode(programme, errors);
  checkEligibility(programme, errors);
  programme.conditions.forEach((rule, i) => {
    checkCondition(rule.when, pointer('/conditions', i, 'when'), errors);
  });
  unique(
    programme.conditions.map((rule) => rule.reason),
    '/conditions',
    'reason',
    errors,
  );
}

function checkShare(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  const { share } = programme;
  const forms = [share.rate, share.byYear, share.tiers].filter((form) => form !== undefined).length;
  if (forms !== 1) {
    errors.push(
      problem(
        '/share',
        'programme.share_form',
        '补贴比例须且只能用 rate、byYear、tiers 之一表示',
        'The share takes exactly one of rate, byYear, tiers',
      ),
    );
  }
  shareInRange(share.rate, '/share/rate', errors);
  share.byYear?.forEach((value, i) => {
    shareInRange(value, pointer('/share/byYear', i), errors);
  });
  const tiers = share.tiers ?? [];
  tiers.forEach((tier, i) => {
    const at = pointer('/share/tiers', i);
    if ((tier.rate === undefined) === (tier.byYear === undefined)) {
      errors.push(
        problem(
          at,
          'programme.share_form',
          '每一档须且只能有 rate 或 byYear 之一',
          'A tier takes exactly one of rate, byYear',
        ),
      );
    }
    if (tier.band !== undefined && tier.when !== undefined) {
      errors.push(
        problem(
          pointer(at, 'when'),
          'programme.tier_selector',
          '一档只能按 band 或 when 之一选择',
          'A tier is chosen by band or by when, not both',
        ),
      );
    }
    if (tier.band === undefined && tier.when === undefined && i < tiers.length - 1) {
      errors.push(
        problem(
          at,
          'programme.tier_unreachable',
          '不设条件的档适用于所有企业，之后的档永远不会被选中：请放在最后',
          'A tier without band or when applies to everyone, so the tiers after it are never used: put it last',
        ),
      );
    }
    shareInRange(tier.rate, pointer(at, 'rate'), errors);
    tier.byYear?.forEach((value, j) => {
      shareInRange(value, pointer(at, 'byYear', j), errors);
    });
    if (tier.when !== undefined) checkCondition(tier.when, pointer(at, 'when'), errors);
  });
  share.bonuses?.forEach((bonus, i) => {
    const at = pointer('/share/bonuses', i);
    shareInRange(bonus.points, pointer(at, 'points'), errors, false);
    checkCondition(bonus.when, pointer(at, 'when'), errors);
  });
  unique(
    (share.bonuses ?? []).map((bonus) => bonus.reason),
    '/share/bonuses',
    'reason',
    errors,
  );
}

function checkFunding(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  const pools = programme.fundPools;
  if (pools === undefined) return;
  let total = new ExactDecimal(0);
  pools.forEach((pool, i) => {
    shareInRange(pool.share, pointer('/fundPools', i, 'share'), errors, false);
    total = total.plus(pool.share);
  });
  if (!total.equals(1)) {
    errors.push(
      problem(
        '/fundPools',
        'programme.fund_pool_sum',
        `各级资金分担比例之和应为 1，现为 ${total.toString()}`,
        `The fund pools' shares must add up to 1; they add up to ${total.toString()}`,
      ),
    );
  }
  unique(
    pools.map((pool) => pool.level),
    '/fundPools',
    'level',
    errors,
  );
}

function checkLimits(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  if (programme.rateCap !== undefined) shareInRange(programme.rateCap, '/rateCap', errors, false);
  if (programme.quota !== undefined) {
    shareInRange(programme.quota.percentOfProductValue, '/quota/percentOfProductValue', errors, false);
  }
}

function checkWindow(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  const from = tryParseCalendarDate(programme.window.from);
  const to = programme.window.to === undefined ? undefined : tryParseCalendarDate(programme.window.to);
  for (const [date, at] of [
    [from, '/window/from'],
    [to, '/window/to'],
  ] as const) {
    if (date !== undefined && !date.ok)
      errors.push(problem(at, 'programme.date', '日期不存在', 'The date does not exist'));
  }
  if (from.ok && to?.ok === true && compareDates(from.date, to.date) > 0) {
    errors.push(
      problem(
        '/window/to',
        'programme.window_order',
        '申报期的结束日期不能早于开始日期',
        'The window cannot end before it starts',
      ),
    );
  }
}

function checkMode(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  if (programme.mode === 'apply' && programme.confirmWorkingDays !== undefined) {
    errors.push(
      problem(
        '/confirmWorkingDays',
        'programme.mode_field',
        '确认期限只适用于免申即享（mode: auto）',
        'confirmWorkingDays belongs to the auto mode (免申即享)',
      ),
    );
  }
  if (programme.mode === 'auto' && programme.checklist !== undefined) {
    errors.push(
      problem(
        '/checklist',
        'programme.mode_field',
        '申报材料清单只适用于申报制（mode: apply）',
        'A checklist belongs to the apply mode',
      ),
    );
  }
  if (programme.mode === 'auto' && programme.review !== undefined) {
    errors.push(
      problem(
        '/review',
        'programme.mode_field',
        '审核环节只适用于申报制（mode: apply）',
        'Review stages belong to the apply mode',
      ),
    );
  }
  unique(
    (programme.review?.stages ?? []).map((stage) => stage.key),
    '/review/stages',
    'key',
    errors,
  );
  unique(
    (programme.checklist ?? []).map((item) => item.key),
    '/checklist',
    'key',
    errors,
  );
}

function checkEligibility(programme: SubsidyProgramme, errors: DefinitionError[]): void {
  const { tags, products, classes } = programme.eligibility;
  const none = (list: readonly unknown[] | undefined) => list === undefined || list.length === 0;
  if (tags !== undefined && tags.length === 0 && none(products) && none(classes)) {
    errors.push(
      problem(
        '/eligibility',
        'programme.no_products',
        '项目未覆盖任何产品：请给出 tags、products 或 classes',
        'The programme covers no product: give tags, products or classes',
      ),
    );
  }
}

/**
 * A programme's condition, checked by the catalogue's checker: it reads the conditions of a product's
 * rules, so the condition is passed as the one eligibility rule of a product without options, against the
 * subsidy fact dictionary, and each error's pointer is moved to where the condition sits here.
 */
function checkCondition(when: Condition, at: string, errors: DefinitionError[]): void {
  const found: DefinitionError[] = [];
  const standIn = { options: [], eligibility: [{ when }], underwriting: [] } as unknown as ProductDefinition;
  checkRuleConditions(standIn, subsidyFactType, found);
  const from = '/eligibility/0/when';
  for (const error of found) errors.push({ ...error, path: at + error.path.slice(from.length) });
}

/** A share, rate or points value within [0, 1] (or (0, 1] when zero means nothing). */
function shareInRange(
  value: string | undefined,
  at: string,
  errors: DefinitionError[],
  zeroAllowed = true,
): void {
  if (value === undefined) return;
  const decimal = new ExactDecimal(value);
  const low = zeroAllowed ? decimal.gte(0) : decimal.gt(0);
  if (low && decimal.lte(1)) return;
  const range = zeroAllowed ? '[0, 1]' : '(0, 1]';
  errors.push(
    problem(
      at,
      'programme.share_range',
      `比例应在 ${range} 之间，如 "0.8"`,
      `must be a share within ${range}, e.g. "0.8"`,
    ),
  );
}

function unique(values: readonly string[], at: string, field: string, errors: DefinitionError[]): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) {
      errors.push(
        problem(
          pointer(at, i, field),
          'programme.duplicate',
          `${field} "${value}" 重复`,
          `${field} "${value}" appears twice`,
        ),
      );
    }
    seen.add(value);
  });
}
