import type { Queryable } from '@kebao/db';

export interface PoolRow {
  code: string;
  name_zh: string;
  name_en: string;
  capacity_per_risk: bigint;
  capacity_aggregate: bigint;
  aggregate_used: bigint;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
}

export interface PoolMemberRow {
  pool_code: string;
  org_id: string;
  share: number;
  lead: boolean;
  joined_on: string;
  left_on: string | null;
  name_zh: string;
}

export interface PlacementRow {
  id: string;
  quote_id: string;
  enterprise_id: string;
  lead_org_id: string;
  pool_code: string | null;
  status: 'open' | 'closed' | 'bound' | 'cancelled';
  terms: Record<string, unknown>;
  terms_fingerprint: string;
  collection_mode: 'lead_collects' | 'each_collects';
  written_total: number;
  unplaced: number | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface LineRow {
  placement_id: string;
  org_id: string;
  status: 'invited' | 'written' | 'declined';
  written: number | null;
  to_stand: boolean;
  signed: number | null;
  facultative: { reinsurer: string; cededShare: number; commissionRate: string }[];
  comment: string | null;
  invited_at: Date | null;
  written_at: Date | null;
  name_zh?: string;
}

export interface TreatyRow {
  id: string;
  insurer_org_id: string;
  name: string;
  kind: 'quota_share' | 'surplus' | 'excess_of_loss' | 'cat_excess_of_loss' | 'stop_loss';
  reinsurer: string;
  ceded_share: number | null;
  retention: bigint | null;
  lines: number | null;
  attachment: bigint | null;
  layer_limit: bigint | null;
  /** Stop-loss: attachment and limit as loss ratios of the year's net retained premium. */
  attachment_ratio: string | null;
  limit_ratio: string | null;
  commission_rate: string;
  classes: string[] | null;
  priority: number;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
}

export interface CapacityRow {
  org_id: string;
  capital_and_reserves: bigint;
  retention_ratio: string;
  retention_limit: bigint;
  updated_at: Date;
}

// ---- pools ----------------------------------------------------------------------------------------

export async function listPools(db: Queryable): Promise<PoolRow[]> {
  return (await db.query<PoolRow>('SELECT * FROM coinsurance_pool ORDER BY code')).rows;
}

export async function findPool(db: Queryable, code: string, forUpdate = false): Promise<PoolRow | null> {
  const r = await db.query<PoolRow>(
    `SELECT * FROM coinsurance_pool WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [code],
  );
  return r.rows[0] ?? null;
}

export async function insertPool(db: Queryable, p: PoolRow): Promise<void> {
  await db.query(
    `INSERT INTO coinsurance_pool (code, name_zh, name_en, capacity_per_risk, capacity_aggregate, aggregate_used,
       effective_from, effective_to, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      p.code,
      p.name_zh,
      p.name_en,
      p.capacity_per_risk,
      p.capacity_aggregate,
      p.aggregate_used,
      p.effective_from,
      p.effective_to,
      p.created_at,
    ],
  );
}

export async function poolMembers(db: Queryable, code: string): Promise<PoolMemberRow[]> {
  const r = await db.query<PoolMemberRow>(
    `SELECT m.*, o.name_zh FROM pool_member m JOIN organisation o ON o.id = m.org_id
      WHERE m.pool_code = $1 ORDER BY m.lead DESC, m.joined_on, o.name_zh`,
    [code],
  );
  return r.rows;
}

export async function insertPoolMember(
  db: Queryable,
  m: { poolCode: string; orgId: string; share: number; lead: boolean; joinedOn: string },
): Promise<void> {
  await db.query(
    'INSERT INTO pool_member (pool_code, org_id, share, lead, joined_on) VALUES ($1, $2, $3, $4, $5)',
    [m.poolCode, m.orgId, m.share, m.lead, m.joinedOn],
  );
}

export async function endPoolMembership(db: Queryable, code: string, orgId: string, leftOn: string) {
  const r = await db.query(
    'UPDATE pool_member SET left_on = $3 WHERE pool_code = $1 AND org_id = $2 AND left_on IS NULL',
    [code, orgId, leftOn],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function addPoolUse(db: Queryable, code: string, amount: bigint): Promise<void> {
  await db.query(
    'UPDATE coinsurance_pool SET aggregate_used = GREATEST(aggregate_used + $2, 0) WHERE code = $1',
    [code, amount],
  );
}

// ---- placements ------------------------------------------------------------------------------------

export async function insertPlacement(db: Queryable, p: PlacementRow): Promise<void> {
  await db.query(
    `INSERT INTO placement (id, quote_id, enterprise_id, lead_org_id, pool_code, status, terms, terms_fingerprint,
       collection_mode, written_total, unplaced, closed_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [
      p.id,
      p.quote_id,
      p.enterprise_id,
      p.lead_org_id,
      p.pool_code,
      p.status,
      JSON.stringify(p.terms),
      p.terms_fingerprint,
      p.collection_mode,
      p.written_total,
      p.unplaced,
      p.closed_at,
      p.created_at,
      p.updated_at,
    ],
  );
}

export async function findPlacement(db: Queryable, id: string, forUpdate = false) {
  const r = await db.query<PlacementRow>(
    `SELECT * FROM placement WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ?? null;
}

export async function findPlacementByQuote(db: Queryable, quoteId: string, forUpdate = false) {
  const r = await db.query<PlacementRow>(
    `SELECT * FROM placement WHERE quote_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [quoteId],
  );
  return r.rows[0] ?? null;
}

/** Placements an insurer leads or is invited to (or all of them for `all`), newest first. */
export async function listPlacements(
  db: Queryable,
  scope: { all: boolean; orgId: string | null },
  page: { limit: number; offset: number; status?: string | undefined },
) {
  const where = `($1::boolean OR p.lead_org_id = $2::uuid
      OR EXISTS (SELECT 1 FROM placement_line l WHERE l.placement_id = p.id AND l.org_id = $2::uuid)
      OR e.org_id = $2::uuid) AND ($3::text IS NULL OR p.status = $3)`;
  const params = [scope.all, scope.orgId, page.status ?? null];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM placement p JOIN enterprise e ON e.id = p.enterprise_id WHERE ${where}`,
    params,
  );
  const r = await db.query<
    PlacementRow & { enterprise_name: string; lead_name: string; quote_number: string }
  >(
    `SELECT p.*, e.name AS enterprise_name, o.name_zh AS lead_name, q.number AS quote_number
       FROM placement p JOIN enterprise e ON e.id = p.enterprise_id
       JOIN organisation o ON o.id = p.lead_org_id JOIN quote q ON q.id = p.quote_id
      WHERE ${where} ORDER BY p.created_at DESC, p.id LIMIT $4 OFFSET $5`,
    [...params, page.limit, page.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function placementLines(db: Queryable, placementId: string): Promise<LineRow[]> {
  const r = await db.query<LineRow>(
    `SELECT l.*, o.name_zh FROM placement_line l JOIN organisation o ON o.id = l.org_id
       JOIN placement p ON p.id = l.placement_id
      WHERE l.placement_id = $1
      ORDER BY (l.org_id = p.lead_org_id) DESC, l.invited_at, l.written DESC NULLS LAST, o.name_zh`,
    [placementId],
  );
  return r.rows;
}

export async function upsertLine(db: Queryable, l: LineRow): Promise<void> {
  await db.query(
    `INSERT INTO placement_line (placement_id, org_id, status, written, to_stand, signed, facultative, comment,
       invited_at, written_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
     ON CONFLICT (placement_id, org_id) DO UPDATE SET status = EXCLUDED.status, written = EXCLUDED.written,
       to_stand = EXCLUDED.to_stand, signed = EXCLUDED.signed, facultative = EXCLUDED.facultative,
       comment = EXCLUDED.comment, written_at = EXCLUDED.written_at`,
    [
      l.placement_id,
      l.org_id,
      l.status,
      l.written,
      l.to_stand,
      l.signed,
      JSON.stringify(l.facultative),
      l.comment,
      l.invited_at,
      l.written_at,
    ],
  );
}

export async function setSigned(
  db: Queryable,
  placementId: string,
  signed: Map<string, number>,
): Promise<void> {
  await db.query(
    `UPDATE placement_line l SET signed = s.signed
       FROM unnest($2::uuid[], $3::int[]) AS s(org_id, signed)
      WHERE l.placement_id = $1 AND l.org_id = s.org_id`,
    [placementId, [...signed.keys()], [...signed.values()]],
  );
}

export async function updatePlacement(
  db: Queryable,
  id: string,
  change: {
    status: PlacementRow['status'];
    writtenTotal: number;
    unplaced: number | null;
    closedAt: Date | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `UPDATE placement SET status = $2, written_total = $3, unplaced = $4, closed_at = $5, updated_at = $6
      WHERE id = $1`,
    [id, change.status, change.writtenTotal, change.unplaced, change.closedAt, change.at],
  );
}

export async function setCollectionMode(
  db: Queryable,
  id: string,
  mode: PlacementRow['collection_mode'],
  at: Date,
) {
  await db.query('UPDATE placement SET collection_mode = $2, updated_at = $3 WHERE id = $1', [id, mode, at]);
}

// ---- reinsurance -----------------------------------------------------------------------------------

export async function treatiesOf(db: Queryable, orgIds: readonly string[]): Promise<TreatyRow[]> {
  const r = await db.query<TreatyRow>(
    'SELECT * FROM reinsurance_treaty WHERE insurer_org_id = ANY($1::uuid[]) ORDER BY insurer_org_id, priority, id',
    [orgIds],
  );
  return r.rows;
}

export async function insertTreaty(db: Queryable, t: TreatyRow): Promise<void> {
  await db.query(
    `INSERT INTO reinsurance_treaty (id, insurer_org_id, name, kind, reinsurer, ceded_share, retention, lines,
       attachment, layer_limit, commission_rate, classes, priority, effective_from, effective_to, created_at,
       attachment_ratio, limit_ratio)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
    [
      t.id,
      t.insurer_org_id,
      t.name,
      t.kind,
      t.reinsurer,
      t.ceded_share,
      t.retention,
      t.lines,
      t.attachment,
      t.layer_limit,
      t.commission_rate,
      t.classes,
      t.priority,
      t.effective_from,
      t.effective_to,
      t.created_at,
      t.attachment_ratio,
      t.limit_ratio,
    ],
  );
}

/**
 * An insurer's net retained premium from the policies it writes that start in a year (its lines'
 * premium less what it ceded on them): the base of a stop-loss treaty's loss ratio. A group policy counts
 * once, by its master (whose lines and cessions are its certificates' sums).
 */
export async function netRetainedPremium(db: Queryable, orgId: string, year: number): Promise<bigint> {
  const r = await db.query<{ net: bigint | null }>(
    `SELECT (SELECT COALESCE(sum(l.premium), 0) FROM policy_line l JOIN policy p ON p.id = l.policy_id
              WHERE l.org_id = $1 AND p.master_policy_id IS NULL
                AND p.start_date >= make_date($2, 1, 1) AND p.start_date < make_date($2 + 1, 1, 1))
          - (SELECT COALESCE(sum(c.ceded_premium), 0) FROM policy_cession c JOIN policy p ON p.id = c.policy_id
              WHERE c.org_id = $1 AND p.master_policy_id IS NULL
                AND p.start_date >= make_date($2, 1, 1) AND p.start_date < make_date($2 + 1, 1, 1))
            AS net`,
    [orgId, year],
  );
  return r.rows[0]?.net ?? 0n;
}

export async function endTreaty(db: Queryable, orgId: string, id: string, effectiveTo: string) {
  const r = await db.query<TreatyRow>(
    `UPDATE reinsurance_treaty SET effective_to = $3 WHERE id = $1 AND insurer_org_id = $2 RETURNING *`,
    [id, orgId, effectiveTo],
  );
  return r.rows[0] ?? null;
}

export async function capacitiesOf(db: Queryable, orgIds: readonly string[]) {
  const r = await db.query<CapacityRow & { registered_capital: bigint | null; name_zh: string }>(
    `SELECT o.id AS org_id, o.name_zh, o.registered_capital, c.capital_and_reserves, c.retention_ratio,
            c.retention_limit, c.updated_at
       FROM organisation o LEFT JOIN insurer_capacity c ON c.org_id = o.id WHERE o.id = ANY($1::uuid[])`,
    [orgIds],
  );
  return r.rows;
}

export async function upsertCapacity(db: Queryable, c: CapacityRow): Promise<void> {
  await db.query(
    `INSERT INTO insurer_capacity (org_id, capital_and_reserves, retention_ratio, retention_limit, updated_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id) DO UPDATE SET capital_and_reserves = EXCLUDED.capital_and_reserves,
       retention_ratio = EXCLUDED.retention_ratio, retention_limit = EXCLUDED.retention_limit,
       updated_at = EXCLUDED.updated_at`,
    [c.org_id, c.capital_and_reserves, c.retention_ratio, c.retention_limit, c.updated_at],
  );
}

export async function insurerNames(
  db: Queryable,
  orgIds: readonly string[],
): Promise<Map<string, { kind: string; name: string }>> {
  const r = await db.query<{ id: string; kind: string; name_zh: string }>(
    'SELECT id, kind, name_zh FROM organisation WHERE id = ANY($1::uuid[])',
    [orgIds],
  );
  return new Map(r.rows.map((o) => [o.id, { kind: o.kind, name: o.name_zh }]));
}

export async function placementQuoteInfo(db: Queryable, quoteId: string) {
  const r = await db.query<{ number: string; premium: bigint | null; enterprise_name: string }>(
    `SELECT q.number, q.premium, e.name AS enterprise_name
       FROM quote q JOIN enterprise e ON e.id = q.enterprise_id WHERE q.id = $1`,
    [quoteId],
  );
  return r.rows[0] ?? null;
}

export async function listInsurers(db: Queryable) {
  const r = await db.query<{ id: string; name_zh: string; name_en: string }>(
    `SELECT id, name_zh, name_en FROM organisation WHERE kind = 'insurer' AND status = 'active' ORDER BY name_zh`,
  );
  return r.rows;
}

/** Every insurer, oldest first (the demo seed's order). */
export async function insurersByAge(db: Queryable) {
  const r = await db.query<{ id: string; uscc: string; registered_capital: bigint | null }>(
    `SELECT id, uscc, registered_capital FROM organisation WHERE kind = 'insurer' ORDER BY created_at, name_zh`,
  );
  return r.rows;
}
