import { engineModule } from '../engine/engine-module.ts';

/**
 * The standard normal distribution: the quantile the samplers use (lognormal severities, gamma's normal
 * proposals, event intensities) and the CDF the analytic checks use.
 */

/** The engine module's Φ⁻¹, instantiated on first use (one instance per thread). */
let quantile: ((p: number) => number) | null = null;

/**
 * Φ⁻¹(p) for 0 < p < 1: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988), relative
 * accuracy about 1e-16. The engine's samplers evaluate it in WebAssembly (assembly/normal.ts: one uniform
 * gives one normal deviate by inversion, so a draw's position in its stream never depends on a rejection
 * loop), and this is that same code, called from JavaScript; the C baseline of the `mc` benchmark
 * evaluates the same polynomials in the same order.
 */
export function normalQuantile(p: number): number {
  quantile ??= new WebAssembly.Instance(engineModule(), {}).exports.normalQuantile as (p: number) => number;
  return quantile(p);
}

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erfc(x): the Maclaurin series of erf below 2 (absolute error ≈ 1e-16) and the continued fraction of
 * erfc from 2 up (modified Lentz), so the upper tail keeps its relative accuracy.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * The limited expected value E[min(X, d)] of a lognormal X = e^(μ + σZ):
 * e^(μ + σ²/2) Φ((ln d − μ − σ²)/σ) + d (1 − Φ((ln d − μ)/σ)); d = ∞ gives the mean.
 */
export function lognormalLimitedExpectedValue(mu: number, sigma: number, d: number): number {
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  if (d === Number.POSITIVE_INFINITY) return mean;
  if (d <= 0) return 0;
  const z = (Math.log(d) - mu) / sigma;
  return mean * normalCdf(z - sigma) + d * normalCdf(-z);
}

/** E[min(max(X − attachment, 0), limit)] for a lognormal X: LEV(attachment + limit) − LEV(attachment). */
export function lognormalLayerExpectedValue(
  mu: number,
  sigma: number,
  attachment: number,
  limit: number,
): number {
  return (
    lognormalLimitedExpectedValue(mu, sigma, attachment + limit) -
    lognormalLimitedExpectedValue(mu, sigma, attachment)
  );
}
