/**
 * Money is an integer number of fen (分, 1/100 yuan) held as a bigint, never a float: a float cannot hold
 * 0.1 yuan exactly, and sums of premiums must balance to the fen (DESIGN.md, "Money").
 */
export type Fen = bigint;

/** Fen per yuan (元). */
export const FEN_PER_YUAN = 100n;

/**
 * The largest amount a yuan string may carry: 16 integer digits and 2 decimals, i.e. 9,999,999,999,999,999.99
 * yuan. This keeps every amount within PostgreSQL's bigint (about 9.2 × 10^18) with room for sums.
 */
export const MAX_FEN: Fen = 10n ** 18n - 1n;

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

export function minFen(...values: [Fen, ...Fen[]]): Fen {
  let least = values[0];
  for (const value of values) if (value < least) least = value;
  return least;
}

export function maxFen(...values: [Fen, ...Fen[]]): Fen {
  let most = values[0];
  for (const value of values) if (value > most) most = value;
  return most;
}

export function absFen(value: Fen): Fen {
  return value < 0n ? -value : value;
}
