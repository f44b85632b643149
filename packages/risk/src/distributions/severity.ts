/**
 * Severity (size of one ground-up loss, yuan) distributions, and the parameters the engine's samplers
 * take (assembly/draws.ts and normal.ts). Every sampler works by inversion or by a rejection loop whose
 * draws come in order from the year's stream, so the same stream position always gives the same loss.
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
