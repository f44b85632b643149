import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan, sumFen } from '../money/index.ts';
import {
  type CessionResult,
  computeCessions,
  excessOfLossRecovery,
  type Facultative,
  retentionExcess,
  retentionLimit,
  surplusCededSumInsured,
  type Treaty,
} from './reinsurance.ts';
import { WHOLE } from './shares.ts';

const yuan = parseYuan;
const surplus = (retention: string, lines: number): Treaty => ({
  id: 'T-SUR',
  kind: 'surplus',
  reinsurer: 'RE-B',
  retention: yuan(retention),
  lines,
  commissionRate: '0.25',
});
const quotaShare = (cededShare: number, commissionRate = '0.3'): Treaty => ({
  id: 'T-QS',
  kind: 'quota_share',
  reinsurer: 'RE-A',
  cededShare,
  commissionRate,
});
const excessOfLoss: Treaty = {
  id: 'T-XL',
  kind: 'excess_of_loss',
  reinsurer: 'RE-C',
  attachment: yuan('5000000'),
  limit: yuan('20000000'),
};

function balances(gross: { sumInsured: bigint; premium: bigint }, result: CessionResult): void {
  expect(sumFen(result.cessions.map((c) => c.cededSumInsured)) + result.netSumInsured).toBe(gross.sumInsured);
  expect(sumFen(result.cessions.map((c) => c.cededPremium)) + result.netPremium).toBe(gross.premium);
}

describe('surplus treaty (README §3: ceded = min(max(SI − R, 0), k·R))', () => {
  it('cedes nothing when the sum insured is within the retention', () => {
    expect(surplusCededSumInsured(yuan('5000000'), yuan('10000000'), 4)).toBe(0n);
    expect(surplusCededSumInsured(yuan('10000000'), yuan('10000000'), 4)).toBe(0n);
    const result = computeCessions({
      sumInsured: yuan('5000000'),
      premium: yuan('20000'),
      treaties: [surplus('10000000', 4)],
      facultative: [],
    });
    expect(result.cessions).toEqual([
      {
        treatyId: 'T-SUR',
        kind: 'surplus',
        reinsurer: 'RE-B',
        cededSumInsured: 0n,
        cededPremium: 0n,
        commission: 0n,
      },
    ]);
    expect(result.netSumInsured).toBe(yuan('5000000'));
  });

  it('cedes 4R of a sum insured of 10R with 4 lines, and the same fraction (40 %) of the premium', () => {
    const result = computeCessions({
      sumInsured: yuan('10000000'),
      premium: yuan('100000'),
      treaties: [surplus('1000000', 4)],
      facultative: [],
    });
    expect(result.cessions[0]).toMatchObject({
      cededSumInsured: yuan('4000000'),
      cededPremium: yuan('40000'),
      commission: yuan('10000'),
    });
    expect(result.netSumInsured).toBe(yuan('6000000'));
    expect(result.netPremium).toBe(yuan('60000'));
  });

  it('cedes SI − R while that fits in the lines: 3R with 4 lines cedes 2R (two thirds of the premium)', () => {
    const result = computeCessions({
      sumInsured: yuan('3000000'),
      premium: yuan('100.00'),
      treaties: [surplus('1000000', 4)],
      facultative: [],
    });
    expect(result.cessions[0]).toMatchObject({
      cededSumInsured: yuan('2000000'),
      cededPremium: yuan('66.67'),
    });
    expect(result.netPremium).toBe(yuan('33.33'));
  });

  it('cedes no premium on a zero sum insured', () => {
    const result = computeCessions({
      sumInsured: 0n,
      premium: yuan('10'),
      treaties: [surplus('1', 4)],
      facultative: [],
    });
    expect(result.cessions[0]).toMatchObject({ cededSumInsured: 0n, cededPremium: 0n });
  });
});

describe('quota share, facultative and inuring order', () => {
  it('cedes 30 % of sum insured and premium under a 30 % quota share, with commission on the ceded premium', () => {
    const result = computeCessions({
      sumInsured: yuan('1000000'),
      premium: yuan('10000'),
      treaties: [quotaShare(300_000)],
      facultative: [],
    });
    expect(result).toEqual({
      cessions: [
        {
          treatyId: 'T-QS',
          kind: 'quota_share',
          reinsurer: 'RE-A',
          cededSumInsured: yuan('300000'),
          cededPremium: yuan('3000'),
          commission: yuan('900'),
        },
      ],
      netSumInsured: yuan('700000'),
      netPremium: yuan('7000'),
    });
  });

  it('applies facultative first, then the quota share on what the facultative left', () => {
    const facultative: Facultative[] = [{ reinsurer: 'RE-F', cededShare: 200_000, commissionRate: '0.2' }];
    const result = computeCessions({
      sumInsured: yuan('1000000'),
      premium: yuan('10000'),
      treaties: [quotaShare(500_000)],
      facultative,
    });
    expect(
      result.cessions.map((c) => [c.kind, c.treatyId, c.cededSumInsured, c.cededPremium, c.commission]),
    ).toEqual([
      ['facultative', null, yuan('200000'), yuan('2000'), yuan('400')],
      ['quota_share', 'T-QS', yuan('400000'), yuan('4000'), yuan('1200')],
    ]);
    expect(result.netSumInsured).toBe(yuan('400000'));
    expect(result.netPremium).toBe(yuan('4000'));
  });

  it('runs treaties in the given order, each on the net of the previous', () => {
    const input = { sumInsured: yuan('10000000'), premium: yuan('100000'), facultative: [] };
    const qsFirst = computeCessions({ ...input, treaties: [quotaShare(500_000), surplus('1000000', 4)] });
    // QS 50 % leaves 5,000,000; the surplus cedes min(4R, 4R) = 4,000,000 of it.
    expect(qsFirst.netSumInsured).toBe(yuan('1000000'));
    const surplusFirst = computeCessions({
      ...input,
      treaties: [surplus('1000000', 4), quotaShare(500_000)],
    });
    // The surplus cedes 4,000,000 of 10,000,000; QS 50 % of the 6,000,000 left.
    expect(surplusFirst.netSumInsured).toBe(yuan('3000000'));
  });

  it('records excess of loss without a cession at bind, and computes its recovery on a loss', () => {
    const result = computeCessions({
      sumInsured: yuan('1000000'),
      premium: yuan('10000'),
      treaties: [excessOfLoss],
      facultative: [],
    });
    expect(result).toEqual({ cessions: [], netSumInsured: yuan('1000000'), netPremium: yuan('10000') });
    expect(excessOfLossRecovery(yuan('4000000'), yuan('5000000'), yuan('20000000'))).toBe(0n);
    expect(excessOfLossRecovery(yuan('8000000'), yuan('5000000'), yuan('20000000'))).toBe(yuan('3000000'));
    expect(excessOfLossRecovery(yuan('90000000'), yuan('5000000'), yuan('20000000'))).toBe(yuan('20000000'));
  });

  it('splits several facultative placements in one allocation, never ceding more than the gross', () => {
    const halves: Facultative[] = [
      { reinsurer: 'F1', cededShare: 500_000, commissionRate: '0' },
      { reinsurer: 'F2', cededShare: 500_000, commissionRate: '0' },
    ];
    const result = computeCessions({ sumInsured: 1n, premium: 1n, treaties: [], facultative: halves });
    expect(result.cessions.map((c) => c.cededPremium)).toEqual([1n, 0n]);
    expect(result.netPremium).toBe(0n);
    expect(() =>
      computeCessions({
        sumInsured: 1n,
        premium: 1n,
        treaties: [],
        facultative: [...halves, { reinsurer: 'F3', cededShare: 1, commissionRate: '0' }],
      }),
    ).toThrow(RangeError);
  });

  it('refuses a negative sum insured, shares outside 0–100 % and commission rates above 1', () => {
    expect(() => computeCessions({ sumInsured: -1n, premium: 0n, treaties: [], facultative: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      computeCessions({ sumInsured: 1n, premium: 1n, treaties: [quotaShare(WHOLE + 1)], facultative: [] }),
    ).toThrow(RangeError);
    expect(() =>
      computeCessions({ sumInsured: 1n, premium: 1n, treaties: [quotaShare(1, '1.5')], facultative: [] }),
    ).toThrow();
  });

  it('cedes a return premium as the mirror image of the premium', () => {
    const args = { sumInsured: yuan('1000000'), treaties: [quotaShare(333_333)], facultative: [] };
    const plus = computeCessions({ ...args, premium: yuan('100.01') });
    const minus = computeCessions({ ...args, premium: -yuan('100.01') });
    expect(minus.cessions[0]?.cededPremium).toBe(-(plus.cessions[0]?.cededPremium as bigint));
    expect(minus.cessions[0]?.commission).toBe(-(plus.cessions[0]?.commission as bigint));
  });
});

describe('cession properties', () => {
  const amount = fc.bigInt({ min: 0n, max: 10n ** 14n });
  const rate = fc.constantFrom('0', '0.15', '0.275', '0.3333333333', '1');
  const treaty: fc.Arbitrary<Treaty> = fc.oneof(
    fc.record({
      id: fc.constant('QS'),
      kind: fc.constant('quota_share' as const),
      reinsurer: fc.constant('A'),
      cededShare: fc.integer({ min: 0, max: WHOLE }),
      commissionRate: rate,
    }),
    fc.record({
      id: fc.constant('SUR'),
      kind: fc.constant('surplus' as const),
      reinsurer: fc.constant('B'),
      retention: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      lines: fc.integer({ min: 0, max: 20 }),
      commissionRate: rate,
    }),
    fc.record({
      id: fc.constant('XL'),
      kind: fc.constant('excess_of_loss' as const),
      reinsurer: fc.constant('C'),
      attachment: amount,
      limit: amount,
    }),
  );
  const facultative = fc
    .array(
      fc.record({
        reinsurer: fc.constant('F'),
        cededShare: fc.integer({ min: 0, max: WHOLE }),
        commissionRate: rate,
      }),
      {
        maxLength: 3,
      },
    )
    .filter((fs) => fs.reduce((sum, f) => sum + f.cededShare, 0) <= WHOLE);

  it('cedes plus net equal the gross, for sum insured and premium, and nothing is negative', () => {
    fc.assert(
      fc.property(
        amount,
        amount,
        fc.array(treaty, { maxLength: 5 }),
        facultative,
        (sumInsured, premium, treaties, fac) => {
          const result = computeCessions({ sumInsured, premium, treaties, facultative: fac });
          balances({ sumInsured, premium }, result);
          expect(result.netSumInsured >= 0n && result.netPremium >= 0n).toBe(true);
          for (const c of result.cessions) {
            expect(c.cededSumInsured >= 0n && c.cededPremium >= 0n && c.commission >= 0n).toBe(true);
            expect(c.commission <= c.cededPremium).toBe(true);
          }
          expect(result.cessions).toHaveLength(
            fac.length + treaties.filter((t) => t.kind !== 'excess_of_loss').length,
          );
        },
      ),
    );
  });
});

describe('retention limits (Insurance Law art. 103)', () => {
  it('allows 10 % of paid-in capital and reserves per risk, floored to the fen', () => {
    expect(retentionLimit(yuan('1000000000'))).toBe(yuan('100000000'));
    expect(retentionLimit(999n)).toBe(99n);
    expect(retentionLimit(yuan('1000000000'), '0.05')).toBe(yuan('50000000'));
    expect(retentionLimit(-5n)).toBe(0n);
  });

  it('reports the part of a net sum insured above the limit', () => {
    expect(retentionExcess(yuan('150000000'), yuan('100000000'))).toBe(yuan('50000000'));
    expect(retentionExcess(yuan('80000000'), yuan('100000000'))).toBe(0n);
  });
});
