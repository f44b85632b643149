import { describe, expect, it } from 'vitest';
import { enterpriseFactsOf } from '../enterprise/enterprise-facts.ts';
import { evaluateTechSme } from '../enterprise/evaluate-tech-sme.ts';
import type { EnterpriseProfile } from '../enterprise/profile.ts';
import { techSmeModel } from '../enterprise/shipped-models.fixture.ts';
import { validateProfile } from '../enterprise/validate-profile.ts';
import { parseYuan } from '../money/index.ts';
import { usccProblem } from '../org/uscc.ts';
import { addDays, addYears, type CalendarDate } from '../time/index.ts';
import { createEnterpriseProfileGenerator, DEMO_AS_OF, generateEnterpriseProfiles } from './enterprises.ts';
import { TAG_PROFILES } from './industries.ts';
import { SHANGHAI, WUHAN } from './places.ts';

const SEED = 20_250_630;
const profiles = generateEnterpriseProfiles(2000, SEED);
const model = techSmeModel();
const evaluations = profiles.map((profile) => evaluateTechSme(profile, model));
const qualified = new Map(
  profiles.map((profile, index) => [profile, evaluations[index]?.qualified === true]),
);
const DISTRICTS = new Map(
  [...SHANGHAI.districts, ...WUHAN.districts].map((district) => [district.code, district]),
);

const share = (
  predicate: (profile: EnterpriseProfile) => boolean,
  of: readonly EnterpriseProfile[] = profiles,
) => of.filter(predicate).length / of.length;
const fen = (text: string | undefined) => (text === undefined ? 0n : parseYuan(text));
const complete = profiles.filter((profile) => profile.revenue !== undefined);

/**
 * Checks every profile and lists the ones that fail with why, so one assertion covers 2,000 profiles
 * (an expect per profile per property would make this file slow).
 */
function problems(
  check: (profile: EnterpriseProfile, index: number) => string | undefined,
  of = profiles,
): string[] {
  const out: string[] = [];
  of.forEach((profile, index) => {
    const problem = check(profile, index);
    if (problem !== undefined) out.push(`${profile.uscc} ${profile.name}: ${problem}`);
  });
  return out;
}

describe('generateEnterpriseProfiles', () => {
  it('gives profiles that validate', () => {
    expect(
      problems((profile) => {
        const result = validateProfile(profile);
        return result.ok ? undefined : JSON.stringify(result.errors);
      }),
    ).toEqual([]);
  });

  it('gives each enterprise a valid, unique USCC of an enterprise registered in its city', () => {
    expect(
      problems((profile) => {
        if (usccProblem(profile.uscc) !== null) return `USCC ${usccProblem(profile.uscc)}`;
        if (!profile.uscc.startsWith('91')) return 'not an enterprise registered with industry and commerce';
        const city = profile.regionCode?.startsWith('31') === true ? SHANGHAI : WUHAN;
        if (!DISTRICTS.has(profile.regionCode ?? '')) return `region ${profile.regionCode}`;
        const registeredIn = profile.uscc.slice(2, 8);
        return registeredIn === profile.regionCode || registeredIn === city.code
          ? undefined
          : `registered in ${registeredIn}`;
      }),
    ).toEqual([]);
    expect(new Set(profiles.map((profile) => profile.uscc)).size).toBe(profiles.length);
  });

  it('gives unique, plausible Chinese names, and English ones to some', () => {
    expect(new Set(profiles.map((profile) => profile.name)).size).toBe(profiles.length);
    expect(
      problems((profile) =>
        /^(上海|武汉)\p{Script=Han}{4,14}(股份)?有限公司$/u.test(profile.name) ? undefined : 'name',
      ),
    ).toEqual([]);
    const english = profiles.filter((profile) => profile.nameEn !== undefined);
    expect(english.length / profiles.length).toBeGreaterThan(0.3);
    expect(
      problems(
        (profile) =>
          /^(Shanghai|Wuhan) [A-Z][a-z]+ [A-Za-z -]+ Co\., Ltd\.$/.test(profile.nameEn ?? '')
            ? undefined
            : 'English name',
        english,
      ),
    ).toEqual([]);
  });

  it('is deterministic: the same count and seed give the same bytes', () => {
    expect(JSON.stringify(generateEnterpriseProfiles(300, SEED))).toBe(
      JSON.stringify(profiles.slice(0, 300)),
    );
    expect(generateEnterpriseProfiles(5, SEED + 1)[0]?.uscc).not.toBe(profiles[0]?.uscc);
  });

  it('extends: a smaller run is the start of a larger one, and the stream gives the same sequence', () => {
    const small = generateEnterpriseProfiles(150, SEED);
    expect(small).toEqual(profiles.slice(0, 150));
    const next = createEnterpriseProfileGenerator(SEED);
    expect(Array.from({ length: 150 }, () => next())).toEqual(small);
  });

  it('places every enterprise in its district, an industry class of its tag and a park that gathers it', () => {
    expect(
      problems((profile) => {
        const [tag] = profile.frontierTags ?? [];
        if (tag === undefined) return 'no frontier tag';
        if (!TAG_PROFILES[tag].industries.some((industry) => industry.code === profile.industryCode))
          return `industry ${profile.industryCode} for ${tag}`;
        if (profile.park === undefined) return undefined;
        const park = DISTRICTS.get(profile.regionCode ?? '')?.parks.find(
          (item) => item.name === profile.park,
        );
        return park?.tags.includes(tag) === true ? undefined : `park ${profile.park} for ${tag}`;
      }),
    ).toEqual([]);
    const wuhan = share((profile) => profile.regionCode?.startsWith('42') === true);
    expect(wuhan).toBeGreaterThan(0.25);
    expect(wuhan).toBeLessThan(0.45);
    expect(share((profile) => profile.park !== undefined)).toBeGreaterThan(0.5);
  });

  it('derives the stage from the founding date, counting years as the enterprise facts do', () => {
    expect(
      problems((profile) => {
        const years = enterpriseFactsOf(profile, {}, DEMO_AS_OF).yearsInOperation;
        if (typeof years !== 'number') return 'founded after asOf';
        const stage = years < 3 ? 'startup' : years < 10 ? 'growth' : 'mature';
        return profile.stage === stage ? undefined : `${years} years but ${profile.stage}`;
      }),
    ).toEqual([]);
    for (const stage of ['startup', 'growth', 'mature'] as const)
      expect(share((profile) => profile.stage === stage)).toBeGreaterThan(0.1);
  });

  it('sizes firms mostly 10–500 staff with a tail into the thousands, tech staff mostly 10–60%', () => {
    expect(share((profile) => (profile.staff ?? 0) >= 10 && (profile.staff ?? 0) <= 500)).toBeGreaterThan(
      0.8,
    );
    expect(Math.max(...profiles.map((profile) => profile.staff ?? 0))).toBeGreaterThan(1000);
    const shares = complete
      .map((profile) => (profile.techStaff ?? 0) / (profile.staff ?? 1))
      .sort((a, b) => a - b);
    const at = (q: number) => shares[Math.floor(shares.length * q)] ?? Number.NaN;
    expect(at(0.1)).toBeGreaterThan(0.05);
    expect(at(0.5)).toBeGreaterThan(0.2);
    expect(at(0.5)).toBeLessThan(0.45);
    expect(at(0.9)).toBeLessThan(0.7);
  });

  it('keeps the figures consistent: parts within wholes, R&D within cost', () => {
    expect(
      problems((profile) => {
        if (fen(profile.totalCost) < fen(profile.rdExpense)) return 'R&D above total cost';
        if (fen(profile.highTechProductIncome) > fen(profile.revenue))
          return 'high-tech income above revenue';
        if ((profile.postgraduateStaff ?? 0) > (profile.techStaff ?? 0))
          return 'postgraduates above tech staff';
        return undefined;
      }, complete),
    ).toEqual([]);
  });

  it('spreads the tech-SME evaluation: about half qualify, scores from 0 to 100', () => {
    const qualifying = evaluations.filter((evaluation) => evaluation.qualified).length / evaluations.length;
    expect(qualifying).toBeGreaterThan(0.3);
    expect(qualifying).toBeLessThan(0.7);
    const scores = evaluations.map((evaluation) => Number(evaluation.score));
    expect(Math.min(...scores)).toBe(0);
    expect(Math.max(...scores)).toBe(100);
    const between = (low: number, high: number) =>
      scores.filter((score) => score >= low && score < high).length;
    expect(between(0, 30)).toBeGreaterThan(200);
    expect(between(30, 60)).toBeGreaterThan(200);
    expect(between(60, 90)).toBeGreaterThan(200);
  });

  it('has about 60% consenting to be shown to insurers', () => {
    const consent = share((profile) => profile.consentToInsurers === true);
    expect(consent).toBeGreaterThan(0.5);
    expect(consent).toBeLessThan(0.7);
  });

  it('gives a tech-SME registration only to a firm that qualifies, valid to the end of its year', () => {
    const holders = profiles.filter((profile) =>
      profile.qualifications?.some((item) => item.kind === 'tech_sme'),
    );
    expect(holders.length).toBeGreaterThan(200);
    expect(
      problems((profile) => {
        if (qualified.get(profile) !== true) return 'registered but does not qualify';
        const registrations = (profile.qualifications ?? []).filter((item) => item.kind === 'tech_sme');
        const wrong = registrations.find((item) => item.validTo !== `${item.validFrom?.slice(0, 4)}-12-31`);
        return wrong === undefined ? undefined : `registration ${wrong.validFrom} to ${wrong.validTo}`;
      }, holders),
    ).toEqual([]);
  });

  it('gives certificates with their real terms, issued after founding and by asOf, never high-tech without R&D', () => {
    const kinds = new Set(
      profiles.flatMap((profile) => (profile.qualifications ?? []).map((item) => item.kind)),
    );
    expect([...kinds].sort()).toEqual([
      'high_tech_enterprise',
      'little_giant',
      'specialised_sme',
      'tech_sme',
    ]);
    expect(
      problems((profile) => {
        for (const item of profile.qualifications ?? []) {
          const from = (item.validFrom ?? '') as CalendarDate;
          if (from < (profile.foundedOn ?? '') || from > DEMO_AS_OF) return `${item.kind} from ${from}`;
          if (item.kind !== 'tech_sme' && item.validTo !== addDays(addYears(from, 3), -1))
            return `${item.kind} ${from} to ${item.validTo} is not three years`;
          if (item.kind === 'high_tech_enterprise') {
            if (fen(profile.rdExpense) <= 0n) return 'high-tech without R&D';
            if ((profile.techStaff ?? 0) * 10 < (profile.staff ?? 0))
              return 'high-tech with under 10% tech staff';
            if (!/^GR20[0-9]{2}(31|42)[0-9]{6}$/.test(item.certificateNo ?? ''))
              return `certificate ${item.certificateNo}`;
          }
          if (
            item.kind === 'little_giant' &&
            !profile.qualifications?.some((other) => other.kind === 'specialised_sme')
          )
            return 'little giant without 专精特新';
        }
        return undefined;
      }),
    ).toEqual([]);
  });

  it('lists catalogue entries, projects with TRLs, one contact, and claims mostly none', () => {
    expect(share((profile) => (profile.catalogueListings ?? []).length > 0)).toBeGreaterThan(0.05);
    expect(
      problems((profile) => {
        if ((profile.catalogueListings ?? []).some((listing) => (listing.listedOn ?? '') > DEMO_AS_OF))
          return 'listed after asOf';
        if ((profile.projects ?? []).some((project) => project.trl < 1 || project.trl > 9)) return 'TRL';
        const [contact, ...others] = profile.contacts ?? [];
        if (contact === undefined || others.length > 0) return 'not one contact';
        const phone =
          profile.regionCode?.startsWith('31') === true ? /^021-[2-9][0-9]{7}$/ : /^027-[2-9][0-9]{7}$/;
        if (!phone.test(contact.phone ?? '')) return `phone ${contact.phone}`;
        return /^[a-z]+\.[a-z]+@[a-z]+\.example\.cn$/.test(contact.email ?? '')
          ? undefined
          : `e-mail ${contact.email}`;
      }),
    ).toEqual([]);
    expect(share((profile) => profile.claimsLast3Years === 0, complete)).toBeGreaterThan(0.75);
  });

  it('leaves a few newly signed-up enterprises with identity, place and headcount only', () => {
    const thin = profiles.filter((profile) => profile.revenue === undefined);
    expect(thin.length).toBeGreaterThan(0);
    expect(thin.length / profiles.length).toBeLessThan(0.06);
    expect(thin.every((profile) => profile.staff !== undefined && profile.qualifications === undefined)).toBe(
      true,
    );
  });

  it('places everything before another asOf, and early in a year shows last year’s registration', () => {
    const asOf = '2024-03-01';
    const early = generateEnterpriseProfiles(300, SEED, { asOf });
    expect(
      problems((profile) => {
        if (!validateProfile(profile).ok) return 'invalid';
        if ((profile.foundedOn ?? '') > asOf) return 'founded after asOf';
        for (const item of profile.qualifications ?? []) {
          if ((item.validFrom ?? '') > asOf) return `${item.kind} from ${item.validFrom}`;
          if (item.kind === 'tech_sme' && (item.validTo ?? '') > '2023-12-31')
            return `registration to ${item.validTo}`;
        }
        return undefined;
      }, early),
    ).toEqual([]);
  });

  it('refuses a count, seed or asOf it cannot use', () => {
    expect(generateEnterpriseProfiles(0, 1)).toEqual([]);
    expect(() => generateEnterpriseProfiles(-1, 1)).toThrow(RangeError);
    expect(() => generateEnterpriseProfiles(1.5, 1)).toThrow(RangeError);
    expect(() => generateEnterpriseProfiles(1, Number.NaN)).toThrow(RangeError);
    expect(() => generateEnterpriseProfiles(1, 1, { asOf: '1999-12-31' })).toThrow(RangeError);
    expect(() => generateEnterpriseProfiles(1, 1, { asOf: '2025-02-30' })).toThrow();
  });
});
