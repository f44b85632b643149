// Φ⁻¹ and the gamma sampler of distributions/normal.ts and severity.ts: the same polynomials and the same
// steps in the same order. exp and log are AssemblyScript's (ports of musl's, which are ARM's optimized
// routines, as glibc's are).
import { Stream } from './random';

/** Φ⁻¹(p) for 0 < p < 1: Wichura's AS 241 (PPND16), relative accuracy about 1e-16. */
export function normalQuantile(p: f64): f64 {
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
  return normalQuantileTail(p, q);
}

/** AS 241's r ≤ 5 and r > 5 branches. */
function normalQuantileTail(p: f64, q: f64): f64 {
  let r = q < 0 ? p : 1 - p;
  if (!(r > 0)) return q < 0 ? -Infinity : Infinity;
  r = Math.sqrt(-Math.log(r));
  let value: f64;
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
  return q < 0 ? -value : value;
}

/**
 * A Gamma draw by Marsaglia–Tsang with d = α′ − 1/3, c = 1/√(9d) and the boost e (0: none; else 1/α for
 * α < 1, drawn as Gamma(α + 1) × U^(1/α)).
 */
export function gammaStandard(d: f64, c: f64, e: f64): f64 {
  let x: f64 = 0;
  for (;;) {
    const z = normalQuantile(Stream.next());
    let v = 1 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = Stream.next();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
      x = d * v;
      break;
    }
  }
  return e === 0 ? x : x * Math.exp(e * Math.log(Stream.next()));
}
