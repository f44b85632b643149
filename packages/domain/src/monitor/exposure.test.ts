import { describe, expect, it } from 'vitest';
import {
  ExposureBook,
  ExposureError,
  type ExposureInsurerLine,
  type ExposureMovement,
  herfindahlFraction,
  herfindahlIndex,
} from './exposure.ts';
import { benchExposure, exposureBenchPolicies } from './exposure-bench.ts';

const line = (orgId: string, share: number, sumInsured: bigint, premium: bigint): ExposureInsurerLine => ({
  orgId,
  share,
  grossSumInsured: sumInsured,
  grossPremium: premium,
  netSumInsured: sumInsured / 2n,
  netPremium: premium / 2n,
});

const policy = (
  policyId: string,
  insurers: ExposureInsurerLine[],
  changes: Partial<ExposureMovement> = {},
): ExposureMovement => ({
  policyId,
  source: 'platform',
  kind: 'bind',
  insurers,
  productCode: 'KB-AP-EQUIP',
  statisticalClass: 'application',
  industryChain: 'ic',
  region: '310115',
  poolCode: null,
  sandbox: false,
  enterpriseId: 'E1',
  ...changes,
});

const negate = (lines: ExposureInsurerLine[]): ExposureInsurerLine[] =>
  lines.map((l) => ({
    ...l,
    grossSumInsured: -l.grossSumInsured,
    grossPremium: -l.grossPremium,
    netSumInsured: -l.netSumInsured,
    netPremium: -l.netPremium,
  }));

function thrown(action: () => void): ExposureError {
  try {
    action();
  } catch (error) {
    if (error instanceof ExposureError) return error;
    throw error;
  }
  throw new Error('expected an ExposureError');
}

describe('ExposureBook', () => {
  it('counts a co-insured bind in every dimension: each insurer its line, the others the whole policy', () => {
    const book = new ExposureBook();
    book.apply(
      policy(
        'P1',
        [
          line('ORG-A', 600_000, 6_000_000_00n, 60_000_00n),
          line('ORG-B', 400_000, 4_000_000_00n, 40_000_00n),
        ],
        {
          poolCode: 'IC-POOL',
          sandbox: true,
        },
      ),
    );
    expect(book.figures('insurer', 'ORG-A')).toEqual({
      grossSumInsured: 6_000_000_00n,
      grossPremium: 60_000_00n,
      netSumInsured: 3_000_000_00n,
      netPremium: 30_000_00n,
      policies: 1,
      enterprises: 1,
    });
    const whole = {
      grossSumInsured: 10_000_000_00n,
      grossPremium: 100_000_00n,
      netSumInsured: 5_000_000_00n,
      netPremium: 50_000_00n,
      policies: 1,
      enterprises: 1,
    };
    expect(book.total()).toEqual(whole);
    for (const [dimension, key] of [
      ['source', 'platform'],
      ['pool', 'IC-POOL'],
      ['class', 'application'],
      ['industry', 'ic'],
      ['region', '310115'],
      ['product', 'KB-AP-EQUIP'],
      ['sandbox', 'KB-AP-EQUIP'],
    ] as const)
      expect(book.figures(dimension, key)).toEqual(whole);
    expect(book.rows('insurer').map((row) => row.key)).toEqual(['ORG-A', 'ORG-B']);
    expect(book.policiesInForce).toBe(1);
    expect(book.applied).toBe(1);
  });

  it('leaves pool and sandbox out for a policy outside them', () => {
    const book = new ExposureBook();
    book.apply(policy('P1', [line('ORG-A', 1_000_000, 100n, 1n)]));
    expect(book.rows('pool')).toEqual([]);
    expect(book.rows('sandbox')).toEqual([]);
  });

  it('counts an enterprise once per key, until its last policy there leaves', () => {
    const book = new ExposureBook();
    const first = [line('ORG-A', 1_000_000, 1_000n, 10n)];
    const second = [line('ORG-B', 1_000_000, 2_000n, 20n)];
    book.apply(policy('P1', first));
    book.apply(policy('P2', second));
    book.apply(policy('P3', first, { enterpriseId: 'E2', region: '310101' }));
    expect(book.figures('region', '310115')).toMatchObject({ policies: 2, enterprises: 1 });
    expect(book.total()).toMatchObject({ policies: 3, enterprises: 2 });
    book.apply(policy('P1', negate(first), { kind: 'cancel' }));
    expect(book.figures('region', '310115')).toMatchObject({
      policies: 1,
      enterprises: 1,
      grossSumInsured: 2_000n,
    });
    expect(book.figures('insurer', 'ORG-A')).toMatchObject({ policies: 1, enterprises: 1 });
    book.apply(policy('P2', negate(second), { kind: 'expire' }));
    expect(book.figures('region', '310115')).toEqual({
      grossSumInsured: 0n,
      grossPremium: 0n,
      netSumInsured: 0n,
      netPremium: 0n,
      policies: 0,
      enterprises: 0,
    });
    expect(book.total()).toMatchObject({ policies: 1, enterprises: 1, grossSumInsured: 1_000n });
  });

  it('adds an endorsement’s deltas; a new insurer joins, a share of 0 takes one off', () => {
    const book = new ExposureBook();
    book.apply(policy('P1', [line('ORG-A', 1_000_000, 1_000n, 100n)]));
    book.apply(
      policy('P1', [line('ORG-A', 700_000, -300n, -30n), line('ORG-B', 300_000, 300n, 30n)], {
        kind: 'endorse',
      }),
    );
    expect(book.figures('insurer', 'ORG-A')).toMatchObject({ grossSumInsured: 700n, policies: 1 });
    expect(book.figures('insurer', 'ORG-B')).toMatchObject({
      grossSumInsured: 300n,
      policies: 1,
      enterprises: 1,
    });
    expect(book.total()).toMatchObject({ grossSumInsured: 1_000n, grossPremium: 100n, policies: 1 });
    book.apply(
      policy('P1', [line('ORG-A', 0, -700n, -70n), line('ORG-B', 1_000_000, 700n, 70n)], { kind: 'endorse' }),
    );
    expect(book.figures('insurer', 'ORG-A')).toMatchObject({
      grossSumInsured: 0n,
      policies: 0,
      enterprises: 0,
    });
    expect(book.snapshot().policies.P1?.insurers).toEqual(['ORG-B']);
    // The cancel takes every insurer on the policy out of the counts, listed or not.
    book.apply(policy('P1', [], { kind: 'cancel' }));
    expect(book.figures('insurer', 'ORG-B')).toMatchObject({
      grossSumInsured: 1_000n,
      policies: 0,
      enterprises: 0,
    });
    expect(book.policiesInForce).toBe(0);
  });

  it('keeps a cancel’s partial premium refund: premium is the sum of the deltas', () => {
    const book = new ExposureBook();
    book.apply(policy('P1', [line('ORG-A', 1_000_000, 1_000n, 120n)]));
    book.apply(
      policy(
        'P1',
        [
          {
            orgId: 'ORG-A',
            share: 1_000_000,
            grossSumInsured: -1_000n,
            grossPremium: -90n,
            netSumInsured: -500n,
            netPremium: -45n,
          },
        ],
        { kind: 'cancel' },
      ),
    );
    expect(book.total()).toMatchObject({
      grossSumInsured: 0n,
      grossPremium: 30n,
      netPremium: 15n,
      policies: 0,
    });
  });

  it('refuses a movement that contradicts the book, and changes nothing', () => {
    const book = new ExposureBook();
    const lines = [line('ORG-A', 1_000_000, 1_000n, 10n)];
    book.apply(policy('P1', lines));
    const before = JSON.stringify(book.snapshot());
    const cases: [ExposureMovement, string][] = [
      [policy('P1', lines), 'exposure.policy_in_force'],
      [policy('P9', lines, { kind: 'endorse' }), 'exposure.policy_not_in_force'],
      [policy('P9', lines, { kind: 'cancel' }), 'exposure.policy_not_in_force'],
      [policy('P1', lines, { kind: 'endorse', region: '310101' }), 'exposure.attributes_changed'],
      [policy('P1', lines, { kind: 'cancel', enterpriseId: 'E2' }), 'exposure.attributes_changed'],
      [policy('P1', [line('ORG-Z', 1_000_000, -1n, 0n)], { kind: 'cancel' }), 'exposure.unknown_insurer'],
      [policy('P1', [line('ORG-Z', 0, 1n, 0n)], { kind: 'endorse' }), 'exposure.unknown_insurer'],
      [policy('P1', [line('ORG-A', 0, -1_000n, -10n)], { kind: 'endorse' }), 'exposure.invalid_movement'],
      [policy('P2', [...lines, ...lines]), 'exposure.invalid_movement'],
      [policy('P2', [line('ORG-A', 1_000_001, 1n, 1n)]), 'exposure.invalid_movement'],
      [policy('P2', [line('ORG-A', 0.5, 1n, 1n)]), 'exposure.invalid_movement'],
      [policy('P2', [line('ORG-A', 0, 1n, 1n)]), 'exposure.invalid_movement'],
      [policy('P2', [line('ORG-A', 1_000_000, -1n, 1n)]), 'exposure.invalid_movement'],
      [policy('P2', []), 'exposure.invalid_movement'],
      [policy('P2', lines, { region: '3101' }), 'exposure.invalid_movement'],
      [policy('P2', lines, { statisticalClass: 'cyber' as never }), 'exposure.invalid_movement'],
      [policy('P2', lines, { source: 'elsewhere' as never }), 'exposure.invalid_movement'],
      [policy('P2', lines, { kind: 'renew' as never }), 'exposure.invalid_movement'],
      [
        policy('P2', [{ ...line('ORG-A', 1_000_000, 1n, 1n), grossPremium: 1 as never }]),
        'exposure.invalid_movement',
      ],
    ];
    for (const [movement, code] of cases) {
      const error = thrown(() => book.apply(movement));
      expect(
        error.code,
        JSON.stringify(movement, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)),
      ).toBe(code);
      expect(error.reasonZh.length).toBeGreaterThan(0);
      expect(JSON.stringify(book.snapshot())).toBe(before);
    }
  });

  it('stays exact beyond 2^53 fen: large lines and long runs of ordinary ones', () => {
    const book = new ExposureBook();
    const huge = 2n ** 61n + 12_345n;
    book.apply(policy('BIG', [line('ORG-A', 1_000_000, huge, 7n)]));
    // 2^47 − 1 is the largest line on the number path; enough of them settle the pending double often.
    const large = 2n ** 47n - 1n;
    for (let i = 0; i < 300; i++) book.apply(policy(`P${i}`, [line('ORG-A', 1_000_000, large, large)]));
    const expected = huge + 300n * large;
    expect(book.figures('insurer', 'ORG-A')?.grossSumInsured).toBe(expected);
    expect(book.total().grossPremium).toBe(7n + 300n * large);
    expect(book.total().netSumInsured).toBe(huge / 2n + 300n * (large / 2n));
    for (let i = 0; i < 300; i++)
      book.apply(policy(`P${i}`, negate([line('ORG-A', 1_000_000, large, large)]), { kind: 'expire' }));
    expect(book.total().grossSumInsured).toBe(huge);
    expect(book.total().grossPremium).toBe(7n);
  });

  it('measures concentration with the HHI on the 0–10,000 scale', () => {
    const book = new ExposureBook();
    expect(book.hhi('insurer')).toBe(0);
    book.apply(
      policy('P1', [
        line('ORG-A', 500_000, 500n, 1n),
        line('ORG-B', 300_000, 300n, 1n),
        line('ORG-C', 200_000, 200n, 1n),
      ]),
    );
    // 50² + 30² + 20² = 2,500 + 900 + 400.
    expect(book.hhi('insurer')).toBe(3800);
    expect(book.hhi('region')).toBe(10_000);
    book.apply(policy('P2', [line('ORG-A', 1_000_000, 1_000n, 1n)], { region: '310101' }));
    book.apply(policy('P3', [line('ORG-A', 1_000_000, 1_000n, 1n)], { region: '310104' }));
    // Three regions of 1,000 each: 3 × (100/3)² = 3,333.33…
    expect(book.hhi('region')).toBe(3333.33);
    expect(book.hhi('region', 'net')).toBe(3333.33);
    expect(book.shares('region')).toEqual([
      { key: '310101', sumInsured: 1_000n, share: '0.333334' },
      { key: '310104', sumInsured: 1_000n, share: '0.333334' },
      { key: '310115', sumInsured: 1_000n, share: '0.333334' },
    ]);
    expect(() => book.hhi('zone' as never)).toThrow(RangeError);
  });

  it('snapshots as sorted JSON-safe data and restores to the same book', () => {
    const book = new ExposureBook();
    book.apply(policy('P2', [line('ORG-B', 1_000_000, 2_000n, 20n)], { poolCode: 'IC-POOL' }));
    book.apply(
      policy('P1', [line('ORG-A', 600_000, 600n, 6n), line('ORG-B', 400_000, 400n, 4n)], { sandbox: true }),
    );
    book.apply(policy('P3', [line('ORG-A', 1_000_000, 1n, 1n)], { enterpriseId: 'E2' }));
    book.apply(
      policy('P3', negate([line('ORG-A', 1_000_000, 1n, 1n)]), { kind: 'cancel', enterpriseId: 'E2' }),
    );
    const snapshot = book.snapshot();
    expect(Object.keys(snapshot.policies)).toEqual(['P1', 'P2']);
    expect(snapshot.figures.insurer['ORG-B']).toEqual({
      grossSumInsured: '2400',
      grossPremium: '24',
      netSumInsured: '1200',
      netPremium: '12',
      policies: 2,
      enterprises: 1,
    });
    const text = JSON.stringify(snapshot);
    const restored = new ExposureBook().restore(JSON.parse(text));
    expect(JSON.stringify(restored.snapshot())).toBe(text);
    expect(restored.applied).toBe(4);
    // The restored book goes on as the original would.
    for (const b of [book, restored])
      b.apply(
        policy('P1', [line('ORG-A', 0, -600n, -6n), line('ORG-B', 1_000_000, 600n, 6n)], {
          kind: 'endorse',
          sandbox: true,
        }),
      );
    expect(restored.snapshot()).toEqual(book.snapshot());
  });

  it('refuses a snapshot that does not add up, and keeps its state', () => {
    const book = new ExposureBook();
    book.apply(policy('P1', [line('ORG-A', 1_000_000, 1_000n, 10n)]));
    const good = book.snapshot();
    const target = new ExposureBook();
    target.apply(policy('X', [line('ORG-X', 1_000_000, 5n, 5n)]));
    const kept = JSON.stringify(target.snapshot());
    const tampered: unknown[] = [
      { ...good, format: 'kebao.exposure/0' },
      { ...good, applied: -1 },
      {
        ...good,
        figures: {
          ...good.figures,
          region: { '310115': { ...good.figures.region['310115'], enterprises: 2 } },
        },
      },
      { ...good, figures: { ...good.figures, region: {} } },
      {
        ...good,
        figures: { ...good.figures, total: { '*': { ...good.figures.total['*'], grossSumInsured: '1.5' } } },
      },
      { ...good, policies: { P1: { ...good.policies.P1, region: 'nowhere' } } },
      { ...good, policies: { P1: { ...good.policies.P1, insurers: null } } },
    ];
    for (const snapshot of tampered) {
      expect(thrown(() => target.restore(snapshot as never)).code).toBe('exposure.invalid_snapshot');
      expect(JSON.stringify(target.snapshot())).toBe(kept);
    }
  });
});

describe('herfindahlIndex', () => {
  it('is exact before it rounds once, HALF_UP to 2 decimals', () => {
    expect(herfindahlFraction([1n, 1n])).toEqual({ numerator: 20_000n, denominator: 4n });
    expect(herfindahlIndex([1n, 1n])).toBe(5000);
    // 6 equal keys: 10,000 / 6 = 1,666.666… → 1,666.67.
    expect(herfindahlIndex([7n, 7n, 7n, 7n, 7n, 7n])).toBe(1666.67);
    expect(herfindahlIndex([])).toBe(0);
    expect(herfindahlIndex([0n, -5n, 10n])).toBe(10_000);
  });
});

describe('the benchmark stream (benchExposure)', () => {
  it('is consistent: a round of binds, endorsements and exits leaves an empty book', () => {
    const stream = exposureBenchPolicies(500);
    const book = new ExposureBook();
    for (let round = 0; round < 2; round++)
      for (const movements of stream) book.apply(movements[round] as ExposureMovement);
    let expected = 0n;
    for (const movements of stream)
      for (let round = 0; round < 2; round++)
        for (const l of (movements[round] as ExposureMovement).insurers) expected += l.grossSumInsured;
    expect(book.total().grossSumInsured).toBe(expected);
    expect(book.total().policies).toBe(500);
    for (const movements of stream) book.apply(movements[2] as ExposureMovement);
    const total = book.total();
    expect(total).toEqual({
      grossSumInsured: 0n,
      grossPremium: 0n,
      netSumInsured: 0n,
      netPremium: 0n,
      policies: 0,
      enterprises: 0,
    });
    expect(book.applied).toBe(1_500);
  });

  it('runs and reports a rate (no timing is asserted)', () => {
    expect(Number.isFinite(benchExposure(3_000, 100))).toBe(true);
    expect(() => benchExposure(0)).toThrow(RangeError);
  });
});
