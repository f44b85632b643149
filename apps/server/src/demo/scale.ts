/**
 * Scale mode (`kebao seed --scale`) and the statistics benchmark's data: synthetic business bulk-loaded
 * in SQL (INSERT … SELECT over generate_series, in chunks, by parallel sessions) into a migrated database —
 * a directory of enterprises with valid USCCs, platform policies with their insurer lines, claims and the
 * payment step of the paid ones, and registered business (保单登记). Every value is a function of the row's
 * number, the plan and the seed, drawn with PostgreSQL's seeded 64-bit hash, so the same plan and seed give
 * the same rows. The rows are consistent by construction, so the foreign-key triggers are skipped while
 * loading (replica mode) and every foreign key is checked once afterwards instead (`checkReferences`).
 *
 * The market the business is written in is either the zone's own (its insurers by capital, its filed
 * products by statistical class: scale mode on the demo zone) or a synthetic one of twelve insurers this
 * module inserts (the statistics benchmark on an empty database).
 */
import os from 'node:os';
import { createClient, createPool } from '@kebao/db';
import { SHANGHAI_DISTRICT_CODES } from '@kebao/domain/demo';
import type pg from 'pg';

/** Bump when the rows change: a database loaded by another version is loaded again. */
export const GENERATOR_VERSION = 2;
/** Rows per INSERT … SELECT, each its own transaction. */
const CHUNK = 250_000;
/** Sessions loading chunks at the same time. */
const LOADERS = Math.min(4, Math.max(2, os.availableParallelism()));
/** The day the synthetic data was taken: policies ending before it have expired. */
export const DATA_DATE = '2026-11-01';
/**
 * Organisation-code serials of the synthetic directory begin here (bodies 9xxxxxxx), above the demo
 * registry's; a clash would still be refused by the directory's unique USCC index.
 */
const SERIAL_BASE = 90_000_000;
/** Registered insureds outside the directory are registered in Shenzhen (Nanshan). */
const OUTSIDER_REGION = '440305';

export const STATISTICAL_CLASSES = ['rd_transfer', 'application', 'intellectual_property', 'base'] as const;
export type StatisticalClass = (typeof STATISTICAL_CLASSES)[number];
const SYNTHETIC_INSURERS = 12;
/** Cumulative market shares (%) of the 12 synthetic insurers, for width_bucket: the first holds 18 %, the last 3 %. */
const SYNTHETIC_SHARES = [18, 32, 44, 54, 63, 71, 78, 84, 89, 93, 97];
const REGIONS = SHANGHAI_DISTRICT_CODES;
const INDUSTRIES = [
  'I6510',
  'I6520',
  'I6440',
  'C3962',
  'C3563',
  'C2710',
  'C3911',
  'C3874',
  'C4011',
  'M7320',
  'M7520',
  'D4416',
];

export interface Plan {
  policies: number;
  platform: number;
  registered: number;
  enterprises: number;
}

/** The statistics benchmark's plan: 5 % platform policies, the rest registered; 8 policies an enterprise. */
export function statsPlan(policies: number): Plan {
  const platform = Math.round(policies / 20);
  return {
    policies,
    platform,
    registered: policies - platform,
    enterprises: Math.max(100, Math.ceil(policies / 8)),
  };
}

/** Scale mode's plan: platform policies, registered policies and the directory, as asked. */
export function scalePlan(platform: number, registered: number, enterprises: number): Plan {
  for (const [name, n, min] of [
    ['platform', platform, 0],
    ['registered', registered, 0],
    ['enterprises', enterprises, 1],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < min) throw new RangeError(`${name} must be a whole number ≥ ${min}`);
  }
  return { policies: platform + registered, platform, registered, enterprises };
}

export interface Product {
  code: string;
  version: number;
}

/** Where the business is written: insurers (largest first) with their cumulative shares, and the products. */
export interface Market {
  /** Insurer organisation ids, the largest share first. */
  insurers: string[];
  /** Cumulative shares in %, one fewer than the insurers, increasing (width_bucket's thresholds). */
  cumulativeShares: number[];
  /** Filed products by class; null writes synthetic product codes (KB-RD-BENCH …). */
  products: Record<StatisticalClass, Product[]> | null;
  /** Whether the loader inserts the insurers (the synthetic market) or they exist (the zone's). */
  insertInsurers: boolean;
}

const syntheticInsurerId = (n: number) => `d0000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`;

/** Twelve synthetic insurers (18 % … 3 %) and synthetic product codes, inserted by the loader. */
export function syntheticMarket(): Market {
  return {
    insurers: Array.from({ length: SYNTHETIC_INSURERS }, (_, n) => syntheticInsurerId(n)),
    cumulativeShares: SYNTHETIC_SHARES,
    products: null,
    insertInsurers: true,
  };
}

/** The id of synthetic insurer n (0 has the largest share). */
export const insurerUuid = syntheticInsurerId;

/**
 * Cumulative integer shares (%) for n insurers whose shares fall off as 1/(rank+1)^0.8, each at least 1 %.
 * Exactly n − 1 thresholds, strictly increasing, all below 100.
 */
export function cumulativeShares(n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new RangeError('between 1 and 100 insurers');
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < n - 1; i++) {
    sum += (weights[i] as number) / total;
    const floor = (out.at(-1) ?? 0) + 1;
    const ceiling = 100 - (n - 1 - i);
    out.push(Math.min(ceiling, Math.max(floor, Math.round(sum * 100))));
  }
  return out;
}

/** The zone's market: its active insurers by registered capital and its filed products' latest versions. */
export async function zoneMarket(db: pg.Pool | pg.Client): Promise<Market> {
  const { rows: insurers } = await db.query<{ id: string }>(
    `SELECT id FROM organisation WHERE kind = 'insurer' AND status = 'active'
      ORDER BY registered_capital DESC NULLS LAST, id`,
  );
  if (insurers.length === 0) throw new Error('the zone has no active insurer to write the business');
  const { rows: products } = await db.query<{ code: string; version: number; cls: StatisticalClass }>(
    `SELECT DISTINCT ON (v.code) v.code, v.version, p.statistical_class AS cls
       FROM product_version v JOIN product p USING (code)
      WHERE v.status = 'filed' ORDER BY v.code, v.version DESC`,
  );
  const byClass = Object.fromEntries(STATISTICAL_CLASSES.map((c) => [c, [] as Product[]])) as Record<
    StatisticalClass,
    Product[]
  >;
  for (const p of products) byClass[p.cls].push({ code: p.code, version: p.version });
  const missing = STATISTICAL_CLASSES.filter((c) => byClass[c].length === 0);
  if (missing.length > 0) throw new Error(`the zone has no filed product of class ${missing.join(', ')}`);
  return {
    insurers: insurers.map((r) => r.id),
    cumulativeShares: cumulativeShares(insurers.length),
    products: byClass,
    insertInsurers: false,
  };
}

// ---- Drawing values -------------------------------------------------------------------------------------

/** A non-negative 63-bit hash of a row number and a seed. */
const h = (n: string, seed: number) => `(hashint8extended((${n})::bigint, ${seed}) & 9223372036854775807)`;
/** A uuid whose first group tells the table and whose last group is the row number. */
const uuidOf = (prefix: string, n: string) =>
  `('${prefix}-0000-4000-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
const enterpriseId = (k: string) => uuidOf('e0000000', k);
const sqlList = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const industryOf = (k: string) => `(${sqlList(INDUSTRIES)})[1 + ((${k}) * 7 + 3) % ${INDUSTRIES.length}]`;
const regionOf = (k: string) => `(${sqlList(REGIONS)})[1 + ((${k}) * 5 + 1) % ${REGIONS.length}]`;

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid USCC (GB 32100-2015) as a SQL expression: authority 9, kind 1 (an enterprise), the 6-digit region
 * of `region` (a text expression), the numeric organisation code `serial` (an integer expression below
 * 10^8) with its GB 11714 check character, and the code's check character — in integer arithmetic, so a
 * row costs no function call.
 */
export function usccSql(region: string, serial: string): string {
  const digit = (x: string, place: number) => `((${x}) / ${10 ** place} % 10)`;
  const r = `(${region})::int`;
  const s = `(${serial})::bigint`;
  const body = ORG_CODE_WEIGHTS.map((w, i) => `${w} * ${digit(s, 7 - i)}`).join(' + ');
  // The organisation code's check: 11 − Σ mod 11, where 10 is written X and 11 is 0.
  const orgCheck = `((11 - (${body}) % 11) % 11)`;
  const orgCheckValue = `(CASE ${orgCheck} WHEN 10 THEN ${USCC_ALPHABET.indexOf('X')} ELSE ${orgCheck} END)`;
  const sum = [
    `${9 * (USCC_WEIGHTS[0] as number) + 1 * (USCC_WEIGHTS[1] as number)}`,
    ...Array.from({ length: 6 }, (_, i) => `${USCC_WEIGHTS[2 + i]} * ${digit(r, 5 - i)}`),
    ...Array.from({ length: 8 }, (_, i) => `${USCC_WEIGHTS[8 + i]} * ${digit(s, 7 - i)}`),
    `${USCC_WEIGHTS[16]} * ${orgCheckValue}`,
  ].join(' + ');
  return `('91' || lpad(${r}::text, 6, '0') || lpad(${s}::text, 8, '0') ||
    (CASE ${orgCheck} WHEN 10 THEN 'X' ELSE ${orgCheck}::text END) ||
    substr('${USCC_ALPHABET}', (1 + (31 - (${sum}) % 31) % 31)::int, 1))`;
}

const directoryUscc = (k: string) => usccSql(regionOf(k), `${SERIAL_BASE} + ${k}`);
const outsiderUscc = (k: string) => usccSql(`'${OUTSIDER_REGION}'`, `${SERIAL_BASE} + ${k}`);

/** The facts of enterprise k: its qualifications (the statistics' insured-entity kinds), industry, region. */
function factsOf(k: string, seed: number): string {
  const q = `${h(k, seed + 101)} % 100`;
  return `jsonb_build_object(
    'qualifications', (CASE
      WHEN ${q} < 2 THEN '["little_giant", "specialised_sme", "high_tech_enterprise"]'
      WHEN ${q} < 10 THEN '["specialised_sme", "high_tech_enterprise"]'
      WHEN ${q} < 25 THEN '["high_tech_enterprise", "tech_sme"]'
      WHEN ${q} < 40 THEN '["high_tech_enterprise"]'
      WHEN ${q} < 70 THEN '["tech_sme"]'
      ELSE '[]' END)::jsonb,
    'industry', ${industryOf(k)}, 'region', ${regionOf(k)},
    'scoreBand', (ARRAY['A', 'B', 'C', 'D'])[1 + ${h(k, seed + 102)} % 4], 'yearsInOperation', 1 + ${h(k, seed + 103)} % 25)`;
}

/** The insurers as a SQL uuid array (1-based: insurer n is element n + 1). */
const insurerArray = (m: Market) => `(ARRAY[${m.insurers.map((id) => `'${id}'`).join(', ')}]::uuid[])`;

/** The product of a policy of class `cls` (a SQL text expression), chosen by the hash `x`; its version. */
function productOf(m: Market, cls: string, x: string): { code: string; version: string } {
  if (m.products === null) return { code: `'KB-' || upper(left(${cls}, 2)) || '-BENCH'`, version: '1' };
  const products = m.products;
  const pick = (field: (p: Product) => string) =>
    `CASE ${cls} ${STATISTICAL_CLASSES.map((c) => {
      const list = products[c];
      return `WHEN '${c}' THEN (ARRAY[${list.map(field).join(', ')}])[1 + (${x}) % ${list.length}]`;
    }).join(' ')} END`;
  return { code: pick((p) => `'${p.code}'`), version: pick((p) => String(p.version)) };
}

/**
 * The draws every policy shares, over `generate_series(lo, hi - 1) AS i` with seeds from `seed`: class,
 * insurer (by the market's shares), the insured enterprise (skewed: a few hold many policies), start (2024
 * 25 %, 2025 33 %, 2026 42 %; 12 % of a year's business starts in December), term (one year mostly),
 * cancellation, the whole policy's sum insured (log-uniform 500,000 to 50,000,000 yuan) and premium
 * (0.30–2.50 %), and a claim on 8 % of policies (incurred 0.3–8.3 × the premium, at most the sum insured;
 * 55 % paid, 25 % half paid).
 */
function draws(lo: number, hi: number, seed: number, plan: Plan, m: Market): string {
  const [h1, h2, h3, h4] = [1, 2, 3, 4].map((s) => h('i', seed + s));
  const shares =
    m.cumulativeShares.length === 0 ? 'ARRAY[]::int[]' : `ARRAY[${m.cumulativeShares.join(', ')}]`;
  return `
    SELECT i, cls, ins, k, outsider, start_date, term, cancelled, si, premium, claim, share, x,
           least(si, round(premium * (0.3 + ((x >> 20) % 1000)::float8 / 125))::bigint) AS incurred
      FROM (
        SELECT i,
               (${sqlList(STATISTICAL_CLASSES)})[1 + CASE WHEN a % 100 < 30 THEN 0 WHEN a % 100 < 65 THEN 1
                                                         WHEN a % 100 < 85 THEN 2 ELSE 3 END] AS cls,
               width_bucket((c % 100)::int, ${shares}) AS ins,
               floor(${plan.enterprises} * power((b % 1000003)::float8 / 1000003, 2))::bigint AS k,
               (b >> 24) % 100 < 10 AS outsider,
               CASE WHEN (a >> 20) % 100 < 12 THEN make_date(y, 12, 1) + ((a >> 28) % 31)::int
                    ELSE make_date(y, 1, 1) + ((a >> 8) % 365)::int END AS start_date,
               CASE WHEN (a >> 36) % 100 < 70 THEN interval '1 year' WHEN (a >> 36) % 100 < 85 THEN interval '6 months'
                    WHEN (a >> 36) % 100 < 95 THEN interval '2 years' ELSE interval '3 years' END AS term,
               (b >> 40) % 100 < 3 AS cancelled,
               si, round((si * (30 + d % 221))::float8 / 10000)::bigint AS premium,
               (d >> 8) % 1000 < 80 AS claim,
               CASE WHEN (c >> 8) % 100 < 70 THEN 1000000 ELSE 200000 + ((c >> 16) % 6) * 100000 END AS share,
               d AS x
          FROM (
            SELECT i, a, b, c, d,
                   CASE WHEN a % 1000 < 250 THEN 2024 WHEN a % 1000 < 580 THEN 2025 ELSE 2026 END AS y,
                   (round(50 * power(100::float8, ((c >> 24) % 1000000)::float8 / 1000000)) * 1000000)::bigint AS si
              FROM (SELECT i, ${h1} AS a, ${h2} AS b, ${h3} AS c, ${h4} AS d
                      FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS i OFFSET 0) r
            OFFSET 0) s
        OFFSET 0) t`;
}

const endOf = (start: string, term: string) => `((${start} + ${term})::date - 1)`;
const statusOf = (cancelled: string, end: string) =>
  `CASE WHEN ${cancelled} THEN 'cancelled' WHEN ${end} < DATE '${DATA_DATE}' THEN 'expired' ELSE 'in_force' END`;
/** Claims paid: all of the incurred on 55 % of claims, half on 25 %, none yet on the rest. */
const paidOf = (incurred: string) =>
  `CASE WHEN (x >> 32) % 100 < 55 THEN ${incurred} WHEN (x >> 32) % 100 < 80 THEN ${incurred} / 2 ELSE 0 END`;

function organisationsSql(m: Market): string {
  return `INSERT INTO organisation (id, kind, name_zh, name_en, uscc, region_code, registered_capital, created_at, updated_at)
    SELECT (${insurerArray(m)})[n + 1], 'insurer', '基准财产保险' || (n + 1), 'Bench Property Insurance ' || (n + 1),
           ${usccSql("'310115'", `${SERIAL_BASE - 1000} + n`)}, '310115', 100000000000, TIMESTAMPTZ '2020-01-01 00:00+08',
           TIMESTAMPTZ '2020-01-01 00:00+08'
      FROM generate_series(0, ${m.insurers.length - 1}) AS n`;
}

/**
 * The directory's enterprises k in [lo, hi) and their first profile version (source import): the
 * registry's identity, founding date, staff, revenue and R&D expense, and the qualifications of the facts.
 */
function enterprisesSql(lo: number, hi: number, seed: number): string[] {
  const staff = `(10 + ${h('k', seed + 106)} % 490)`;
  const revenue = `((1 + ${h('k', seed + 107)} % 500) * 1000000)`;
  const profiles = `INSERT INTO enterprise_profile_version (enterprise_id, version, profile, checksum, source, changed_at)
    SELECT id, 1, profile, encode(sha256(convert_to(profile::text, 'UTF8')), 'hex'), 'import', created_at
      FROM (SELECT e.id, e.created_at, jsonb_build_object(
                     'uscc', e.uscc, 'name', e.name, 'regionCode', e.region_code, 'industryCode', e.industry_code,
                     'foundedOn', make_date(2026 - (e.facts ->> 'yearsInOperation')::int, (1 + k % 12)::int, (1 + k % 28)::int),
                     'stage', CASE WHEN (e.facts ->> 'yearsInOperation')::int < 4 THEN 'startup'
                                   WHEN (e.facts ->> 'yearsInOperation')::int < 12 THEN 'growth' ELSE 'mature' END,
                     'staff', ${staff}, 'techStaff', ${staff} * (20 + k % 41) / 100,
                     'revenue', ${revenue}::text, 'rdExpense', (${revenue} * (3 + k % 13) / 100)::text,
                     'qualifications', coalesce((SELECT jsonb_agg(jsonb_build_object('kind', q))
                                                   FROM jsonb_array_elements_text(e.facts -> 'qualifications') q), '[]')
                   ) AS profile
              FROM enterprise e, LATERAL (SELECT ('x' || right(e.id::text, 12))::bit(48)::bigint AS k) n
             WHERE e.id >= ${enterpriseId(String(lo))} AND e.id < ${enterpriseId(String(hi))}) p`;
  return [enterpriseSql(lo, hi, seed), profiles];
}

function enterpriseSql(lo: number, hi: number, seed: number): string {
  return `INSERT INTO enterprise (id, uscc, name, region_code, industry_code, consent_to_insurers, current_version,
                                  facts, score_band, credit_grade, created_at, updated_at)
    SELECT ${enterpriseId('k')}, ${directoryUscc('k')}, '基准科技企业' || k, ${regionOf('k')}, ${industryOf('k')},
           ${h('k', seed + 104)} % 100 < 60, 1, facts, facts ->> 'scoreBand', (ARRAY['A', 'B', 'C'])[1 + ${h('k', seed + 105)} % 3],
           TIMESTAMPTZ '2023-06-01 00:00+08', TIMESTAMPTZ '2023-06-01 00:00+08'
      FROM (SELECT k, ${factsOf('k', seed)} AS facts FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS k OFFSET 0) e`;
}

/** Registered business: the insurer's own line (share) of the whole policy; 10 % of insureds are not in the directory. */
function registeredSql(lo: number, hi: number, plan: Plan, m: Market, seed: number): string {
  const end = endOf('start_date', 'term');
  const own = (x: string) => `(${x} * share / 1000000)`;
  return `INSERT INTO registered_policy (id, insurer_org_id, policy_number, product_code, statistical_class, insured_uscc,
                                         insured_name, industry, region_code, start_date, end_date, status, share,
                                         sum_insured, premium, claims_paid, claims_incurred, checksum, registered_at,
                                         updated_at)
    SELECT ${uuidOf('b0000000', 'i')}, (${insurerArray(m)})[ins + 1], 'RP' || lpad(i::text, 10, '0'),
           'REG-' || upper(left(cls, 3)) || '-' || (x >> 40) % 5, cls,
           CASE WHEN outsider THEN ${outsiderUscc('k')} ELSE ${directoryUscc('k')} END,
           CASE WHEN outsider THEN '名录外企业' ELSE '基准科技企业' END || k,
           ${industryOf('k')}, CASE WHEN outsider THEN '${OUTSIDER_REGION}' ELSE ${regionOf('k')} END, start_date, ${end},
           ${statusOf('cancelled', end)}, share,
           ${own('si')}, ${own('premium')}, CASE WHEN claim THEN ${own(paidOf('incurred'))} ELSE 0 END,
           CASE WHEN claim THEN ${own('incurred')} ELSE 0 END, md5(i::text),
           (start_date - ((x >> 44) % 30)::int) + time '10:00', (start_date - ((x >> 44) % 30)::int) + time '10:00'
      FROM (${draws(lo, hi, seed + 10, plan, m)} OFFSET 0) g`;
}

/**
 * Platform business: whole policies of enterprises in the directory (facts as quoted = the directory's),
 * as bound (no endorsement or cancellation: those are rows of their own the platform's services write,
 * which the month close reads), a subsidy on 40 % (20–50 % of the premium); one
 * lead line, or a 60/40 lead and follower on a quarter of them (when the market has two insurers); a claim
 * on 8 % (paid, reserved, closed, declined or withdrawn) with the payment's step when paid.
 */
function platformSql(lo: number, hi: number, plan: Plan, m: Market, seed: number): string[] {
  const end = endOf('start_date', 'term');
  const product = productOf(m, 'cls', '(x >> 56)');
  const policies = `INSERT INTO policy (id, number, enterprise_id, lead_org_id, product_code, product_version,
                                         statistical_class, status, start_date, end_date, sum_insured, premium,
                                         written_premium, subsidy, net_payable, collection_mode, request, facts,
                                         cancelled_on, bound_at, updated_at)
    SELECT ${uuidOf('a0000000', 'i')}, 'KB' || lpad(i::text, 10, '0'), ${enterpriseId('k')}, (${insurerArray(m)})[ins + 1],
           ${product.code}, ${product.version}, cls, ${statusOf('false', end)}, start_date, ${end}, si, premium,
           premium, subsidy, premium - subsidy,
           'lead_collects', jsonb_build_object('sumInsured', si, 'startDate', start_date), ${factsOf('k', seed)},
           NULL, (start_date - 3) + time '15:00', (start_date - 3) + time '15:00'
      FROM (SELECT g.*, CASE WHEN (x >> 48) % 100 < 40 THEN premium * (20 + (x >> 52) % 31) / 100 ELSE 0 END AS subsidy
              FROM (${draws(lo, hi, seed + 20, plan, m)} OFFSET 0) g OFFSET 0) p`;
  const range = `p.number >= 'KB' || lpad('${lo}', 10, '0') AND p.number < 'KB' || lpad('${hi}', 10, '0')`;
  const j = `substr(p.number, 3)::bigint`;
  const n = m.insurers.length;
  // A follower other than the lead: the lead's place in the market plus 1 … n − 1.
  const follower = `(${insurerArray(m)})[1 + (array_position(${insurerArray(m)}, p.lead_org_id) + ${h(j, seed + 202)} % ${Math.max(1, n - 1)}) % ${n}]`;
  const lines = `INSERT INTO policy_line (policy_id, org_id, role, written, share, premium, sum_insured)
    SELECT p.id, l.org, l.role, l.share, l.share, l.premium, l.si
      FROM policy p,
           LATERAL (SELECT ${n > 1 ? `${h(j, seed + 201)} % 100 < 25` : 'false'} AS split) s,
           LATERAL (VALUES (p.lead_org_id, 'lead', CASE WHEN s.split THEN 600000 ELSE 1000000 END,
                            p.premium - CASE WHEN s.split THEN p.premium * 2 / 5 ELSE 0 END,
                            p.sum_insured - CASE WHEN s.split THEN p.sum_insured * 2 / 5 ELSE 0 END),
                           (${follower}, 'follower', 400000, p.premium * 2 / 5,
                            p.sum_insured * 2 / 5)) AS l(org, role, share, premium, si)
     WHERE ${range} AND (l.role = 'lead' OR s.split)`;
  const c = `${h(j, seed + 301)}`;
  const claims = `INSERT INTO claim (id, number, policy_id, enterprise_id, lead_org_id, product_code, statistical_class,
                                     section_key, source, status, loss_date, reported_on, description, claimed, payable,
                                     reserve, paid, agreed, coverage, status_since, created_at, updated_at)
    SELECT ${uuidOf('c0000000', j)}, 'CL' || substr(p.number, 3), p.id, p.enterprise_id, p.lead_org_id,
           p.product_code, p.statistical_class, 'main', 'notice', st, loss, loss + 3, '基准理赔', incurred, incurred,
           CASE WHEN st = 'reserved' THEN incurred ELSE 0 END, CASE WHEN st IN ('paid', 'closed') THEN incurred ELSE 0 END,
           CASE WHEN st IN ('paid', 'closed') THEN incurred END, '{}', (loss + 3) + time '09:00', (loss + 3) + time '09:00',
           (loss + 3) + time '09:00'
      FROM (SELECT p.*, (ARRAY['paid', 'paid', 'paid', 'paid', 'paid', 'reserved', 'reserved', 'closed', 'declined',
                               'withdrawn'])[1 + (${c} >> 16) % 10] AS st,
                   p.start_date + ((${c} >> 24) % greatest(1, p.end_date - p.start_date))::int AS loss,
                   least(p.sum_insured, round(p.premium * (0.3 + ((${c} >> 32) % 1000)::float8 / 125))::bigint) AS incurred
              FROM policy p WHERE ${range} AND ${c} % 1000 < 80) p`;
  const steps = `INSERT INTO claim_step (claim_id, seq, action, from_status, to_status, amount, incurred_after, paid_after, at)
    SELECT c.id, 1, 'pay', 'approved', 'paid', c.paid, c.paid, c.paid,
           c.created_at + make_interval(days => 5 + (${h(`substr(c.number, 3)::bigint`, seed + 302)} % 56)::int)
      FROM claim c WHERE c.number >= 'CL' || lpad('${lo}', 10, '0') AND c.number < 'CL' || lpad('${hi}', 10, '0')
       AND c.status IN ('paid', 'closed')`;
  return [policies, lines, claims, steps];
}

// ---- Loading --------------------------------------------------------------------------------------------

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = createClient(url, 'kebao-scale');
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

export interface Counts {
  registered: number;
  platform: number;
  enterprises: number;
  lines: number;
  claims: number;
}

export async function countRows(url: string): Promise<Counts> {
  const [row] = await query<Record<keyof Counts, string>>(
    url,
    `SELECT (SELECT count(*) FROM registered_policy) AS registered, (SELECT count(*) FROM policy) AS platform,
            (SELECT count(*) FROM enterprise) AS enterprises, (SELECT count(*) FROM policy_line) AS lines,
            (SELECT count(*) FROM claim) AS claims`,
  );
  return {
    registered: Number(row?.registered),
    platform: Number(row?.platform),
    enterprises: Number(row?.enterprises),
    lines: Number(row?.lines),
    claims: Number(row?.claims),
  };
}

/** The tables a load writes, whose foreign keys are checked after it. */
const LOADED_TABLES = [
  'organisation',
  'enterprise',
  'enterprise_profile_version',
  'policy',
  'policy_line',
  'claim',
  'claim_step',
  'registered_policy',
];

/**
 * Every foreign key of the loaded tables, checked over all their rows (the load skipped the triggers):
 * the constraints with rows that name a missing parent, and how many. Empty when all hold.
 */
export async function checkReferences(url: string): Promise<{ constraint: string; violations: number }[]> {
  const fks = await query<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>(
    url,
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            array(SELECT quote_ident(a.attname) FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS cols,
            array(SELECT quote_ident(a.attname) FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS refs
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1) ORDER BY 1`,
    [LOADED_TABLES],
  );
  const broken: { constraint: string; violations: number }[] = [];
  for (const fk of fks) {
    const present = fk.cols.map((col) => `x.${col} IS NOT NULL`).join(' AND ');
    const match = fk.cols.map((col, i) => `y.${fk.refs[i]} = x.${col}`).join(' AND ');
    const [row] = await query<{ n: string }>(
      url,
      `SELECT count(*) AS n FROM ${fk.child} x WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} y WHERE ${match})`,
    );
    const n = Number(row?.n);
    if (n > 0) broken.push({ constraint: `${fk.child}.${fk.name}`, violations: n });
  }
  return broken;
}

/** Whether an id is one of the generator's (the first group names the table, the rest is a row number). */
const synthetic = (column: string, prefix: string) => `${column}::text LIKE '${prefix}-0000-4000-8000-%'`;

/** Deletes every synthetic row (and the synthetic insurers when the load inserted them). */
async function removeSynthetic(url: string, market: Market): Promise<void> {
  const client = createClient(url, 'kebao-scale');
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`DELETE FROM claim_step WHERE ${synthetic('claim_id', 'c0000000')}`);
    await client.query(`DELETE FROM claim WHERE ${synthetic('id', 'c0000000')}`);
    await client.query(`DELETE FROM policy_line WHERE ${synthetic('policy_id', 'a0000000')}`);
    await client.query(`DELETE FROM policy WHERE ${synthetic('id', 'a0000000')}`);
    await client.query(`DELETE FROM registered_policy WHERE ${synthetic('id', 'b0000000')}`);
    // With what a running server derived from the directory meanwhile (matching, evaluations, grades).
    for (const table of [
      'match_result',
      'enterprise_evaluation',
      'enterprise_credit',
      'enterprise_profile_version',
    ])
      await client.query(`DELETE FROM ${table} WHERE ${synthetic('enterprise_id', 'e0000000')}`);
    await client.query(`DELETE FROM enterprise WHERE ${synthetic('id', 'e0000000')}`);
    if (market.insertInsurers)
      await client.query('DELETE FROM organisation WHERE id = ANY($1)', [market.insurers]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

export interface LoadResult {
  counts: Counts;
  /** Seconds of the INSERTs (VACUUM and the reference check apart). */
  seconds: number;
  /** Policies (registered and platform) per second of the INSERTs, lines and claims included. */
  policiesPerSecond: number;
  /** Every row stored (enterprises, policies, lines, claims) per second of the INSERTs. */
  rowsPerSecond: number;
  rows: number;
  vacuumSeconds: number;
  referencesSeconds: number;
  foreignKeys: number;
  bytes: number;
}

type Step = { what: string; sql: string[]; rows: number };

function steps(plan: Plan, m: Market, seed: number): Step[] {
  const chunks = (n: number, make: (lo: number, hi: number) => string[], what: string): Step[] => {
    const out: Step[] = [];
    for (let lo = 0; lo < n; lo += CHUNK) {
      const hi = Math.min(n, lo + CHUNK);
      out.push({ what, sql: make(lo, hi), rows: hi - lo });
    }
    return out;
  };
  return [
    ...chunks(plan.enterprises, (lo, hi) => enterprisesSql(lo, hi, seed), 'enterprises'),
    ...chunks(plan.platform, (lo, hi) => platformSql(lo, hi, plan, m, seed), 'platform'),
    ...chunks(plan.registered, (lo, hi) => [registeredSql(lo, hi, plan, m, seed)], 'registered'),
  ];
}

/**
 * Loads `plan` into the migrated database at `url`, which must hold none of the synthetic rows yet (the
 * zone's own business may be there: the synthetic ids and numbers are of their own ranges). Then VACUUM
 * ANALYZE, the row counts checked against the plan, and every foreign key checked.
 */
export async function loadScale(
  url: string,
  plan: Plan,
  market: Market,
  options: { seed?: number; log?: (line: string) => void } = {},
): Promise<LoadResult> {
  const seed = (options.seed ?? 0) * 1000;
  const log = options.log ?? (() => {});
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('the seed must be a whole number ≥ 0');
  if (plan.enterprises >= 10_000_000) throw new RangeError('at most 9,999,999 enterprises in the directory');
  const [present] = await query<{ n: string }>(
    url,
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM enterprise WHERE ${synthetic('id', 'e0000000')} LIMIT 1) e) +
            (SELECT count(*) FROM (SELECT 1 FROM policy WHERE ${synthetic('id', 'a0000000')} LIMIT 1) p) +
            (SELECT count(*) FROM (SELECT 1 FROM registered_policy WHERE ${synthetic('id', 'b0000000')} LIMIT 1) r) AS n`,
  );
  if (Number(present?.n) > 0)
    throw new Error('the database already holds a scale load; start from an empty database to load another');
  const before = await countRows(url);
  const started = performance.now();
  const work = steps(plan, market, seed);
  const pool = createPool(url, { max: LOADERS, applicationName: 'kebao-scale-load' });
  let next = 0;
  let done = 0;
  let policiesDone = 0;
  let failed = false;
  const loader = async () => {
    const client = await pool.connect();
    try {
      // The rows are consistent by construction: skip the foreign-key triggers (replica mode) while
      // loading; checkReferences proves them afterwards.
      await client.query("SET session_replication_role = 'replica'");
      for (let step = work[next++]; step !== undefined && !failed; step = work[next++]) {
        await client.query('BEGIN');
        for (const sql of step.sql) await client.query(sql);
        await client.query('COMMIT');
        done++;
        if (step.what !== 'enterprises') policiesDone += step.rows;
        if (done % 8 === 0 || done === work.length) {
          const seconds = (performance.now() - started) / 1000;
          log(
            `loaded ${done}/${work.length} chunks, ${policiesDone.toLocaleString('en')} policies in ` +
              `${seconds.toFixed(0)} s (${Math.round(policiesDone / seconds).toLocaleString('en')} policies/s)`,
          );
        }
      }
    } catch (error) {
      failed = true;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  try {
    if (market.insertInsurers) await query(url, organisationsSql(market));
    const settled = await Promise.allSettled(Array.from({ length: LOADERS }, loader));
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
    const seconds = (performance.now() - started) / 1000;
    const v0 = performance.now();
    await query(url, 'VACUUM (ANALYZE)');
    const vacuumSeconds = (performance.now() - v0) / 1000;
    const after = await countRows(url);
    const added = {
      registered: after.registered - before.registered,
      platform: after.platform - before.platform,
      enterprises: after.enterprises - before.enterprises,
      lines: after.lines - before.lines,
      claims: after.claims - before.claims,
    };
    if (
      added.registered !== plan.registered ||
      added.platform !== plan.platform ||
      added.enterprises !== plan.enterprises
    )
      throw new Error(`the load added ${JSON.stringify(added)}, not the plan ${JSON.stringify(plan)}`);
    const r0 = performance.now();
    const broken = await checkReferences(url);
    const referencesSeconds = (performance.now() - r0) / 1000;
    if (broken.length > 0) throw new Error(`the load broke foreign keys: ${JSON.stringify(broken)}`);
    return await summary(url, added, { seconds, vacuumSeconds, referencesSeconds, policies: plan.policies });
  } catch (error) {
    // Nothing of a failed load stays: the chunks it committed are deleted again.
    await removeSynthetic(url, market).catch((removal: Error) => {
      log(`could not remove the failed load's rows: ${removal.message}`);
    });
    throw error;
  } finally {
    await pool.end();
  }
}

async function summary(
  url: string,
  added: Counts,
  t: { seconds: number; vacuumSeconds: number; referencesSeconds: number; policies: number },
): Promise<LoadResult> {
  const [fkCount] = await query<{ n: string }>(
    url,
    `SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)`,
    [LOADED_TABLES],
  );
  const [size] = await query<{ bytes: string }>(url, 'SELECT pg_database_size(current_database()) AS bytes');
  const rows = added.registered + added.platform + added.enterprises + added.lines + added.claims;
  return {
    counts: added,
    seconds: t.seconds,
    policiesPerSecond: t.policies / t.seconds,
    rowsPerSecond: rows / t.seconds,
    rows,
    vacuumSeconds: t.vacuumSeconds,
    referencesSeconds: t.referencesSeconds,
    foreignKeys: Number(fkCount?.n),
    bytes: Number(size?.bytes),
  };
}
