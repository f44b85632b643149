/**
 * The standard normal distribution: the quantile the samplers use (lognormal severities, gamma's normal
 * proposals, event intensities) and the CDF the analytic checks use.
 */

/**
 * The tail's argument and result. A number passed to or returned from a call V8 does not inline is boxed
 * on the heap; through this array the out-of-line tail allocates nothing.
 */
const TAIL = new Float64Array(1);

/**
 * Φ⁻¹(p) for 0 < p < 1: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988), relative
 * accuracy about 1e-16. One uniform gives one normal deviate by inversion, so a draw's position in its
 * stream never depends on a rejection loop. The C baseline of the `mc` benchmark evaluates the same
 * polynomials in the same order. The central region (85 % of draws) is kept small enough for V8 to inline
 * into the samplers; the tails are a call.
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (q >= -0.425 && q <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301227 * r + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((5226.495278852854 * r + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  TAIL[0] = p;
  normalQuantileTail();
  return TAIL[0] as number;
}

/** Φ⁻¹(p) for p = TAIL[0] outside the central region (AS 241's r ≤ 5 and r > 5 branches), into TAIL[0]. */
function normalQuantileTail(): void {
  const p = TAIL[0] as number;
  const q = p - 0.5;
  let r = q < 0 ? p : 1 - p;
  if (!(r > 0)) {
    TAIL[0] = q < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return;
  }
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((0.0007745450142783414 * r + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((1.0507500716444169e-9 * r + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.0103343992922881e-7 * r + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((2.0442631033899397e-15 * r + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  TAIL[0] = q < 0 ? -value : value;
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
