import { describe, expect, it } from 'vitest';
import { lognormalLayerExpectedValue, normalCdf } from '../distributions/normal.ts';
import type { PortfolioInput } from '../model/portfolio.ts';
import { type SimulationResult, simulate } from '../simulate.ts';

/*
 * The simulation against closed forms. Each check allows 4 Monte Carlo standard errors (stated with the
 * check); the seeds are fixed, so the tests are deterministic: a pass is a pass on every run, and a
 * failure means the engine changed, not bad luck (4 SE is a 1-in-16,000 event for a correct engine).
 */

const YEARS = 100_000;
const SEED = 20260115;
const HUGE = 1e15;

function onePolicy(
  frequency: PortfolioInput['classes'][number]['frequency'],
  severity: PortfolioInput['classes'][number]['severity'],
  extra: Partial<PortfolioInput> = {},
): PortfolioInput {
  return {
    classes: [{ id: 'c', frequency, severity }],
    insurers: [{ id: 'INS-A' }],
    policies: [{ id: 'P-1', class: 'c', sumInsured: HUGE, lines: [{ insurer: 'INS-A', share: 1_000_000 }] }],
    ...extra,
  };
}

/** The annual losses of one perspective. */
function annual(result: SimulationResult, key: string): Float64Array {
  const p = result.perspectives.findIndex((s) => s.key === key);
  const { years, perspectiveCount, annual: all } = result.yearLosses;
  const out = new Float64Array(years);
  for (let y = 0; y < years; y++) out[y] = all[y * perspectiveCount + p] as number;
  return out;
}

function moments(values: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, variance: squares / (values.length - 1) };
}

describe('compound Poisson with lognormal severity', () => {
  // N ~ Poisson(λ = 2), X ~ lognormal(μ = 7, σ = 0.8), S = X₁ + … + X_N. Cumulants κₖ = λ E[Xᵏ] with
  // E[Xᵏ] = e^(kμ + k²σ²/2): mean κ₁, variance κ₂; the sample variance has variance (κ₄ + 2κ₂²)/n.
  const lambda = 2;
  const mu = 7;
  const sigma = 0.8;
  const moment = (k: number) => Math.exp(k * mu + (k * k * sigma * sigma) / 2);
  const kappa = (k: number) => lambda * moment(k);

  it('has mean λE[X] and variance λE[X²] within 4 standard errors', async () => {
    const result = await simulate(onePolicy(lambda, { kind: 'lognormal', mu, sigma }), {
      years: YEARS,
      seed: SEED,
    });
    const { mean, variance } = moments(annual(result, 'gross'));
    const meanError = Math.sqrt(kappa(2) / YEARS);
    expect(Math.abs(mean - kappa(1))).toBeLessThan(4 * meanError);
    const varianceError = Math.sqrt((kappa(4) + 2 * kappa(2) ** 2) / YEARS);
    expect(Math.abs(variance - kappa(2))).toBeLessThan(4 * varianceError);
    // The engine's own AAL and its standard error agree with the sample.
    const gross = result.perspectives.find((p) => p.key === 'gross');
    expect(gross?.aal).toBeCloseTo(mean, 6);
    expect(gross?.aalStandardError).toBeCloseTo(Math.sqrt(variance / YEARS), 6);
  });
});

describe('Panjer recursion on a discretised severity', () => {
  // N ~ Poisson(3), X ~ lognormal(0, 0.5). On a lattice of span h the severity rounded up (mass of
  // ((j−1)h, jh] at jh) gives an aggregate S⁺ ≥ S, rounded down (mass of [jh, (j+1)h) at jh) one S⁻ ≤ S,
  // so F⁺(x) ≤ F(x) ≤ F⁻(x) where Panjer's recursion gives each exactly: g₀ = e^(−λ(1 − f₀)),
  // gₖ = (λ/k) Σⱼ j fⱼ gₖ₋ⱼ. The simulated CDF must lie within [F⁺ − 4 SE, F⁻ + 4 SE], SE = √(F(1 − F)/n).
  const lambda = 3;
  const sigma = 0.5;
  const h = 0.0025;
  const K = 8000; // the lattice up to 20
  const severityCdf = (x: number) => (x <= 0 ? 0 : normalCdf(Math.log(x) / sigma));

  function panjer(f: Float64Array): Float64Array {
    const g = new Float64Array(K + 1);
    g[0] = Math.exp(-lambda * (1 - (f[0] as number)));
    for (let k = 1; k <= K; k++) {
      let sum = 0;
      for (let j = 1; j <= k; j++) sum += j * (f[j] as number) * (g[k - j] as number);
      g[k] = (lambda / k) * sum;
    }
    for (let k = 1; k <= K; k++) g[k] = (g[k] as number) + (g[k - 1] as number); // → CDF
    return g;
  }

  it('brackets the simulated aggregate distribution', async () => {
    const up = new Float64Array(K + 1);
    const down = new Float64Array(K + 1);
    for (let j = 0; j <= K; j++) {
      up[j] = severityCdf(j * h) - severityCdf((j - 1) * h);
      down[j] = severityCdf((j + 1) * h) - severityCdf(j * h);
    }
    down[K] = 1 - severityCdf(K * h); // the tail beyond the lattice at its end keeps S⁻ ≤ S
    const upper = panjer(up); // S⁺: the tail beyond the lattice is dropped (as if infinite)
    const lower = panjer(down);

    const result = await simulate(onePolicy(lambda, { kind: 'lognormal', mu: 0, sigma }), {
      years: YEARS,
      seed: SEED + 1,
    });
    const values = annual(result, 'gross').sort();
    const n = values.length;
    for (const x of [0, 1, 2, 3.4, 5, 8, 12]) {
      let below = 0;
      while (below < n && (values[below] as number) <= x) below++;
      const simulated = below / n;
      const k = Math.floor(x / h + 1e-9);
      const [low, high] = [upper[k] as number, lower[k] as number];
      expect(low).toBeLessThanOrEqual(high);
      expect(high - low, `lattice bracket at ${x}`).toBeLessThan(0.004);
      const se = Math.sqrt((((low + high) / 2) * (1 - (low + high) / 2)) / n);
      expect(simulated, `F(${x})`).toBeGreaterThanOrEqual(low - 4 * se);
      expect(simulated, `F(${x})`).toBeLessThanOrEqual(high + 4 * se);
    }
    // The atom at 0 is exact in both: P(S = 0) = e^(−3).
    expect(upper[0]).toBeCloseTo(Math.exp(-lambda), 12);
  });
});

describe('expected excess-of-loss recovery for a lognormal severity', () => {
  it('is λ (LEV(a + l) − LEV(a)) within 4 standard errors', async () => {
    // Claims Poisson(1.5), lognormal with median 1,000,000 and σ = 1; a per-risk layer 2,000,000 xs
    // 1,000,000. LEV(d) = e^(μ + σ²/2) Φ((ln d − μ − σ²)/σ) + d (1 − Φ((ln d − μ)/σ)).
    const lambda = 1.5;
    const mu = Math.log(1e6);
    const input = onePolicy(lambda, { kind: 'lognormal', mu, sigma: 1 });
    input.insurers = [
      {
        id: 'INS-A',
        programme: [
          { id: 'XL', kind: 'excess_of_loss', layers: [{ attachment: 1e6, limit: 2e6, reinsurer: 'RE-X' }] },
        ],
      },
    ];
    const result = await simulate(input, { years: YEARS, seed: SEED + 2 });
    const expected = lambda * lognormalLayerExpectedValue(mu, 1, 1e6, 2e6);
    const reinsurer = result.perspectives.find((p) => p.key === 'reinsurer:RE-X');
    if (reinsurer === undefined) throw new Error('no reinsurer perspective');
    // SE from the simulated years' standard deviation.
    expect(Math.abs(reinsurer.aal - expected)).toBeLessThan(4 * reinsurer.aalStandardError);
    // Gross = net + recovery, year by year.
    const gross = annual(result, 'insurer_gross:INS-A');
    const net = annual(result, 'insurer_net:INS-A');
    const ceded = annual(result, 'reinsurer:RE-X');
    for (let y = 0; y < 1000; y++)
      expect((net[y] as number) + (ceded[y] as number)).toBeCloseTo(gross[y] as number, 4);
  });
});

describe('other frequencies and severities', () => {
  it('negative binomial groups: mean and variance of the claim count', async () => {
    // 10 members, each NB(mean 0.5, variance 1.5): the group's count is NB with mean 5 and variance 15.
    // Severity ≈ 1 (lognormal σ = 10⁻⁶), so S ≈ N. The variance of the sample variance is estimated from
    // the fourth central moment of NB(r = 2.5, p = 1/3) via its cumulants: κ₄ = r(1−p)(p² − 6p + 6)/p⁴.
    const input = onePolicy(
      { kind: 'negative_binomial', mean: 0.5, variance: 1.5 },
      { kind: 'lognormal', mu: 0, sigma: 1e-6 },
    );
    (input.policies[0] as { count?: number }).count = 10;
    const result = await simulate(input, { years: YEARS, seed: SEED + 3 });
    const { mean, variance } = moments(annual(result, 'gross'));
    const r = 2.5;
    const p = 1 / 3;
    const kappa2 = 15;
    const kappa4 = (r * (1 - p) * (p * p - 6 * p + 6)) / p ** 4;
    expect(Math.abs(mean - 5)).toBeLessThan(4 * Math.sqrt(kappa2 / YEARS) + 1e-4);
    expect(Math.abs(variance - kappa2)).toBeLessThan(4 * Math.sqrt((kappa4 + 2 * kappa2 ** 2) / YEARS));
  });

  it('Pareto and gamma severities have their means', async () => {
    // Pareto scale 1, shape 3: mean 1.5, variance 0.75; gamma shape 0.5 (boosted), scale 2: mean 1, variance 2.
    for (const [severity, mean, variance] of [
      [{ kind: 'pareto', scale: 1, shape: 3 }, 1.5, 0.75],
      [{ kind: 'gamma', shape: 0.5, scale: 2 }, 1, 2],
      [{ kind: 'gamma', mean: 10, cv: 0.5 }, 10, 25],
    ] as const) {
      const result = await simulate(onePolicy(1, severity), { years: 50_000, seed: SEED + 4 });
      // Compound Poisson(1): the annual mean is E[X], its variance E[X²] = Var X + E[X]².
      const error = Math.sqrt((variance + mean * mean) / 50_000);
      const gross = result.perspectives.find((s) => s.key === 'gross');
      expect(Math.abs((gross?.aal ?? 0) - mean), severity.kind).toBeLessThan(4 * error);
    }
  });

  it('event sets hit each risk of the footprint with the event’s chance', async () => {
    // 200 single risks of 1,000,000, 100 of them in region A; events at 0.5 a year hit each risk in A
    // with chance 0.3 and damage 10 % (cv 10⁻⁴, intensity σ = 0): E[annual] = 0.5 × 100 × 0.3 × 100,000.
    const policies = Array.from({ length: 200 }, (_, i) => ({
      id: `P-${i}`,
      class: 'c',
      sumInsured: 1e6,
      region: i % 2 === 0 ? 'A' : 'B',
      lines: [{ insurer: 'INS-A', share: 1_000_000 }],
    }));
    const input: PortfolioInput = {
      classes: [{ id: 'c', frequency: 0, severity: { kind: 'lognormal', mu: 0, sigma: 1 } }],
      insurers: [{ id: 'INS-A' }],
      events: [
        {
          id: 'EV',
          kind: 'climate',
          annualRate: 0.5,
          footprint: { regions: ['A'] },
          hitProbability: 0.3,
          damageRatio: { mean: 0.1, cv: 1e-4 },
        },
      ],
      policies,
    };
    const result = await simulate(input, { years: YEARS, seed: SEED + 5 });
    const gross = result.perspectives.find((s) => s.key === 'gross');
    if (gross === undefined) throw new Error('no gross perspective');
    expect(Math.abs(gross.aal - 0.5 * 100 * 0.3 * 1e5)).toBeLessThan(4 * gross.aalStandardError);
    // Hits per year: 0.5 events × 100 risks × 0.3 = 15 on average, and none outside region A.
    expect(Math.abs(result.losses / YEARS - 15)).toBeLessThan(0.2);
    expect(annual(result, 'gross').every((v) => Math.abs(v / 1e5 - Math.round(v / 1e5)) < 0.01)).toBe(true);
    // 1 − e^(−0.5) = 39 % of years have an event: the loss at 5 years is an event's, at 2 years none.
    expect(gross.ep.find((p) => p.returnPeriod === 2)?.oep).toBe(0);
    expect(gross.ep.find((p) => p.returnPeriod === 5)?.oep).toBeGreaterThan(0);
    for (const point of gross.ep) expect(point.oep ?? 0).toBeLessThanOrEqual(point.aep ?? 0);
  });
});
