import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Fen, formatYuan, parseYuan, sumFen } from '../money/index.ts';
import type { SubsidyContext, SubsidyDecision } from './decision.ts';
import { evaluateSubsidy } from './evaluate-subsidy.ts';
import { grantsAtBind } from './grants-at-bind.ts';
import { parseProgramme } from './parse-programme.ts';
import type { SubsidyProgramme } from './programme.ts';

/** A share with up to four decimals, "0" to "1". */
const share = fc
  .integer({ min: 0, max: 10_000 })
  .map((n) => (n === 10_000 ? '1' : `0.${String(n).padStart(4, '0')}`));
const positiveShare = share.filter((text) => Number(text) > 0);
const amount = (max: bigint) => fc.bigInt({ min: 0n, max });
const money = (max: bigint) => amount(max).map(formatYuan);

const shareForm = fc.oneof(
  share.map((rate) => ({ rate })),
  fc.array(share, { minLength: 1, maxLength: 4 }).map((byYear) => ({ byYear })),
  fc.tuple(share, share, fc.array(share, { minLength: 1, maxLength: 3 })).map(([a, b, rest]) => ({
    tiers: [{ band: 'A' as const, rate: a }, { band: 'B' as const, rate: b }, { byYear: rest }],
  })),
);

const programme = fc
  .record({
    share: shareForm,
    bonus: fc.option(positiveShare, { nil: undefined }),
    rateCap: fc.option(positiveShare, { nil: undefined }),
    perPolicy: fc.option(money(10n ** 9n), { nil: undefined }),
    perEnterprisePerYear: fc.option(money(10n ** 9n), { nil: undefined }),
    perProgramme: fc.option(money(10n ** 11n), { nil: undefined }),
    budget: money(10n ** 11n),
    quota: fc.boolean(),
    group: fc.constantFrom('g1', 'g2', undefined),
    payee: fc.constantFrom('insurer' as const, 'enterprise' as const),
    priority: fc.integer({ min: 0, max: 5 }),
    code: fc.integer({ min: 100, max: 999 }).map((n) => `prog-${n}`),
  })
  .map(
    (drawn): SubsidyProgramme => ({
      code: drawn.code,
      version: 1,
      names: { zh: '测试项目', en: 'Test programme' },
      funder: { names: { zh: '测试', en: 'Test' }, level: 'city' },
      budget: drawn.budget,
      eligibility: { tags: ['test-tag'] },
      conditions: [
        {
          reason: 'test.no_dishonesty',
          message: { zh: '无严重失信', en: 'No dishonesty' },
          when: { not: { fact: 'enterprise.dishonest', op: 'eq', value: true } },
        },
      ],
      share: {
        ...drawn.share,
        ...(drawn.bonus === undefined
          ? {}
          : {
              bonuses: [
                {
                  reason: 'test.bonus',
                  message: { zh: '加分', en: 'Bonus' },
                  when: { fact: 'request.highValuePatent', op: 'eq', value: true },
                  points: drawn.bonus,
                },
              ],
            }),
      },
      ...(drawn.rateCap === undefined ? {} : { rateCap: drawn.rateCap }),
      caps: {
        ...(drawn.perPolicy === undefined ? {} : { perPolicy: drawn.perPolicy }),
        ...(drawn.perEnterprisePerYear === undefined
          ? {}
          : { perEnterprisePerYear: drawn.perEnterprisePerYear }),
        ...(drawn.perProgramme === undefined ? {} : { perProgramme: drawn.perProgramme }),
      },
      ...(drawn.quota ? { quota: { percentOfProductValue: '0.03', years: 5 } } : {}),
      window: { from: '2025-01-01' },
      mode: 'apply',
      payee: drawn.payee,
      ...(drawn.group === undefined ? {} : { noDoubleDipGroup: drawn.group }),
      clawback: { onCancellation: 'pro_rata' },
      priority: drawn.priority,
    }),
  );

const context = fc.record({
  premium: amount(10n ** 10n),
  sumInsured: amount(10n ** 12n),
  band: fc.constantFrom('A', 'B', 'C'),
  highValuePatent: fc.boolean(),
  yearIndex: fc.integer({ min: 1, max: 6 }),
  grantedThisYearToEnterprise: amount(10n ** 9n),
  grantedToPolicy: amount(10n ** 9n),
  programmeGranted: amount(10n ** 11n),
  quotaLeft: amount(10n ** 9n),
});

type Drawn = typeof context extends fc.Arbitrary<infer T> ? T : never;

function contextOf(drawn: Drawn, premium: Fen = drawn.premium): SubsidyContext {
  return {
    policy: {
      productCode: 'KB-BR-CYBER',
      statisticalClass: 'base',
      subsidyTags: ['test-tag'],
      premium,
      sumInsured: drawn.sumInsured,
      startDate: '2025-06-01',
      facts: { highValuePatent: drawn.highValuePatent },
    },
    enterprise: { facts: { scoreBand: drawn.band, dishonest: false } },
    history: {
      yearIndex: drawn.yearIndex,
      grantedThisYearToEnterprise: drawn.grantedThisYearToEnterprise,
      grantedToPolicy: drawn.grantedToPolicy,
      programmeGranted: drawn.programmeGranted,
      quotaLeft: drawn.quotaLeft,
      groupsAlreadyGranted: [],
    },
  };
}

const left = (cap: string | undefined, used: Fen) =>
  cap === undefined ? undefined : parseYuan(cap) > used ? parseYuan(cap) - used : 0n;

describe('a subsidy decision, for any programme and policy', () => {
  it('is a valid programme (the generator stays inside the schema)', () => {
    fc.assert(
      fc.property(programme, (p) => {
        const result = parseProgramme(p);
        expect(result.ok ? [] : result.errors).toEqual([]);
      }),
    );
  });

  it('is never negative and never above the premium, the eligible premium, a cap, the budget or the quota left', () => {
    fc.assert(
      fc.property(programme, context, (p, drawn) => {
        const ctx = contextOf(drawn);
        const decision = evaluateSubsidy(p, ctx);
        expect(decision.amount >= 0n).toBe(true);
        expect(decision.amount <= ctx.policy.premium).toBe(true);
        expect(decision.amount <= decision.eligiblePremium).toBe(true);
        expect(decision.eligiblePremium <= ctx.policy.premium).toBe(true);
        const bounds = [
          left(p.caps?.perPolicy, drawn.grantedToPolicy),
          left(p.caps?.perEnterprisePerYear, drawn.grantedThisYearToEnterprise),
          left(p.budget, drawn.programmeGranted),
          left(p.caps?.perProgramme, drawn.programmeGranted),
          p.quota === undefined ? undefined : drawn.quotaLeft,
        ];
        for (const bound of bounds) if (bound !== undefined) expect(decision.amount <= bound).toBe(true);
        expect(sumFen(decision.funding.map((part) => part.amount))).toBe(decision.amount);
        expect(decision.amount === 0n).toBe(decision.refusal !== null);
        if (decision.share !== null) expect(Number(decision.share)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('never falls when the premium rises', () => {
    fc.assert(
      fc.property(programme, context, amount(10n ** 10n), (p, drawn, more) => {
        const lower = evaluateSubsidy(p, contextOf(drawn));
        const higher = evaluateSubsidy(p, contextOf(drawn, drawn.premium + more));
        expect(higher.amount >= lower.amount).toBe(true);
      }),
    );
  });

  it('is the same every time', () => {
    fc.assert(
      fc.property(programme, context, (p, drawn) => {
        expect(evaluateSubsidy(p, contextOf(drawn))).toEqual(evaluateSubsidy(p, contextOf(drawn)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('the grants at bind, for any set of programmes', () => {
  const programmes = fc.uniqueArray(programme, { minLength: 1, maxLength: 6, selector: (p) => p.code });

  it('add up to at most the premium, with one grant per no-double-dip group', () => {
    fc.assert(
      fc.property(programmes, context, (list, drawn) => {
        const ctx = contextOf(drawn);
        const histories = Object.fromEntries(list.map((p) => [p.code, ctx.history]));
        const bind = grantsAtBind(list, { policy: ctx.policy, enterprise: ctx.enterprise, histories });
        const granted = bind.decisions.filter((d: SubsidyDecision) => d.amount > 0n);
        expect(bind.total).toBe(sumFen(granted.map((d) => d.amount)));
        expect(bind.total <= ctx.policy.premium).toBe(true);
        expect(bind.toInsurer + bind.toEnterprise).toBe(bind.total);
        const groupOf = new Map(list.map((p) => [p.code, p.noDoubleDipGroup]));
        const groups = granted.map((d) => groupOf.get(d.programme)).filter((g) => g !== undefined);
        expect(new Set(groups).size).toBe(groups.length);
      }),
    );
  });
});
