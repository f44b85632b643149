/**
 * The stats workload's data: a scratch database on the PostgreSQL server of DATABASE_URL, migrated as the
 * server migrates its own, filled in SQL (INSERT … SELECT over generate_series) with synthetic business —
 * registered policies (保单登记, 95 %) and platform policies (5 %, with their insurer lines and claims) —
 * and the enterprise directory the insured entities' qualifications come from. Every value is a function
 * of the row's number and the total count, drawn with PostgreSQL's seeded 64-bit hash, so the same count
 * gives the same rows. The database is kept: a later run that finds the same generator version and count
 * in the database's comment, and the tables holding that many rows, uses it as it is.
 */
import os from 'node:os';
import { createClient, createPool, migrate } from '@kebao/db';
import type pg from 'pg';

/** Bump when the rows change: a database loaded by another version is loaded again. */
export const GENERATOR_VERSION = 1;
/** Platform policies per thousand; the rest is registered business. */
const PLATFORM_PER_MILLE = 50;
/** Policies per enterprise in the directory (the directory is the count ÷ this). */
const POLICIES_PER_ENTERPRISE = 8;
/** Rows per INSERT … SELECT, each its own transaction. */
const CHUNK = 250_000;
/** Sessions loading chunks at the same time. */
const LOADERS = Math.min(4, Math.max(2, os.availableParallelism()));
/** The day the synthetic data was taken: policies ending before it have expired. */
export const DATA_DATE = '2026-11-01';

const STATISTICAL_CLASSES = ['rd_transfer', 'application', 'intellectual_property', 'base'] as const;
const INSURERS = 12;
/** Cumulative market shares (%) of the 12 insurers, for width_bucket: the first holds 18 %, the last 3 %. */
const INSURER_SHARES = [18, 32, 44, 54, 63, 71, 78, 84, 89, 93, 97];
const REGIONS = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310114',
  '310115',
  '310116',
  '310117',
  '310118',
  '310120',
  '310151',
];
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

export function planFor(policies: number): Plan {
  const platform = Math.round((policies * PLATFORM_PER_MILLE) / 1000);
  return {
    policies,
    platform,
    registered: policies - platform,
    enterprises: Math.max(100, Math.ceil(policies / POLICIES_PER_ENTERPRISE)),
  };
}

/** The marker the database's comment carries once a load has finished. */
function marker(plan: Plan): string {
  return `kebao bench stats: generator ${GENERATOR_VERSION}, ${plan.policies} policies`;
}

// ---- Drawing values -------------------------------------------------------------------------------------

/** A non-negative 63-bit hash of a row number and a seed. */
const h = (n: string, seed: number) => `(hashint8extended((${n})::bigint, ${seed}) & 9223372036854775807)`;
/** A uuid whose first group tells the table and whose last group is the row number. */
const uuidOf = (prefix: string, n: string) =>
  `('${prefix}-0000-4000-8000-' || lpad(to_hex((${n})::bigint), 12, '0'))::uuid`;
const insurerId = (n: string) => uuidOf('d0000000', `${n} + 1`);
/** The id of insurer n (0 has the largest share), as the generator makes it. */
export const insurerUuid = (n: number) => `d0000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`;
const enterpriseId = (k: string) => uuidOf('e0000000', k);
const sqlList = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
/** A code of a USCC's shape (what the columns check): a 4-character prefix, 13 digits of k, 'X'. */
const usccOf = (prefix: string, k: string) => `'${prefix}' || lpad((${k})::text, 13, '0') || 'X'`;
const industryOf = (k: string) => `(${sqlList(INDUSTRIES)})[1 + ((${k}) * 7 + 3) % ${INDUSTRIES.length}]`;
const regionOf = (k: string) => `(${sqlList(REGIONS)})[1 + ((${k}) * 5 + 1) % ${REGIONS.length}]`;

/** The facts of enterprise k: its qualifications (the statistics' insured-entity kinds), industry, region. */
function factsOf(k: string): string {
  const q = `${h(k, 101)} % 100`;
  return `jsonb_build_object(
    'qualifications', (CASE
      WHEN ${q} < 2 THEN '["little_giant", "specialised_sme", "high_tech_enterprise"]'
      WHEN ${q} < 10 THEN '["specialised_sme", "high_tech_enterprise"]'
      WHEN ${q} < 25 THEN '["high_tech_enterprise", "tech_sme"]'
      WHEN ${q} < 40 THEN '["high_tech_enterprise"]'
      WHEN ${q} < 70 THEN '["tech_sme"]'
      ELSE '[]' END)::jsonb,
    'industry', ${industryOf(k)}, 'region', ${regionOf(k)},
    'scoreBand', (ARRAY['A', 'B', 'C', 'D'])[1 + ${h(k, 102)} % 4], 'yearsInOperation', 1 + ${h(k, 103)} % 25)`;
}

/**
 * The draws every policy shares, over `generate_series(lo, hi - 1) AS i` with seeds from `seed`: class,
 * insurer, the insured enterprise (skewed: a few hold many policies), start (2024 25 %, 2025 33 %, 2026
 * 42 %; 12 % of a year's business starts in December), term (one year mostly), cancellation, the whole
 * policy's sum insured (log-uniform 500,000 to 50,000,000 yuan) and premium (0.30–2.50 %), and a claim on
 * 8 % of policies (incurred 0.3–8.3 × the premium, at most the sum insured; 55 % paid, 25 % half paid).
 */
function draws(lo: number, hi: number, seed: number, enterprises: number): string {
  const [h1, h2, h3, h4] = [1, 2, 3, 4].map((s) => h('i', seed + s));
  return `
    SELECT i, cls, ins, k, outsider, start_date, term, cancelled, si, premium, claim, share, x,
           least(si, round(premium * (0.3 + ((x >> 20) % 1000)::float8 / 125))::bigint) AS incurred
      FROM (
        SELECT i,
               (${sqlList(STATISTICAL_CLASSES)})[1 + CASE WHEN a % 100 < 30 THEN 0 WHEN a % 100 < 65 THEN 1
                                                         WHEN a % 100 < 85 THEN 2 ELSE 3 END] AS cls,
               width_bucket((c % 100)::int, ARRAY[${INSURER_SHARES.join(', ')}]) AS ins,
               floor(${enterprises} * power((b % 1000003)::float8 / 1000003, 2))::bigint AS k,
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

function organisationsSql(): string {
  return `INSERT INTO organisation (id, kind, name_zh, name_en, uscc, region_code, registered_capital, created_at, updated_at)
    SELECT ${insurerId('n')}, 'insurer', '基准财产保险' || (n + 1), 'Bench Property Insurance ' || (n + 1),
           ${usccOf('9131', '9000000000000 + n')}, '310115', 100000000000, TIMESTAMPTZ '2020-01-01 00:00+08',
           TIMESTAMPTZ '2020-01-01 00:00+08'
      FROM generate_series(0, ${INSURERS - 1}) AS n`;
}

function enterprisesSql(lo: number, hi: number): string {
  return `INSERT INTO enterprise (id, uscc, name, region_code, industry_code, consent_to_insurers, current_version,
                                  facts, score_band, credit_grade, created_at, updated_at)
    SELECT ${enterpriseId('k')}, ${usccOf('9131', 'k')}, '基准科技企业' || k, ${regionOf('k')}, ${industryOf('k')},
           ${h('k', 104)} % 100 < 60, 1, facts, facts ->> 'scoreBand', (ARRAY['A', 'B', 'C'])[1 + ${h('k', 105)} % 3],
           TIMESTAMPTZ '2023-06-01 00:00+08', TIMESTAMPTZ '2023-06-01 00:00+08'
      FROM (SELECT k, ${factsOf('k')} AS facts FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS k OFFSET 0) e`;
}

/** Registered business: the insurer's own line (share) of the whole policy; 10 % of insureds are not in the directory. */
function registeredSql(lo: number, hi: number, plan: Plan): string {
  const end = endOf('start_date', 'term');
  const own = (x: string) => `(${x} * share / 1000000)`;
  return `INSERT INTO registered_policy (id, insurer_org_id, policy_number, product_code, statistical_class, insured_uscc,
                                         insured_name, industry, region_code, start_date, end_date, status, share,
                                         sum_insured, premium, claims_paid, claims_incurred, checksum, registered_at,
                                         updated_at)
    SELECT ${uuidOf('b0000000', 'i')}, ${insurerId('ins')}, 'RP' || lpad(i::text, 10, '0'),
           'REG-' || upper(left(cls, 3)) || '-' || (x >> 40) % 5, cls,
           CASE WHEN outsider THEN ${usccOf('9144', 'k')} ELSE ${usccOf('9131', 'k')} END,
           CASE WHEN outsider THEN '名录外企业' ELSE '基准科技企业' END || k,
           ${industryOf('k')}, ${regionOf('k')}, start_date, ${end}, ${statusOf('cancelled', end)}, share,
           ${own('si')}, ${own('premium')}, CASE WHEN claim THEN ${own(paidOf('incurred'))} ELSE 0 END,
           CASE WHEN claim THEN ${own('incurred')} ELSE 0 END, md5(i::text),
           (start_date - ((x >> 44) % 30)::int) + time '10:00', (start_date - ((x >> 44) % 30)::int) + time '10:00'
      FROM (${draws(lo, hi, 10, plan.enterprises)} OFFSET 0) g`;
}

/**
 * Platform business: whole policies of enterprises in the directory (facts as quoted = the directory's),
 * written premium with an endorsement's movement on 5 %, a subsidy on 40 % (20–50 % of the premium); one
 * lead line, or a 60/40 lead and follower on a quarter of them; a claim on 8 % (paid, reserved, closed,
 * declined or withdrawn) with the payment's step when paid.
 */
function platformSql(lo: number, hi: number, plan: Plan): string[] {
  const end = endOf('start_date', 'term');
  const policies = `INSERT INTO policy (id, number, enterprise_id, lead_org_id, product_code, product_version,
                                         statistical_class, status, start_date, end_date, sum_insured, premium,
                                         written_premium, subsidy, net_payable, collection_mode, request, facts,
                                         cancelled_on, bound_at, updated_at)
    SELECT ${uuidOf('a0000000', 'i')}, 'KB' || lpad(i::text, 10, '0'), ${enterpriseId('k')}, ${insurerId('ins')},
           'KB-' || upper(left(cls, 2)) || '-BENCH', 1, cls, ${statusOf('cancelled', end)}, start_date, ${end}, si, premium,
           premium + CASE WHEN (x >> 40) % 100 < 5 THEN premium / 10 ELSE 0 END, subsidy, premium - subsidy,
           'lead_collects', jsonb_build_object('sumInsured', si, 'startDate', start_date), ${factsOf('k')},
           CASE WHEN cancelled THEN start_date + 30 END, (start_date - 3) + time '15:00', (start_date - 3) + time '15:00'
      FROM (SELECT g.*, CASE WHEN (x >> 48) % 100 < 40 THEN premium * (20 + (x >> 52) % 31) / 100 ELSE 0 END AS subsidy
              FROM (${draws(lo, hi, 20, plan.enterprises)} OFFSET 0) g OFFSET 0) p`;
  const range = `p.number >= 'KB' || lpad('${lo}', 10, '0') AND p.number < 'KB' || lpad('${hi}', 10, '0')`;
  const j = `substr(p.number, 3)::bigint`;
  const lines = `INSERT INTO policy_line (policy_id, org_id, role, written, share, premium, sum_insured)
    SELECT p.id, l.org, l.role, l.share, l.share, l.premium, l.si
      FROM policy p,
           LATERAL (SELECT ${h(j, 201)} % 100 < 25 AS split,
                           ('x' || substr(replace(p.lead_org_id::text, '-', ''), 21))::bit(48)::bigint - 1 AS lead) s,
           LATERAL (VALUES (p.lead_org_id, 'lead', CASE WHEN s.split THEN 600000 ELSE 1000000 END,
                            p.premium - CASE WHEN s.split THEN p.premium * 2 / 5 ELSE 0 END,
                            p.sum_insured - CASE WHEN s.split THEN p.sum_insured * 2 / 5 ELSE 0 END),
                           (${insurerId(`(s.lead + 1) % ${INSURERS}`)}, 'follower', 400000, p.premium * 2 / 5,
                            p.sum_insured * 2 / 5)) AS l(org, role, share, premium, si)
     WHERE ${range} AND (l.role = 'lead' OR s.split)`;
  const c = `${h(j, 301)}`;
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
           c.created_at + make_interval(days => 5 + (${h(`substr(c.number, 3)::bigint`, 302)} % 56)::int)
      FROM claim c WHERE c.number >= 'CL' || lpad('${lo}', 10, '0') AND c.number < 'CL' || lpad('${hi}', 10, '0')
       AND c.status IN ('paid', 'closed')`;
  return [policies, lines, claims, steps];
}

// ---- Loading --------------------------------------------------------------------------------------------

/** The URL of another database on the same server. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = createClient(url, 'kebao-bench');
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

async function counts(url: string): Promise<Counts> {
  const [row] = await admin<Record<keyof Counts, string>>(
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

export interface Loaded {
  url: string;
  plan: Plan;
  counts: Counts;
  /** Null when the database was already loaded. */
  load: null | {
    seconds: number;
    /** Policies (registered and platform) per second of the INSERTs, lines and claims included. */
    policiesPerSecond: number;
    /** Every row stored (enterprises, policies, lines, claims, steps) per second of the INSERTs. */
    rowsPerSecond: number;
    rows: number;
    vacuumSeconds: number;
    bytes: number;
  };
  /** The size of the tables the queries read, with their indexes. */
  sizes: Record<string, string>;
}

type Step = { what: string; sql: string[]; rows: number };

function steps(plan: Plan): Step[] {
  const chunks = (n: number, make: (lo: number, hi: number) => string[], what: string): Step[] => {
    const out: Step[] = [];
    for (let lo = 0; lo < n; lo += CHUNK) {
      const hi = Math.min(n, lo + CHUNK);
      out.push({ what, sql: make(lo, hi), rows: hi - lo });
    }
    return out;
  };
  return [
    ...chunks(plan.enterprises, (lo, hi) => [enterprisesSql(lo, hi)], 'enterprises'),
    ...chunks(plan.platform, (lo, hi) => platformSql(lo, hi, plan), 'platform'),
    ...chunks(plan.registered, (lo, hi) => [registeredSql(lo, hi, plan)], 'registered'),
  ];
}

/**
 * The loaded database for `policies` policies: kept from an earlier run when its marker and row counts
 * match, otherwise dropped, created, migrated and loaded (`log` hears the progress).
 */
export async function ensureLoaded(
  serverUrl: string,
  database: string,
  policies: number,
  log: (line: string) => void,
): Promise<Loaded> {
  const plan = planFor(policies);
  const url = databaseUrl(serverUrl, database);
  const sizes = async () =>
    Object.fromEntries(
      (
        await admin<{ name: string; size: string }>(
          url,
          `SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS size FROM pg_class c
            WHERE c.relname IN ('registered_policy', 'policy', 'policy_line', 'claim', 'enterprise') ORDER BY 1`,
        )
      ).map((r) => [r.name, r.size]),
    );
  const [existing] = await admin<{ comment: string | null }>(
    serverUrl,
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  if (existing?.comment === marker(plan)) {
    try {
      // Migrations added since the load apply to the data in place.
      await migrate(url);
      const found = await counts(url);
      if (found.registered === plan.registered && found.platform === plan.platform) {
        return { url, plan, counts: found, load: null, sizes: await sizes() };
      }
      log(`  stats: ${database} holds ${JSON.stringify(found)}, not the plan's; loading it again`);
    } catch (error) {
      log(`  stats: ${database} cannot be used as it is (${(error as Error).message}); loading it again`);
    }
  }
  if (existing) await admin(serverUrl, `DROP DATABASE ${database} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  await migrate(url);
  const started = performance.now();
  await admin(url, organisationsSql());
  const work = steps(plan);
  const pool = createPool(url, { max: LOADERS, applicationName: 'kebao-bench-load' });
  let next = 0;
  let done = 0;
  let policiesDone = 0;
  try {
    const loader = async () => {
      const client = await pool.connect();
      try {
        // The rows are consistent by construction: skip the foreign-key triggers (replica mode) while loading.
        await client.query("SET session_replication_role = 'replica'");
        for (let step = work[next++]; step !== undefined; step = work[next++]) {
          await client.query('BEGIN');
          for (const sql of step.sql) await client.query(sql);
          await client.query('COMMIT');
          done++;
          if (step.what !== 'enterprises') policiesDone += step.rows;
          if (done % 8 === 0 || done === work.length) {
            const seconds = (performance.now() - started) / 1000;
            log(
              `  stats: loaded ${done}/${work.length} chunks, ${policiesDone.toLocaleString('en')} policies in ` +
                `${seconds.toFixed(0)} s (${Math.round(policiesDone / seconds).toLocaleString('en')} policies/s)`,
            );
          }
        }
      } finally {
        client.release();
      }
    };
    await Promise.all(Array.from({ length: LOADERS }, loader));
  } finally {
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const v0 = performance.now();
  await admin(url, 'VACUUM (ANALYZE)');
  const vacuumSeconds = (performance.now() - v0) / 1000;
  const found = await counts(url);
  if (
    found.registered !== plan.registered ||
    found.platform !== plan.platform ||
    found.enterprises !== plan.enterprises
  ) {
    throw new Error(`the load left ${JSON.stringify(found)}, not the plan ${JSON.stringify(plan)}`);
  }
  const [size] = await admin<{ bytes: string }>(url, 'SELECT pg_database_size(current_database()) AS bytes');
  await admin(serverUrl, `COMMENT ON DATABASE ${database} IS '${marker(plan)}'`);
  const rows = found.registered + found.platform + found.enterprises + found.lines + found.claims;
  return {
    url,
    plan,
    counts: found,
    load: {
      seconds,
      policiesPerSecond: plan.policies / seconds,
      rowsPerSecond: rows / seconds,
      rows,
      vacuumSeconds,
      bytes: Number(size?.bytes),
    },
    sizes: await sizes(),
  };
}
