/**
 * Walker's alias method (Vose's construction): picks index i with probability wᵢ/Σw from one uniform u —
 * x = u·n, column k = ⌊x⌋, and k itself when the fraction x − k is below probability[k], else alias[k].
 * Built once per portfolio in double precision and shared as it is, so every thread picks alike.
 */
export interface AliasTable {
  probability: Float64Array;
  alias: Int32Array;
}

export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  if (n === 0) throw new RangeError('an alias table needs at least one weight');
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`weight ${i} is ${w}, not a finite number ≥ 0`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('an alias table needs a positive total weight');
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = ((weights[i] as number) * n) / total;
    alias[i] = i;
    ((scaled[i] as number) < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = scaled[s] as number;
    alias[s] = l;
    scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
    ((scaled[l] as number) < 1 ? small : large).push(l);
  }
  // What is left is 1 up to rounding: these columns keep themselves.
  for (const i of large) probability[i] = 1;
  for (const i of small) probability[i] = 1;
  return { probability, alias };
}

/** The index for a uniform u in (0, 1), as the engine's loop picks it. */
export function aliasPick(table: AliasTable, u: number): number {
  const x = u * table.probability.length;
  const k = Math.floor(x);
  return x - k < (table.probability[k] as number) ? k : (table.alias[k] as number);
}
