import { type BornhuetterFergusonResult, bornhuetterFerguson } from './bornhuetter-ferguson.ts';
import { type ChainLadderResult, chainLadder } from './chain-ladder.ts';
import {
  ALL_CLASSES,
  type ClaimTriangles,
  type DevelopmentPeriod,
  latestDiagonal,
  type PaidIncurredTriangles,
  toYuan,
} from './triangle.ts';

/**
 * The IBNR (已发生未报告赔款准备金) summary by class (docs/reserving.md, "Summary by class"): latest paid and
 * incurred, the chain ladder with Mack's standard error on one basis (incurred by default), and
 * Bornhuetter-Ferguson for the classes with an a-priori loss ratio and premium. Amounts are yuan as float64.
 *
 * Both methods project an ultimate on the chosen basis; from it the summary reports
 * - ibnr = ultimate − latest incurred (incurred but not reported, with the development of reported claims),
 * - unpaid = ultimate − latest paid (everything left to pay: case reserves 案件准备金 + IBNR).
 * On the incurred basis `ibnr` is the chain ladder's own IBNR (ultimate − latest). Mack's standard error is
 * that of the ultimate, hence of both; `cv` = se ÷ (ultimate − latest on the basis) when that is positive.
 *
 * The 'all' row runs the chain ladder on the triangle of all classes together, which in general differs
 * from the sum of the classes. Its Bornhuetter-Ferguson uses the prior given for 'all' if any, otherwise
 * the sum of the classes' when every class has one, otherwise null.
 */

export type ReservingBasis = 'incurred' | 'paid';

export interface BornhuetterFergusonPrior {
  /** Premium (earned) per origin label, fen. Origins without one are left out of the method. */
  premium: Readonly<Record<string, bigint>>;
  /** One ratio, or one per origin label. */
  expectedLossRatio: number | Readonly<Record<string, number>>;
}

export interface ReservingOptions {
  /** The triangle the methods project: 'incurred' (default) or 'paid'. */
  basis?: ReservingBasis;
  /** Tail factor, one for all or per class ('all' for the aggregate); 1 where not given. */
  tail?: number | Readonly<Record<string, number>>;
  /** A-priori loss ratio and premium per class ('all' for the aggregate). */
  priors?: Readonly<Record<string, BornhuetterFergusonPrior>>;
}

export interface ChainLadderReserve {
  ultimate: number;
  ibnr: number;
  unpaid: number;
  /** Mack's standard error; null when a factor's σ² cannot be estimated (see chain-ladder.ts). */
  se: number | null;
  cv: number | null;
  detail: ChainLadderResult;
}

export interface BornhuetterFergusonReserve {
  /** Over the origins the method covers (not those in `skipped`). */
  ultimate: number;
  ibnr: number;
  unpaid: number;
  skipped: { class: string; origin: string; reason: 'no premium' | 'no development pattern' }[];
  /** The method's result; null for an 'all' row summed over classes. */
  detail: BornhuetterFergusonResult | null;
}

export interface ClassReserve {
  /** The class, or 'all'. */
  class: string;
  claims: number;
  latestPaid: number;
  latestIncurred: number;
  /** Latest incurred − latest paid: the case reserves (案件准备金) held. */
  caseReserve: number;
  chainLadder: ChainLadderReserve;
  /** Null when no prior is given for the class. */
  bornhuetterFerguson: BornhuetterFergusonReserve | null;
}

export interface ReservingSummary {
  valuationDate: string;
  period: DevelopmentPeriod;
  basis: ReservingBasis;
  origins: readonly string[];
  /** In code-point order of class. */
  classes: ClassReserve[];
  all: ClassReserve;
}

export function reservingSummary(
  triangles: ClaimTriangles,
  options: ReservingOptions = {},
): ReservingSummary {
  const basis = options.basis ?? 'incurred';
  const priors = options.priors ?? {};
  const tailOf = (name: string): number => {
    const { tail } = options;
    if (tail === undefined || typeof tail === 'number') return tail ?? 1;
    return Object.hasOwn(tail, name) ? (tail[name] as number) : 1;
  };
  const priorOf = (name: string) => (Object.hasOwn(priors, name) ? priors[name] : undefined);

  const classes = [...triangles.byClass].map(([name, pair]) =>
    classReserve(name, pair, basis, tailOf(name), priorOf(name)),
  );
  const all = classReserve(ALL_CLASSES, triangles.all, basis, tailOf(ALL_CLASSES), priorOf(ALL_CLASSES));
  if (all.bornhuetterFerguson === null && classes.length > 0) {
    const parts = classes.map((row) => row.bornhuetterFerguson);
    if (parts.every((part) => part !== null)) {
      all.bornhuetterFerguson = {
        ultimate: parts.reduce((a, part) => a + part.ultimate, 0),
        ibnr: parts.reduce((a, part) => a + part.ibnr, 0),
        unpaid: parts.reduce((a, part) => a + part.unpaid, 0),
        skipped: parts.flatMap((part) => part.skipped),
        detail: null,
      };
    }
  }
  return {
    valuationDate: triangles.valuationDate,
    period: triangles.period,
    basis,
    origins: triangles.origins,
    classes,
    all,
  };
}

function classReserve(
  name: string,
  pair: PaidIncurredTriangles,
  basis: ReservingBasis,
  tail: number,
  prior: BornhuetterFergusonPrior | undefined,
): ClassReserve {
  const paid = latestDiagonal(pair.paid).map((fen) => Number(fen) / 100);
  const incurred = latestDiagonal(pair.incurred).map((fen) => Number(fen) / 100);
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const latestPaid = total(paid);
  const latestIncurred = total(incurred);

  const detail = chainLadder(toYuan(pair[basis]), { tail });
  const ultimate = detail.totals.ultimate;
  const chainLadderReserve: ChainLadderReserve = {
    ultimate,
    ibnr: ultimate - latestIncurred,
    unpaid: ultimate - latestPaid,
    se: detail.totals.se,
    cv: detail.totals.cv,
    detail,
  };

  let bf: BornhuetterFergusonReserve | null = null;
  if (prior !== undefined) {
    const premium: Record<string, number> = {};
    for (const [origin, fen] of Object.entries(prior.premium)) premium[origin] = Number(fen) / 100;
    const result = bornhuetterFerguson(detail.origins, premium, prior.expectedLossRatio);
    const index = new Map(pair.paid.origins.map((origin, i) => [origin, i]));
    let ibnr = 0;
    let unpaid = 0;
    for (const origin of result.origins) {
      const i = index.get(origin.origin) as number;
      ibnr += origin.ultimate - (incurred[i] as number);
      unpaid += origin.ultimate - (paid[i] as number);
    }
    bf = {
      ultimate: result.totals.ultimate,
      ibnr,
      unpaid,
      skipped: result.skipped.map((entry) => ({ class: name, ...entry })),
      detail: result,
    };
  }

  return {
    class: name,
    claims: pair.claims,
    latestPaid,
    latestIncurred,
    caseReserve: latestIncurred - latestPaid,
    chainLadder: chainLadderReserve,
    bornhuetterFerguson: bf,
  };
}
