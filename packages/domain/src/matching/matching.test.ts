import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadShipped } from '../catalog/golden/load-shipped.ts';
import {
  type Condition,
  compileProductRules,
  type EnterpriseFacts,
  enterpriseFacts,
  evaluateCondition,
  evaluateQuote,
  type Facts,
  OPTION_FACT_PREFIX,
  type ProductDefinition,
  statisticalClasses,
  validateDefinition,
} from '../catalog/index.ts';
import { compareDecimals } from '../catalog/scaled-decimal.ts';
import { classPreferences } from './class-preference.ts';
import { compileMatchPrograms, type MatchPrograms } from './compile-programs.ts';
import {
  type EnterpriseInput,
  encodeDecimal,
  encodeEnterprise,
  encodeEnterprises,
  SATURATION,
} from './encode-enterprise.ts';
import { evaluateMatchCondition, explainMatch } from './explain-match.ts';
import { buildFeatureSchema } from './feature-schema.ts';
import { matchAll } from './match-all.ts';
import { leadsOf, matchOne, productsOf } from './match-one.ts';
import { matchRange } from './match-range.ts';
import {
  createLeads,
  createMatchResults,
  insertRanked,
  type MatchResults,
  mergeLeads,
} from './match-results.ts';
import { enterprisesArbitrary, ruleFacts, shippedPrograms, withRules } from './matching.fixture.ts';
import { MATCH_STATUS_NAMES, type MatchStatusName } from './program-code.ts';
import { NO_THRESHOLD, popcount32 } from './score.ts';
import { noSubsidyEstimator, type SubsidyEstimator } from './subsidy-estimate.ts';

/*
 * The bit-sliced engine against a reference written straight from the catalogue: each rule of each
 * shipped product evaluated by the catalogue's own compiled conditions (compileProductRules — what
 * evaluateQuote runs) over the enterprise's facts alone, the request not known yet.
 *
 * A product MATCHES an enterprise exactly when no eligibility rule is false and no decline rule is true.
 * A rule that is unknown — because an enterprise fact is missing, or because it depends on the request —
 * never excludes. The status says why it is still a match:
 *   referred           a refer rule holds;
 *   possibly_eligible  otherwise, an eligibility rule is unknown because an enterprise fact is missing;
 *   eligible           otherwise (every eligibility rule holds, or waits only for the request).
 */

const isEnterpriseFact = (fact: string) => Object.hasOwn(enterpriseFacts, fact);

interface Expected {
  match: boolean;
  status: MatchStatusName;
  score: number;
  missing: string[];
}

/** Set-fact values an eligibility rule asks for outside any `not`, by fact (the relevance part). */
function askedValues(definition: ProductDefinition): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const visit = (condition: Condition, negated: boolean): void => {
    if ('all' in condition) for (const part of condition.all) visit(part, negated);
    else if ('any' in condition) for (const part of condition.any) visit(part, negated);
    else if ('not' in condition) visit(condition.not, !negated);
    else if (!negated && 'values' in condition) {
      const values = found.get(condition.fact) ?? new Set<string>();
      for (const value of condition.values) values.add(String(value));
      found.set(condition.fact, values);
    }
  };
  for (const rule of definition.eligibility) visit(rule.when, false);
  return found;
}

const WEIGHTS: Record<string, number> = {
  'enterprise.frontierTags': 60,
  'enterprise.catalogueListings': 60,
  'enterprise.qualifications': 20,
};

const compiled = new Map<ProductDefinition, ReturnType<typeof compileProductRules>>();

function expected(definition: ProductDefinition, enterprise: EnterpriseInput): Expected {
  const rules = compiled.get(definition) ?? compileProductRules(definition);
  compiled.set(definition, rules);
  const facts: Facts = ruleFacts(enterprise.facts);
  let excluded = false;
  let possibly = false;
  let referred = false;
  let undecided = 0;
  const missing = new Set<string>();
  const judge = (holds: (facts: Facts, missing: string[]) => string) => {
    const list: string[] = [];
    const result = holds(facts, list);
    const lacking = list.filter(isEnterpriseFact);
    for (const fact of lacking) missing.add(fact);
    if (result === 'unknown' && lacking.length > 0) undecided++;
    return { result, lacking };
  };
  for (const { holds } of rules.eligibility) {
    const { result, lacking } = judge(holds);
    if (result === 'false') excluded = true;
    if (result === 'unknown' && lacking.length > 0) possibly = true;
  }
  for (const { rule, holds } of rules.underwriting) {
    const { result } = judge(holds);
    if (result === 'true' && rule.outcome === 'decline') excluded = true;
    if (result === 'true' && rule.outcome === 'refer') referred = true;
  }
  let relevance = 0;
  for (const [fact, values] of askedValues(definition)) {
    const held = (enterprise.facts as Record<string, unknown>)[fact.slice('enterprise.'.length)];
    if (!Array.isArray(held) || WEIGHTS[fact] === undefined) continue;
    relevance += WEIGHTS[fact] * [...values].filter((value) => held.includes(value)).length;
  }
  const preference = classPreferences(enterprise.facts)[
    statisticalClasses.indexOf(definition.statisticalClass)
  ];
  const score =
    1000 +
    (possibly ? 0 : 400) -
    (referred ? 300 : 0) -
    40 * Math.min(undecided, 7) +
    relevance +
    (preference ?? 0);
  const status = referred ? 'referred' : possibly ? 'possibly_eligible' : 'eligible';
  return { match: !excluded, status, score, missing: [...missing].sort() };
}

describe('matching agrees with the catalogue’s own rule evaluation (shipped products)', () => {
  const { definitions, programs } = shippedPrograms();

  it('has all 19 shipped products, and none of their rules asks whether a request fact exists', () => {
    expect(definitions).toHaveLength(19);
    const requestExistence = (condition: Condition): boolean =>
      'all' in condition
        ? condition.all.some(requestExistence)
        : 'any' in condition
          ? condition.any.some(requestExistence)
          : 'not' in condition
            ? requestExistence(condition.not)
            : !isEnterpriseFact(condition.fact) && (condition.op === 'exists' || condition.op === 'missing');
    const rules = definitions.flatMap((d) => [...d.eligibility, ...d.underwriting]);
    expect(rules.filter((rule) => requestExistence(rule.when))).toEqual([]);
  });

  it('matches, ranks, scores and explains every pair as the reference does', () => {
    fc.assert(
      fc.property(enterprisesArbitrary(40), fc.integer({ min: 1, max: 6 }), (enterprises, k) => {
        const features = encodeEnterprises(programs.schema, enterprises);
        const byId = new Map(enterprises.map((e) => [e.id, e]));
        const sorted = features.ids.map((id) => byId.get(id) as EnterpriseInput);
        const everything = matchAll(features, programs, {
          productsPerEnterprise: definitions.length,
          leadsPerProduct: Math.max(1, sorted.length),
        });
        const small = matchAll(features, programs, { productsPerEnterprise: k, leadsPerProduct: k });
        const table = sorted.map((enterprise) => definitions.map((d) => expected(d, enterprise)));

        sorted.forEach((_, row) => {
          const want = definitions
            .map((_, p) => ({ p, ...(table[row]?.[p] as Expected) }))
            .filter((x) => x.match)
            .sort((a, b) => b.score - a.score || a.p - b.p);
          for (const [results, size] of [
            [everything, definitions.length],
            [small, k],
          ] as const) {
            const start = row * size;
            const count = results.topCount[row] as number;
            expect(count).toBe(Math.min(size, want.length));
            const got = Array.from({ length: count }, (_, i) => ({
              p: results.topProducts[start + i],
              score: results.topScores[start + i],
              status: MATCH_STATUS_NAMES[results.topStatuses[start + i] as number],
            }));
            expect(got).toEqual(want.slice(0, size).map(({ p, score, status }) => ({ p, score, status })));
            expect(results.productMatches[row]).toBe(want.length);
          }
          // The explanation says the same, product by product, matching or not.
          definitions.forEach((_, p) => {
            const explanation = explainMatch(programs, p, features.rows, row * features.width);
            const reference = table[row]?.[p] as Expected;
            expect(explanation.status).toBe(reference.match ? reference.status : null);
            if (reference.match) expect(explanation.score).toBe(reference.score);
            expect([...explanation.missingFacts].sort()).toEqual(reference.missing);
          });
        });

        definitions.forEach((_, p) => {
          const leads = sorted
            .map((enterprise, row) => ({
              row,
              consent: enterprise.consent,
              ...(table[row]?.[p] as Expected),
            }))
            .filter((x) => x.match);
          const consenting = leads
            .filter((x) => x.consent)
            .sort((a, b) => b.score - a.score || a.row - b.row);
          expect(everything.matches[p]).toBe(leads.length);
          expect(everything.consentingMatches[p]).toBe(consenting.length);
          for (const [results, size] of [
            [everything, Math.max(1, sorted.length)],
            [small, k],
          ] as const) {
            const count = results.leadCount[p] as number;
            expect(count).toBe(Math.min(size, consenting.length));
            const got = Array.from({ length: count }, (_, i) => ({
              row: results.leads[p * size + i],
              score: results.leadScores[p * size + i],
              status: MATCH_STATUS_NAMES[results.leadStatuses[p * size + i] as number],
            }));
            expect(got).toEqual(
              consenting.slice(0, size).map(({ row, score, status }) => ({ row, score, status })),
            );
          }
        });
      }),
      { numRuns: 20 },
    );
  });

  it('never matches a product that the quote itself would refuse for every request', () => {
    // Kleene logic is monotone: a rule false (or a decline true) with the request unknown stays so once
    // the request is given, so a quote for an enterprise matching excludes is ineligible or declined.
    fc.assert(
      fc.property(enterprisesArbitrary(10), (enterprises) => {
        const features = encodeEnterprises(programs.schema, enterprises);
        const results = matchAll(features, programs, { productsPerEnterprise: definitions.length });
        features.ids.forEach((id, row) => {
          const enterprise = enterprises.find((e) => e.id === id) as EnterpriseInput;
          const matched = new Set(
            results.topProducts.subarray(
              row * definitions.length,
              row * definitions.length + (results.topCount[row] as number),
            ),
          );
          definitions.forEach((definition, p) => {
            if (matched.has(p)) return;
            const quote = evaluateQuote(definition, { enterprise: enterprise.facts, request: {} });
            expect(['ineligible', 'decline']).toContain(quote.outcome);
          });
        });
      }),
      { numRuns: 20 },
    );
  });
});

/*
 * Every operator of the rule language over every type of enterprise fact, nested in all / any / not and
 * mixed with request facts, against the catalogue's evaluateCondition: each drawn condition becomes a
 * product's only eligibility rule, another's only decline rule and a third's only refer rule, so the
 * engine's results show its truth value (true / false / unknown) and whether a missing enterprise fact
 * left it unknown. Qualifications have a vocabulary of 40 values: two 32-bit words.
 */

const QUALIFICATIONS = Array.from({ length: 40 }, (_, i) => `q${String(i).padStart(2, '0')}`);
const TAGS = ['ai', 'ic', 'quantum'];

const integerFact = fc.constantFrom('enterprise.staff', 'enterprise.trl', 'enterprise.yearsInOperation');
const moneyFact = fc.constantFrom('enterprise.revenue', 'enterprise.rdExpense');
const decimalFact = fc.constantFrom('enterprise.techScore', 'enterprise.lossRatioLast3Years');
const stringFact = fc.constantFrom('enterprise.creditGrade', 'enterprise.industry');
const setFact = fc.constantFrom('enterprise.qualifications', 'enterprise.frontierTags');
const compare = fc.constantFrom('eq', 'ne', 'lt', 'lte', 'gt', 'gte');
const small = fc.integer({ min: 0, max: 6 });
const yuan = fc.constantFrom('1.5', '1.50', '2.00', '3', '0.01');
const decimal = fc.constantFrom('0.8', '0.85', '0.805', '1', '-0.5', '60', '59.95');
const grade = fc.constantFrom('A', 'B', 'C', 'D');
const vocabulary = (fact: string) => (fact === 'enterprise.qualifications' ? QUALIFICATIONS : TAGS);
const ordered = <T>(a: T, b: T, before: (x: T, y: T) => boolean): [T, T] => (before(b, a) ? [b, a] : [a, b]);

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ fact: integerFact, op: compare, value: small }),
  fc.tuple(integerFact, small, small).map(([fact, a, b]): Condition => {
    const [min, max] = ordered(a, b, (x, y) => x < y);
    return { fact, op: 'between', min, max };
  }),
  fc.record({
    fact: integerFact,
    op: fc.constantFrom('in', 'not_in'),
    values: fc.array(small, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ fact: moneyFact, op: compare, value: yuan }),
  fc.tuple(moneyFact, yuan, yuan).map(([fact, a, b]): Condition => {
    const [min, max] = ordered(a, b, (x, y) => Number(x) < Number(y));
    return { fact, op: 'between', min, max };
  }),
  fc.record({ fact: decimalFact, op: compare, value: decimal }),
  fc.tuple(decimalFact, decimal, decimal).map(([fact, a, b]): Condition => {
    const [min, max] = ordered(a, b, (x, y) => Number(x) < Number(y));
    return { fact, op: 'between', min, max };
  }),
  fc.record({ fact: stringFact, op: fc.constantFrom('eq', 'ne'), value: grade }),
  fc.record({
    fact: stringFact,
    op: fc.constantFrom('in', 'not_in'),
    values: fc.array(grade, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    fact: fc.constant('enterprise.dishonest'),
    op: fc.constantFrom('eq', 'ne'),
    value: fc.boolean(),
  }),
  setFact.chain((fact) =>
    fc.oneof(
      fc
        .constantFrom(...vocabulary(fact))
        .map((value): Condition => ({ fact, op: 'contains', values: [value] })),
      fc.record({
        fact: fc.constant(fact),
        op: fc.constantFrom('contains_any', 'contains_all'),
        values: fc.subarray(vocabulary(fact), {
          minLength: 1,
          maxLength: Math.min(4, vocabulary(fact).length),
        }),
      }),
    ),
  ),
  // Values in both words of the qualifications, plain and negated.
  fc
    .tuple(
      fc.constantFrom('contains_any', 'contains_all'),
      fc.constantFrom(...QUALIFICATIONS.slice(0, 32)),
      fc.constantFrom(...QUALIFICATIONS.slice(32)),
      fc.boolean(),
    )
    .map(([op, low, high, negate]): Condition => {
      const both: Condition = { fact: 'enterprise.qualifications', op, values: [low, high] };
      return negate ? { not: both } : both;
    }),
  fc.record({
    fact: fc.constantFrom(...Object.keys(enterpriseFacts)),
    op: fc.constantFrom('exists', 'missing'),
  }),
  fc.constantFrom<Condition>(
    { fact: 'request.sumInsured', op: 'gt', value: '1000000.00' },
    { fact: 'request.termDays', op: 'between', min: 1, max: 365 },
    { fact: 'request.headcount', op: 'in', values: [1, 2] },
  ),
) as fc.Arbitrary<Condition>;

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((all): Condition => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((any): Condition => ({ any })),
    tie('node').map((not): Condition => ({ not })),
  ),
})).node;

const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });

const facts = fc.record(
  {
    staff: maybe(small),
    trl: maybe(small),
    yearsInOperation: maybe(small),
    revenue: maybe(fc.constantFrom('1.49', '1.50', '1.51', '2', '3.00', '0.00')),
    rdExpense: maybe(fc.constantFrom('0.01', '1.5', '2.99', '3')),
    techScore: maybe(fc.constantFrom('59.95', '59.951', '60', '60.0001', '0.805', '-0.5', '-0.51')),
    lossRatioLast3Years: maybe(
      fc.constantFrom<string | number>('0.8', '0.80', '0.8049', '0.805', '0.81', 0.85, '1', 1.0000001),
    ),
    creditGrade: maybe(fc.constantFrom('A', 'B', 'C', 'D', 'E')),
    industry: maybe(fc.constantFrom('A', 'D', 'Z')),
    dishonest: maybe(fc.boolean()),
    qualifications: maybe(fc.subarray([...QUALIFICATIONS, 'unknown'], { maxLength: 6 })),
    frontierTags: maybe(fc.subarray([...TAGS, 'other'])),
  },
  { requiredKeys: [] },
);

type Truth = 'true' | 'false' | 'unknown';

const BASE = loadShipped('KB-RD-EQUIP');

function products(conditions: readonly Condition[]): ProductDefinition[] {
  return conditions.flatMap((when, i) => [
    withRules(BASE, `KB-RD-E${i}`, [when]),
    withRules(BASE, `KB-RD-D${i}`, [], [{ outcome: 'decline', when }]),
    withRules(BASE, `KB-RD-R${i}`, [], [{ outcome: 'refer', when }]),
  ]);
}

describe('the bit-sliced rules against evaluateCondition', () => {
  it('gives every condition the catalogue’s truth value and missing facts, lane by lane', () => {
    fc.assert(
      fc.property(
        fc.array(condition, { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ facts, consent: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        (conditions, drawn) => {
          const definitions = products(conditions);
          for (const definition of definitions) {
            const checked = validateDefinition(definition);
            expect(checked.ok ? [] : checked.errors).toEqual([]);
          }
          const schema = buildFeatureSchema(definitions, { 'enterprise.qualifications': QUALIFICATIONS });
          expect(schema.facts['enterprise.qualifications']).toMatchObject({ type: 'set', words: 2 });
          const programs = compileMatchPrograms(schema, definitions);
          const enterprises: EnterpriseInput[] = drawn.map((e, i) => ({
            id: `E${String(i).padStart(3, '0')}`,
            facts: e.facts,
            consent: e.consent,
          }));
          const features = encodeEnterprises(schema, enterprises);
          const results = matchAll(features, programs, { productsPerEnterprise: definitions.length });
          const index = new Map(programs.products.map((p, i) => [p.code, i]));

          enterprises.forEach((enterprise, row) => {
            const known: Facts = ruleFacts(enterprise.facts);
            const k = definitions.length;
            const ranked = new Map<number, string>();
            for (let i = 0; i < (results.topCount[row] as number); i++) {
              ranked.set(
                results.topProducts[row * k + i] as number,
                MATCH_STATUS_NAMES[results.topStatuses[row * k + i] as number] as string,
              );
            }
            conditions.forEach((when, i) => {
              const reference = evaluateCondition(when, known);
              const truth: Truth = reference.result;
              const lacking = reference.missingFacts.filter(isEnterpriseFact);
              const awaited = reference.missingFacts.filter((fact) => !isEnterpriseFact(fact));
              const needsFacts = truth === 'unknown' && lacking.length > 0;

              const eligibility = index.get(`KB-RD-E${i}`) as number;
              const decline = index.get(`KB-RD-D${i}`) as number;
              const refer = index.get(`KB-RD-R${i}`) as number;
              expect(ranked.get(eligibility)).toBe(
                truth === 'false' ? undefined : needsFacts ? 'possibly_eligible' : 'eligible',
              );
              expect(ranked.get(decline)).toBe(truth === 'true' ? undefined : 'eligible');
              expect(ranked.get(refer)).toBe(truth === 'true' ? 'referred' : 'eligible');

              // The one-row evaluator behind explanations says the same, with the same facts.
              const rule = programs.products[eligibility]?.rules[0];
              const list: string[] = [];
              const offset = row * features.width;
              const own = evaluateMatchCondition(
                rule?.condition ?? { all: [] },
                programs.code,
                features.rows,
                offset,
                list,
              );
              expect(own).toBe(truth);
              expect(new Set(list.filter(isEnterpriseFact))).toEqual(new Set(lacking));
              expect(new Set(list.filter((fact) => !isEnterpriseFact(fact)))).toEqual(new Set(awaited));

              const explained = explainMatch(programs, decline, features.rows, offset);
              expect(explained.scoreParts.undecided).toBe(needsFacts ? -40 : 0);
              if (truth !== 'true') {
                const at = [...ranked.keys()].indexOf(decline);
                expect(results.topScores[row * k + at]).toBe(explained.score);
              }
            });
          });
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('decimal columns', () => {
  it('order a value against every constant of the column’s scale exactly as the decimals compare', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 6 }),
        fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (units, scale, constantUnits, constantScale, extra) => {
          const columnScale = constantScale + extra;
          const value = encodeDecimal(units, scale, columnScale);
          const constant = encodeDecimal(constantUnits, constantScale, columnScale);
          const sign = Math.sign(value - constant);
          expect(sign).toBe(
            compareDecimals({ units, scale }, { units: constantUnits, scale: constantScale }),
          );
        },
      ),
    );
  });

  it('saturates beyond 2^53 without reordering', () => {
    expect(encodeDecimal(10n ** 30n, 0, 2)).toBe(SATURATION);
    expect(encodeDecimal(-(10n ** 30n), 0, 2)).toBe(-SATURATION);
  });
});

describe('class preference points', () => {
  const cases: [EnterpriseFacts, [number, number, number, number]][] = [
    [{}, [0, 0, 0, 0]],
    [{ rdExpense: '5.00', revenue: '100.00' }, [40, 0, 0, 0]],
    [{ rdExpense: '4.99', revenue: '100.00' }, [0, 0, 0, 0]],
    [{ trl: 6 }, [20, 0, 0, 0]],
    [{ trl: 7 }, [0, 20, 0, 0]],
    [{ catalogueListings: ['first_set_equipment'] }, [0, 40, 0, 0]],
    [{ qualifications: ['little_giant'] }, [0, 0, 40, 0]],
    [{ staff: 100, techStaff: 10 }, [0, 0, 20, 20]],
    [{ staff: 501, techStaff: 50 }, [0, 0, 0, 0]],
    [{ qualifications: ['tech_sme'], staff: 500 }, [0, 0, 0, 60]],
    [{ revenue: '0.00', rdExpense: '1.00' }, [0, 0, 0, 0]],
  ];
  it.each(cases)('%j → %j', (facts, points) => {
    expect(classPreferences(facts)).toEqual(points);
  });
});

describe('encoding a profile', () => {
  const base = [loadShipped('KB-RD-EQUIP')];
  const programs = compileMatchPrograms(buildFeatureSchema(base), base);

  it('marks unknown facts NaN, and consent and preferences in their columns', () => {
    const { schema } = programs;
    const row = encodeEnterprise(
      schema,
      { staff: 12, trl: null, qualifications: ['tech_sme', 'unheard_of'] },
      true,
    );
    expect(row[schema.facts['enterprise.staff'].column]).toBe(12);
    expect(row[schema.facts['enterprise.trl'].column]).toBeNaN();
    expect(row[schema.facts['enterprise.revenue'].column]).toBeNaN();
    expect(row[schema.consentColumn]).toBe(1);
    expect(Array.from(row.subarray(schema.preferenceColumn, schema.preferenceColumn + 4))).toEqual([
      0, 0, 0, 60,
    ]);
    expect(schema.columns).toHaveLength(schema.width);
  });

  it('refuses a value of the wrong type, naming the fact', () => {
    const wrong = { staff: '12' } as unknown as EnterpriseFacts;
    expect(() => encodeEnterprise(programs.schema, wrong, false)).toThrow(/enterprise\.staff/);
  });
});

const RD = loadShipped('KB-RD-EQUIP'); // statistical class rd_transfer, no eligibility rules of its own

function compile(definitions: ProductDefinition[]): MatchPrograms {
  return compileMatchPrograms(buildFeatureSchema(definitions), definitions);
}

function ranking(results: MatchResults, row: number) {
  const k = results.productsPerEnterprise;
  return Array.from({ length: results.topCount[row] as number }, (_, i) => ({
    product: results.topProducts[row * k + i] as number,
    score: results.topScores[row * k + i] as number,
    status: MATCH_STATUS_NAMES[results.topStatuses[row * k + i] as number],
  }));
}

function leadRows(results: MatchResults, product: number): number[] {
  const k = results.leadsPerProduct;
  return Array.from(
    results.leads.subarray(product * k, product * k + (results.leadCount[product] as number)),
  );
}

describe('the score, part by part', () => {
  const scored = withRules(
    RD,
    'KB-RD-SCORE',
    [
      { fact: 'enterprise.frontierTags', op: 'contains_any', values: ['ai', 'ic', 'quantum'] },
      { fact: 'enterprise.qualifications', op: 'contains_any', values: ['tech_sme', 'little_giant'] },
      { fact: 'enterprise.trl', op: 'lte', value: 6 },
      // Asked for under a `not`: no relevance points for holding it.
      { not: { fact: 'enterprise.catalogueListings', op: 'contains', values: ['first_set_equipment'] } },
    ],
    [
      { outcome: 'decline', when: { fact: 'enterprise.creditGrade', op: 'eq', value: 'D' } },
      { outcome: 'refer', when: { fact: 'enterprise.claimsLast3Years', op: 'gte', value: 2 } },
    ],
  );
  const programs = compile([scored]);
  const facts: EnterpriseFacts = {
    frontierTags: ['ai', 'ic', 'robotics'],
    qualifications: ['tech_sme', 'high_tech_enterprise'],
    catalogueListings: [],
    claimsLast3Years: 3,
    creditGrade: 'B',
    rdExpense: '6000000.00',
    revenue: '100000000.00',
  };

  it('adds base, eligibility, referral, undecided rules, shared values and class preference', () => {
    const row = encodeEnterprise(programs.schema, facts, true);
    const explanation = explainMatch(programs, 0, row);
    expect(explanation.scoreParts).toEqual({
      base: 1000,
      eligible: 0, // the TRL is missing: possibly eligible
      referred: -300, // three claims
      undecided: -40, // one rule waits for the TRL
      relevance: 2 * 60 + 20, // ai and ic, tech_sme
      preference: 40, // R&D 6% of revenue; TRL unknown earns nothing
    });
    expect(explanation.score).toBe(840);
    expect(explanation.status).toBe('referred');
    const results = matchAll(
      encodeEnterprises(programs.schema, [{ id: 'E1', facts, consent: true }]),
      programs,
    );
    expect(ranking(results, 0)).toEqual([{ product: 0, score: 840, status: 'referred' }]);
    expect(matchOne(row, programs).scores[0]).toBe(840);
  });

  it('gives the eligibility points once every rule holds, and the TRL’s class points', () => {
    const row = encodeEnterprise(programs.schema, { ...facts, trl: 5, claimsLast3Years: 0 }, false);
    const explanation = explainMatch(programs, 0, row);
    expect(explanation.scoreParts).toEqual({
      base: 1000,
      eligible: 400,
      referred: 0,
      undecided: 0,
      relevance: 140,
      preference: 60,
    });
    expect(explanation.status).toBe('eligible');
    expect(matchOne(row, programs).scores[0]).toBe(1600);
  });

  it('counts at most seven undecided rules', () => {
    const rules: Condition[] = Array.from({ length: 9 }, (_, i) => ({
      fact: 'enterprise.staff',
      op: 'gte',
      value: i,
    }));
    const many = compile([withRules(RD, 'KB-RD-MANY', rules)]);
    const explanation = explainMatch(many, 0, encodeEnterprise(many.schema, {}, true));
    expect(explanation.scoreParts.undecided).toBe(-280);
    expect(explanation.score).toBe(1000 - 280);
    expect(matchOne(encodeEnterprise(many.schema, {}, true), many).scores[0]).toBe(720);
  });

  it('excludes on a false eligibility rule or a true decline, whatever the score would be', () => {
    const ineligible = encodeEnterprise(programs.schema, { ...facts, frontierTags: ['robotics'] }, true);
    const declined = encodeEnterprise(programs.schema, { ...facts, creditGrade: 'D' }, true);
    for (const row of [ineligible, declined]) {
      const one = matchOne(row, programs);
      expect(one.products).toEqual([]);
      expect(one.statuses[0]).toBe(-1);
      expect(one.scores[0]).toBe(0);
      expect(explainMatch(programs, 0, row).status).toBeNull();
    }
  });

  it('counts bits as C does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (word) => {
        expect(popcount32(word)).toBe(
          (word >>> 0)
            .toString(2)
            .split('')
            .filter((bit) => bit === '1').length,
        );
      }),
    );
  });
});

describe('ranking', () => {
  // The same rules under three code/version pairs: every enterprise scores them alike.
  const same = [
    { ...withRules(RD, 'KB-RD-BBB', [{ fact: 'enterprise.staff', op: 'lte', value: 500 }]), version: 2 },
    withRules(RD, 'KB-RD-BBB', [{ fact: 'enterprise.staff', op: 'lte', value: 500 }]),
    withRules(RD, 'KB-RD-AAA', [{ fact: 'enterprise.staff', op: 'lte', value: 500 }]),
  ];
  const programs = compile(same);

  it('orders products by code, then version, and ranks equal scores in that order', () => {
    expect(programs.products.map((p) => `${p.code}@${p.version}`)).toEqual([
      'KB-RD-AAA@1',
      'KB-RD-BBB@1',
      'KB-RD-BBB@2',
    ]);
    const features = encodeEnterprises(programs.schema, [{ id: 'E1', facts: { staff: 10 }, consent: true }]);
    const all = matchAll(features, programs);
    expect(ranking(all, 0).map((r) => r.product)).toEqual([0, 1, 2]);
    // With room for two, the third equal score does not displace the earlier ones.
    expect(
      ranking(matchAll(features, programs, { productsPerEnterprise: 2 }), 0).map((r) => r.product),
    ).toEqual([0, 1]);
  });

  it('ranks equal leads by enterprise id, whatever order they were given in', () => {
    const enterprises: EnterpriseInput[] = ['E9', 'E3', 'E7', 'E1'].map((id) => ({
      id,
      facts: { staff: 10 },
      consent: true,
    }));
    const features = encodeEnterprises(programs.schema, enterprises);
    expect(features.ids).toEqual(['E1', 'E3', 'E7', 'E9']);
    expect(leadRows(matchAll(features, programs), 0)).toEqual([0, 1, 2, 3]);
    expect(leadRows(matchAll(features, programs, { leadsPerProduct: 2 }), 0)).toEqual([0, 1]);
  });

  it('puts a higher score first, and refuses a top size out of range', () => {
    const enterprises: EnterpriseInput[] = [
      { id: 'E1', facts: {}, consent: true }, // staff unknown: possibly eligible, 1000 − 40
      { id: 'E2', facts: { staff: 10 }, consent: true }, // eligible: 1000 + 400
    ];
    const features = encodeEnterprises(programs.schema, enterprises);
    const results = matchAll(features, programs);
    expect(leadRows(results, 0)).toEqual([1, 0]);
    expect(Array.from(results.leadScores.subarray(0, 2))).toEqual([1400, 960]);
    expect(() => matchAll(features, programs, { productsPerEnterprise: 0 })).toThrow(RangeError);
    expect(() =>
      encodeEnterprises(programs.schema, [...enterprises, enterprises[0] as EnterpriseInput]),
    ).toThrow(/given twice/);
  });

  it('keeps a ranking of k best first and answers the score to beat', () => {
    const k = 3;
    const scores = new Int32Array(k);
    const items = new Int32Array(k);
    const statuses = new Int8Array(k);
    const counts = new Int32Array(1);
    const insert = (score: number, item: number) =>
      insertRanked(scores, items, statuses, counts, 0, k, score, item, 0);
    expect(insert(5, 0)).toBe(NO_THRESHOLD);
    expect(insert(7, 1)).toBe(NO_THRESHOLD);
    expect(insert(5, 2)).toBe(5);
    expect(Array.from(items)).toEqual([1, 0, 2]);
    expect(insert(6, 3)).toBe(5);
    expect(Array.from(items)).toEqual([1, 3, 0]);
    expect(Array.from(scores)).toEqual([7, 6, 5]);
  });
});

describe('consent (双向互推同意)', () => {
  const { programs } = shippedPrograms();

  it('shows only consenting enterprises as leads, and counts every match', () => {
    fc.assert(
      fc.property(enterprisesArbitrary(60), (enterprises) => {
        const features = encodeEnterprises(programs.schema, enterprises);
        const results = matchAll(features, programs, { leadsPerProduct: 100 });
        const consent = new Map(enterprises.map((e) => [e.id, e.consent]));
        programs.products.forEach((_, p) => {
          const leads = leadsOf(results, features, programs, p);
          expect(leads.every((lead) => consent.get(lead.enterpriseId))).toBe(true);
          expect(leads).toHaveLength(results.consentingMatches[p] as number);
          let matching = 0;
          let consenting = 0;
          features.ids.forEach((id, row) => {
            if (explainMatch(programs, p, features.rows, row * features.width).status === null) return;
            matching++;
            if (consent.get(id)) consenting++;
          });
          expect(results.matches[p]).toBe(matching);
          expect(results.consentingMatches[p]).toBe(consenting);
        });
        // An enterprise that did not consent still sees its own products.
        features.ids.forEach((_, row) => {
          expect(productsOf(results, features, programs, row)).toHaveLength(
            Math.min(20, results.productMatches[row] as number),
          );
        });
      }),
      { numRuns: 10 },
    );
  });
});

describe('matchOne (one enterprise refreshed)', () => {
  const { programs } = shippedPrograms();

  it('is the enterprise’s row of matchAll, for any top size', () => {
    fc.assert(
      fc.property(enterprisesArbitrary(40), fc.integer({ min: 1, max: 19 }), (enterprises, k) => {
        const features = encodeEnterprises(programs.schema, enterprises);
        const results = matchAll(features, programs, { productsPerEnterprise: k });
        const full = matchAll(features, programs, { productsPerEnterprise: 19 });
        features.ids.forEach((id, row) => {
          const enterprise = enterprises.find((e) => e.id === id) as EnterpriseInput;
          const own = encodeEnterprise(programs.schema, enterprise.facts, enterprise.consent);
          expect(Array.from(own)).toEqual(
            Array.from(features.rows.subarray(row * features.width, (row + 1) * features.width)),
          );
          const one = matchOne(own, programs, { top: k });
          expect(one.products.map((m) => ({ product: m.product, score: m.score, status: m.status }))).toEqual(
            ranking(results, row),
          );
          expect(one.products).toEqual(productsOf(results, features, programs, row));
          // Every product's score and status, matching or not, as the full ranking has them.
          const everything = new Map(ranking(full, row).map((r) => [r.product, r]));
          programs.products.forEach((_, p) => {
            const entry = everything.get(p);
            expect(one.scores[p]).toBe(entry?.score ?? 0);
            expect(one.statuses[p]).toBe(
              entry === undefined ? -1 : MATCH_STATUS_NAMES.indexOf(entry.status ?? 'eligible'),
            );
          });
        });
      }),
      { numRuns: 12 },
    );
  });
});

describe('lead rankings of row ranges', () => {
  const { programs } = shippedPrograms();

  it('merge into the rankings of the whole (any split, in row order)', () => {
    fc.assert(
      fc.property(
        enterprisesArbitrary(90, 2),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (enterprises, cuts, k) => {
          const features = encodeEnterprises(programs.schema, enterprises);
          const whole = matchAll(features, programs, { productsPerEnterprise: k, leadsPerProduct: k });
          const pieces = createMatchResults(features.count, programs.code.productCount, {
            productsPerEnterprise: k,
            leadsPerProduct: k,
          });
          const parts = [];
          let from = 0;
          for (let i = 0; from < features.count; i++) {
            const to = Math.min(features.count, from + (cuts[i % cuts.length] as number));
            const leads = createLeads(programs.code.productCount, k);
            matchRange(features.rows, programs.code, from, to, pieces, leads, k);
            parts.push(leads);
            from = to;
          }
          const merged = createLeads(programs.code.productCount, k);
          mergeLeads(parts, k, merged);
          expect(merged).toEqual({
            leadCount: whole.leadCount,
            leads: whole.leads,
            leadScores: whole.leadScores,
            leadStatuses: whole.leadStatuses,
            matches: whole.matches,
            consentingMatches: whole.consentingMatches,
          });
          expect(pieces.topProducts).toEqual(whole.topProducts);
          expect(pieces.topScores).toEqual(whole.topScores);
          expect(pieces.productMatches).toEqual(whole.productMatches);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('explanations', () => {
  const { definitions, programs } = shippedPrograms();
  const indexOf = (code: string) => programs.products.findIndex((p) => p.code === code);

  function explain(code: string, facts: EnterpriseFacts) {
    return explainMatch(programs, indexOf(code), encodeEnterprise(programs.schema, facts, true));
  }

  describe('explanations (匹配理由)', () => {
    it('says rule by rule why the SME package matches, in Chinese and English', () => {
      const explanation = explain('KB-BR-SMEPACK', {
        staff: 300,
        qualifications: [],
        dishonest: false,
        creditGrade: 'B',
        claimsLast3Years: 4,
      });
      expect(explanation.status).toBe('referred');
      expect(explanation.reasons).toEqual([
        {
          kind: 'needs_facts',
          code: 'smepack.tech_sme',
          rule: 'eligibility',
          message: {
            zh: '须为科技型中小企业，或职工不超过 500 人且上年营业收入不超过 2 亿元',
            en: 'A tech SME, or at most 500 staff and revenue last year of at most 200 million yuan',
          },
          facts: ['enterprise.revenue'],
          detail: { zh: '企业画像缺少：上年营业收入', en: 'The profile lacks: Revenue last year' },
        },
        {
          kind: 'awaits_request',
          code: 'smepack.package_size',
          rule: 'eligibility',
          message: {
            zh: '保险金额（产品包档次）须在 100 万元至 500 万元之间',
            en: 'The sum insured (package size) must be between 1 and 5 million yuan',
          },
          facts: ['request.sumInsured'],
          detail: { zh: '取决于投保信息：保险金额', en: 'Depends on the request: Sum insured' },
        },
        {
          kind: 'holds',
          code: 'smepack.no_dishonesty',
          rule: 'eligibility',
          message: {
            zh: '投保企业不得有严重失信记录',
            en: 'The enterprise must have no serious dishonesty record',
          },
          facts: [],
        },
        {
          kind: 'referred',
          code: 'smepack.loss_history',
          rule: 'refer',
          message: {
            zh: '近三年出险 3 次及以上，需核保人审核',
            en: 'Three or more claims in the last three years are referred to an underwriter',
          },
          facts: [],
        },
        {
          kind: 'needs_facts',
          code: 'smepack.hazardous_industry',
          rule: 'refer',
          message: {
            zh: '化学原料、医药制造企业不适用标准产品包，需核保人审核',
            en: 'Chemical and pharmaceutical makers do not fit the standard package; referred to an underwriter',
          },
          facts: ['enterprise.industry'],
          detail: {
            zh: '企业画像缺少：行业代码 (GB/T 4754)',
            en: 'The profile lacks: Industry code (GB/T 4754)',
          },
        },
        {
          kind: 'class_preference',
          code: 'match.class_preference',
          message: { zh: '与企业画像相符的险种大类', en: 'A class of cover that suits the profile' },
          facts: ['base'],
          points: 20,
        },
      ]);
      expect(explanation.missingFacts).toEqual(['enterprise.revenue', 'enterprise.industry']);
      expect(explanation.awaitedFacts).toEqual(['request.sumInsured']);
      expect(explanation.scoreParts).toEqual({
        base: 1000,
        eligible: 0,
        referred: -300,
        undecided: -80,
        relevance: 0,
        preference: 20,
      });
      expect(explanation.score).toBe(640);
    });

    it('names shared values with their points', () => {
      const explanation = explain('KB-BR-ICPOOL', {
        frontierTags: ['ic', 'ai'],
        creditGrade: 'A',
        claimsLast3Years: 0,
      });
      expect(explanation.status).toBe('eligible');
      expect(explanation.reasons.find((r) => r.kind === 'shared_values')).toEqual({
        kind: 'shared_values',
        code: 'match.shared_values',
        message: { zh: '前沿产业标签相符', en: 'Frontier-industry tags in common' },
        facts: ['ic'],
        points: 60,
      });
    });

    it('says why a product does not match', () => {
      const ineligible = explain('KB-BR-ICPOOL', { frontierTags: ['ai'] });
      expect(ineligible.status).toBeNull();
      expect(ineligible.reasons.filter((r) => r.kind === 'not_eligible').map((r) => r.code)).toHaveLength(1);
      const declined = explain('KB-BR-SMEPACK', {
        qualifications: ['tech_sme'],
        dishonest: false,
        creditGrade: 'D',
      });
      expect(declined.status).toBeNull();
      expect(declined.reasons.find((r) => r.kind === 'declined')).toMatchObject({
        code: 'smepack.credit_grade_d',
        rule: 'decline',
        message: { zh: '信用等级为 D 的企业不予承保', en: 'Enterprises graded D are declined' },
      });
    });

    it('names an awaited option as the product names it', () => {
      const trial = definitions.find((d) => d.code === 'KB-RD-TRIAL');
      const option = trial?.options.find((o) => o.key === 'ethics_approved');
      const awaited = explain('KB-RD-TRIAL', { dishonest: false }).reasons.find((r) =>
        r.facts.includes(`${OPTION_FACT_PREFIX}ethics_approved`),
      );
      expect(awaited?.kind).toBe('awaits_request');
      expect(awaited?.detail?.zh).toContain(option?.names.zh);
      expect(awaited?.detail?.en).toContain(option?.names.en);
    });

    it('gives every reason in both languages, and the scoring loop’s score and status', () => {
      fc.assert(
        fc.property(enterprisesArbitrary(20), (enterprises) => {
          const features = encodeEnterprises(programs.schema, enterprises);
          const results = matchAll(features, programs, { productsPerEnterprise: definitions.length });
          for (let row = 0; row < features.count; row++) {
            const one = matchOne(features.rows.subarray(row * features.width), programs, {
              top: definitions.length,
            });
            expect(one.products).toHaveLength(results.topCount[row] as number);
            for (let p = 0; p < definitions.length; p++) {
              const explanation = explainMatch(programs, p, features.rows, row * features.width);
              const parts = Object.values(explanation.scoreParts).reduce((sum, part) => sum + part, 0);
              expect(explanation.score).toBe(parts);
              if (explanation.status !== null) expect(one.scores[p]).toBe(explanation.score);
              for (const reason of explanation.reasons) {
                expect(reason.message.zh.length).toBeGreaterThan(0);
                expect(reason.message.en.length).toBeGreaterThan(0);
                expect(reason.message.zh).not.toBe(reason.message.en);
                if (reason.kind === 'needs_facts' || reason.kind === 'awaits_request') {
                  expect(reason.detail?.zh).toMatch(/^(企业画像缺少|取决于投保信息)：/);
                  expect(reason.detail?.en).toMatch(/^(The profile lacks|Depends on the request): /);
                }
              }
            }
          }
        }),
        { numRuns: 6 },
      );
    });
  });
});

describe('subsidy estimates', () => {
  it('has no programme until the subsidy engine supplies one', () => {
    const input = {
      productCode: 'KB-BR-SMEPACK',
      productVersion: 1,
      statisticalClass: 'base' as const,
      subsidyTags: ['shanghai-2025-tiered'],
      premiumFen: 1_000_000n,
      enterpriseFacts: { qualifications: ['tech_sme'] },
    };
    const estimator: SubsidyEstimator = noSubsidyEstimator;
    expect(estimator.estimate(input)).toBeNull();
    expect(estimator.estimate({ ...input, premiumFen: 50_000 })).toBeNull();
  });
});
