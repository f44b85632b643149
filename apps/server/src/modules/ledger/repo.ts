import type { Queryable } from '@kebao/db';

export interface JournalLineInsert {
  account: string;
  orgId: string;
  counterparty: string;
  amount: bigint;
}

/** One journal entry and its lines, in two statements (lines as arrays, one round trip). */
export async function insertJournalEntry(
  db: Queryable,
  entry: {
    id: string;
    kind: string;
    policyId: string | null;
    description: string;
    postedAt: Date;
    productCode: string | null;
    statisticalClass: string | null;
    lines: readonly JournalLineInsert[];
  },
): Promise<void> {
  await db.query(
    'INSERT INTO journal_entry (id, kind, policy_id, description, posted_at) VALUES ($1, $2, $3, $4, $5)',
    [entry.id, entry.kind, entry.policyId, entry.description, entry.postedAt],
  );
  await db.query(
    `INSERT INTO journal_line (entry_id, line_no, account, org_id, counterparty, amount, product_code,
       statistical_class, policy_id)
     SELECT $1, n, a, o, c, amt, $6, $7, $8
       FROM unnest($2::text[], $3::uuid[], $4::text[], $5::bigint[]) WITH ORDINALITY AS l(a, o, c, amt, n)`,
    [
      entry.id,
      entry.lines.map((l) => l.account),
      entry.lines.map((l) => l.orgId),
      entry.lines.map((l) => l.counterparty),
      entry.lines.map((l) => l.amount.toString()),
      entry.productCode,
      entry.statisticalClass,
      entry.policyId,
    ],
  );
}

export interface JournalLineRow {
  entry_id: string;
  kind: string;
  description: string;
  posted_at: Date;
  line_no: number;
  account: string;
  org_id: string | null;
  counterparty: string | null;
  amount: bigint;
}

export async function journalOfPolicy(db: Queryable, policyId: string): Promise<JournalLineRow[]> {
  const r = await db.query<JournalLineRow>(
    `SELECT l.entry_id, e.kind, e.description, e.posted_at, l.line_no, l.account, l.org_id, l.counterparty, l.amount
       FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
      WHERE e.policy_id = $1 ORDER BY e.posted_at, e.id, l.line_no`,
    [policyId],
  );
  return r.rows;
}

/** Entries whose lines do not sum to zero (there must never be any). */
export async function unbalancedEntries(db: Queryable): Promise<string[]> {
  const r = await db.query<{ entry_id: string }>(
    'SELECT entry_id FROM journal_line GROUP BY entry_id HAVING sum(amount) <> 0',
  );
  return r.rows.map((row) => row.entry_id);
}
