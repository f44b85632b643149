import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactDecimal } from '../money/index.ts';
import { type AlertRule, alertKey, evaluateRule, parseAlertRule, ruleMatches } from './alert-rules.ts';

const rule = (changes: Partial<AlertRule> = {}): AlertRule => ({
  code: 'loss-ratio-high',
  version: 1,
  names: { zh: '赔付率偏高', en: 'High loss ratio' },
  metric: 'loss_ratio',
  condition: { type: 'threshold', op: 'gt', value: '0.7' },
  severity: 'warning',
  message: {
    zh: '{subject} 赔付率为 {value}，超过 {threshold}',
    en: '{subject}: loss ratio {value}, above {threshold}',
  },
  ...changes,
});

const errorsOf = (data: unknown) => {
  const result = parseAlertRule(data);
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
};

describe('parseAlertRule', () => {
  it('accepts a well-formed rule as it is', () => {
    const data = rule({ filter: { class: ['application'], region: ['310000'] } });
    expect(parseAlertRule(data)).toEqual({ ok: true, rule: data });
  });

  it('names every schema problem by its field path, in both languages', () => {
    const result = parseAlertRule({ ...rule(), code: 'Loss Ratio', version: 0, metric: 'mood', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.path} ${e.code}`).sort()).toEqual(
      [
        '/code schema.pattern',
        '/version schema.minimum',
        '/metric schema.enum',
        '/extra schema.additionalProperties',
      ].sort(),
    );
    const code = result.errors.find((e) => e.path === '/code');
    expect(code?.message_zh).toContain('规则代码');
    expect(code?.message_en).toContain('rule code');
  });

  it('checks a condition against the alternative its type names', () => {
    expect(errorsOf(rule({ condition: { type: 'threshold', op: 'above', value: 0.7 } as never }))).toEqual([
      '/condition/op schema.enum',
      '/condition/value schema.type',
    ]);
    expect(
      errorsOf(rule({ condition: { type: 'rate_of_change', op: 'gt', value: '0.5' } as never })),
    ).toEqual(['/condition/window_days schema.required']);
    expect(errorsOf(rule({ condition: { type: 'trend', op: 'gt', value: '1' } as never }))).toEqual([
      '/condition/type schema.enum',
    ]);
    expect(errorsOf(rule({ condition: 'gt 0.7' as never }))).toEqual(['/condition schema.type']);
    const { condition: _, ...without } = rule();
    expect(errorsOf(without)).toEqual(['/condition schema.required']);
    expect(errorsOf('not a rule')).toEqual([' schema.type']);
  });

  it('checks filters', () => {
    expect(errorsOf(rule({ filter: { region: ['3101'], class: ['cyber' as never], insurer: [] } }))).toEqual([
      '/filter/insurer schema.minItems',
      '/filter/class/0 schema.enum',
      '/filter/region/0 schema.pattern',
    ]);
    expect(errorsOf(rule({ filter: { zone: ['x'] } as never }))).toEqual([
      '/filter/zone schema.additionalProperties',
    ]);
  });

  it('checks the meaning: placeholders, and thresholds the metric can reach', () => {
    expect(errorsOf(rule({ message: { zh: '{who} 超过 {threshold}', en: '{value} {subject}' } }))).toEqual([
      '/message/zh alert.placeholder',
    ]);
    expect(errorsOf(rule({ condition: { type: 'threshold', op: 'gt', value: '-0.1' } }))).toEqual([
      '/condition/value alert.negative_threshold',
    ]);
    expect(
      errorsOf(
        rule({ metric: 'repeated_claims', condition: { type: 'threshold', op: 'gte', value: '2.5' } }),
      ),
    ).toEqual(['/condition/value alert.count_threshold']);
    expect(
      errorsOf(rule({ metric: 'hhi', condition: { type: 'threshold', op: 'gt', value: '10001' } })),
    ).toEqual(['/condition/value alert.hhi_range']);
    const change = (op: 'lt' | 'lte', value: string) =>
      errorsOf(rule({ condition: { type: 'rate_of_change', window_days: 30, op, value } }));
    expect(change('lt', '-1')).toEqual(['/condition/value alert.change_range']);
    expect(change('lte', '-1')).toEqual([]);
    expect(change('lt', '-0.3')).toEqual([]);
  });
});

describe('evaluateRule: threshold', () => {
  it('fires above the threshold and words the message in the metric’s unit', () => {
    const result = evaluateRule(rule(), {
      subject: { zh: '甲保险', en: 'Insurer A' },
      value: '0.725000',
      at: '2025-06-30',
    });
    expect(result).toEqual({
      fired: true,
      applies: true,
      value: '0.725000',
      threshold: '0.7',
      severity: 'warning',
      message: {
        zh: '甲保险 赔付率为 72.50%，超过 70.00%',
        en: 'Insurer A: loss ratio 72.50%, above 70.00%',
      },
    });
  });

  it('compares exactly, at the boundary and beyond float precision', () => {
    expect(evaluateRule(rule(), { subject: 'A', value: '0.7', at: '2025-06-30' }).fired).toBe(false);
    expect(
      evaluateRule(rule(), { subject: 'A', value: '0.7000000000000000000001', at: '2025-06-30' }).fired,
    ).toBe(true);
    const gte = rule({ condition: { type: 'threshold', op: 'gte', value: '0.3' } });
    // 0.1 + 0.2 as a float is 0.30000000000000004: read by its decimal form it is above 0.3.
    expect(evaluateRule(gte, { subject: 'A', value: 0.1 + 0.2, at: '2025-06-30' })).toMatchObject({
      fired: true,
      value: '0.30000000000000004',
    });
    expect(evaluateRule(gte, { subject: 'A', value: '0.29999999999999999', at: '2025-06-30' }).fired).toBe(
      false,
    );
    for (const [op, expected] of [
      ['gt', [false, false, true]],
      ['gte', [false, true, true]],
      ['lt', [true, false, false]],
      ['lte', [true, true, false]],
    ] as const) {
      const r = rule({ condition: { type: 'threshold', op, value: '1' } });
      expect(
        ['0.99', '1.00', '1.01'].map(
          (value) => evaluateRule(r, { subject: 'A', value, at: '2025-01-01' }).fired,
        ),
      ).toEqual(expected);
    }
  });

  it('agrees with rational comparison on any decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 12 }),
        (units, scale) => {
          const text = new ExactDecimal(units.toString())
            .dividedBy(new ExactDecimal(10).pow(scale))
            .toFixed();
          const fired = evaluateRule(rule({ condition: { type: 'threshold', op: 'gt', value: '0.7' } }), {
            subject: 'A',
            value: text,
            at: '2025-01-01',
          }).fired;
          // units / 10^scale > 7/10  ⟺  10·units > 7·10^scale
          expect(fired).toBe(10n * units > 7n * 10n ** BigInt(scale));
        },
      ),
    );
  });

  it('words counts and the HHI as they are', () => {
    const backlog = rule({
      metric: 'claim_backlog_overdue',
      condition: { type: 'threshold', op: 'gt', value: '10' },
      message: { zh: '{value}/{threshold}', en: '{value} of {threshold} at {subject}' },
    });
    expect(evaluateRule(backlog, { subject: 'B', value: 12, at: '2025-01-01' }).message).toEqual({
      zh: '12/10',
      en: '12 of 10 at B',
    });
    const hhi = rule({
      metric: 'hhi',
      condition: { type: 'threshold', op: 'gt', value: '2500' },
      message: { zh: '{value}', en: '{threshold}' },
    });
    expect(evaluateRule(hhi, { subject: 'zone', value: 3333.33, at: '2025-01-01' })).toMatchObject({
      fired: true,
      message: { zh: '3333.33', en: '2500.00' },
    });
  });

  it('refuses values that are not decimals and dates that are not dates', () => {
    expect(() => evaluateRule(rule(), { subject: 'A', value: '7e-1', at: '2025-01-01' })).toThrow(RangeError);
    expect(() => evaluateRule(rule(), { subject: 'A', value: Number.NaN, at: '2025-01-01' })).toThrow(
      RangeError,
    );
    expect(() => evaluateRule(rule(), { subject: 'A', value: '0.7', at: '2025-02-30' })).toThrow(RangeError);
    expect(() => evaluateRule(rule(), { subject: 'A', value: '0.7', at: '2025-01-01T10:00:00' })).toThrow(
      RangeError,
    );
  });
});

describe('evaluateRule: filter', () => {
  const filtered = rule({ filter: { region: ['310000'], class: ['application', 'base'] } });

  it('applies only inside the filter when the observation states its dimensions', () => {
    const at = '2025-01-01';
    expect(
      evaluateRule(filtered, {
        subject: 'A',
        value: '0.9',
        at,
        dimensions: { region: '310115', class: 'base' },
      }),
    ).toMatchObject({
      applies: true,
      fired: true,
    });
    expect(
      evaluateRule(filtered, {
        subject: 'A',
        value: '0.9',
        at,
        dimensions: { region: '420100', class: 'base' },
      }),
    ).toMatchObject({
      applies: false,
      fired: false,
    });
    // Without dimensions the caller has filtered already.
    expect(evaluateRule(filtered, { subject: 'A', value: '0.9', at }).fired).toBe(true);
  });

  it('matches regions by GB/T 2260 hierarchy, and needs every listed dimension', () => {
    expect(ruleMatches({ filter: { region: ['310000'] } }, { region: '310115' })).toBe(true);
    expect(ruleMatches({ filter: { region: ['420100'] } }, { region: '420106' })).toBe(true);
    expect(ruleMatches({ filter: { region: ['420100'] } }, { region: '420200' })).toBe(false);
    expect(ruleMatches({ filter: { region: ['310115'] } }, { region: '310115' })).toBe(true);
    expect(ruleMatches({ filter: { region: ['310115'] } }, { region: '310116' })).toBe(false);
    expect(ruleMatches({ filter: { insurer: ['ORG-1'] } }, {})).toBe(false);
    expect(ruleMatches({}, {})).toBe(true);
  });
});

describe('evaluateRule: rate of change', () => {
  const jump = rule({
    metric: 'claim_backlog_overdue',
    condition: { type: 'rate_of_change', window_days: 30, op: 'gte', value: '0.5' },
    message: {
      zh: '{subject} 变化 {value}（阈值 {threshold}）',
      en: '{subject} changed by {value} (threshold {threshold})',
    },
  });

  it('fires on a relative change within the window, compared exactly', () => {
    const result = evaluateRule(jump, {
      subject: 'A',
      value: '15',
      at: '2025-03-31',
      previous: { value: '10', at: '2025-03-01' },
    });
    expect(result).toMatchObject({
      fired: true,
      value: '0.500000',
      threshold: '0.5',
      message: { zh: 'A 变化 +50.00%（阈值 +50.00%）', en: 'A changed by +50.00% (threshold +50.00%)' },
    });
    // 14.9999 / 10 − 1 = 0.49999 < 0.5, though it shows as 0.500000 once rounded: the decision is exact.
    const just = evaluateRule(jump, {
      subject: 'A',
      value: '14.9999999',
      at: '2025-03-31',
      previous: { value: '10', at: '2025-03-01' },
    });
    expect(just).toMatchObject({ fired: false, value: '0.500000' });
    const fall = rule({ condition: { type: 'rate_of_change', window_days: 7, op: 'lte', value: '-0.3' } });
    expect(
      evaluateRule(fall, {
        subject: 'A',
        value: '0.35',
        at: '2025-03-08',
        previous: { value: '0.5', at: '2025-03-01' },
      }),
    ).toMatchObject({ fired: true, value: '-0.300000' });
  });

  it('counts days on Shanghai dates for instants', () => {
    // 2025-03-01T16:30Z is already 2 March in Shanghai: 30 days to 1 April 00:30 Shanghai (31 March 16:30Z).
    const result = evaluateRule(jump, {
      subject: 'A',
      value: 20,
      at: '2025-03-31T16:30:00Z',
      previous: { value: 10, at: '2025-03-01T16:30:00.000Z' },
    });
    expect(result.fired).toBe(true);
    const outside = evaluateRule(jump, {
      subject: 'A',
      value: 20,
      at: '2025-04-01T08:00:00+08:00',
      previous: { value: 10, at: '2025-03-01T23:59:00+08:00' },
    });
    expect(outside).toMatchObject({ fired: false, value: null });
  });

  it('does not fire without a usable previous value', () => {
    const at = '2025-03-31';
    expect(evaluateRule(jump, { subject: 'A', value: '15', at })).toMatchObject({
      fired: false,
      value: null,
      message: { en: 'A changed by — (threshold +50.00%)' },
    });
    expect(evaluateRule(jump, { subject: 'A', value: '15', at, previous: null }).fired).toBe(false);
    expect(
      evaluateRule(jump, { subject: 'A', value: '15', at, previous: { value: '0', at: '2025-03-30' } }).value,
    ).toBeNull();
    expect(
      evaluateRule(jump, { subject: 'A', value: '15', at, previous: { value: '1', at: '2025-04-01' } }).value,
    ).toBeNull();
    expect(
      evaluateRule(jump, { subject: 'A', value: '15', at, previous: { value: '1', at: '2025-02-28' } }).value,
    ).toBeNull();
  });
});

describe('alertKey', () => {
  it('is the rule code and the subject, whatever the version', () => {
    expect(alertKey(rule(), 'insurer:ORG-1')).toBe('loss-ratio-high|insurer:ORG-1');
    expect(alertKey(rule({ version: 2 }), 'insurer:ORG-1')).toBe(alertKey(rule(), 'insurer:ORG-1'));
    expect(alertKey(rule(), 'insurer:ORG-2')).not.toBe(alertKey(rule(), 'insurer:ORG-1'));
  });
});
