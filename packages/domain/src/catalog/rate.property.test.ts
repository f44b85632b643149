import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactDecimal, formatYuan, parseYuan } from '../money/index.ts';
import type { ProductDefinition } from './definition.ts';
import { changedExample, exampleProduct, REMOVE } from './example-product.fixture.ts';
import { factsOf, type QuoteInput } from './quote-facts.ts';
import { rate } from './rate.ts';
import type { RatedPremium } from './rating-result.ts';

const equip = exampleProduct();
// The same product without cap and minimum, so that nothing but the final rounding stands between the
// basis and the premium.
const uncapped = changedExample(
  ['/rating/rateCap', REMOVE],
  ['/rating/minimumPremium', REMOVE],
) as ProductDefinition;

const quoteInput = fc.record({
  contractFen: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  scoreBand: fc.constantFrom('A', 'B', 'C', 'D', 'E', undefined),
  trl: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
  claims: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
  termDays: fc.integer({ min: 1, max: 730 }),
  deductible: fc.constantFrom('20000.00', '50000.00', '100000.00'),
  keyComponent: fc.boolean(),
});

type Drawn = typeof quoteInput extends fc.Arbitrary<infer T> ? T : never;

function inputOf(drawn: Drawn, scale = 1n): QuoteInput {
  return {
    enterprise: { scoreBand: drawn.scoreBand, trl: drawn.trl, claimsLast3Years: drawn.claims },
    request: {
      contractValue: formatYuan(drawn.contractFen * scale),
      termDays: drawn.termDays,
      options: { deductible: drawn.deductible, key_component: drawn.keyComponent },
    },
  };
}

function premiumOf(definition: ProductDefinition, input: QuoteInput): RatedPremium {
  const result = rate(definition, factsOf(definition, input));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

/** The running amount after the step of a kind, as an exact decimal. */
function amountAfter(result: RatedPremium, kind: string): ExactDecimal {
  const step = result.breakdown.find((candidate) => candidate.kind === kind);
  if (step === undefined) throw new Error(`no ${kind} step`);
  return new ExactDecimal(step.amount);
}

const yuan = (fen: bigint) => new ExactDecimal(formatYuan(fen));

describe('rating, for any enterprise and request', () => {
  it('gives the same premium and explanation every time, compiled or not', () => {
    fc.assert(
      fc.property(quoteInput, (drawn) => {
        const once = premiumOf(equip, inputOf(drawn));
        const again = premiumOf(exampleProduct(), inputOf(drawn)); // a fresh object: compiled anew
        expect(again).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('never charges less than the minimum premium', () => {
    fc.assert(
      fc.property(quoteInput, (drawn) => {
        expect(premiumOf(equip, inputOf(drawn)).premium).toBeGreaterThanOrEqual(parseYuan('5000.00'));
      }),
    );
  });

  it('never charges more than the cap once it binds, but for the one rounding to the fen', () => {
    fc.assert(
      fc.property(quoteInput, (drawn) => {
        const result = premiumOf(equip, inputOf(drawn));
        const cap = result.breakdown.find((step) => step.kind === 'rate_cap');
        const minimum = result.breakdown.find((step) => step.kind === 'minimum');
        if (cap?.bound !== true || minimum?.bound === true) return;
        expect(yuan(result.premium).lte(new ExactDecimal(cap.value).plus('0.005'))).toBe(true);
      }),
    );
  });

  it('scales the premium with the basis before cap, minimum and rounding', () => {
    fc.assert(
      fc.property(quoteInput, fc.bigInt({ min: 2n, max: 1000n }), (drawn, k) => {
        const base = premiumOf(equip, inputOf(drawn));
        const scaled = premiumOf(equip, inputOf(drawn, k));
        // Exact up to the 10 decimals shown after a pro-rata day fraction.
        const expected = amountAfter(base, 'term').times(k.toString());
        expect(
          amountAfter(scaled, 'term').minus(expected).abs().lte(new ExactDecimal('1e-9').times(k.toString())),
        ).toBe(true);
      }),
    );
  });

  it('scales the premium itself within one rounding unit when nothing else binds', () => {
    fc.assert(
      fc.property(quoteInput, fc.bigInt({ min: 2n, max: 1000n }), (drawn, k) => {
        const exact = amountAfter(premiumOf(uncapped, inputOf(drawn)), 'term').times(k.toString());
        const scaled = premiumOf(uncapped, inputOf(drawn, k));
        expect(yuan(scaled.premium).minus(exact).abs().lte('0.01')).toBe(true);
      }),
    );
  });

  it('ends its explanation with the premium, one rounding away from the amount before', () => {
    fc.assert(
      fc.property(quoteInput, (drawn) => {
        const result = premiumOf(equip, inputOf(drawn));
        const steps = result.breakdown;
        expect(steps.at(-1)?.amount).toBe(formatYuan(result.premium));
        const beforeRounding = new ExactDecimal(steps.at(-2)?.amount ?? 'NaN');
        expect(yuan(result.premium).minus(beforeRounding).abs().lte('0.0050000001')).toBe(true);
      }),
    );
  });
});
