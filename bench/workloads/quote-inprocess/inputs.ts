/** Varied, deterministic quote inputs for KB-AP-EQUIP, and a premium formula written by hand for them. */
import type { QuoteInput } from '@kebao/domain/catalog';

/** A small seeded generator (mulberry32), so every run prices the same inputs. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BANDS = ['A', 'B', 'C', 'D'] as const;
const DEDUCTIBLES = ['20000.00', '50000.00', '100000.00'] as const;
const GRADES = ['A', 'B', 'C'] as const;

/**
 * `count` eligible, not declined inputs: contract values from 100,000 to 300,000,000 yuan (log-uniform,
 * with fen), every score band, TRL 1–9, 0–5 claims, every deductible, key component or not, and half of
 * them for a policy year, the others for 1–730 days (pro rata). Some hit the minimum premium, some the rate
 * cap, and TRL < 7 or contracts above 200 million are referred (still priced).
 */
export function quoteInputs(count: number, seed = 20250101): QuoteInput[] {
  const random = generator(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  return Array.from({ length: count }, (): QuoteInput => {
    const fen = Math.round(10 ** (7 + random() * (10.477 - 7))); // 100,000.00 to ~300,000,000.00 yuan
    const contractValue = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    return {
      enterprise: {
        scoreBand: pick(BANDS),
        trl: int(1, 9),
        claimsLast3Years: int(0, 5),
        catalogueListings: ['first_set_equipment'],
        dishonest: false,
        creditGrade: pick(GRADES),
      },
      request: {
        contractValue,
        continuousYear: int(1, 3),
        termDays: random() < 0.5 ? 365 : int(1, 730),
        options: { deductible: pick(DEDUCTIBLES), key_component: random() < 0.3 },
      },
    };
  });
}

// KB-AP-EQUIP's tariff, copied by hand from catalog/products/KB-AP-EQUIP.yaml.
const BAND: Record<string, number> = { A: 0.9, B: 1.0, C: 1.1, D: 1.25 };
const DEDUCTIBLE: Record<string, number> = { '20000.00': 1.08, '50000.00': 1.0, '100000.00': 0.93 };

/**
 * The premium in fen the way one would write it for this one product with plain numbers: basis × 1.2% ×
 * the factors × days/365, capped at 3% of the basis for the term, at least 5,000 yuan, rounded to the fen.
 * No input checks, no eligibility or underwriting, no breakdown, binary floating point.
 */
export function handPremiumFen(input: QuoteInput): number {
  const { enterprise, request } = input;
  const basis = Number(request.contractValue);
  const trl = enterprise.trl as number;
  const claims = enterprise.claimsLast3Years as number;
  const options = request.options as { deductible: string; key_component?: boolean };
  const factors =
    (BAND[enterprise.scoreBand as string] ?? 1.1) *
    (trl < 7 ? 1.3 : trl < 8 ? 1.1 : 1.0) *
    (claims < 1 ? 0.95 : claims < 3 ? 1.1 : 1.4) *
    (DEDUCTIBLE[options.deductible] ?? 1.0) *
    (options.key_component ? 1.15 : 1.0);
  const days = request.termDays ?? 365;
  const term = days === 365 ? 1 : days / 365;
  const premium = Math.max(5000, Math.min(basis * 0.012 * factors * term, basis * 0.03 * term));
  return Math.round(premium * 100);
}
