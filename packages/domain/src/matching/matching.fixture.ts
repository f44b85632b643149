/*
 * Test helpers for matching: the shipped products, and enterprises drawn by fast-check with every fact
 * sometimes absent, sometimes null, and values at and around the products' thresholds.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { loadShipped, SHIPPED_PRODUCTS } from '../catalog/golden/load-shipped.ts';
import type { Condition, EnterpriseFacts, Facts, FactValue, ProductDefinition } from '../catalog/index.ts';
import { compileMatchPrograms, type MatchPrograms } from './compile-programs.ts';
import type { EnterpriseInput } from './encode-enterprise.ts';
import { buildFeatureSchema } from './feature-schema.ts';

/** Every shipped product (catalog/products/*.yaml), validated as the platform reads it, by code. */
export function shippedProducts(): ProductDefinition[] {
  return readdirSync(SHIPPED_PRODUCTS)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => loadShipped(name.slice(0, -'.yaml'.length)))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.version - b.version));
}

let shipped: { definitions: ProductDefinition[]; programs: MatchPrograms } | null = null;

/** The shipped products compiled once per test file: definitions (in program order) and programs. */
export function shippedPrograms(): { definitions: ProductDefinition[]; programs: MatchPrograms } {
  if (shipped === null) {
    const definitions = shippedProducts();
    const programs = compileMatchPrograms(buildFeatureSchema(definitions), definitions);
    shipped = { definitions, programs };
  }
  return shipped;
}

/** A fact that is sometimes not known: absent (the key left out) or null. */
function maybe<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ arbitrary, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 });
}

const yuan = fc.oneof(
  fc.constantFrom('0.00', '199999999.99', '200000000.00', '200000000.01', '5000000.00', '12000000.50'),
  fc
    .integer({ min: 0, max: 2_000_000_000 })
    .map((fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`),
);
const smallSet = (values: readonly string[]) => fc.subarray([...values]);

/** Fact values around what the shipped rules ask: a draw crosses every threshold often. */
export const enterpriseFactsArbitrary: fc.Arbitrary<EnterpriseFacts> = fc.record(
  {
    staff: maybe(fc.oneof(fc.constantFrom(0, 499, 500, 501), fc.integer({ min: 1, max: 6000 }))),
    techStaff: maybe(fc.integer({ min: 0, max: 800 })),
    revenue: maybe(yuan),
    totalAssets: maybe(yuan),
    rdExpense: maybe(yuan),
    industry: maybe(fc.constantFrom('C26', 'C27', 'C39', 'D44', 'I65', 'M73', 'X99')),
    frontierTags: maybe(smallSet(['ic', 'new_energy', 'ai', 'biomedicine', 'quantum'])),
    region: maybe(fc.constantFrom('310115', '420111', '110108')),
    qualifications: maybe(smallSet(['tech_sme', 'high_tech_enterprise', 'little_giant', 'specialised'])),
    catalogueListings: maybe(
      smallSet(['first_set_equipment', 'new_materials_first_batch', 'first_version_software', 'other']),
    ),
    techScore: maybe(fc.constantFrom('59.9', '60', '60.0', '72.25', '85.5', 90)),
    scoreBand: maybe(fc.constantFrom('A', 'B', 'C', 'D')),
    creditGrade: maybe(fc.constantFrom('A', 'B', 'C', 'D', 'AA')),
    trl: maybe(fc.integer({ min: 1, max: 9 })),
    claimsLast3Years: maybe(fc.integer({ min: 0, max: 5 })),
    lossRatioLast3Years: maybe(fc.constantFrom('0', '0.35', '0.8', '0.85', '1.2')),
    dishonest: maybe(fc.boolean()),
    yearsInOperation: maybe(fc.integer({ min: 0, max: 30 })),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<EnterpriseFacts>;

/** Enterprises with distinct ids given in a shuffled order (encoding sorts them), ~40% consenting. */
export function enterprisesArbitrary(max: number, min = 1): fc.Arbitrary<EnterpriseInput[]> {
  return fc
    .array(fc.record({ facts: enterpriseFactsArbitrary, consent: fc.boolean() }), {
      minLength: min,
      maxLength: max,
    })
    .chain((drawn) =>
      fc.shuffledSubarray(
        drawn.map((e, i) => ({ id: `E${String(i).padStart(5, '0')}`, facts: e.facts, consent: e.consent })),
        { minLength: drawn.length, maxLength: drawn.length },
      ),
    );
}

/** An enterprise's facts as the rules read them: `enterprise.<key>`, unknown ones left out. */
export function ruleFacts(facts: EnterpriseFacts): Facts {
  const out: Record<string, FactValue> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (value !== undefined && value !== null) out[`enterprise.${key}`] = value as FactValue;
  }
  return out;
}

/** A shipped definition with other rules: a product that exists only in a test. */
export function withRules(
  base: ProductDefinition,
  code: string,
  eligibility: readonly Condition[],
  underwriting: readonly { outcome: 'decline' | 'refer'; when: Condition }[] = [],
): ProductDefinition {
  return {
    ...base,
    code,
    eligibility: eligibility.map((when, i) => ({
      reason: `test.eligibility_${i}`,
      message: { zh: `测试条件 ${i}`, en: `Test condition ${i}` },
      when,
    })),
    underwriting: underwriting.map(({ outcome, when }, i) => ({
      outcome,
      reason: `test.${outcome}_${i}`,
      message: { zh: `测试核保 ${i}`, en: `Test underwriting ${i}` },
      when,
    })),
  };
}
