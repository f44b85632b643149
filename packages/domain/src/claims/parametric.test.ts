import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProductDefinition } from '../catalog/index.ts';
import { parseYuan } from '../money/index.ts';
import { observationKey, type ParametricTrigger, parametricPayout } from './parametric.ts';

const yuan = parseYuan;
const index = parse(
  readFileSync(new URL('../../../../catalog/products/KB-AP-INDEX.yaml', import.meta.url), 'utf8'),
) as ProductDefinition;

function triggerOf(key: string): ParametricTrigger {
  const trigger = index.sections.find((section) => section.key === key)?.trigger;
  if (trigger?.type !== 'parametric') throw new Error(`${key} is not parametric in the shipped product`);
  return trigger;
}

const generation = triggerOf('generation_shortfall'); // below: 90 → 10 %, 85 → 30 %, 80 → 60 %, 70 → 100 %
const rainfall = triggerOf('rainfall_cover'); // above: 50 → 10 %, 100 → 40 %, 250 → 100 %
const limit = yuan('10000000');

describe('parametricPayout, direction below (低于触发值: strictly below)', () => {
  it('pays nothing at exactly the first trigger and 10 % just below it', () => {
    expect(parametricPayout({ trigger: generation, limit, observed: '90' })).toMatchObject({
      triggered: false,
      threshold: null,
      share: '0',
      payout: 0n,
    });
    expect(parametricPayout({ trigger: generation, limit, observed: '89.99' })).toMatchObject({
      triggered: true,
      threshold: '90',
      share: '0.10',
      payout: yuan('1000000'),
    });
  });

  it('takes the most severe tier met, not the sum of the tiers', () => {
    expect(parametricPayout({ trigger: generation, limit, observed: '84' })).toMatchObject({
      threshold: '85',
      share: '0.30',
      payout: yuan('3000000'),
    });
    expect(parametricPayout({ trigger: generation, limit, observed: '80.0' })).toMatchObject({
      threshold: '85',
    });
    expect(parametricPayout({ trigger: generation, limit, observed: '42.5' })).toMatchObject({
      threshold: '70',
      payout: limit,
    });
  });

  it('explains the result in both languages', () => {
    expect(parametricPayout({ trigger: generation, limit, observed: '84' }).explanation).toEqual({
      zh: '实际发电量与预期发电量之比为 84%，低于触发值 85%，按限额的 30% 赔付 3,000,000.00 元。',
      en: 'Actual over expected generation was 84%, below the trigger of 85%: 30% of the limit is payable, 3,000,000.00 yuan.',
    });
    expect(parametricPayout({ trigger: generation, limit, observed: '95' }).explanation.zh).toBe(
      '实际发电量与预期发电量之比为 95%，未低于任何触发值，不触发赔付。',
    );
  });
});

describe('parametricPayout, direction above (超过触发值: strictly above)', () => {
  const rainLimit = yuan('5000000');

  it('pays nothing at exactly 50 mm (Civil Code art. 1259: 超过 excludes the figure) and 10 % above it', () => {
    expect(parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '50.0' }).triggered).toBe(false);
    expect(parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '50.1' })).toMatchObject({
      threshold: '50',
      payout: yuan('500000'),
    });
    expect(parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '120' })).toMatchObject({
      threshold: '100',
      payout: yuan('2000000'),
    });
    expect(parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '300.5' }).payout).toBe(
      rainLimit,
    );
    expect(parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '120' }).explanation.zh).toBe(
      '24 小时降雨量为 120 mm，超过触发值 100 mm，按限额的 40% 赔付 2,000,000.00 元。',
    );
  });

  it('cuts a payout to the limit left after earlier observations of the period', () => {
    const result = parametricPayout({
      trigger: rainfall,
      limit: rainLimit,
      observed: '260',
      alreadyPaid: yuan('4500000'),
    });
    expect(result).toMatchObject({ payout: yuan('500000'), cappedByLimit: true });
    expect(result.explanation.zh).toContain('本次以剩余限额 500,000.00 元为限');
    expect(
      parametricPayout({ trigger: rainfall, limit: rainLimit, observed: '260', alreadyPaid: rainLimit })
        .payout,
    ).toBe(0n);
  });

  it('compares exact decimals, negative values included, and rounds the payout HALF_UP', () => {
    const frost: ParametricTrigger = {
      type: 'parametric',
      index: { zh: '最低气温', en: 'Minimum temperature' },
      unit: '°C',
      direction: 'below',
      payouts: [
        { threshold: '-5', payoutShareOfLimit: '0.333' },
        { threshold: '-10.5', payoutShareOfLimit: '1' },
      ],
    };
    expect(parametricPayout({ trigger: frost, limit: 1001n, observed: '-5.0000000001' })).toMatchObject({
      threshold: '-5',
      payout: 333n, // 1001 × 0.333 = 333.333
    });
    expect(parametricPayout({ trigger: frost, limit: 1001n, observed: '-10.5' }).threshold).toBe('-5');
    expect(parametricPayout({ trigger: frost, limit: 1001n, observed: '-10.51' }).payout).toBe(1001n);
    expect(() => parametricPayout({ trigger: frost, limit: 1001n, observed: '1e3' })).toThrow(
      /not a decimal/,
    );
  });
});

describe('observationKey', () => {
  it('is the same for the same observation however the value is written', () => {
    const key = observationKey({ source: ' 58362 ', date: '2025-07-21', value: '120.50' });
    expect(key).toBe('58362|2025-07-21|120.5');
    expect(observationKey({ source: '58362', date: '2025-07-21', value: '120.5' })).toBe(key);
    expect(observationKey({ source: 'grid-acc|7', date: '2025-12-31', value: '84.000' })).toBe(
      'GRID-ACC%7C7|2025-12-31|84',
    );
    expect(observationKey({ source: 'T', date: '2025-01-01', value: '-0.50' })).toBe('T|2025-01-01|-0.5');
    expect(observationKey({ source: 'T', date: '2025-01-01', value: '0.00' })).toBe('T|2025-01-01|0');
  });

  it('differs for a corrected value, and refuses what is not an observation', () => {
    expect(observationKey({ source: '58362', date: '2025-07-21', value: '121' })).not.toBe(
      observationKey({ source: '58362', date: '2025-07-21', value: '120.5' }),
    );
    expect(() => observationKey({ source: ' ', date: '2025-07-21', value: '1' })).toThrow(RangeError);
    expect(() => observationKey({ source: 'S', date: '2025-02-30', value: '1' })).toThrow();
    expect(() => observationKey({ source: 'S', date: '2025-02-03', value: 'abc' })).toThrow(/not a decimal/);
  });
});
