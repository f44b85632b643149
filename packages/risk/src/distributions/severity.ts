import type { DrawStream } from '../random/draw-stream.ts';
import { normalQuantile } from './normal.ts';

/**
 * Severity (size of one ground-up loss, yuan) distributions and their samplers. Every sampler works by
 * inversion or by a rejection loop whose draws come in order from the caller's stream, so the same
 * stream position always gives the same loss.
 */
export type SeverityModel =
  /** ln X ~ N(μ, σ²). */
  | { kind: 'lognormal'; mu: number; sigma: number }
  /** The same, by its mean and coefficient of variation. */
  | { kind: 'lognormal'; mean: number; cv: number }
  /** Single-parameter Pareto: P(X > x) = (scale/x)^shape for x ≥ scale. */
  | { kind: 'pareto'; scale: number; shape: number }
  /** Gamma with density ∝ x^(shape−1) e^(−x/scale). */
  | { kind: 'gamma'; shape: number; scale: number }
  /** The same, by its mean and coefficient of variation (shape = 1/cv², scale = mean/shape). */
  | { kind: 'gamma'; mean: number; cv: number };

export const SEVERITY_LOGNORMAL = 0;
export const SEVERITY_PARETO = 1;
export const SEVERITY_GAMMA = 2;

/**
 * A severity as the engine's loop reads it: a kind code and four numbers.
 * - lognormal: a = μ, b = σ
 * - Pareto: a = scale, b = 1/shape (x = a · e^(−b ln u))
 * - gamma (Marsaglia–Tsang): a = scale, b = d = α′ − 1/3, c = 1/√(9d), e = 1/α when α < 1 (the boost
 *   x · u^(1/α) on a Gamma(α + 1) draw), else 0; α′ = α, or α + 1 when boosted.
 */
export interface SeverityCode {
  kind: number;
  a: number;
  b: number;
  c: number;
  e: number;
  /** E[X] (∞ for a Pareto with shape ≤ 1). */
  mean: number;
}

function positive(value: number, what: string): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${what} must be a finite number > 0, not ${value}`);
  return value;
}

export function severityCode(model: SeverityModel): SeverityCode {
  switch (model.kind) {
    case 'lognormal': {
      let mu: number;
      let sigma: number;
      if ('mu' in model) {
        if (!Number.isFinite(model.mu)) throw new RangeError(`a lognormal μ must be finite, not ${model.mu}`);
        mu = model.mu;
        sigma = positive(model.sigma, 'a lognormal σ');
      } else {
        const mean = positive(model.mean, 'a lognormal mean');
        const cv = positive(model.cv, 'a lognormal coefficient of variation');
        sigma = Math.sqrt(Math.log1p(cv * cv));
        mu = Math.log(mean) - (sigma * sigma) / 2;
      }
      return {
        kind: SEVERITY_LOGNORMAL,
        a: mu,
        b: sigma,
        c: 0,
        e: 0,
        mean: Math.exp(mu + (sigma * sigma) / 2),
      };
    }
    case 'pareto': {
      const scale = positive(model.scale, 'a Pareto scale');
      const shape = positive(model.shape, 'a Pareto shape');
      const mean = shape > 1 ? (shape * scale) / (shape - 1) : Number.POSITIVE_INFINITY;
      return { kind: SEVERITY_PARETO, a: scale, b: 1 / shape, c: 0, e: 0, mean };
    }
    case 'gamma': {
      let shape: number;
      let scale: number;
      if ('shape' in model) {
        shape = positive(model.shape, 'a gamma shape');
        scale = positive(model.scale, 'a gamma scale');
      } else {
        const mean = positive(model.mean, 'a gamma mean');
        const cv = positive(model.cv, 'a gamma coefficient of variation');
        shape = 1 / (cv * cv);
        scale = mean / shape;
      }
      const boosted = shape < 1;
      const d = (boosted ? shape + 1 : shape) - 1 / 3;
      return {
        kind: SEVERITY_GAMMA,
        a: scale,
        b: d,
        c: 1 / Math.sqrt(9 * d),
        e: boosted ? 1 / shape : 0,
        mean: shape * scale,
      };
    }
    default: {
      const unknown: never = model;
      throw new TypeError(`unknown severity kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`);
    }
  }
}

/**
 * One severity draw from `stream`: lognormal and Pareto take one uniform, gamma two per Marsaglia–Tsang
 * attempt (a normal by inversion and the acceptance uniform; about 1.02 attempts for α ≥ 1) and one more
 * for the boost when α < 1. The engine's loop does the same arithmetic inline (year-engine.ts).
 */
export function sampleSeverity(
  kind: number,
  a: number,
  b: number,
  c: number,
  e: number,
  stream: DrawStream,
): number {
  if (kind === SEVERITY_LOGNORMAL) return Math.exp(a + b * normalQuantile(stream.next()));
  if (kind === SEVERITY_PARETO) return a * Math.exp(-b * Math.log(stream.next()));
  GAMMA[0] = b;
  GAMMA[1] = c;
  GAMMA[2] = e;
  gammaStandard(stream);
  return a * (GAMMA[0] as number);
}

/**
 * Arguments (d, c, e) and result of gammaStandard. A number passed to or returned from a call V8 does not
 * inline is boxed on the heap; through this array the sampler allocates nothing.
 */
export const GAMMA = new Float64Array(3);

/** A Gamma(α) draw with d = GAMMA[0] = α′ − 1/3, c = GAMMA[1] = 1/√(9d) and the boost GAMMA[2] (0: none), into GAMMA[0]. */
export function gammaStandard(stream: DrawStream): void {
  const d = GAMMA[0] as number;
  const c = GAMMA[1] as number;
  const e = GAMMA[2] as number;
  let x: number;
  for (;;) {
    const z = normalQuantile(stream.next());
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = stream.next();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
      x = d * v;
      break;
    }
  }
  GAMMA[0] = e === 0 ? x : x * Math.exp(e * Math.log(stream.next()));
}
