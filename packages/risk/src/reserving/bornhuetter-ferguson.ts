/**
 * Bornhuetter-Ferguson (docs/reserving.md, "Bornhuetter-Ferguson"): the part of an a-priori ultimate that
 * the development pattern says is still to come.
 *
 *   prior ultimate  U₀ = expected loss ratio × premium
 *   IBNR            = U₀ × (1 − 1/CDF)
 *   ultimate        = latest + IBNR
 *
 * CDF is the cumulative development factor from the origin's latest age to ultimate (the chain ladder's
 * `cdf`, tail included). A CDF below 1 (expected downward development) gives a negative IBNR. Origins
 * without a premium, or with a CDF ≤ 0 (no development pattern to apply), are left out and listed in
 * `skipped`; the totals are over the origins computed. Amounts are floating point, in the unit of the inputs.
 */

export interface DevelopedOrigin {
  origin: string;
  latest: number;
  /** Cumulative development factor to ultimate. */
  cdf: number;
}

export interface BornhuetterFergusonOrigin {
  origin: string;
  latest: number;
  cdf: number;
  premium: number;
  expectedLossRatio: number;
  priorUltimate: number;
  /** 1 − 1/CDF: the share of the ultimate expected to emerge after the latest age. */
  unreported: number;
  ibnr: number;
  ultimate: number;
}

export interface BornhuetterFergusonResult {
  origins: BornhuetterFergusonOrigin[];
  totals: { latest: number; priorUltimate: number; ibnr: number; ultimate: number };
  skipped: { origin: string; reason: 'no premium' | 'no development pattern' }[];
}

/**
 * @param development the origins with their latest amount and CDF (a chain-ladder result's `origins` fit)
 * @param premium premium per origin label (finite, ≥ 0); origins not in it are skipped
 * @param expectedLossRatio one ratio for all origins, or one per origin label (finite, ≥ 0); an origin with
 *   a premium needs a ratio
 */
export function bornhuetterFerguson(
  development: readonly DevelopedOrigin[],
  premium: Readonly<Record<string, number>>,
  expectedLossRatio: number | Readonly<Record<string, number>>,
): BornhuetterFergusonResult {
  const origins: BornhuetterFergusonOrigin[] = [];
  const skipped: BornhuetterFergusonResult['skipped'] = [];
  for (const { origin, latest, cdf } of development) {
    const written = Object.hasOwn(premium, origin) ? premium[origin] : undefined;
    if (written === undefined) {
      skipped.push({ origin, reason: 'no premium' });
      continue;
    }
    if (!(Number.isFinite(written) && written >= 0)) {
      throw new RangeError(`the premium of ${origin} is finite and ≥ 0, not ${written}`);
    }
    const ratio =
      typeof expectedLossRatio === 'number'
        ? expectedLossRatio
        : Object.hasOwn(expectedLossRatio, origin)
          ? expectedLossRatio[origin]
          : undefined;
    if (ratio === undefined || !(Number.isFinite(ratio) && ratio >= 0)) {
      throw new RangeError(`the expected loss ratio of ${origin} is finite and ≥ 0, not ${ratio}`);
    }
    if (!(Number.isFinite(cdf) && cdf > 0)) {
      skipped.push({ origin, reason: 'no development pattern' });
      continue;
    }
    const priorUltimate = ratio * written;
    const unreported = 1 - 1 / cdf;
    const ibnr = priorUltimate * unreported;
    origins.push({
      origin,
      latest,
      cdf,
      premium: written,
      expectedLossRatio: ratio,
      priorUltimate,
      unreported,
      ibnr,
      ultimate: latest + ibnr,
    });
  }
  const sum = (pick: (origin: BornhuetterFergusonOrigin) => number) =>
    origins.reduce((a, o) => a + pick(o), 0);
  return {
    origins,
    totals: {
      latest: sum((o) => o.latest),
      priorUltimate: sum((o) => o.priorUltimate),
      ibnr: sum((o) => o.ibnr),
      ultimate: sum((o) => o.ultimate),
    },
    skipped,
  };
}
