import type { Queryable } from '@kebao/db';
import type { ProductDefinition } from '@kebao/domain/catalog';

/** The newest quotable (filed or sandbox) version of every product: what matching offers. */
export async function quotableDefinitions(db: Queryable): Promise<ProductDefinition[]> {
  const r = await db.query<{ definition: ProductDefinition }>(
    `SELECT DISTINCT ON (code) definition FROM product_version
      WHERE status IN ('filed', 'sandbox') ORDER BY code, version DESC`,
  );
  return r.rows.map((row) => row.definition);
}

export interface FactsRow {
  id: string;
  facts: Record<string, unknown>;
  consent_to_insurers: boolean;
}

export async function factsOf(db: Queryable, ids: readonly string[]): Promise<FactsRow[]> {
  const r = await db.query<FactsRow>(
    'SELECT id, facts, consent_to_insurers FROM enterprise WHERE id = ANY($1::uuid[]) ORDER BY id',
    [ids],
  );
  return r.rows;
}

/** Every enterprise's facts after `afterId`, in id order (a full pass reads the registry in pages). */
export async function factsPage(db: Queryable, afterId: string | null, limit: number): Promise<FactsRow[]> {
  const r = await db.query<FactsRow>(
    'SELECT id, facts, consent_to_insurers FROM enterprise WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2',
    [afterId, limit],
  );
  return r.rows;
}

export interface MatchRow {
  enterprise_id: string;
  product_code: string;
  product_version: number;
  score: number;
  status: string;
  reasons: unknown;
  estimated_premium: bigint | null;
  computed_at: Date;
}

export async function deleteMatchesOfEnterprises(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query('DELETE FROM match_result WHERE enterprise_id = ANY($1::uuid[])', [ids]);
}

export async function deleteMatchesOfProduct(db: Queryable, code: string): Promise<void> {
  await db.query('DELETE FROM match_result WHERE product_code = $1', [code]);
}

/** Inserts in chunks of a size PostgreSQL's parameter limit allows. */
export async function insertMatches(db: Queryable, rows: readonly MatchRow[]): Promise<void> {
  const cols = 8;
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const values: unknown[] = [];
    const tuples = chunk.map((m, i) => {
      values.push(
        m.enterprise_id,
        m.product_code,
        m.product_version,
        m.score,
        m.status,
        JSON.stringify(m.reasons),
        m.estimated_premium,
        m.computed_at,
      );
      return `(${Array.from({ length: cols }, (_, j) => `$${i * cols + j + 1}`).join(', ')})`;
    });
    await db.query(
      `INSERT INTO match_result (enterprise_id, product_code, product_version, score, status, reasons, estimated_premium, computed_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

export interface RecommendationRow extends MatchRow {
  statistical_class: string;
  writer_org_id: string | null;
}

/** An enterprise's matching products, best first. */
export async function recommendationsOf(db: Queryable, enterpriseId: string, limit: number, offset: number) {
  const params = [enterpriseId];
  const [rows, count] = await Promise.all([
    db.query<RecommendationRow>(
      `SELECT m.*, p.statistical_class, p.writer_org_id FROM match_result m JOIN product p ON p.code = m.product_code
        WHERE m.enterprise_id = $1 ORDER BY m.score DESC, m.product_code LIMIT $2 OFFSET $3`,
      [...params, limit, offset],
    ),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM match_result WHERE enterprise_id = $1', params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}

export interface LeadRow extends MatchRow {
  name: string;
  uscc: string;
  region_code: string | null;
  industry_code: string | null;
  score_band: string | null;
  credit_grade: string | null;
  product_name_zh: string;
  product_name_en: string;
  statistical_class: string;
}

export interface LeadFilter {
  /** Only products this organisation writes (an insurer's inbox); null for every product (a broker). */
  writerOrgId: string | null;
  productCode?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

/** Matches of consenting enterprises only: an enterprise that did not consent is never anyone's lead. */
export async function listLeads(db: Queryable, f: LeadFilter) {
  const params = [f.writerOrgId, f.productCode ?? null, f.status ?? null];
  const where = `e.consent_to_insurers
    AND ($1::uuid IS NULL OR p.writer_org_id = $1)
    AND ($2::text IS NULL OR m.product_code = $2)
    AND ($3::text IS NULL OR m.status = $3)`;
  const from = `match_result m JOIN enterprise e ON e.id = m.enterprise_id JOIN product p ON p.code = m.product_code
    JOIN product_version v ON v.code = m.product_code AND v.version = m.product_version`;
  const [rows, count] = await Promise.all([
    db.query<LeadRow>(
      `SELECT m.*, e.name, e.uscc, e.region_code, e.industry_code, e.score_band, e.credit_grade,
              v.name_zh AS product_name_zh, v.name_en AS product_name_en, p.statistical_class
         FROM ${from} WHERE ${where} ORDER BY m.score DESC, m.product_code, m.enterprise_id LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.n ?? 0 };
}
