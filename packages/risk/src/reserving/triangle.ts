/**
 * Claims development triangles (进展三角形): cumulative paid and incurred amounts by accident period
 * (the origin, a row) and development age (a column), built from claim records (docs/reserving.md).
 *
 * Amounts stay exact here: claim movements are fen (`bigint`) and so are the cumulative cells. The
 * reserving methods compute in binary floating point on yuan (`toYuan`), like the rest of this package:
 * their results are estimates, never amounts to post.
 *
 * Conventions:
 * - Origin of a claim: the period (calendar year, or calendar quarter) of its accident date. Origins run
 *   without gaps from the earliest accident period of the claims kept to the period of the valuation date;
 *   a period without claims is a row of zeros.
 * - Development age of a movement: 1 + the number of periods from the claim's origin to the movement's
 *   period (a movement in the accident period itself is at age 1).
 * - Cell (origin o, age k): the sum of all movements of the origin's claims up to the end of age k. A cell
 *   whose age ends after the valuation period lies past the valuation diagonal and is null.
 * - Movements dated after the valuation date and claims whose accident is after it are left out (counted in
 *   `excluded`). When the valuation date is not a period end, the latest diagonal holds a part period.
 */

export type DevelopmentPeriod = 'year' | 'quarter';

export interface ClaimMovement {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Change in the amount paid to date, fen. */
  paid: bigint;
  /** Change in the amount incurred to date (paid + case reserve, 案件准备金), fen. */
  incurred: bigint;
}

export interface ClaimRecord {
  /** The reserving class, e.g. a statistical class: rd_transfer, application, intellectual_property, base. */
  class: string;
  /** 'YYYY-MM-DD'. */
  accidentDate: string;
  movements: readonly ClaimMovement[];
}

/** A cumulative triangle in fen: `values[i][k]` is origin i at age `ages[k]`, null past the valuation diagonal. */
export interface FenTriangle {
  origins: readonly string[];
  ages: readonly number[];
  values: readonly (readonly (bigint | null)[])[];
}

/**
 * A cumulative triangle of floating-point amounts (yuan, or whatever unit the data is in), the input of the
 * chain ladder: each row holds its observed cells first, then nulls.
 */
export interface Triangle {
  origins: readonly string[];
  ages: readonly number[];
  values: readonly (readonly (number | null)[])[];
}

export interface PaidIncurredTriangles {
  paid: FenTriangle;
  incurred: FenTriangle;
  /** Claims in the triangles (accident on or before the valuation date). */
  claims: number;
}

export interface ClaimTriangles {
  period: DevelopmentPeriod;
  valuationDate: string;
  /** Origin labels, oldest first: '2024' by year, '2024Q3' by quarter. */
  origins: readonly string[];
  /** Development ages 1, 2, …, as many as origins. */
  ages: readonly number[];
  /** All classes together. */
  all: PaidIncurredTriangles;
  /** One pair of triangles per class (same origins and ages as `all`), classes in code-point order. */
  byClass: ReadonlyMap<string, PaidIncurredTriangles>;
  /** What was left out: claims with an accident after the valuation date, movements dated after it. */
  excluded: { claims: number; movements: number };
}

export interface TriangleOptions {
  /** 'YYYY-MM-DD': movements up to and including this day count. */
  valuationDate: string;
  period: DevelopmentPeriod;
}

/** The label of the aggregate over classes; a class may not be called so. */
export const ALL_CLASSES = 'all';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The year and month of a calendar date 'YYYY-MM-DD'; a RangeError naming `what` otherwise. */
function checkDate(value: string, what: string): { year: number; month: number } {
  const match = DATE.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    if (days !== undefined && day >= 1 && day <= days) return { year, month };
  }
  throw new RangeError(`${what} is not a date YYYY-MM-DD: ${JSON.stringify(value)}`);
}

/** The period of a date as a whole number: the year, or 4 × year + quarter − 1. */
export function periodIndex(date: string, period: DevelopmentPeriod): number {
  const { year, month } = checkDate(date, 'the date');
  return period === 'year' ? year : year * 4 + Math.floor((month - 1) / 3);
}

/** The label of a period index: '2024', or '2024Q3'. */
export function periodLabel(index: number, period: DevelopmentPeriod): string {
  if (period === 'year') return String(index).padStart(4, '0');
  const year = Math.floor(index / 4);
  return `${String(year).padStart(4, '0')}Q${index - year * 4 + 1}`;
}

interface Accumulator {
  paid: bigint[][];
  incurred: bigint[][];
  claims: number;
}

/**
 * Builds the cumulative paid and incurred triangles of each class and of all classes together.
 * Throws a RangeError on a malformed date, a movement dated before its accident, or a class named 'all'
 * or ''.
 */
export function buildTriangles(claims: readonly ClaimRecord[], options: TriangleOptions): ClaimTriangles {
  const { valuationDate, period } = options;
  checkDate(valuationDate, 'the valuation date');
  const last = periodIndex(valuationDate, period);

  const kept: { claim: ClaimRecord; origin: number }[] = [];
  let excludedClaims = 0;
  let first = last + 1;
  for (const claim of claims) {
    if (claim.class === ALL_CLASSES || claim.class === '') {
      throw new RangeError(`a class may not be called ${JSON.stringify(claim.class)}`);
    }
    checkDate(claim.accidentDate, `the accident date of a ${claim.class} claim`);
    if (claim.accidentDate > valuationDate) {
      excludedClaims += 1;
      continue;
    }
    const origin = periodIndex(claim.accidentDate, period);
    first = Math.min(first, origin);
    kept.push({ claim, origin });
  }

  const size = last - first + 1;
  const blank = (): bigint[][] => Array.from({ length: size }, () => new Array<bigint>(size).fill(0n));
  const all: Accumulator = { paid: blank(), incurred: blank(), claims: 0 };
  const byClass = new Map<string, Accumulator>();
  let excludedMovements = 0;
  for (const { claim, origin } of kept) {
    let own = byClass.get(claim.class);
    if (!own) {
      own = { paid: blank(), incurred: blank(), claims: 0 };
      byClass.set(claim.class, own);
    }
    own.claims += 1;
    all.claims += 1;
    const row = origin - first;
    for (const movement of claim.movements) {
      checkDate(movement.date, `a movement date of a ${claim.class} claim`);
      if (movement.date < claim.accidentDate) {
        throw new RangeError(
          `a movement of a ${claim.class} claim (${movement.date}) precedes its accident (${claim.accidentDate})`,
        );
      }
      if (movement.date > valuationDate) {
        excludedMovements += 1;
        continue;
      }
      const age = periodIndex(movement.date, period) - origin;
      for (const target of [own, all]) {
        const paidRow = target.paid[row] as bigint[];
        const incurredRow = target.incurred[row] as bigint[];
        paidRow[age] = (paidRow[age] as bigint) + movement.paid;
        incurredRow[age] = (incurredRow[age] as bigint) + movement.incurred;
      }
    }
  }

  const origins = Array.from({ length: size }, (_, i) => periodLabel(first + i, period));
  const ages = Array.from({ length: size }, (_, k) => k + 1);
  const finish = (accumulator: Accumulator): PaidIncurredTriangles => ({
    paid: { origins, ages, values: cumulate(accumulator.paid) },
    incurred: { origins, ages, values: cumulate(accumulator.incurred) },
    claims: accumulator.claims,
  });
  const classes = [...byClass.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    period,
    valuationDate,
    origins,
    ages,
    all: finish(all),
    byClass: new Map(classes.map((name) => [name, finish(byClass.get(name) as Accumulator)])),
    excluded: { claims: excludedClaims, movements: excludedMovements },
  };
}

/** Incremental cells by age into cumulative ones; row i (of n) is observed for n − i ages. */
function cumulate(increments: bigint[][]): (bigint | null)[][] {
  const n = increments.length;
  return increments.map((row, i) => {
    let sum = 0n;
    return row.map((value, k) => {
      if (k >= n - i) return null;
      sum += value;
      return sum;
    });
  });
}

/** A fen triangle in yuan as float64 (exact below 2^53 fen), for the reserving methods. */
export function toYuan(triangle: FenTriangle): Triangle {
  return {
    origins: triangle.origins,
    ages: triangle.ages,
    values: triangle.values.map((row) => row.map((value) => (value === null ? null : Number(value) / 100))),
  };
}

/** The latest observed cell of each origin (its last non-null value), in fen. */
export function latestDiagonal(triangle: FenTriangle): bigint[] {
  return triangle.values.map((row) => {
    let latest = 0n;
    for (const value of row) if (value !== null) latest = value;
    return latest;
  });
}
