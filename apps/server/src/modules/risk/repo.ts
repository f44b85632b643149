import type { Queryable } from '@kebao/db';
import type { LiveInsurer, LivePolicy, LiveTreaty, RegisteredLivePolicy } from './portfolio.ts';

/*
 * The risk module's SQL: the portfolio in force on a day (platform policies with their lines, registered
 * policies, insurers' capital and treaties) and the runs of the risk job.
 */

/**
 * Platform policies in force on `asOf` (自…零时起至…二十四时止: the start and end days included; a
 * cancellation takes effect on its day). A group's master stands for its member certificates, which are
 * the risks: masters with certificates are left out, the certificates counted.
 */
export async function platformPoliciesInForce(db: Queryable, asOf: string): Promise<LivePolicy[]> {
  const r = await db.query<{
    number: string;
    statistical_class: string;
    sum_insured: bigint;
    request: Record<string, unknown>;
    facts: Record<string, unknown>;
    pool_code: string | null;
    lines: { orgId: string; share: number }[] | null;
  }>(
    `SELECT p.number, p.statistical_class, p.sum_insured, p.request, p.facts, p.pool_code,
            (SELECT json_agg(json_build_object('orgId', l.org_id, 'share', l.share) ORDER BY l.role, l.org_id)
               FROM policy_line l WHERE l.policy_id = p.id) AS lines
       FROM policy p
      WHERE p.start_date <= $1 AND p.end_date >= $1 AND (p.cancelled_on IS NULL OR p.cancelled_on > $1)
        AND NOT EXISTS (SELECT 1 FROM policy c WHERE c.master_policy_id = p.id)
      ORDER BY p.number`,
    [asOf],
  );
  return r.rows.map((p) => ({
    number: p.number,
    statisticalClass: p.statistical_class,
    sumInsured: BigInt(p.sum_insured),
    request: p.request,
    facts: p.facts,
    poolCode: p.pool_code,
    lines: p.lines ?? [],
  }));
}

/** Policies insurers registered from their own systems, in force on `asOf`. */
export async function registeredPoliciesInForce(
  db: Queryable,
  asOf: string,
): Promise<RegisteredLivePolicy[]> {
  const r = await db.query<{
    policy_number: string;
    insurer_org_id: string;
    statistical_class: string;
    sum_insured: bigint;
    region_code: string | null;
  }>(
    `SELECT policy_number, insurer_org_id, statistical_class, sum_insured, region_code
       FROM registered_policy
      WHERE start_date <= $1 AND end_date >= $1 AND status <> 'cancelled'
      ORDER BY insurer_org_id, policy_number`,
    [asOf],
  );
  return r.rows.map((p) => ({
    number: p.policy_number,
    insurerOrgId: p.insurer_org_id,
    statisticalClass: p.statistical_class,
    sumInsured: BigInt(p.sum_insured),
    regionCode: p.region_code,
  }));
}

/** Every insurer organisation with its capital and reserves when recorded. */
export async function insurersWithCapital(db: Queryable): Promise<LiveInsurer[]> {
  const r = await db.query<{ id: string; name: string; capital: bigint | null }>(
    `SELECT o.id, o.name_zh AS name, c.capital_and_reserves AS capital
       FROM organisation o LEFT JOIN insurer_capacity c ON c.org_id = o.id
      WHERE o.kind = 'insurer'
      ORDER BY o.id`,
  );
  return r.rows.map((o) => ({
    orgId: o.id,
    name: o.name,
    capital: o.capital === null ? null : BigInt(o.capital),
  }));
}

/** Reinsurance treaties in effect on `asOf`, per insurer in priority order. */
export async function treatiesInEffect(db: Queryable, asOf: string): Promise<LiveTreaty[]> {
  const r = await db.query<{
    insurer_org_id: string;
    name: string;
    kind: LiveTreaty['kind'];
    reinsurer: string;
    ceded_share: number | null;
    retention: bigint | null;
    lines: number | null;
    attachment: bigint | null;
    layer_limit: bigint | null;
    classes: string[] | null;
  }>(
    `SELECT insurer_org_id, name, kind, reinsurer, ceded_share, retention, lines, attachment, layer_limit, classes
       FROM reinsurance_treaty
      WHERE effective_from <= $1 AND (effective_to IS NULL OR effective_to >= $1)
      ORDER BY insurer_org_id, priority, id`,
    [asOf],
  );
  const big = (v: bigint | null) => (v === null ? null : BigInt(v));
  return r.rows.map((t) => ({
    insurerOrgId: t.insurer_org_id,
    name: t.name,
    kind: t.kind,
    reinsurer: t.reinsurer,
    cededShare: t.ceded_share,
    retention: big(t.retention),
    lines: t.lines,
    attachment: big(t.attachment),
    layerLimit: big(t.layer_limit),
    classes: t.classes,
  }));
}

export interface RiskRunRow {
  id: string;
  status: 'queued' | 'running' | 'cancelling' | 'done' | 'failed' | 'cancelled';
  as_of: string;
  years: number;
  seed: string;
  workers: number | null;
  years_done: number;
  model_version: number | null;
  model_checksum: string | null;
  portfolio_sha256: string | null;
  units: number | null;
  risks: number | null;
  platform_policies: number | null;
  registered_policies: number | null;
  notes: { code: string; zh: string; en: string }[] | null;
  summary: Record<string, unknown> | null;
  perspectives: unknown[] | null;
  capacity: unknown[] | null;
  losses: string | null;
  elapsed_ms: number | null;
  error: string | null;
  requested_org: string | null;
  requested_by: string | null;
  cancelled_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const RUN_COLUMNS = `id, status, as_of::text AS as_of, years, seed::text AS seed, workers, years_done,
  model_version, model_checksum, portfolio_sha256, units, risks, platform_policies, registered_policies,
  notes, summary, perspectives, capacity, losses::text AS losses, elapsed_ms, error, requested_org,
  requested_by, cancelled_by, created_at, started_at, finished_at`;
/** The list leaves the results out (they are large); the detail reads them. */
const LIST_COLUMNS = RUN_COLUMNS.replace(
  'perspectives, capacity, ',
  'NULL AS perspectives, NULL AS capacity, ',
);

export async function insertRun(
  db: Queryable,
  run: {
    id: string;
    asOf: string;
    years: number;
    seed: number;
    orgId: string | null;
    userId: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO risk_run (id, status, as_of, years, seed, requested_org, requested_by, created_at)
     VALUES ($1, 'queued', $2, $3, $4, $5, $6, $7)`,
    [run.id, run.asOf, run.years, run.seed, run.orgId, run.userId, run.at],
  );
}

export async function findRun(db: Queryable, id: string, lock = false): Promise<RiskRunRow | null> {
  const r = await db.query<RiskRunRow>(
    `SELECT ${RUN_COLUMNS} FROM risk_run WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function listRuns(
  db: Queryable,
  page: { limit: number; offset: number; status: string | null },
): Promise<{ rows: RiskRunRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.query<RiskRunRow>(
      `SELECT ${LIST_COLUMNS} FROM risk_run WHERE ($3::text IS NULL OR status = $3)
        ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset, page.status],
    ),
    db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM risk_run WHERE ($1::text IS NULL OR status = $1)',
      [page.status],
    ),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}

/** Runs waiting or under way (at most a few: one runs at a time). */
export async function activeRuns(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM risk_run WHERE status IN ('queued', 'running', 'cancelling')`,
  );
  return r.rows[0]?.n ?? 0;
}

/** Takes the oldest queued run (skipping one another process took) and marks it running. */
export async function claimQueuedRun(db: Queryable, workers: number, at: Date): Promise<RiskRunRow | null> {
  const r = await db.query<RiskRunRow>(
    `UPDATE risk_run SET status = 'running', started_at = $2, workers = $1, years_done = 0
      WHERE id = (SELECT id FROM risk_run WHERE status = 'queued' ORDER BY created_at, id
                   LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${RUN_COLUMNS}`,
    [workers, at],
  );
  return r.rows[0] ?? null;
}

/** Runs a stopped process left running go back to the queue (a run is a pure function of its inputs). */
export async function requeueInterrupted(db: Queryable): Promise<number> {
  const r = await db.query(
    `UPDATE risk_run SET status = CASE status WHEN 'cancelling' THEN 'cancelled' ELSE 'queued' END,
                         years_done = 0, started_at = NULL,
                         finished_at = CASE status WHEN 'cancelling' THEN now() ELSE NULL END
      WHERE status IN ('running', 'cancelling')`,
  );
  return r.rowCount ?? 0;
}

export async function storeRunInputs(
  db: Queryable,
  id: string,
  inputs: {
    modelVersion: number;
    modelChecksum: string;
    portfolioGz: Buffer;
    portfolioSha256: string;
    units: number;
    risks: number;
    platformPolicies: number;
    registeredPolicies: number;
    notes: unknown[];
  },
): Promise<void> {
  await db.query(
    `UPDATE risk_run SET model_version = $2, model_checksum = $3, portfolio_gz = $4, portfolio_sha256 = $5,
            units = $6, risks = $7, platform_policies = $8, registered_policies = $9, notes = $10
      WHERE id = $1`,
    [
      id,
      inputs.modelVersion,
      inputs.modelChecksum,
      inputs.portfolioGz,
      inputs.portfolioSha256,
      inputs.units,
      inputs.risks,
      inputs.platformPolicies,
      inputs.registeredPolicies,
      JSON.stringify(inputs.notes),
    ],
  );
}

/** Records progress and answers the run's status (a cancellation asked for meanwhile shows here). */
export async function recordProgress(db: Queryable, id: string, yearsDone: number): Promise<string | null> {
  const r = await db.query<{ status: string }>(
    'UPDATE risk_run SET years_done = GREATEST(years_done, $2) WHERE id = $1 RETURNING status',
    [id, yearsDone],
  );
  return r.rows[0]?.status ?? null;
}

export async function finishRun(
  db: Queryable,
  id: string,
  result: {
    summary: unknown;
    perspectives: unknown;
    capacity: unknown;
    losses: number;
    elapsedMs: number;
    years: number;
  },
  at: Date,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE risk_run SET status = 'done', summary = $2, perspectives = $3, capacity = $4, losses = $5,
            elapsed_ms = $6, years_done = $7, finished_at = $8
      WHERE id = $1 AND status = 'running'`,
    [
      id,
      JSON.stringify(result.summary),
      JSON.stringify(result.perspectives),
      JSON.stringify(result.capacity),
      result.losses,
      Math.round(result.elapsedMs),
      result.years,
      at,
    ],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function endRun(
  db: Queryable,
  id: string,
  status: 'failed' | 'cancelled',
  error: string | null,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE risk_run SET status = $2, error = $3, finished_at = $4
      WHERE id = $1 AND status IN ('running', 'cancelling', 'queued')`,
    [id, status, error, at],
  );
}

export async function markCancelRequested(
  db: Queryable,
  id: string,
  userId: string | null,
  at: Date,
): Promise<string> {
  const r = await db.query<{ status: string }>(
    `UPDATE risk_run SET status = CASE status WHEN 'queued' THEN 'cancelled' ELSE 'cancelling' END,
            cancelled_by = $2, finished_at = CASE status WHEN 'queued' THEN $3::timestamptz ELSE finished_at END
      WHERE id = $1 AND status IN ('queued', 'running')
      RETURNING status`,
    [id, userId, at],
  );
  return r.rows[0]?.status ?? 'unchanged';
}

export async function runPortfolio(
  db: Queryable,
  id: string,
): Promise<{ gz: Buffer; sha256: string } | null> {
  const r = await db.query<{ portfolio_gz: Buffer | null; portfolio_sha256: string | null }>(
    'SELECT portfolio_gz, portfolio_sha256 FROM risk_run WHERE id = $1',
    [id],
  );
  const row = r.rows[0];
  if (!row?.portfolio_gz || !row.portfolio_sha256) return null;
  return { gz: row.portfolio_gz, sha256: row.portfolio_sha256 };
}

/** Insurers' and pools' display names for the perspectives of a run. */
export async function perspectiveNames(db: Queryable, orgIds: string[], pools: string[]) {
  const [orgs, poolRows] = await Promise.all([
    db.query<{ id: string; name: string }>(
      'SELECT id, name_zh AS name FROM organisation WHERE id = ANY($1::uuid[])',
      [orgIds],
    ),
    db.query<{ code: string; name_zh: string; name_en: string }>(
      'SELECT code, name_zh, name_en FROM coinsurance_pool WHERE code = ANY($1::text[])',
      [pools],
    ),
  ]);
  return { orgs: orgs.rows, pools: poolRows.rows };
}

/** The pools an insurer is (or was) a member of. */
export async function poolsOf(db: Queryable, orgId: string): Promise<string[]> {
  const r = await db.query<{ pool_code: string }>(
    'SELECT DISTINCT pool_code FROM pool_member WHERE org_id = $1',
    [orgId],
  );
  return r.rows.map((p) => p.pool_code);
}
