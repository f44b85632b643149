import type { Queryable } from '@kebao/db';

export interface JournalLineInsert {
  account: string;
  orgId: string;
  counterparty: string;
  amount: bigint;
  /** Per-line tags; the entry's own apply when left out (a payment or a statement spans policies). */
  policyId?: string | null;
  productCode?: string | null;
  statisticalClass?: string | null;
  /** A group movement's line: the member certificate whose share it is (the entry is the master's). */
  certificateId?: string | null;
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
    reverses?: string | null;
    lines: readonly JournalLineInsert[];
  },
): Promise<void> {
  await db.query(
    'INSERT INTO journal_entry (id, kind, policy_id, description, posted_at, reverses) VALUES ($1, $2, $3, $4, $5, $6)',
    [entry.id, entry.kind, entry.policyId, entry.description, entry.postedAt, entry.reverses ?? null],
  );
  const tag = <K extends 'policyId' | 'productCode' | 'statisticalClass'>(l: JournalLineInsert, k: K) =>
    l[k] === undefined ? entry[k] : l[k];
  await db.query(
    `INSERT INTO journal_line (entry_id, line_no, account, org_id, counterparty, amount, product_code,
       statistical_class, policy_id, certificate_id)
     SELECT $1, n, a, o, c, amt, pc, sc, pid, cid
       FROM unnest($2::text[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::uuid[], $9::uuid[])
            WITH ORDINALITY AS l(a, o, c, amt, pc, sc, pid, cid, n)`,
    [
      entry.id,
      entry.lines.map((l) => l.account),
      entry.lines.map((l) => l.orgId),
      entry.lines.map((l) => l.counterparty),
      entry.lines.map((l) => l.amount.toString()),
      entry.lines.map((l) => tag(l, 'productCode')),
      entry.lines.map((l) => tag(l, 'statisticalClass')),
      entry.lines.map((l) => tag(l, 'policyId')),
      entry.lines.map((l) => l.certificateId ?? null),
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
       FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE l.policy_id = $1 ORDER BY e.posted_at, e.id, l.line_no`,
    [policyId],
  );
  return r.rows;
}

/** A group member certificate's share of its master's journal: the lines tagged with the certificate. */
export async function journalOfCertificate(db: Queryable, certificateId: string): Promise<JournalLineRow[]> {
  const r = await db.query<JournalLineRow>(
    `SELECT l.entry_id, e.kind, e.description, e.posted_at, l.line_no, l.account, l.org_id, l.counterparty, l.amount
       FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE l.certificate_id = $1 ORDER BY e.posted_at, e.id, l.line_no`,
    [certificateId],
  );
  return r.rows;
}

export async function entryLines(db: Queryable, entryId: string) {
  const r = await db.query<{
    account: string;
    org_id: string;
    counterparty: string;
    amount: bigint;
    policy_id: string | null;
    product_code: string | null;
    statistical_class: string | null;
  }>(
    `SELECT account, org_id, counterparty, amount, policy_id, product_code, statistical_class
       FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
    [entryId],
  );
  return r.rows;
}

export async function findEntry(db: Queryable, id: string) {
  const r = await db.query<{ id: string; kind: string; policy_id: string | null; description: string }>(
    'SELECT id, kind, policy_id, description FROM journal_entry WHERE id = $1',
    [id],
  );
  return r.rows[0] ?? null;
}

export async function isReversed(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM journal_entry WHERE reverses = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

// ---- invoices -------------------------------------------------------------------------------------

export interface InvoiceRow {
  id: string;
  number: string;
  org_id: string;
  payer_kind: 'enterprise' | 'funder';
  payer_id: string;
  payer_org: string | null;
  policy_id: string;
  entry_id: string;
  kind: 'premium' | 'subsidy' | 'additional' | 'credit_note';
  amount: bigint;
  settled: bigint;
  issued_on: string;
  due_date: string;
  created_at: Date;
}

export type InvoiceListRow = InvoiceRow & {
  policy_number: string;
  issuer_name: string;
  payer_name: string;
  overdue: boolean;
};

export interface InstalmentRow {
  invoice_id: string;
  seq: number;
  due_date: string;
  amount: bigint;
  settled: bigint;
}

export async function nextNumber(db: Queryable, seq: 'invoice' | 'payment' | 'settlement'): Promise<bigint> {
  const r = await db.query<{ n: string }>(`SELECT nextval('${seq}_number_seq')::text AS n`);
  return BigInt(r.rows[0]?.n ?? '0');
}

export async function policyBillingFacts(db: Queryable, policyId: string) {
  const r = await db.query<{ enterprise_org: string | null; start_date: string; number: string }>(
    'SELECT enterprise_org, start_date, number FROM policy WHERE id = $1',
    [policyId],
  );
  return r.rows[0] ?? null;
}

/** Invoices and their single instalment in one statement each. */
export async function insertInvoices(
  db: Queryable,
  rows: readonly Omit<InvoiceRow, 'settled'>[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = [
    'id',
    'number',
    'org_id',
    'payer_kind',
    'payer_id',
    'payer_org',
    'policy_id',
    'entry_id',
    'kind',
    'amount',
    'issued_on',
    'due_date',
    'created_at',
  ] as const;
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const start = params.length;
    for (const c of cols) params.push(typeof row[c] === 'bigint' ? row[c].toString() : row[c]);
    return `(${cols.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  await db.query(`INSERT INTO invoice (${cols.join(', ')}) VALUES ${values.join(', ')}`, params);
  await db.query(
    `INSERT INTO invoice_instalment (invoice_id, seq, due_date, amount)
     SELECT id, 1, due, amt FROM unnest($1::uuid[], $2::date[], $3::bigint[]) AS t(id, due, amt)`,
    [rows.map((r) => r.id), rows.map((r) => r.due_date), rows.map((r) => r.amount.toString())],
  );
}

/** Who may see an invoice: the issuer, the payer's organisation, or anyone with ledger.read_all. */
export interface LedgerScope {
  all: boolean;
  orgId: string | null;
}

const INVOICE_LIST = `SELECT i.*, p.number AS policy_number, o.name_zh AS issuer_name,
    COALESCE(e.name, fo.name_zh) AS payer_name,
    (i.amount > 0 AND i.settled <> i.amount AND EXISTS (
       SELECT 1 FROM invoice_instalment s WHERE s.invoice_id = i.id AND s.settled <> s.amount
          AND s.due_date < $3::date)) AS overdue
  FROM invoice i JOIN policy p ON p.id = i.policy_id JOIN organisation o ON o.id = i.org_id
  LEFT JOIN enterprise e ON i.payer_kind = 'enterprise' AND e.id = i.payer_id
  LEFT JOIN organisation fo ON i.payer_kind = 'funder' AND fo.id = i.payer_id`;
const INVOICE_VISIBLE = '($1::boolean OR i.org_id = $2::uuid OR i.payer_org = $2::uuid)';

export async function listInvoices(
  db: Queryable,
  scope: LedgerScope,
  today: string,
  filter: {
    side?: 'issued' | 'billed' | undefined;
    status?: string | undefined;
    policyId?: string | undefined;
    payerId?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const where = `${INVOICE_VISIBLE}
    AND ($4::text IS NULL OR ($4 = 'issued' AND i.org_id = $2::uuid) OR ($4 = 'billed' AND i.payer_org = $2::uuid))
    AND ($5::uuid IS NULL OR i.policy_id = $5::uuid)
    AND ($6::uuid IS NULL OR i.payer_id = $6::uuid)`;
  const status = `($7::text IS NULL OR $7 = CASE
      WHEN i.amount < 0 THEN CASE WHEN i.settled = i.amount THEN 'refunded' ELSE 'refund_due' END
      WHEN i.settled = i.amount THEN 'paid'
      WHEN overdue THEN 'overdue'
      WHEN i.settled = 0 THEN 'open' ELSE 'partially_paid' END
    OR ($7 = 'unpaid' AND i.amount > 0 AND i.settled <> i.amount))`;
  const params = [
    scope.all,
    scope.orgId,
    today,
    filter.side ?? null,
    filter.policyId ?? null,
    filter.payerId ?? null,
    filter.status ?? null,
  ];
  const inner = `SELECT * FROM (${INVOICE_LIST} WHERE ${where}) i WHERE ${status}`;
  const total = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${inner}) x`, params);
  const r = await db.query<InvoiceListRow>(
    `${inner} ORDER BY i.issued_on DESC, i.number DESC LIMIT $8 OFFSET $9`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findVisibleInvoice(db: Queryable, scope: LedgerScope, today: string, id: string) {
  const r = await db.query<InvoiceListRow>(`${INVOICE_LIST} WHERE ${INVOICE_VISIBLE} AND i.id = $4`, [
    scope.all,
    scope.orgId,
    today,
    id,
  ]);
  return r.rows[0] ?? null;
}

export async function invoicesByPolicy(db: Queryable, policyId: string): Promise<InvoiceRow[]> {
  const r = await db.query<InvoiceRow>('SELECT * FROM invoice WHERE policy_id = $1 ORDER BY number', [
    policyId,
  ]);
  return r.rows;
}

export async function lockInvoice(db: Queryable, id: string): Promise<InvoiceRow | null> {
  const r = await db.query<InvoiceRow>('SELECT * FROM invoice WHERE id = $1 FOR UPDATE', [id]);
  return r.rows[0] ?? null;
}

export async function lockInvoiceByNumber(db: Queryable, orgId: string, number: string) {
  const r = await db.query<InvoiceRow>('SELECT * FROM invoice WHERE org_id = $1 AND number = $2 FOR UPDATE', [
    orgId,
    number,
  ]);
  return r.rows[0] ?? null;
}

/** A payer's unsettled debit invoices at one insurer, earliest due first, locked. */
export async function lockOpenInvoicesOfPayer(
  db: Queryable,
  orgId: string,
  payerId: string,
  policyId: string | null = null,
) {
  const r = await db.query<InvoiceRow>(
    `SELECT * FROM invoice WHERE org_id = $1 AND payer_id = $2 AND amount > 0 AND settled <> amount
        AND ($3::uuid IS NULL OR policy_id = $3::uuid)
      ORDER BY due_date, number FOR UPDATE`,
    [orgId, payerId, policyId],
  );
  return r.rows;
}

export async function instalmentsOf(db: Queryable, invoiceIds: readonly string[]): Promise<InstalmentRow[]> {
  if (invoiceIds.length === 0) return [];
  const r = await db.query<InstalmentRow>(
    'SELECT * FROM invoice_instalment WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, seq',
    [invoiceIds],
  );
  return r.rows;
}

export async function replaceInstalments(
  db: Queryable,
  invoiceId: string,
  rows: readonly { seq: number; dueDate: string; amount: bigint }[],
): Promise<void> {
  await db.query('DELETE FROM invoice_instalment WHERE invoice_id = $1', [invoiceId]);
  await db.query(
    `INSERT INTO invoice_instalment (invoice_id, seq, due_date, amount)
     SELECT $1, s, d, a FROM unnest($2::int[], $3::date[], $4::bigint[]) AS t(s, d, a)`,
    [invoiceId, rows.map((r) => r.seq), rows.map((r) => r.dueDate), rows.map((r) => r.amount.toString())],
  );
}

/** Adds to an invoice's settled amount and spreads it over the instalments, earliest first. */
export async function settleInvoice(
  db: Queryable,
  invoiceId: string,
  settlement: {
    id: string;
    kind: 'payment' | 'refund' | 'credit' | 'offset' | 'statement';
    paymentId: string | null;
    offsetId: string | null;
    statementId?: string | null;
    amount: bigint;
    at: Date;
  },
): Promise<void> {
  await db.query('UPDATE invoice SET settled = settled + $2 WHERE id = $1', [
    invoiceId,
    settlement.amount.toString(),
  ]);
  await db.query(
    `UPDATE invoice_instalment s SET settled = x.settled FROM (
       SELECT seq, CASE WHEN i.amount > 0
                   THEN LEAST(s.amount, GREATEST(0, i.settled - (sum(s.amount) OVER w - s.amount)))
                   ELSE GREATEST(s.amount, LEAST(0, i.settled - (sum(s.amount) OVER w - s.amount))) END AS settled
         FROM invoice_instalment s JOIN invoice i ON i.id = s.invoice_id
        WHERE s.invoice_id = $1 WINDOW w AS (ORDER BY s.seq)) x
      WHERE s.invoice_id = $1 AND s.seq = x.seq`,
    [invoiceId],
  );
  await db.query(
    `INSERT INTO invoice_settlement (id, invoice_id, kind, payment_id, offset_id, statement_id, amount, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      settlement.id,
      invoiceId,
      settlement.kind,
      settlement.paymentId,
      settlement.offsetId,
      settlement.statementId ?? null,
      settlement.amount.toString(),
      settlement.at,
    ],
  );
}

export async function settlementsOf(db: Queryable, invoiceId: string) {
  const r = await db.query<{
    id: string;
    kind: string;
    amount: bigint;
    created_at: Date;
    payment_number: string | null;
    channel: string | null;
    channel_ref: string | null;
    offset_number: string | null;
    statement_id: string | null;
    statement_number: string | null;
  }>(
    `SELECT s.id, s.kind, s.amount, s.created_at, p.number AS payment_number, p.channel,
            COALESCE(p.channel_ref, st.channel_ref) AS channel_ref, o.number AS offset_number,
            s.statement_id, st.number AS statement_number
       FROM invoice_settlement s LEFT JOIN payment p ON p.id = s.payment_id LEFT JOIN invoice o ON o.id = s.offset_id
       LEFT JOIN settlement_statement st ON st.id = s.statement_id
      WHERE s.invoice_id = $1 ORDER BY s.created_at, s.id`,
    [invoiceId],
  );
  return r.rows;
}

// ---- payments -------------------------------------------------------------------------------------

export interface PaymentRow {
  id: string;
  number: string;
  org_id: string;
  direction: 'in' | 'out';
  payer_kind: 'enterprise' | 'funder';
  payer_id: string;
  payer_org: string | null;
  channel: 'bank_transfer' | 'ecny' | 'offline';
  channel_ref: string;
  reference: string | null;
  amount: bigint;
  applied: bigint;
  unapplied: bigint;
  received_on: string;
  entry_id: string;
  recorded_by: string | null;
  created_at: Date;
}

export async function findPaymentByChannelRef(db: Queryable, orgId: string, channel: string, ref: string) {
  const r = await db.query<PaymentRow>(
    'SELECT * FROM payment WHERE org_id = $1 AND channel = $2 AND channel_ref = $3',
    [orgId, channel, ref],
  );
  return r.rows[0] ?? null;
}

export async function insertPayment(db: Queryable, row: PaymentRow): Promise<void> {
  await db.query(
    `INSERT INTO payment (id, number, org_id, direction, payer_kind, payer_id, payer_org, channel, channel_ref,
       reference, amount, applied, unapplied, received_on, entry_id, recorded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      row.id,
      row.number,
      row.org_id,
      row.direction,
      row.payer_kind,
      row.payer_id,
      row.payer_org,
      row.channel,
      row.channel_ref,
      row.reference,
      row.amount.toString(),
      row.applied.toString(),
      row.unapplied.toString(),
      row.received_on,
      row.entry_id,
      row.recorded_by,
      row.created_at,
    ],
  );
}

/** A payer's payments at one insurer that still hold unapplied credit, oldest first, locked. */
export async function lockCreditPayments(db: Queryable, orgId: string, payerId: string) {
  const r = await db.query<PaymentRow>(
    `SELECT * FROM payment WHERE org_id = $1 AND payer_id = $2 AND direction = 'in' AND unapplied > 0
      ORDER BY received_on, number FOR UPDATE`,
    [orgId, payerId],
  );
  return r.rows;
}

export async function useCredit(db: Queryable, paymentId: string, amount: bigint): Promise<void> {
  await db.query('UPDATE payment SET applied = applied + $2, unapplied = unapplied - $2 WHERE id = $1', [
    paymentId,
    amount.toString(),
  ]);
}

export async function listPayments(
  db: Queryable,
  scope: LedgerScope,
  filter: { payerId?: string | undefined; unmatched?: boolean | undefined; limit: number; offset: number },
) {
  const where = `($1::boolean OR p.org_id = $2::uuid OR p.payer_org = $2::uuid)
    AND ($3::uuid IS NULL OR p.payer_id = $3::uuid) AND (NOT $4::boolean OR p.unapplied > 0)`;
  const params = [scope.all, scope.orgId, filter.payerId ?? null, filter.unmatched ?? false];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM payment p WHERE ${where}`,
    params,
  );
  const r = await db.query<PaymentRow & { payer_name: string; org_name: string }>(
    `SELECT p.*, COALESCE(e.name, fo.name_zh) AS payer_name, o.name_zh AS org_name
       FROM payment p JOIN organisation o ON o.id = p.org_id
       LEFT JOIN enterprise e ON p.payer_kind = 'enterprise' AND e.id = p.payer_id
       LEFT JOIN organisation fo ON p.payer_kind = 'funder' AND fo.id = p.payer_id
      WHERE ${where} ORDER BY p.received_on DESC, p.number DESC LIMIT $5 OFFSET $6`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findEnterprisePayer(db: Queryable, enterpriseId: string) {
  const r = await db.query<{ id: string; org_id: string | null; name: string }>(
    'SELECT id, org_id, name FROM enterprise WHERE id = $1',
    [enterpriseId],
  );
  return r.rows[0] ?? null;
}

export async function findFunderPayer(db: Queryable, orgId: string) {
  const r = await db.query<{ id: string; org_id: string; name: string }>(
    `SELECT id, id AS org_id, name_zh AS name FROM organisation WHERE id = $1 AND kind = 'government'`,
    [orgId],
  );
  return r.rows[0] ?? null;
}

// ---- balances, statements, trial balance ----------------------------------------------------------

export async function bookBalances(db: Queryable, orgId: string, asOf: Date) {
  const r = await db.query<{
    account: string;
    counterparty: string;
    counterparty_name: string | null;
    balance: bigint;
  }>(
    `SELECT l.account, l.counterparty, COALESCE(o.name_zh, e.name, l.counterparty) AS counterparty_name,
            sum(l.amount)::bigint AS balance
       FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
       LEFT JOIN organisation o ON o.id::text = l.counterparty
       LEFT JOIN enterprise e ON e.id::text = l.counterparty
      WHERE l.org_id = $1 AND j.posted_at <= $2
      GROUP BY l.account, l.counterparty, o.name_zh, e.name
     HAVING sum(l.amount) <> 0
      ORDER BY l.account, counterparty_name`,
    [orgId, asOf],
  );
  return r.rows;
}

export async function bookLines(
  db: Queryable,
  orgId: string,
  filter: {
    counterparty?: string | undefined;
    account?: string | undefined;
    from: Date;
    to: Date;
    limit: number;
    offset: number;
  },
) {
  const where = `l.org_id = $1 AND ($2::text IS NULL OR l.counterparty = $2) AND ($3::text IS NULL OR l.account = $3)
    AND j.posted_at >= $4 AND j.posted_at < $5`;
  const params = [orgId, filter.counterparty ?? null, filter.account ?? null, filter.from, filter.to];
  const opening = await db.query<{ account: string; balance: bigint }>(
    `SELECT l.account, sum(l.amount)::bigint AS balance FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
      WHERE l.org_id = $1 AND ($2::text IS NULL OR l.counterparty = $2) AND ($3::text IS NULL OR l.account = $3)
        AND j.posted_at < $4 GROUP BY l.account`,
    params.slice(0, 4),
  );
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id WHERE ${where}`,
    params,
  );
  const r = await db.query<{
    entry_id: string;
    line_no: number;
    kind: string;
    description: string;
    posted_at: Date;
    account: string;
    counterparty: string;
    amount: bigint;
    policy_id: string | null;
    policy_number: string | null;
  }>(
    `SELECT l.entry_id, l.line_no, j.kind, j.description, j.posted_at, l.account, l.counterparty, l.amount,
            l.policy_id, p.number AS policy_number
       FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id LEFT JOIN policy p ON p.id = l.policy_id
      WHERE ${where} ORDER BY j.posted_at, j.id, l.line_no LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  return { opening: opening.rows, rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function trialBalance(db: Queryable, orgId: string | null, asOf: Date) {
  const r = await db.query<{ account: string; debit: bigint; credit: bigint; balance: bigint }>(
    `SELECT l.account, sum(GREATEST(l.amount, 0))::bigint AS debit, sum(LEAST(l.amount, 0))::bigint AS credit,
            sum(l.amount)::bigint AS balance
       FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
      WHERE ($1::uuid IS NULL OR l.org_id = $1::uuid) AND j.posted_at <= $2
      GROUP BY l.account ORDER BY l.account`,
    [orgId, asOf],
  );
  return r.rows;
}

// ---- the monthly close ----------------------------------------------------------------------------

export async function lastClose(db: Queryable) {
  const r = await db.query<{ month: string }>(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month FROM ledger_close ORDER BY month DESC LIMIT 1`,
  );
  return r.rows[0]?.month ?? null;
}

export async function listCloses(db: Queryable) {
  const r = await db.query<{
    month: string;
    policies: number;
    upr_change: bigint;
    closed_at: Date;
  }>(
    `SELECT to_char(month, 'YYYY-MM-DD') AS month, policies, upr_change, closed_at FROM ledger_close ORDER BY month DESC`,
  );
  return r.rows;
}

/** Inserts the close row first: a second close of the month fails on the key (and waits for a racing one). */
export async function insertClose(
  db: Queryable,
  month: string,
  at: Date,
  by: string | null,
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO ledger_close (month, policies, upr_change, closed_at, closed_by) VALUES ($1, 0, 0, $2, $3)
     ON CONFLICT (month) DO NOTHING`,
    [month, at, by],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function finishClose(
  db: Queryable,
  month: string,
  entryId: string | null,
  policies: number,
  change: bigint,
) {
  await db.query('UPDATE ledger_close SET entry_id = $2, policies = $3, upr_change = $4 WHERE month = $1', [
    month,
    entryId,
    policies,
    change.toString(),
  ]);
}

export interface UprPolicyRow {
  id: string;
  number: string;
  enterprise_id: string;
  product_code: string;
  statistical_class: string;
  start_date: string;
  end_date: string;
  cancelled_on: string | null;
  lines: { orgId: string; premium: string }[];
  written: string;
  layers: {
    amount: string;
    from: string;
    kind: 'endorse' | 'cancel';
    endDate: { from: string; to: string } | null;
  }[];
  booked: { orgId: string; balance: string }[];
}

/**
 * Policies bound up to `boundBefore`, with each participant's premium, the premium layers (bind and every
 * endorsement or cancellation movement) and the UPR already booked per participant; by id, in pages.
 */
export async function uprPolicies(
  db: Queryable,
  boundBefore: Date,
  monthStart: string,
  afterId: string | null,
  limit: number,
) {
  const r = await db.query<UprPolicyRow>(
    `SELECT p.id, p.number, p.enterprise_id, p.product_code, p.statistical_class,
            to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
            to_char(p.cancelled_on, 'YYYY-MM-DD') AS cancelled_on, p.written_premium::text AS written,
            (SELECT json_agg(json_build_object('orgId', l.org_id, 'premium', l.premium::text) ORDER BY l.org_id)
               FROM policy_line l WHERE l.policy_id = p.id) AS lines,
            (SELECT coalesce(json_agg(json_build_object('amount', e.premium_delta::text,
                      'from', to_char(e.effective_date, 'YYYY-MM-DD'), 'kind', e.kind, 'endDate', e.changes->'endDate')
                    ORDER BY e.seq), '[]')
               FROM policy_endorsement e WHERE e.policy_id = p.id) AS layers,
            coalesce(bk.booked, '[]') AS booked
       FROM policy p
       -- The reserve each co-insurer's books hold for the policy, probed by the policy's own index entries
       -- (an EXISTS here would be planned as a hash of every reserve line, rebuilt for each page while the
       -- close adds lines: quadratic over a large zone's first close).
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('orgId', b.org_id, 'balance', b.balance::text)) AS booked
           FROM (SELECT jl.org_id, sum(jl.amount) AS balance FROM journal_line jl
                  WHERE jl.policy_id = p.id AND jl.account = 'unearned_premium_reserve'
                  GROUP BY jl.org_id) b) bk ON true
      WHERE p.bound_at < $1 AND p.master_policy_id IS NULL AND ($2::uuid IS NULL OR p.id > $2::uuid)
        AND (p.end_date >= $4::date OR bk.booked IS NOT NULL)
      ORDER BY p.id LIMIT $3`,
    [boundBefore, afterId, limit, monthStart],
  );
  return r.rows;
}

// ---- settlement statements ------------------------------------------------------------------------

export interface StatementRow {
  id: string;
  number: string;
  kind: 'coinsurance' | 'reinsurance' | 'subsidy';
  org_id: string;
  counterparty: string;
  as_of: string;
  amount: bigint;
  status: 'open' | 'settled' | 'void';
  settle_entry: string | null;
  channel_ref: string | null;
  created_by: string | null;
  created_at: Date;
  settled_at: Date | null;
}

/** Per policy, the balances in `orgId`'s books against `counterparty` of the given accounts, up to `asOf`. */
export async function openBalancesByPolicy(
  db: Queryable,
  orgId: string,
  counterparty: string,
  accounts: readonly string[],
  asOf: Date,
) {
  const r = await db.query<{ policy_id: string; account: string; balance: bigint }>(
    `SELECT l.policy_id, l.account, sum(l.amount)::bigint AS balance
       FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
      WHERE l.org_id = $1 AND l.counterparty = $2 AND l.account = ANY($3::text[]) AND j.posted_at <= $4
        AND l.policy_id IS NOT NULL
      GROUP BY l.policy_id, l.account HAVING sum(l.amount) <> 0 ORDER BY l.policy_id, l.account`,
    [orgId, counterparty, accounts, asOf],
  );
  return r.rows;
}

/**
 * The insurers whose books hold, on some policy, an open subsidy_receivable from the funder up to `asOf` —
 * those the funder has a subsidy statement to draw up with —, by name.
 */
export async function insurersWithSubsidyOpen(db: Queryable, funderId: string, asOf: Date) {
  const r = await db.query<{ id: string; name_zh: string }>(
    `SELECT o.id, o.name_zh FROM organisation o
      WHERE o.kind = 'insurer' AND EXISTS (
        SELECT 1 FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
         WHERE l.org_id = o.id AND l.account = 'subsidy_receivable' AND l.counterparty = $1
           AND j.posted_at <= $2 AND l.policy_id IS NOT NULL
         GROUP BY l.policy_id HAVING sum(l.amount) <> 0)
      ORDER BY o.name_zh, o.id`,
    [funderId, asOf],
  );
  return r.rows;
}

/** A statement's item: a balance it clears, in the drawer's books unless `orgId` names another. */
export interface StatementItemInsert {
  policyId: string;
  account: string;
  amount: bigint;
  orgId?: string | null;
}

/** What a subsidy statement settles on one grant. */
export interface StatementGrantInsert {
  grantId: string;
  policyId: string;
  amount: bigint;
}

export async function insertStatement(
  db: Queryable,
  row: StatementRow,
  items: readonly StatementItemInsert[],
  grants: readonly StatementGrantInsert[] = [],
): Promise<void> {
  await db.query(
    `INSERT INTO settlement_statement (id, number, kind, org_id, counterparty, as_of, amount, status, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)`,
    [
      row.id,
      row.number,
      row.kind,
      row.org_id,
      row.counterparty,
      row.as_of,
      row.amount.toString(),
      row.created_by,
      row.created_at,
    ],
  );
  await db.query(
    `INSERT INTO settlement_item (statement_id, policy_id, account, amount, org_id)
     SELECT $1, p, a, amt, o FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::uuid[]) AS t(p, a, amt, o)`,
    [
      row.id,
      items.map((i) => i.policyId),
      items.map((i) => i.account),
      items.map((i) => i.amount.toString()),
      items.map((i) => i.orgId ?? null),
    ],
  );
  if (grants.length === 0) return;
  await db.query(
    `INSERT INTO settlement_grant (statement_id, grant_id, policy_id, amount)
     SELECT $1, g, p, amt FROM unnest($2::uuid[], $3::uuid[], $4::bigint[]) AS t(g, p, amt)`,
    [
      row.id,
      grants.map((g) => g.grantId),
      grants.map((g) => g.policyId),
      grants.map((g) => g.amount.toString()),
    ],
  );
}

/**
 * Serialises one drawer's statements: two drawn up at once for the same counterparty would otherwise both
 * find none open. FOR NO KEY UPDATE leaves the row's foreign-key checks (FOR KEY SHARE) unblocked.
 */
export async function lockDrawer(db: Queryable, orgId: string): Promise<void> {
  await db.query('SELECT 1 FROM organisation WHERE id = $1 FOR NO KEY UPDATE', [orgId]);
}

export async function hasOpenStatement(db: Queryable, kind: string, orgId: string, counterparty: string) {
  const r = await db.query<{ id: string; number: string }>(
    `SELECT id, number FROM settlement_statement WHERE kind = $1 AND org_id = $2 AND counterparty = $3 AND status = 'open'`,
    [kind, orgId, counterparty],
  );
  return r.rows[0] ?? null;
}

const STATEMENT_VISIBLE = `($1::boolean OR s.org_id = $2::uuid OR s.counterparty = $2::text)`;

export async function listStatements(
  db: Queryable,
  scope: LedgerScope,
  filter: {
    kind?: string | undefined;
    status?: string | undefined;
    drawer?: string | undefined;
    counterparty?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const where = `${STATEMENT_VISIBLE} AND ($3::text IS NULL OR s.kind = $3) AND ($4::text IS NULL OR s.status = $4)
    AND ($5::uuid IS NULL OR s.org_id = $5) AND ($6::text IS NULL OR s.counterparty = $6)
    AND ($7::date IS NULL OR s.as_of >= $7) AND ($8::date IS NULL OR s.as_of <= $8)`;
  const params = [
    scope.all,
    scope.orgId,
    filter.kind ?? null,
    filter.status ?? null,
    filter.drawer ?? null,
    filter.counterparty ?? null,
    filter.from ?? null,
    filter.to ?? null,
  ];
  const total = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM settlement_statement s WHERE ${where}`,
    params,
  );
  const r = await db.query<StatementRow & { org_name: string; counterparty_name: string; items: number }>(
    `SELECT s.*, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, o.name_zh AS org_name,
            COALESCE(c.name_zh, s.counterparty) AS counterparty_name,
            (SELECT count(DISTINCT i.policy_id)::int FROM settlement_item i WHERE i.statement_id = s.id) AS items
       FROM settlement_statement s JOIN organisation o ON o.id = s.org_id
       LEFT JOIN organisation c ON c.id::text = s.counterparty
      WHERE ${where} ORDER BY s.created_at DESC, s.number DESC LIMIT $9 OFFSET $10`,
    [...params, filter.limit, filter.offset],
  );
  return { rows: r.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function findVisibleStatement(db: Queryable, scope: LedgerScope, id: string, lock = false) {
  const r = await db.query<StatementRow & { org_name: string; counterparty_name: string }>(
    `SELECT s.*, to_char(s.as_of, 'YYYY-MM-DD') AS as_of, o.name_zh AS org_name,
            COALESCE(c.name_zh, s.counterparty) AS counterparty_name
       FROM settlement_statement s JOIN organisation o ON o.id = s.org_id
       LEFT JOIN organisation c ON c.id::text = s.counterparty
      WHERE ${STATEMENT_VISIBLE} AND s.id = $3 ${lock ? 'FOR UPDATE OF s' : ''}`,
    [scope.all, scope.orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function statementItems(db: Queryable, id: string) {
  const r = await db.query<{
    policy_id: string;
    policy_number: string;
    product_code: string;
    statistical_class: string;
    enterprise_name: string;
    start_date: string;
    end_date: string;
    account: string;
    amount: bigint;
    org_id: string | null;
  }>(
    `SELECT i.policy_id, p.number AS policy_number, p.product_code, p.statistical_class, e.name AS enterprise_name,
            to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
            i.account, i.amount, i.org_id
       FROM settlement_item i JOIN policy p ON p.id = i.policy_id JOIN enterprise e ON e.id = p.enterprise_id
      WHERE i.statement_id = $1 ORDER BY p.number, i.account`,
    [id],
  );
  return r.rows;
}

/** A subsidy statement's grants, per policy, with the programme each belongs to. */
export async function statementGrants(db: Queryable, id: string) {
  const r = await db.query<{
    grant_id: string;
    policy_id: string;
    policy_number: string;
    product_code: string;
    statistical_class: string;
    enterprise_name: string;
    start_date: string;
    end_date: string;
    programme_code: string;
    programme_name: string;
    amount: bigint;
  }>(
    `SELECT sg.grant_id, sg.policy_id, p.number AS policy_number, p.product_code, p.statistical_class,
            e.name AS enterprise_name, to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
            to_char(p.end_date, 'YYYY-MM-DD') AS end_date, g.programme_code, sp.name_zh AS programme_name, sg.amount
       FROM settlement_grant sg JOIN policy p ON p.id = sg.policy_id JOIN enterprise e ON e.id = p.enterprise_id
       JOIN subsidy_grant g ON g.id = sg.grant_id JOIN subsidy_programme sp ON sp.code = g.programme_code
      WHERE sg.statement_id = $1 ORDER BY p.number, g.created_at, g.id`,
    [id],
  );
  return r.rows;
}

/** An organisation's kind and name (null: no such organisation); `id` must be a UUID. */
export async function findOrganisationKind(db: Queryable, id: string) {
  const r = await db.query<{ id: string; kind: string; name_zh: string }>(
    'SELECT id, kind, name_zh FROM organisation WHERE id = $1',
    [id],
  );
  return r.rows[0] ?? null;
}

/** The insurer's invoices to a funder on the policies, not fully settled, earliest due first, locked. */
export async function lockFunderInvoices(
  db: Queryable,
  orgId: string,
  funderId: string,
  policyIds: readonly string[],
) {
  const r = await db.query<InvoiceRow>(
    `SELECT * FROM invoice WHERE org_id = $1 AND payer_kind = 'funder' AND payer_id = $2
        AND policy_id = ANY($3::uuid[]) AND settled <> amount
      ORDER BY due_date, number FOR UPDATE`,
    [orgId, funderId, policyIds],
  );
  return r.rows;
}

export async function markStatementSettled(
  db: Queryable,
  id: string,
  entryId: string,
  channelRef: string,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE settlement_statement SET status = 'settled', settle_entry = $2, channel_ref = $3, settled_at = $4 WHERE id = $1`,
    [id, entryId, channelRef, at],
  );
}

export async function markStatementVoid(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE settlement_statement SET status = 'void' WHERE id = $1`, [id]);
}

// ---- verification ---------------------------------------------------------------------------------

/** Entries whose lines do not sum to zero (there must never be any). */
export async function unbalancedEntries(db: Queryable): Promise<string[]> {
  const r = await db.query<{ entry_id: string }>(
    'SELECT entry_id FROM journal_line GROUP BY entry_id HAVING sum(amount) <> 0 ORDER BY entry_id',
  );
  return r.rows.map((row) => row.entry_id);
}

/** Entries whose lines in one organisation's books do not sum to zero. */
export async function unbalancedBooks(db: Queryable) {
  const r = await db.query<{ entry_id: string; org_id: string; off: bigint }>(
    `SELECT entry_id, org_id, sum(amount)::bigint AS off FROM journal_line
      GROUP BY entry_id, org_id HAVING sum(amount) <> 0 ORDER BY entry_id LIMIT 100`,
  );
  return r.rows;
}

export async function ledgerTotals(db: Queryable) {
  const r = await db.query<{ entries: string; lines: string; total: string }>(
    `SELECT (SELECT count(*) FROM journal_entry)::text AS entries, count(*)::text AS lines,
            coalesce(sum(amount), 0)::text AS total FROM journal_line`,
  );
  const row = r.rows[0];
  return {
    entries: Number(row?.entries ?? 0),
    lines: Number(row?.lines ?? 0),
    total: BigInt(row?.total ?? '0'),
  };
}

/** Policies whose co-insurers' premium income differs from the written premium, or lines from the premium. */
export async function premiumMismatches(db: Queryable) {
  const r = await db.query<{
    policy_id: string;
    number: string;
    written: bigint;
    income: bigint;
    lines: bigint;
    premium: bigint;
  }>(
    `SELECT p.id AS policy_id, p.number, p.written_premium AS written, coalesce(j.income, 0)::bigint AS income,
            coalesce(l.total, 0)::bigint AS lines
       FROM policy p
       LEFT JOIN (SELECT policy_id, -sum(amount) AS income FROM journal_line WHERE account = 'premium_income'
                   GROUP BY policy_id) j ON j.policy_id = p.id
       LEFT JOIN (SELECT policy_id, sum(premium) AS total FROM policy_line GROUP BY policy_id) l ON l.policy_id = p.id
      WHERE p.master_policy_id IS NULL
        AND (coalesce(j.income, 0) <> p.written_premium OR coalesce(l.total, 0) <> p.written_premium)
      ORDER BY p.number LIMIT 100`,
  );
  return r.rows;
}

/** Invoices whose amounts differ from the receivable lines of the entries that raised them. */
export async function invoiceMismatches(db: Queryable) {
  const r = await db.query<{ entry_id: string; invoiced: bigint; receivable: bigint }>(
    `SELECT e.entry_id, coalesce(i.total, 0)::bigint AS invoiced, e.total::bigint AS receivable
       FROM (SELECT l.entry_id, sum(l.amount) AS total FROM journal_line l JOIN journal_entry j ON j.id = l.entry_id
              WHERE j.kind IN ('bind', 'endorse', 'cancel', 'subsidy_lapse') AND l.account IN ('premium_receivable', 'subsidy_receivable')
              GROUP BY l.entry_id) e
       LEFT JOIN (SELECT entry_id, sum(amount) AS total FROM invoice GROUP BY entry_id) i ON i.entry_id = e.entry_id
      WHERE coalesce(i.total, 0) <> e.total ORDER BY e.entry_id LIMIT 100`,
  );
  return r.rows;
}

/** Invoices whose settled amount differs from their settlement records, or instalments from the invoice. */
export async function settlementMismatches(db: Queryable) {
  const r = await db.query<{
    number: string;
    settled: bigint;
    recorded: bigint;
    instalments: bigint;
    inst_settled: bigint;
    amount: bigint;
  }>(
    `SELECT i.number, i.settled, coalesce(s.total, 0)::bigint AS recorded, coalesce(n.total, 0)::bigint AS instalments,
            coalesce(n.settled, 0)::bigint AS inst_settled, i.amount
       FROM invoice i
       LEFT JOIN (SELECT invoice_id, sum(amount) AS total FROM invoice_settlement GROUP BY invoice_id) s ON s.invoice_id = i.id
       LEFT JOIN (SELECT invoice_id, sum(amount) AS total, sum(settled) AS settled FROM invoice_instalment
                   GROUP BY invoice_id) n ON n.invoice_id = i.id
      WHERE coalesce(s.total, 0) <> i.settled OR coalesce(n.total, 0) <> i.amount OR coalesce(n.settled, 0) <> i.settled
      ORDER BY i.number LIMIT 100`,
  );
  return r.rows;
}

/** Payments whose applied part differs from what their settlement records add up to. */
export async function paymentMismatches(db: Queryable) {
  const r = await db.query<{ number: string; applied: bigint; recorded: bigint }>(
    `SELECT p.number, p.applied, coalesce(s.total, 0)::bigint AS recorded FROM payment p
       LEFT JOIN (SELECT payment_id, sum(abs(amount)) AS total FROM invoice_settlement WHERE payment_id IS NOT NULL
                   GROUP BY payment_id) s ON s.payment_id = p.id
      WHERE p.applied <> coalesce(s.total, 0) ORDER BY p.number LIMIT 100`,
  );
  return r.rows;
}

/** Settled statements whose settling entry did not clear exactly the balances they listed. */
export async function statementMismatches(db: Queryable) {
  const r = await db.query<{
    number: string;
    policy_id: string;
    account: string;
    listed: bigint;
    cleared: bigint;
  }>(
    `SELECT s.number, i.policy_id, i.account, i.amount AS listed, coalesce(-c.total, 0)::bigint AS cleared
       FROM settlement_statement s JOIN settlement_item i ON i.statement_id = s.id
       LEFT JOIN LATERAL (SELECT sum(l.amount) AS total FROM journal_line l
                           WHERE l.entry_id = s.settle_entry AND l.policy_id = i.policy_id AND l.account = i.account
                             AND l.org_id = COALESCE(i.org_id, s.org_id)) c ON true
      WHERE s.status = 'settled' AND i.amount <> coalesce(-c.total, 0) ORDER BY s.number LIMIT 100`,
  );
  return r.rows;
}

/** Subsidy statements whose grants do not add up, per policy, to the subsidy they list. */
export async function statementGrantMismatches(db: Queryable) {
  const r = await db.query<{ number: string; policy_id: string; listed: bigint; grants: bigint }>(
    `SELECT s.number, i.policy_id, (-i.amount)::bigint AS listed, coalesce(g.total, 0)::bigint AS grants
       FROM settlement_statement s JOIN settlement_item i ON i.statement_id = s.id AND i.org_id IS NULL
       LEFT JOIN (SELECT statement_id, policy_id, sum(amount) AS total FROM settlement_grant
                   GROUP BY statement_id, policy_id) g ON g.statement_id = s.id AND g.policy_id = i.policy_id
      WHERE s.kind = 'subsidy' AND -i.amount <> coalesce(g.total, 0) ORDER BY s.number LIMIT 100`,
  );
  return r.rows;
}

/**
 * Booked UPR per policy and participant outside [0, what the participant ever wrote on it] (returns in the
 * month after a close leave the booked UPR above the net written premium until the next close releases it).
 */
export async function uprOutOfRange(db: Queryable) {
  const r = await db.query<{ number: string; org_id: string; upr: bigint }>(
    `SELECT p.number, b.org_id, (-b.balance)::bigint AS upr FROM
       (SELECT policy_id, org_id, sum(amount) AS balance FROM journal_line WHERE account = 'unearned_premium_reserve'
         GROUP BY policy_id, org_id) b
       JOIN policy p ON p.id = b.policy_id
       LEFT JOIN (SELECT policy_id, org_id, -sum(LEAST(amount, 0)) AS gross FROM journal_line
                   WHERE account = 'premium_income' GROUP BY policy_id, org_id) w
              ON w.policy_id = b.policy_id AND w.org_id = b.org_id
      WHERE -b.balance < 0 OR -b.balance > coalesce(w.gross, 0)
      ORDER BY p.number LIMIT 100`,
  );
  return r.rows;
}

/** One policy's UPR inputs, if the actor may see it (its insurers, holder, broker; or everyone with all). */
export async function visibleUprPolicy(db: Queryable, scope: LedgerScope, policyId: string) {
  const r = await db.query<UprPolicyRow & { lead_org_id: string }>(
    `SELECT p.id, p.number, p.enterprise_id, p.product_code, p.statistical_class, p.lead_org_id,
            to_char(p.start_date, 'YYYY-MM-DD') AS start_date, to_char(p.end_date, 'YYYY-MM-DD') AS end_date,
            to_char(p.cancelled_on, 'YYYY-MM-DD') AS cancelled_on, p.written_premium::text AS written,
            (SELECT json_agg(json_build_object('orgId', l.org_id, 'premium', l.premium::text, 'name', o.name_zh)
                    ORDER BY l.org_id)
               FROM policy_line l JOIN organisation o ON o.id = l.org_id WHERE l.policy_id = p.id) AS lines,
            (SELECT coalesce(json_agg(json_build_object('amount', e.premium_delta::text,
                      'from', to_char(e.effective_date, 'YYYY-MM-DD'), 'kind', e.kind, 'endDate', e.changes->'endDate')
                    ORDER BY e.seq), '[]')
               FROM policy_endorsement e WHERE e.policy_id = p.id) AS layers,
            (SELECT coalesce(json_agg(json_build_object('orgId', b.org_id, 'balance', b.balance::text)), '[]')
               FROM (SELECT jl.org_id, sum(jl.amount) AS balance FROM journal_line jl
                      WHERE jl.policy_id = p.id AND jl.account = 'unearned_premium_reserve'
                      GROUP BY jl.org_id) b) AS booked
       FROM policy p
      WHERE p.id = $3 AND ($1::boolean OR p.enterprise_org = $2::uuid OR p.broker_org_id = $2::uuid
            OR EXISTS (SELECT 1 FROM policy_line l WHERE l.policy_id = p.id AND l.org_id = $2::uuid))`,
    [scope.all, scope.orgId, policyId],
  );
  return r.rows[0] ?? null;
}

/**
 * Many entries at once for bulk loads (a single writer: the seed, an import of registered business):
 * entries and lines as arrays, two statements per batch, whatever its size.
 */
export async function insertJournalBatch(
  db: Queryable,
  entries: readonly {
    id: string;
    kind: string;
    policyId: string | null;
    description: string;
    postedAt: Date;
    productCode: string | null;
    statisticalClass: string | null;
    lines: readonly JournalLineInsert[];
  }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO journal_entry (id, kind, policy_id, description, posted_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[])`,
    [
      entries.map((e) => e.id),
      entries.map((e) => e.kind),
      entries.map((e) => e.policyId),
      entries.map((e) => e.description),
      entries.map((e) => e.postedAt),
    ],
  );
  const cols: [
    string[],
    number[],
    string[],
    (string | null)[],
    string[],
    string[],
    (string | null)[],
    (string | null)[],
    (string | null)[],
  ] = [[], [], [], [], [], [], [], [], []];
  for (const e of entries) {
    e.lines.forEach((l, i) => {
      cols[0].push(e.id);
      cols[1].push(i + 1);
      cols[2].push(l.account);
      cols[3].push(l.orgId);
      cols[4].push(l.counterparty);
      cols[5].push(l.amount.toString());
      cols[6].push(l.productCode === undefined ? e.productCode : l.productCode);
      cols[7].push(l.statisticalClass === undefined ? e.statisticalClass : l.statisticalClass);
      cols[8].push(l.policyId === undefined ? e.policyId : l.policyId);
    });
  }
  await db.query(
    `INSERT INTO journal_line (entry_id, line_no, account, org_id, counterparty, amount, product_code,
       statistical_class, policy_id)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::text[],
       $8::text[], $9::uuid[])`,
    cols,
  );
}

/**
 * Group policies whose bind was posted per certificate, checked member by member: each certificate's
 * co-insurers' premium income (the lines tagged with it) equals its written premium and each of its lines'
 * premium; the master's written premium and each of its lines equal the sums over its certificates.
 */
export async function certificateMismatches(db: Queryable) {
  const r = await db.query<{
    number: string;
    org_id: string | null;
    expected: bigint;
    found: bigint;
    what: 'certificate_income' | 'certificate_lines' | 'master_written' | 'master_line';
  }>(
    `WITH masters AS (
       SELECT m.id, m.number, m.written_premium FROM policy m
        WHERE m.id IN (SELECT master_policy_id FROM policy WHERE master_policy_id IS NOT NULL)
          AND EXISTS (SELECT 1 FROM journal_entry je JOIN journal_line t ON t.entry_id = je.id
                       WHERE je.policy_id = m.id AND je.kind = 'bind' AND t.certificate_id IS NOT NULL)),
     certs AS (
       SELECT c.id, c.number, c.master_policy_id, c.written_premium FROM policy c JOIN masters m ON m.id = c.master_policy_id),
     income AS (
       SELECT l.certificate_id, l.org_id, -sum(l.amount) AS income FROM journal_line l JOIN certs c ON c.id = l.certificate_id
        WHERE l.account = 'premium_income' GROUP BY l.certificate_id, l.org_id),
     lines AS (
       SELECT l.policy_id, l.org_id, l.premium FROM policy_line l JOIN certs c ON c.id = l.policy_id)
     SELECT c.number, x.org_id, coalesce(x.premium, 0)::bigint AS expected, coalesce(x.income, 0)::bigint AS found,
            'certificate_income' AS what
       FROM certs c
       JOIN (SELECT coalesce(li.policy_id, i.certificate_id) AS id, coalesce(li.org_id, i.org_id) AS org_id,
                    li.premium, i.income
               FROM lines li FULL JOIN income i ON i.certificate_id = li.policy_id AND i.org_id = li.org_id) x
         ON x.id = c.id
      WHERE coalesce(x.premium, 0) <> coalesce(x.income, 0)
     UNION ALL
     SELECT c.number, NULL, c.written_premium, coalesce(sum(l.premium), 0)::bigint, 'certificate_lines'
       FROM certs c LEFT JOIN lines l ON l.policy_id = c.id
      GROUP BY c.id, c.number, c.written_premium HAVING coalesce(sum(l.premium), 0) <> c.written_premium
     UNION ALL
     SELECT m.number, NULL, m.written_premium, coalesce(sum(c.written_premium), 0)::bigint, 'master_written'
       FROM masters m LEFT JOIN certs c ON c.master_policy_id = m.id
      GROUP BY m.id, m.number, m.written_premium HAVING coalesce(sum(c.written_premium), 0) <> m.written_premium
     UNION ALL
     SELECT m.number, ml.org_id, ml.premium, coalesce(s.total, 0)::bigint, 'master_line'
       FROM masters m JOIN policy_line ml ON ml.policy_id = m.id
       LEFT JOIN (SELECT c.master_policy_id, l.org_id, sum(l.premium) AS total FROM certs c JOIN lines l ON l.policy_id = c.id
                   GROUP BY c.master_policy_id, l.org_id) s ON s.master_policy_id = m.id AND s.org_id = ml.org_id
      WHERE coalesce(s.total, 0) <> ml.premium
      ORDER BY 1, 2 LIMIT 100`,
  );
  return r.rows;
}
