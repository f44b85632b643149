import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Condition,
  compileProductRules,
  enterpriseFacts,
  evaluateQuote,
  type Facts,
  type ProductDefinition,
  statisticalClasses,
} from '../catalog/index.ts';
import { classPreferences } from './class-preference.ts';
import { type EnterpriseInput, encodeEnterprises } from './encode-enterprise.ts';
import { explainMatch } from './explain-match.ts';
import { matchAll } from './match-all.ts';
import { enterprisesArbitrary, ruleFacts, shippedPrograms } from './matching.fixture.ts';
import { MATCH_STATUS_NAMES, type MatchStatusName } from './program-code.ts';

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
