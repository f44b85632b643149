import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadShipped } from '../catalog/golden/load-shipped.ts';
import {
  type Condition,
  type EnterpriseFacts,
  OPTION_FACT_PREFIX,
  type ProductDefinition,
} from '../catalog/index.ts';
import { compileMatchPrograms, type MatchPrograms } from './compile-programs.ts';
import { type EnterpriseInput, encodeEnterprise, encodeEnterprises } from './encode-enterprise.ts';
import { explainMatch } from './explain-match.ts';
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
import { enterprisesArbitrary, shippedPrograms, withRules } from './matching.fixture.ts';
import { MATCH_STATUS_NAMES } from './program-code.ts';
import { NO_THRESHOLD, popcount32 } from './score.ts';
import { noSubsidyEstimator, type SubsidyEstimator } from './subsidy-estimate.ts';

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
