import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadShipped } from '../catalog/golden/load-shipped.ts';
import {
  type Condition,
  type EnterpriseFacts,
  enterpriseFacts,
  evaluateCondition,
  type Facts,
  type ProductDefinition,
  validateDefinition,
} from '../catalog/index.ts';
import { compareDecimals } from '../catalog/scaled-decimal.ts';
import { classPreferences } from './class-preference.ts';
import { compileMatchPrograms } from './compile-programs.ts';
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
import { ruleFacts, withRules } from './matching.fixture.ts';
import { MATCH_STATUS_NAMES } from './program-code.ts';

/*
 * Every operator of the rule language over every type of enterprise fact, nested in all / any / not and
 * mixed with request facts, against the catalogue's evaluateCondition: each drawn condition becomes a
 * product's only eligibility rule, another's only decline rule and a third's only refer rule, so the
 * engine's results show its truth value (true / false / unknown) and whether a missing enterprise fact
 * left it unknown. Qualifications have a vocabulary of 40 values: two 32-bit words.
 */

const QUALIFICATIONS = Array.from({ length: 40 }, (_, i) => `q${String(i).padStart(2, '0')}`);
const TAGS = ['ai', 'ic', 'quantum'];
const isEnterpriseFact = (fact: string) => Object.hasOwn(enterpriseFacts, fact);

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
