import type { StatisticalClass } from '../catalog/definition.ts';
import { SHANGHAI_DISTRICT_CODES } from '../demo/places.ts';
import { WHOLE } from '../placement/shares.ts';
import { ExposureBook, type ExposureInsurerLine, type ExposureMovement } from './exposure.ts';

/*
 * A deterministic stream of movements for measuring ExposureBook.apply, and the timing loop the benchmark
 * harness calls. The only clock of the monitor context is here (performance.now); tests never time.
 */

const CLASSES: readonly StatisticalClass[] = ['rd_transfer', 'application', 'intellectual_property', 'base'];
const REGIONS = SHANGHAI_DISTRICT_CODES;
const INDUSTRIES = ['ic', 'biomed', 'ai', 'new_energy', 'new_materials', 'aerospace', 'robotics', 'software'];
const PRODUCTS = ['KB-RD-EQUIP', 'KB-RD-TRIAL', 'KB-AP-EQUIP', 'KB-AP-SOFTW', 'KB-IP-PLEDGE', 'KB-BR-CYBER'];
const INSURERS = Array.from({ length: 12 }, (_, i) => `ORG-${String(i + 1).padStart(2, '0')}`);

/** A seeded linear congruential generator (Numerical Recipes constants): the same stream on every run. */
function generator(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

function scaled(lines: readonly ExposureInsurerLine[], sign: bigint, part: bigint): ExposureInsurerLine[] {
  return lines.map((line) => ({
    orgId: line.orgId,
    share: line.share,
    grossSumInsured: (sign * line.grossSumInsured) / part,
    grossPremium: (sign * line.grossPremium) / part,
    netSumInsured: (sign * line.netSumInsured) / part,
    netPremium: (sign * line.netPremium) / part,
  }));
}

/**
 * Three movements per policy — its bind, an endorsement adding 10 % to every line, and a cancel or expiry
 * taking the whole of it out — for `policies` policies spread over 12 insurers (1 to 3 lines each),
 * 16 regions, 8 chains, 6 products (5 % in a sandbox, 20 % through a pool) and policies / 3 enterprises.
 */
export function exposureBenchPolicies(policies: number, seed = 20_250_101): ExposureMovement[][] {
  const next = generator(seed);
  const enterprises = Math.max(1, Math.floor(policies / 3));
  const out: ExposureMovement[][] = [];
  for (let p = 0; p < policies; p++) {
    const count = 1 + next(3);
    const first = next(INSURERS.length);
    const shares = count === 1 ? [WHOLE] : count === 2 ? [600_000, 400_000] : [500_000, 300_000, 200_000];
    const sumInsured = BigInt(1 + next(5_000)) * 1_000_000n;
    const lines: ExposureInsurerLine[] = shares.map((share, i) => {
      const gross = (sumInsured * BigInt(share)) / BigInt(WHOLE);
      return {
        orgId: INSURERS[(first + i) % INSURERS.length] as string,
        share,
        grossSumInsured: gross,
        grossPremium: gross / 80n,
        netSumInsured: (gross * 7n) / 10n,
        netPremium: (gross * 7n) / 800n,
      };
    });
    const productCode = PRODUCTS[next(PRODUCTS.length)] as string;
    const attributes = {
      policyId: `P${p}`,
      source: next(4) === 0 ? ('registered' as const) : ('platform' as const),
      productCode,
      statisticalClass: CLASSES[next(CLASSES.length)] as StatisticalClass,
      industryChain: INDUSTRIES[next(INDUSTRIES.length)] as string,
      region: REGIONS[next(REGIONS.length)] as string,
      poolCode: next(5) === 0 ? 'IC-POOL' : null,
      sandbox: next(20) === 0,
      enterpriseId: `E${next(enterprises)}`,
    };
    const endorsement = scaled(lines, 1n, 10n);
    const total = lines.map((line, i) => {
      const added = endorsement[i] as ExposureInsurerLine;
      return {
        ...line,
        grossSumInsured: line.grossSumInsured + added.grossSumInsured,
        grossPremium: line.grossPremium + added.grossPremium,
        netSumInsured: line.netSumInsured + added.netSumInsured,
        netPremium: line.netPremium + added.netPremium,
      };
    });
    out.push([
      { ...attributes, kind: 'bind', insurers: lines },
      { ...attributes, kind: 'endorse', insurers: endorsement },
      { ...attributes, kind: next(2) === 0 ? 'cancel' : 'expire', insurers: scaled(total, -1n, 1n) },
    ]);
  }
  return out;
}

/**
 * Applies `n` movements to a fresh book and returns movements per second (rounded down). The stream is
 * built before the clock starts: round r of the policies applies each policy's movement r mod 3 (bind,
 * endorse, leave), so on average two thirds of the policies are in force; a warm-up of up to
 * 50,000 movements on another book comes first so the measure is of optimised code.
 */
export function benchExposure(
  n: number,
  policies = Math.max(1, Math.min(Math.ceil(n / 3), 100_000)),
): number {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError('n must be a positive whole number');
  const stream = exposureBenchPolicies(policies);
  const run = (book: ExposureBook, count: number) => {
    for (let s = 0; s < count; s++) {
      const round = Math.floor(s / policies);
      // Round r takes the policy's (r mod 3)th movement: bind, endorse, leave, bind again…
      book.apply((stream[s % policies] as ExposureMovement[])[round % 3] as ExposureMovement);
    }
  };
  run(new ExposureBook(), Math.min(n, 50_000));
  const book = new ExposureBook();
  const started = performance.now();
  run(book, n);
  const seconds = (performance.now() - started) / 1000;
  return Math.floor(n / Math.max(seconds, 1e-9));
}
