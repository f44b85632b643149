import { describe, expect, it } from 'vitest';
import { reservingSummary } from './ibnr.ts';
import { RAA_ROWS } from './raa.fixture.ts';
import { buildTriangles, type ClaimRecord } from './triangle.ts';

const move = (date: string, paidYuan: number, incurredYuan: number) => ({
  date,
  paid: BigInt(paidYuan * 100),
  incurred: BigInt(incurredYuan * 100),
});

/** Fails on any NaN or infinity anywhere in the value. */
function expectFinite(value: unknown, path = 'summary'): void {
  if (typeof value === 'number') expect(Number.isFinite(value), `${path} is ${value}`).toBe(true);
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) expectFinite(item, `${path}[${i}]`);
  } else if (value instanceof Map) for (const [key, item] of value) expectFinite(item, `${path}.${key}`);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) expectFinite(item, `${path}.${key}`);
  }
}

// Yearly, valued 2024-12-31. Class base: incurred 2022 [100, 150, 165], 2023 [100, 170], 2024 [50];
// paid 2022 [40, 120, 160], 2023 [60, 150], 2024 [10]. Class application: one claim of 2024, incurred 30,
// nothing paid.
const claims: ClaimRecord[] = [
  {
    class: 'base',
    accidentDate: '2022-06-01',
    movements: [move('2022-12-31', 40, 100), move('2023-12-31', 80, 50), move('2024-12-31', 40, 15)],
  },
  {
    class: 'base',
    accidentDate: '2023-02-01',
    movements: [move('2023-12-31', 60, 100), move('2024-12-31', 90, 70)],
  },
  { class: 'base', accidentDate: '2024-09-09', movements: [move('2024-12-31', 10, 50)] },
  { class: 'application', accidentDate: '2024-03-01', movements: [move('2024-04-01', 0, 30)] },
];
const triangles = buildTriangles(claims, { valuationDate: '2024-12-31', period: 'year' });

describe('the IBNR summary by class', () => {
  it('runs the chain ladder on incurred by default', () => {
    const summary = reservingSummary(triangles);
    expect(summary.basis).toBe('incurred');
    expect(summary.classes.map((row) => row.class)).toEqual(['application', 'base']);
    const base = summary.classes[1]!;
    expect(base).toMatchObject({ claims: 3, latestPaid: 320, latestIncurred: 385, caseReserve: 65 });
    // Factors 320/200 = 1.6 and 165/150 = 1.1; ultimates 165, 170 × 1.1, 50 × 1.6 × 1.1.
    expect(base.chainLadder.detail.factors.map((f) => f.factor)).toEqual([1.6, 1.1]);
    expect(base.chainLadder.ultimate).toBeCloseTo(165 + 187 + 88, 9);
    expect(base.chainLadder.ibnr).toBeCloseTo(55, 9);
    expect(base.chainLadder.unpaid).toBeCloseTo(120, 9);
    // The last factor rests on one ratio and there is only one σ² before it: no standard error.
    expect(base.chainLadder.se).toBeNull();
    expect(base.chainLadder.cv).toBeNull();
    expect(base.bornhuetterFerguson).toBeNull();
    // application: nothing at age 1 of the older origins, so no factor can be estimated.
    const application = summary.classes[0]!;
    expect(application.chainLadder.detail.factors.map((f) => [f.factor, f.estimated])).toEqual([
      [1, false],
      [1, false],
    ]);
    expect(application.chainLadder).toMatchObject({ ultimate: 30, ibnr: 0, unpaid: 30, se: null, cv: null });
    // all: the aggregate triangle, 2024 at 80 × 1.76.
    expect(summary.all.class).toBe('all');
    expect(summary.all).toMatchObject({ claims: 4, latestPaid: 320, latestIncurred: 415, caseReserve: 95 });
    expect(summary.all.chainLadder.ultimate).toBeCloseTo(165 + 187 + 140.8, 9);
    expect(summary.all.chainLadder.ibnr).toBeCloseTo(77.8, 9);
    expectFinite(summary);
  });

  it('runs on paid when asked, IBNR still against incurred', () => {
    const base = reservingSummary(triangles, { basis: 'paid' }).classes[1]!;
    // Paid factors 270/100 = 2.7 and 160/120; ultimates 160, 150 × 4/3 = 200, 10 × 2.7 × 4/3 = 36.
    expect(base.chainLadder.ultimate).toBeCloseTo(396, 9);
    expect(base.chainLadder.ibnr).toBeCloseTo(396 - 385, 9);
    expect(base.chainLadder.unpaid).toBeCloseTo(396 - 320, 9);
    expect(base.chainLadder.detail.totals.ibnr).toBeCloseTo(76, 9); // the chain ladder's own: − latest paid
  });

  it('adds Bornhuetter-Ferguson where a prior is given (hand-checked)', () => {
    const summary = reservingSummary(triangles, {
      priors: {
        base: { premium: { '2022': 300_00n, '2023': 300_00n, '2024': 200_00n }, expectedLossRatio: 0.5 },
      },
    });
    const bf = summary.classes[1]!.bornhuetterFerguson!;
    // CDFs 1, 1.1, 1.76; priors 150, 150, 100: IBNR 0 + 150 × (1 − 1/1.1) + 100 × (1 − 1/1.76).
    const ibnr = 150 * (0.1 / 1.1) + 100 * (0.76 / 1.76);
    expect(ibnr).toBeCloseTo(13.6364 + 43.1818, 4);
    expect(bf.ibnr).toBeCloseTo(ibnr, 9);
    expect(bf.ultimate).toBeCloseTo(385 + ibnr, 9);
    expect(bf.unpaid).toBeCloseTo(65 + ibnr, 9);
    expect(bf.skipped).toEqual([]);
    expect(bf.detail?.origins.map((o) => o.priorUltimate)).toEqual([150, 150, 100]);
    // Not every class has a prior: no BF for all.
    expect(summary.classes[0]!.bornhuetterFerguson).toBeNull();
    expect(summary.all.bornhuetterFerguson).toBeNull();
  });

  it('sums the classes’ BF for all, unless all has its own prior', () => {
    const priors = {
      base: { premium: { '2022': 300_00n, '2023': 300_00n, '2024': 200_00n }, expectedLossRatio: 0.5 },
      application: { premium: { '2024': 100_00n }, expectedLossRatio: 0.6 },
    };
    const summed = reservingSummary(triangles, { priors });
    const base = summed.classes[1]!.bornhuetterFerguson!;
    const application = summed.classes[0]!.bornhuetterFerguson!;
    // application 2024: CDF 1 (no factor estimable), so IBNR 0; 2022 and 2023 have no premium.
    expect(application).toMatchObject({ ibnr: 0, ultimate: 30, unpaid: 30 });
    expect(application.skipped).toEqual([
      { class: 'application', origin: '2022', reason: 'no premium' },
      { class: 'application', origin: '2023', reason: 'no premium' },
    ]);
    expect(summed.all.bornhuetterFerguson).toMatchObject({
      ibnr: base.ibnr,
      ultimate: base.ultimate + 30,
      detail: null,
    });
    expect(summed.all.bornhuetterFerguson?.skipped).toHaveLength(2);

    const own = reservingSummary(triangles, {
      priors: {
        ...priors,
        all: { premium: { '2022': 300_00n, '2023': 300_00n, '2024': 300_00n }, expectedLossRatio: 0.5 },
      },
    });
    // The all triangle's CDFs are 1, 1.1, 1.76: 150 × (1 − 1/1.1) + 150 × (1 − 1/1.76).
    expect(own.all.bornhuetterFerguson?.ibnr).toBeCloseTo(150 * (0.1 / 1.1) + 150 * (0.76 / 1.76), 9);
  });

  it('takes a tail factor for all classes or per class', () => {
    const one = reservingSummary(triangles, { tail: 1.1 });
    expect(one.classes[1]!.chainLadder.ultimate).toBeCloseTo(440 * 1.1, 9);
    expect(one.all.chainLadder.ultimate).toBeCloseTo(492.8 * 1.1, 9);
    const per = reservingSummary(triangles, { tail: { base: 1.1 } });
    expect(per.classes[1]!.chainLadder.ultimate).toBeCloseTo(440 * 1.1, 9);
    expect(per.all.chainLadder.ultimate).toBeCloseTo(492.8, 9);
  });

  it('handles no claims, a single origin and a class with nothing paid without NaN', () => {
    const empty = reservingSummary(buildTriangles([], { valuationDate: '2024-12-31', period: 'quarter' }), {
      priors: { all: { premium: {}, expectedLossRatio: 0.6 } },
    });
    expect(empty.classes).toEqual([]);
    expect(empty.all).toMatchObject({ claims: 0, latestPaid: 0, latestIncurred: 0, caseReserve: 0 });
    expect(empty.all.chainLadder).toMatchObject({ ultimate: 0, ibnr: 0, unpaid: 0, se: 0, cv: null });
    expect(empty.all.bornhuetterFerguson).toMatchObject({ ultimate: 0, ibnr: 0, unpaid: 0, skipped: [] });
    expectFinite(empty);

    const single = reservingSummary(
      buildTriangles(
        [{ class: 'base', accidentDate: '2024-02-01', movements: [move('2024-05-01', 20, 50)] }],
        {
          valuationDate: '2024-12-31',
          period: 'year',
        },
      ),
    );
    expect(single.origins).toEqual(['2024']);
    expect(single.all.chainLadder).toMatchObject({ ultimate: 50, ibnr: 0, unpaid: 30, se: 0, cv: null });
    expectFinite(single);

    const paidBasis = reservingSummary(triangles, { basis: 'paid' });
    expect(paidBasis.classes[0]!.chainLadder).toMatchObject({ ultimate: 0, ibnr: -30, unpaid: 0, se: null });
    expectFinite(paidBasis);
  });

  it('reproduces the published RAA figures from claim records (IBNR 52,135, Mack S.E. 26,909)', () => {
    // One claim per accident year of the RAA triangle (amounts taken as yuan), each year's development
    // posted at the year end; values as printed by MackChainLadder(RAA, est.sigma = "Mack") in the R package
    // ChainLadder's vignette.
    const raa: ClaimRecord[] = RAA_ROWS.map((row, i) => ({
      class: 'general_liability',
      accidentDate: `${1981 + i}-07-01`,
      movements: row.map((cumulative, k) => {
        const increment = cumulative - (k > 0 ? (row[k - 1] as number) : 0);
        return move(`${1981 + i + k}-12-31`, 0, increment);
      }),
    }));
    const summary = reservingSummary(buildTriangles(raa, { valuationDate: '1990-12-31', period: 'year' }));
    expect(summary.origins).toEqual([
      '1981',
      '1982',
      '1983',
      '1984',
      '1985',
      '1986',
      '1987',
      '1988',
      '1989',
      '1990',
    ]);
    const { chainLadder } = summary.all;
    expect(Math.round(chainLadder.ibnr)).toBe(52135);
    expect(Math.round(chainLadder.se as number)).toBe(26909);
    expect(Number((chainLadder.cv as number).toFixed(2))).toBe(0.52);
    expect(chainLadder.detail.origins.map((o) => Math.round(o.se as number))).toEqual([
      0, 206, 623, 747, 1469, 2002, 2209, 5358, 6333, 24566,
    ]);
  });
});
