import type { EnterpriseProfile, EnterpriseStage } from '../enterprise/profile.ts';
import { daysInMonth, parseCalendarDate, toYearMonthDay } from '../time/index.ts';
import {
  type CatalogueListingKind,
  type Industry,
  type NameWord,
  TAG_PROFILES,
  type TagProfile,
} from './industries.ts';
import {
  CITY_WEIGHTS,
  type City,
  type District,
  type FrontierTag,
  type Park,
  TAG_PREVALENCE,
} from './places.ts';
import { clamp, hashSeed, SeededRandom, type WeightedTable, weightedTable } from './random.ts';
import { makeUscc, ORGANISATION_SERIALS, organisationCodeBody, organisationSerial } from './uscc.ts';
import {
  CONTACT_ROLES,
  GIVEN_NAME_CHARACTERS,
  PROJECT_PHASES,
  SURNAMES,
  TRADE_NAME_SYLLABLES,
} from './vocabulary.ts';

/**
 * Fictitious tech enterprises for demos and scale runs: profiles that validate, look like the firms of
 * Shanghai's districts and Wuhan's East Lake zone, and spread over the evaluations the way a real
 * population would (about half qualify as tech SMEs, see scoring.md).
 *
 * Determinism: enterprise i is drawn from its own stream, seeded from (seed, i); its USCC serial comes
 * from a permutation of the index (uscc.ts) and only its name looks at earlier enterprises, to stay
 * unique. So (count, seed) always gives the same profiles, and the first N of a larger run are the N of
 * a smaller one: a scale run extends a demo run.
 *
 * The figures hang together the way a reviewer expects: techStaff ≤ staff, R&D ≤ total cost, R&D in
 * China ≤ R&D; a certificate is only given to a firm whose own figures meet its criteria (so no
 * high-tech certificate without R&D), valid for its real term, issued after the firm was founded and
 * before asOf.
 */

/** The date demo data is generated as of when the caller gives none (the domain has no clock). */
export const DEMO_AS_OF = '2025-06-30';

/** Largest run: far below the 10^8 distinct organisation serials, and about what fits in memory. */
export const MAX_DEMO_ENTERPRISES = 10_000_000;

export interface GenerateEnterpriseOptions {
  /** 'YYYY-MM-DD': founding dates, certificates and listings are placed before it. */
  readonly asOf?: string;
}

type Qualification = NonNullable<EnterpriseProfile['qualifications']>[number];
type CatalogueListing = NonNullable<EnterpriseProfile['catalogueListings']>[number];
type Project = NonNullable<EnterpriseProfile['projects']>[number];
type Contact = NonNullable<EnterpriseProfile['contacts']>[number];

const CITY_TABLE = weightedTable(CITY_WEIGHTS);
const DISTRICT_TABLES = new Map<City, WeightedTable<District>>(
  CITY_WEIGHTS.map(([city]) => [
    city,
    weightedTable(city.districts.map((district) => [district, district.weight] as const)),
  ]),
);
const TAG_TABLES = new Map<District, WeightedTable<FrontierTag>>(
  CITY_WEIGHTS.flatMap(([city]) => city.districts).map((district) => [
    district,
    weightedTable(
      (Object.keys(TAG_PREVALENCE) as FrontierTag[]).map(
        (tag) => [tag, TAG_PREVALENCE[tag] * (district.focus[tag] ?? 1)] as const,
      ),
    ),
  ]),
);
const INDUSTRY_TABLES = new Map<FrontierTag, WeightedTable<Industry>>(
  (Object.keys(TAG_PROFILES) as FrontierTag[]).map((tag) => [
    tag,
    weightedTable(TAG_PROFILES[tag].industries.map((industry) => [industry, industry.weight] as const)),
  ]),
);
const ROLE_TABLE = weightedTable(CONTACT_ROLES);
/** Claims declared for the last three years: most tech firms have none. */
const CLAIMS_TABLE = weightedTable<number>([
  [0, 86],
  [1, 9],
  [2, 4],
  [3, 1],
]);
const PARKS = new Map<District, Map<FrontierTag, readonly Park[]>>();

/** The district's parks that gather the tag's firms (none: the firm sits outside a park). */
function parksFor(district: District, tag: FrontierTag): readonly Park[] {
  let byTag = PARKS.get(district);
  if (byTag === undefined) {
    byTag = new Map();
    PARKS.set(district, byTag);
  }
  let parks = byTag.get(tag);
  if (parks === undefined) {
    parks = district.parks.filter((park) => park.tags.includes(tag));
    byTag.set(tag, parks);
  }
  return parks;
}

/** Median headcount by stage, before the tag's own factor. */
const STAFF_MEDIAN: Readonly<Record<EnterpriseStage, number>> = { startup: 14, growth: 55, mature: 170 };
/** Revenue per head ramps up as a firm matures. */
const REVENUE_RAMP: Readonly<Record<EnterpriseStage, number>> = { startup: 0.35, growth: 0.8, mature: 1 };
/** Young firms spend more of their revenue on R&D. */
const RD_BY_STAGE: Readonly<Record<EnterpriseStage, number>> = { startup: 1.5, growth: 1, mature: 0.7 };
/** Start-ups of some tags have no revenue yet (drug candidates, quantum devices). */
const PRE_REVENUE: Readonly<Partial<Record<FrontierTag, number>>> = {
  biomedicine: 0.45,
  quantum: 0.35,
  hydrogen: 0.25,
  humanoid_robots: 0.25,
  low_altitude: 0.15,
};
const POSTGRADUATE_SHARE: Readonly<Partial<Record<FrontierTag, number>>> = {
  biomedicine: 0.4,
  quantum: 0.45,
  ic: 0.28,
  ai: 0.28,
};

/** New registrations got organisation codes beginning MA from 1 October 2015. */
const MA_CODES_FROM = dayOf(2015, 10, 1);
const FEN_PER_YUAN = 100;
/** 2亿 yuan in fen: the tech-SME revenue and assets gates. */
const SME_LIMIT_FEN = 20_000_000_000;

interface Run {
  readonly seed: number;
  readonly asOf: string;
  readonly asOfDay: number;
  readonly asOfCivil: Civil;
  readonly asOfYear: number;
  readonly names: Set<string>;
}

/**
 * `count` fictitious enterprise profiles for `seed`. Same arguments, same profiles (byte for byte as
 * JSON); the first N of any larger run with the same seed and asOf are these N.
 */
export function generateEnterpriseProfiles(
  count: number,
  seed: number,
  options: GenerateEnterpriseOptions = {},
): EnterpriseProfile[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_DEMO_ENTERPRISES)
    throw new RangeError(`count must be a whole number from 0 to ${MAX_DEMO_ENTERPRISES}, is ${count}`);
  const next = createEnterpriseProfileGenerator(seed, options);
  const profiles = new Array<EnterpriseProfile>(count);
  for (let i = 0; i < count; i++) profiles[i] = next();
  return profiles;
}

/**
 * The same sequence one profile at a time, for runs too large to hold: each call returns the next
 * enterprise (index 0, 1, …). It remembers the names handed out so far, nothing else.
 */
export function createEnterpriseProfileGenerator(
  seed: number,
  options: GenerateEnterpriseOptions = {},
): () => EnterpriseProfile {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, is ${seed}`);
  const asOf = parseCalendarDate(options.asOf ?? DEMO_AS_OF);
  const asOfCivil = toYearMonthDay(asOf);
  const asOfYear = asOfCivil.year;
  if (asOfYear < 2000 || asOfYear > 9000) throw new RangeError(`asOf ${asOf} is outside the years 2000–9000`);
  const asOfDay = dayOf(asOfYear, asOfCivil.month, asOfCivil.day);
  const run: Run = { seed, asOf, asOfDay, asOfCivil, asOfYear, names: new Set() };
  let index = 0;
  return () => {
    if (index >= Math.min(ORGANISATION_SERIALS, MAX_DEMO_ENTERPRISES))
      throw new RangeError(`a run holds at most ${MAX_DEMO_ENTERPRISES} enterprises`);
    const profile = generateEnterprise(run, index);
    index += 1;
    return profile;
  };
}

// ---- small helpers -------------------------------------------------------------------------------

/** Yuan text with two decimals from whole fen (a non-negative safe integer). */
function yuan(fen: number): string {
  const whole = Math.max(0, Math.round(fen));
  const cents = whole % 100;
  return `${(whole - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

const fen = (yuanAmount: number) => Math.max(0, Math.round(yuanAmount * FEN_PER_YUAN));

// Dates as day numbers (days since 1970-01-01) in plain integer arithmetic, the same civil-calendar
// algorithm as time/day-number.ts without its text round trips: a run of 100,000 enterprises places
// about a million dates.

function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear =
    Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Math.min(day, daysInMonth(year, month)) - 1;
  return (
    era * 146097 +
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear -
    719468
  );
}

interface Civil {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function civilOf(dayNumber: number): Civil {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1,
  };
}

function dateText(dayNumber: number): string {
  const { year, month, day } = civilOf(dayNumber);
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/**
 * Whole years from one date to another, an anniversary completing a year and a 29 February founding
 * having its anniversary on 28 February in other years (the addYears rule enterprise-facts.ts counts by).
 */
function wholeYears(from: Civil, to: Civil): number {
  let years = to.year - from.year;
  const anniversary = Math.min(from.day, daysInMonth(to.year, from.month));
  if (to.month < from.month || (to.month === from.month && to.day < anniversary)) years -= 1;
  return Math.max(0, years);
}

/** The last day of a term of `years` starting on `fromDay` (a 3-year certificate from 2023-11-15 ends 2026-11-14). */
function termEnd(fromDay: number, years: number): number {
  const { year, month, day } = civilOf(fromDay);
  return dayOf(year + years, month, day) - 1;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function capitalised(pinyin: string): string {
  return pinyin.charAt(0).toUpperCase() + pinyin.slice(1);
}

// ---- the tech-SME table, exactly ------------------------------------------------------------------

interface Figures {
  readonly staff: number;
  readonly techStaff: number;
  /** Amounts in fen (safe integers, so the band comparisons below are exact). */
  readonly revenue: number;
  readonly totalAssets: number;
  readonly totalCost: number;
  readonly rd: number;
  readonly ipClassI: number;
  readonly ipClassII: number;
}

/** Points of the highest band whose edge (in percent) the ratio part / whole reaches. */
function bandPoints(
  part: number,
  whole: number,
  edges: readonly (readonly [percent: number, points: number])[],
): number {
  if (whole <= 0) return 0;
  for (const [percent, points] of edges) if (part * 100 >= whole * percent) return points;
  return 0;
}

const TECH_STAFF_BANDS = [
  [30, 20],
  [25, 16],
  [20, 12],
  [15, 8],
  [10, 4],
] as const;
const RD_REVENUE_BANDS = [
  [6, 50],
  [5, 40],
  [4, 30],
  [3, 20],
  [2, 10],
] as const;
const RD_COST_BANDS = [
  [30, 50],
  [25, 40],
  [20, 30],
  [15, 20],
  [10, 10],
] as const;

/**
 * Whether the figures qualify under the tech-SME table of scoring.md (gates, score ≥ 60, tech-staff
 * points > 0). The generator uses it to decide who holds a registration; the evaluation proper is
 * evaluateTechSme with the shipped model, which the tests hold this to.
 */
function qualifiesAsTechSme(f: Figures): boolean {
  if (f.staff > 500 || f.revenue > SME_LIMIT_FEN || f.totalAssets > SME_LIMIT_FEN) return false;
  const tech = bandPoints(f.techStaff, f.staff, TECH_STAFF_BANDS);
  if (tech === 0) return false;
  const rd = Math.max(
    bandPoints(f.rd, f.revenue, RD_REVENUE_BANDS),
    bandPoints(f.rd, f.totalCost, RD_COST_BANDS),
  );
  const ip =
    f.ipClassI >= 1
      ? 30
      : f.ipClassII >= 4
        ? 24
        : f.ipClassII === 3
          ? 18
          : f.ipClassII === 2
            ? 12
            : f.ipClassII === 1
              ? 6
              : 0;
  return tech + rd + ip >= 60;
}

/** High-tech R&D floor in percent of revenue: 5% up to 5,000万, 4% up to 2亿, 3% above (scoring.md). */
function highTechFloor(revenueFen: number): number {
  return revenueFen <= 5_000_000_000 ? 5 : revenueFen <= SME_LIMIT_FEN ? 4 : 3;
}

// ---- one enterprise ------------------------------------------------------------------------------

function generateEnterprise(run: Run, index: number): EnterpriseProfile {
  const rng = new SeededRandom(hashSeed(run.seed, index));

  // Place and trade.
  const city = rng.weighted(CITY_TABLE);
  const district = rng.weighted(DISTRICT_TABLES.get(city) as WeightedTable<District>);
  const tag = rng.weighted(TAG_TABLES.get(district) as WeightedTable<FrontierTag>);
  const shape = TAG_PROFILES[tag];
  const tags: FrontierTag[] = [tag];
  if (rng.chance(0.25)) {
    const also = rng.pick(shape.alsoTagged);
    if (also !== tag) tags.push(also);
  }
  const industry = rng.weighted(INDUSTRY_TABLES.get(tag) as WeightedTable<Industry>);
  const industryCode = industry.code;
  const parks = parksFor(district, tag);
  const inPark = rng.chance(0.85);
  const park = inPark && parks.length > 0 ? rng.pick(parks).name : undefined;

  // Age and stage.
  const ageYears = clamp(rng.lognormal(5.5, 0.8), 0.1, 35);
  const foundedDay = run.asOfDay - Math.round(ageYears * 365.2425);
  const founded = civilOf(foundedDay);
  const foundedOn = dateText(foundedDay);
  const years = wholeYears(founded, run.asOfCivil);
  // Stage for the innovation-points weights: under 3 whole years start-up, under 10 growth, then mature.
  const stage: EnterpriseStage = years < 3 ? 'startup' : years < 10 ? 'growth' : 'mature';

  // Identity.
  const modern = foundedDay >= MA_CODES_FROM;
  const municipal = city.key === 'wuhan' ? rng.chance(0.75) : !modern && rng.chance(0.5);
  const uscc = makeUscc({
    regionCode: municipal ? city.code : district.code,
    organisationBody: organisationCodeBody(organisationSerial(run.seed, index), modern ? 'ma' : 'numeric'),
  });

  // People.
  const staff = Math.round(clamp(rng.lognormal(STAFF_MEDIAN[stage] * shape.headcount, 0.85), 3, 30_000));
  const techShare = clamp(rng.normal(shape.techShare, 0.14), 0.02, 0.95);
  const techStaff = Math.min(staff, Math.round(staff * techShare));
  const postgraduateShare = clamp(rng.normal(POSTGRADUATE_SHARE[tag] ?? 0.15, 0.1), 0, 0.9);
  const postgraduateStaff = Math.min(staff, Math.round(techStaff * postgraduateShare));

  const thin = rng.chance(0.03);
  const names = nameOf(run, index, city, industry.words ?? shape.words, stage, staff, rng);
  const contact = contactOf(rng, city, names.domain);
  const consentToInsurers = rng.chance(0.6);

  if (thin) {
    // Newly signed up: identity, place and headcount only; the rest is unknown until filled in.
    const profile: EnterpriseProfile = { uscc, name: names.zh };
    if (names.en !== undefined) profile.nameEn = names.en;
    profile.regionCode = district.code;
    profile.industryCode = industryCode;
    profile.frontierTags = tags;
    profile.foundedOn = foundedOn;
    profile.stage = stage;
    if (park !== undefined) profile.park = park;
    profile.staff = staff;
    profile.contacts = [contact];
    profile.consentToInsurers = consentToInsurers;
    return profile;
  }

  // Money, in fen.
  const preRevenue = stage === 'startup' && rng.chance(PRE_REVENUE[tag] ?? 0.06);
  const revenue = preRevenue
    ? 0
    : fen(staff * rng.lognormal(shape.revenuePerStaff * REVENUE_RAMP[stage], 0.6));
  const noRd = rng.chance(0.04);
  let intensity = 0;
  let rd = 0;
  if (!noRd && revenue > 0) {
    intensity = clamp(rng.lognormal(shape.rdIntensity * RD_BY_STAGE[stage], 0.75), 0.002, 3);
    rd = Math.round(revenue * intensity);
  } else if (!noRd) {
    rd = fen(Math.max(1, techStaff) * rng.lognormal(300_000, 0.4));
    intensity = 1;
  }
  const margin = clamp(rng.normal(0.06, 0.12), -0.8, 0.35);
  const totalCost =
    revenue > 0
      ? Math.max(Math.round(revenue * (1 - margin)), Math.round(rd * rng.uniform(1.15, 1.6)))
      : Math.round(rd / rng.uniform(0.35, 0.75)) + fen(staff * 20_000);
  const profitBeforeTax = revenue - totalCost;
  const totalAssets =
    revenue > 0
      ? Math.max(Math.round(revenue * rng.lognormal(0.9, 0.45)), Math.round(totalCost * 0.3))
      : Math.round(totalCost * rng.lognormal(2, 0.5));
  const equity = Math.round(totalAssets * rng.uniform(0.3, 0.8));
  const growth = clamp(
    rng.normal(stage === 'startup' ? 0.45 : stage === 'growth' ? 0.18 : 0.08, 0.22),
    -0.45,
    3,
  );
  const rdGrowth = clamp(rng.normal(0.15, 0.2), -0.4, 2);
  const inChina = rng.float();
  const rdInChina =
    inChina < 0.85
      ? rd
      : inChina < 0.98
        ? Math.round(rd * rng.uniform(0.6, 0.99))
        : Math.round(rd * rng.uniform(0.3, 0.6));
  const highTechIncome = Math.round(revenue * clamp(rng.normal(0.7, 0.2), 0, 1));
  const contractDraw = rng.float();
  const techContractTurnover =
    contractDraw < 0.35 ? Math.round(revenue * rng.uniform(0.005, 0.15)) : contractDraw < 0.7 ? 0 : undefined;

  // Intellectual property and talent.
  const maturity = Math.min(ageYears, 12) / 6;
  const size = Math.sqrt(staff / 60);
  const effort = noRd ? 0.3 : Math.sqrt(Math.min(intensity, 0.3) / 0.05);
  const inventive = 0.5 * shape.inventiveness * maturity * size * effort;
  const ipClassI = rng.poisson(inventive);
  const ipClassII = rng.poisson(2 * (0.3 + maturity) * Math.sqrt(size));
  const inventionFilings = rng.poisson(inventive * 0.4 + 0.2);
  const pctFilings = rng.chance(0.1 * shape.inventiveness) ? 1 + rng.poisson(1) : 0;
  const graduateHires = rng.poisson(staff * (stage === 'mature' ? 0.03 : 0.05));
  const platformChance = stage === 'mature' ? 0.3 : stage === 'growth' ? 0.12 : 0.02;
  const provincialPlatforms = rng.chance(platformChance) ? rng.int(1, 2) : 0;
  const provincialAwards = rng.chance(platformChance * 0.6) ? rng.int(1, 3) : 0;

  // Qualifications, from the figures.
  const figures: Figures = { staff, techStaff, revenue, totalAssets, totalCost, rd, ipClassI, ipClassII };
  const qualifications: Qualification[] = [];
  const highTech = highTechCertificates(rng, run, city, foundedDay, figures, rdInChina, highTechIncome);
  qualifications.push(...highTech);
  qualifications.push(...techSmeRegistrations(rng, run, district, foundedDay, figures));
  qualifications.push(...specialisedCertificates(rng, run, foundedDay, figures));

  const highTechNow = highTech.some((item) => item.validTo !== undefined && item.validTo >= run.asOf);
  const taxRate = highTechNow ? 0.15 : 0.25;
  // Money in a profile is never negative, so a loss-making firm states no net profit (unknown).
  const netProfit = profitBeforeTax > 0 ? Math.round(profitBeforeTax * (1 - taxRate)) : undefined;
  const superDeductionSaving = profitBeforeTax > 0 ? Math.round(Math.min(rd, profitBeforeTax) * taxRate) : 0;

  const profile: EnterpriseProfile = { uscc, name: names.zh };
  if (names.en !== undefined) profile.nameEn = names.en;
  profile.regionCode = district.code;
  profile.industryCode = industryCode;
  profile.frontierTags = tags;
  profile.foundedOn = foundedOn;
  profile.stage = stage;
  if (park !== undefined) profile.park = park;
  profile.staff = staff;
  profile.techStaff = techStaff;
  profile.postgraduateStaff = postgraduateStaff;
  profile.revenue = yuan(revenue);
  if (years >= 1) profile.revenueLastYear = yuan(revenue / (1 + growth));
  profile.totalAssets = yuan(totalAssets);
  profile.totalCost = yuan(totalCost);
  if (netProfit !== undefined) profile.netProfit = yuan(netProfit);
  profile.equity = yuan(equity);
  profile.rdExpense = yuan(rd);
  if (years >= 1) profile.rdExpenseLastYear = yuan(rd / (1 + rdGrowth));
  profile.rdExpenseInChina = yuan(rdInChina);
  profile.highTechProductIncome = yuan(highTechIncome);
  if (techContractTurnover !== undefined) profile.techContractTurnover = yuan(techContractTurnover);
  profile.superDeductionSaving = yuan(superDeductionSaving);
  profile.ipClassI = ipClassI;
  profile.ipClassII = ipClassII;
  profile.inventionFilings = inventionFilings;
  profile.pctFilings = pctFilings;
  profile.graduateHires = graduateHires;
  profile.provincialPlatforms = provincialPlatforms;
  profile.provincialAwards = provincialAwards;
  profile.qualifications = qualifications;
  profile.catalogueListings = catalogueListingsOf(rng, run, shape, stage, foundedDay);
  profile.projects = projectsOf(rng, shape, stage);
  profile.contacts = [contact];
  profile.consentToInsurers = consentToInsurers;
  const claims = rng.weighted(CLAIMS_TABLE);
  profile.claimsLast3Years = claims;
  if (claims > 0) profile.lossRatioLast3Years = clamp(rng.lognormal(0.5, 0.9), 0.01, 6).toFixed(4);
  else if (rng.chance(0.6)) profile.lossRatioLast3Years = '0';
  return profile;
}

// ---- names and contact ---------------------------------------------------------------------------

interface Names {
  readonly zh: string;
  readonly en: string | undefined;
  /** The fictitious e-mail domain, from the trade name's pinyin. */
  readonly domain: string;
}

/**
 * 行政区划 + 字号 + 行业 + 组织形式, e.g. 上海澜芯微电子科技有限公司. The trade name comes from a stream of its
 * own, (seed, index, 1), so retrying after a clash with an earlier enterprise changes nothing else.
 * Two syllables first, then three, then four: the name is unique within the run.
 */
function nameOf(
  run: Run,
  index: number,
  city: City,
  words: readonly NameWord[],
  stage: EnterpriseStage,
  staff: number,
  rng: SeededRandom,
): Names {
  const joinStock = stage === 'mature' && staff >= 300 && rng.chance(0.5);
  const withEnglish = rng.chance(0.5);
  const suffix = joinStock ? '股份有限公司' : '有限公司';
  const stream = new SeededRandom(hashSeed(run.seed, index, 1));
  for (let attempt = 0; ; attempt++) {
    const syllables = attempt < 12 ? 2 : attempt < 40 ? 3 : 4;
    const chosen: (readonly [string, string])[] = [];
    while (chosen.length < syllables) {
      const syllable = stream.pick(TRADE_NAME_SYLLABLES);
      if (!chosen.some(([zh]) => zh === syllable[0])) chosen.push(syllable);
    }
    const [word, wordEn] = stream.pick(words);
    const trade = chosen.map(([zh]) => zh).join('');
    const zh = `${city.name}${trade}${word}${suffix}`;
    if (run.names.has(zh)) continue;
    run.names.add(zh);
    const pinyin = chosen.map(([, py]) => py).join('');
    const en = withEnglish ? `${city.nameEn} ${capitalised(pinyin)} ${wordEn} Co., Ltd.` : undefined;
    return { zh, en, domain: `${pinyin}.example.cn` };
  }
}

function contactOf(rng: SeededRandom, city: City, domain: string): Contact {
  const [surname, surnamePinyin] = rng.pick(SURNAMES);
  const given = rng.chance(0.6)
    ? [rng.pick(GIVEN_NAME_CHARACTERS), rng.pick(GIVEN_NAME_CHARACTERS)]
    : [rng.pick(GIVEN_NAME_CHARACTERS)];
  const givenZh = given.map(([zh]) => zh).join('');
  const givenPinyin = given.map(([, py]) => py).join('');
  const leading =
    city.key === 'shanghai' ? rng.pick(['5', '6', '6', '3', '2']) : rng.pick(['8', '8', '8', '5', '6']);
  return {
    name: `${surname}${givenZh}`,
    role: rng.weighted(ROLE_TABLE),
    phone: `${city.areaCode}-${leading}${pad(rng.int(0, 9_999_999), 7)}`,
    email: `${givenPinyin}.${surnamePinyin}@${domain}`,
  };
}

// ---- certificates --------------------------------------------------------------------------------

/**
 * 高新技术企业证书: three years from issue, issued in the autumn batches, renewed every three years from
 * the first certification (at least a year after founding). Only a firm meeting the measurable criteria
 * today holds one: R&D intensity at its floor, R&D mostly in China, tech staff ≥ 10%, high-tech product
 * income ≥ 60%, and IP (a class-I item or four class-II). The current certificate, and sometimes the one
 * before it, are listed.
 */
function highTechCertificates(
  rng: SeededRandom,
  run: Run,
  city: City,
  foundedDay: number,
  f: Figures,
  rdInChina: number,
  highTechIncome: number,
): Qualification[] {
  const eligible =
    f.rd > 0 &&
    f.revenue > 0 &&
    f.rd * 100 >= f.revenue * highTechFloor(f.revenue) &&
    rdInChina * 10 >= f.rd * 6 &&
    f.techStaff * 10 >= f.staff &&
    highTechIncome * 10 >= f.revenue * 6 &&
    (f.ipClassI >= 1 || f.ipClassII >= 4);
  const certified = rng.chance(0.8);
  const month = rng.int(10, 12);
  const day = rng.int(1, 28);
  const firstYear = Math.max(civilOf(foundedDay).year + 1 + rng.int(0, 2), 2008);
  const keepPrevious = rng.chance(0.6);
  if (!eligible || !certified) return [];
  const cycles: number[] = [];
  for (let year = firstYear; ; year += 3) {
    const issued = dayOf(year, month, day);
    if (issued > run.asOfDay) break;
    if (issued >= foundedDay + 365) cycles.push(year);
  }
  const shown = cycles.slice(keepPrevious ? -2 : -1);
  return shown.map((year) => {
    const from = dayOf(year, month, day);
    return {
      kind: 'high_tech_enterprise' as const,
      certificateNo: `GR${year}${city.province}${pad(rng.int(1, 12_000), 6)}`,
      validFrom: dateText(from),
      validTo: dateText(termEnd(from, 3)),
    };
  });
}

/**
 * 科技型中小企业入库登记: evaluated each spring to autumn on last year's figures, valid to 31 December. A
 * firm that qualifies registers (most do); before May the year's round has barely started, so the
 * registration shown is last year's, already expired on asOf.
 */
function techSmeRegistrations(
  rng: SeededRandom,
  run: Run,
  district: District,
  foundedDay: number,
  f: Figures,
): Qualification[] {
  const registers = rng.chance(0.75);
  const keepPrevious = rng.chance(0.5);
  if (!registers || !qualifiesAsTechSme(f)) return [];
  const thisYear = run.asOfDay >= dayOf(run.asOfYear, 5, 1) ? run.asOfYear : run.asOfYear - 1;
  const years = keepPrevious ? [thisYear - 1, thisYear] : [thisYear];
  const out: Qualification[] = [];
  for (const year of years) {
    if (foundedDay >= dayOf(year, 1, 1)) continue;
    const start = dayOf(year, 3, 15);
    const end = Math.min(run.asOfDay, dayOf(year, 10, 31));
    const from = start + Math.floor(rng.float() * (end - start + 1));
    out.push({
      kind: 'tech_sme',
      certificateNo: `${year}${district.code}${pad(rng.int(1, 6), 2)}${pad(rng.int(1, 20_000), 6)}`,
      validFrom: dateText(from),
      validTo: dateText(dayOf(year, 12, 31)),
    });
  }
  return out;
}

/**
 * 专精特新中小企业 (three years) for established firms with revenue ≥ 1,000万, R&D ≥ 3% of revenue and
 * IP; some of them are also 专精特新"小巨人" (three years, the national title above the provincial one),
 * which asks more here: ≥ 50 staff, revenue ≥ 5,000万 and at least two class-I items.
 */
function specialisedCertificates(
  rng: SeededRandom,
  run: Run,
  foundedDay: number,
  f: Figures,
): Qualification[] {
  const specialised = rng.chance(0.4);
  const giant = rng.chance(0.3);
  const fromDraw = rng.float();
  const giantDraw = rng.float();
  const eligible =
    foundedDay + 730 <= run.asOfDay &&
    f.staff >= 10 &&
    f.revenue >= 1_000_000_000 &&
    f.rd * 100 >= f.revenue * 3 &&
    (f.ipClassI >= 1 || f.ipClassII >= 5);
  if (!eligible || !specialised) return [];
  const earliest = Math.max(foundedDay + 730, run.asOfDay - 3 * 365 + 1);
  const from = earliest + Math.floor(fromDraw * (run.asOfDay - earliest + 1));
  const out: Qualification[] = [
    { kind: 'specialised_sme', validFrom: dateText(from), validTo: dateText(termEnd(from, 3)) },
  ];
  if (giant && f.staff >= 50 && f.revenue >= 5_000_000_000 && f.ipClassI >= 2) {
    const giantFrom = from + Math.floor(giantDraw * (run.asOfDay - from + 1));
    out.push({
      kind: 'little_giant',
      validFrom: dateText(giantFrom),
      validTo: dateText(termEnd(giantFrom, 3)),
    });
  }
  return out;
}

// ---- catalogues and projects ---------------------------------------------------------------------

const LISTING_CHANCE: Readonly<Record<CatalogueListingKind, number>> = {
  first_set_equipment: 0.12,
  new_materials_first_batch: 0.15,
  first_version_software: 0.06,
};
const LISTING_BY_STAGE: Readonly<Record<EnterpriseStage, number>> = { startup: 0.3, growth: 1, mature: 1.6 };

/** Listings in the catalogues its products fit, for firms at least two years old, within the last five years. */
function catalogueListingsOf(
  rng: SeededRandom,
  run: Run,
  shape: TagProfile,
  stage: EnterpriseStage,
  foundedDay: number,
): CatalogueListing[] {
  const out: CatalogueListing[] = [];
  const earliest = Math.max(foundedDay + 730, run.asOfDay - 5 * 365);
  for (const kind of Object.keys(shape.catalogue) as CatalogueListingKind[]) {
    const items = shape.catalogue[kind] ?? [];
    const listed = rng.chance(LISTING_CHANCE[kind] * LISTING_BY_STAGE[stage]);
    const count = rng.chance(0.2) ? 2 : 1;
    if (!listed || items.length === 0 || earliest > run.asOfDay) continue;
    const chosen = new Set<string>();
    for (let i = 0; i < count; i++) chosen.add(rng.pick(items));
    for (const item of chosen)
      out.push({
        kind,
        item,
        listedOn: dateText(earliest + Math.floor(rng.float() * (run.asOfDay - earliest + 1))),
      });
  }
  return out;
}

const PHASES_BY_STAGE: Readonly<Record<EnterpriseStage, readonly [number, number]>> = {
  startup: [0, 3],
  growth: [1, 5],
  mature: [2, 5],
};

/** Current R&D projects: a topic of the firm's field and a phase, whose TRL range gives the TRL. */
function projectsOf(rng: SeededRandom, shape: TagProfile, stage: EnterpriseStage): Project[] {
  const count = stage === 'startup' ? rng.int(1, 2) : stage === 'growth' ? rng.int(0, 3) : rng.int(1, 3);
  const [low, high] = PHASES_BY_STAGE[stage];
  const topics = new Set<string>();
  const out: Project[] = [];
  for (let i = 0; i < count; i++) {
    const topic = rng.pick(shape.topics);
    const [suffix, minTrl, maxTrl] = PROJECT_PHASES[rng.int(low, high)] as readonly [string, number, number];
    const trl = rng.int(minTrl, maxTrl);
    if (topics.has(topic)) continue;
    topics.add(topic);
    out.push({ name: `${topic}${suffix}`, trl });
  }
  return out;
}
