/** An integer setting of a workload from the environment: `fallback` when unset, refused below `min`. */
export function envInteger(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer ≥ ${min}, not "${raw}"`);
  return value;
}
