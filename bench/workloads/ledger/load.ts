/**
 * The ledger workload's three ways of writing postings: through the server's transaction runner one posting
 * per transaction, the same lines by a bare INSERT one posting per transaction, and the bulk path — many
 * postings per transaction from a single writer.
 */
import { randomUUID } from 'node:crypto';
import { type Ctx, createTxRunner, postEntry, postJournalBatch, systemActor } from '@kebao/server';
import type pg from 'pg';
import { bindLines, descriptionOf, ENTRY_KIND, PRODUCT_CODE, STATISTICAL_CLASS } from './postings.ts';

/** One posting of the service path: the runner's transaction around `postEntry`. */
export type PostOne = (i: number) => Promise<void>;

/**
 * A posting through the server's own code: `createTxRunner` (BEGIN, the service, the runner's audit and
 * outbox step — empty here — COMMIT) around `postEntry`, which checks the entry balances and stores it in
 * two statements. The lines carry the product code and statistical class as a bind's do.
 */
export function servicePoster(pool: pg.Pool): PostOne {
  const tx = createTxRunner({ pool, clock: () => new Date() });
  return async (i) => {
    const lines = bindLines(i).map((l) => ({
      ...l,
      productCode: PRODUCT_CODE,
      statisticalClass: STATISTICAL_CLASS,
    }));
    await tx(systemActor, null, (ctx: Ctx) =>
      postEntry(ctx, { kind: ENTRY_KIND, description: descriptionOf(i), policyId: null, lines }),
    );
  };
}

export const BARE_TABLE = 'bare_journal_line';

/** The bare baseline's table: the journal line's columns, no key, index, foreign key or check. */
export const BARE_TABLE_SQL = `CREATE TABLE ${BARE_TABLE} (
  entry_id uuid, line_no integer, account text, org_id uuid, counterparty text, amount bigint,
  product_code text, statistical_class text, policy_id uuid)`;

const BARE_INSERT = {
  name: 'bench_bare_lines',
  text: `INSERT INTO ${BARE_TABLE} (entry_id, line_no, account, org_id, counterparty, amount, product_code,
           statistical_class, policy_id)
         SELECT $1, n, a, o, c, amt, $5, $6, NULL
           FROM unnest($2::text[], $3::uuid[], $4::bigint[], $7::text[]) WITH ORDINALITY AS l(a, o, amt, c, n)`,
};

/**
 * The same lines by one prepared INSERT, committed on its own (one statement, one transaction, one round
 * trip): no runner, no balance check, no entry row, into a table without indexes — the floor of a durable
 * posting from many clients.
 */
export function barePoster(pool: pg.Pool): PostOne {
  return async (i) => {
    const lines = bindLines(i);
    await pool.query({
      ...BARE_INSERT,
      values: [
        randomUUID(),
        lines.map((l) => l.account),
        lines.map((l) => l.orgId),
        lines.map((l) => l.amount.toString()),
        PRODUCT_CODE,
        STATISTICAL_CLASS,
        lines.map((l) => l.counterparty),
      ],
    });
  };
}

export interface Completed {
  latencyMs: number;
  endedAt: number;
}

/**
 * `clients` closed loops, each one posting at a time, until `deadline` (performance.now()); `next` numbers
 * the postings. The first failure stops every loop (each finishes the posting it is in) and is thrown.
 */
export async function drive(
  clients: number,
  deadline: number,
  next: () => number,
  post: PostOne,
): Promise<Completed[]> {
  const done: Completed[] = [];
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (failures.length === 0 && performance.now() < deadline) {
        const started = performance.now();
        try {
          await post(next());
        } catch (error) {
          failures.push(error);
          return;
        }
        const ended = performance.now();
        done.push({ latencyMs: ended - started, endedAt: ended });
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
  return done;
}

export interface BulkRun {
  postings: number;
  lines: number;
  transactions: number;
  seconds: number;
  /** Building the postings' lines with the posting rule (this process, between transactions). */
  buildSeconds: number;
  /** Inside the runner: postJournalBatch's checks and arrays, the two INSERTs, COMMIT. */
  transactionSeconds: number;
}

type BatchInput = Parameters<typeof postJournalBatch>[1][number];

/** Postings from (inclusive) to (exclusive) as postJournalBatch takes them. */
function batchInputs(from: number, to: number): BatchInput[] {
  // postJournalBatch types the policy as a string (the bind's); the journal stores NULL for none.
  const noPolicy = null as unknown as string;
  const inputs: BatchInput[] = [];
  for (let i = from; i < to; i++) {
    inputs.push({
      kind: ENTRY_KIND,
      policyId: noPolicy,
      description: descriptionOf(i),
      productCode: PRODUCT_CODE,
      statisticalClass: STATISTICAL_CLASS,
      lines: bindLines(i),
    });
  }
  return inputs;
}

/**
 * The bulk path: one connection posting `total` postings, `batch` per transaction, each transaction the
 * runner around `postJournalBatch` (every entry checked to balance, entries and lines in two statements).
 */
export async function bulkLoad(pool: pg.Pool, total: number, batch: number): Promise<BulkRun> {
  const tx = createTxRunner({ pool, clock: () => new Date() });
  let posted = 0;
  let lines = 0;
  let transactions = 0;
  let buildMs = 0;
  let txMs = 0;
  const started = performance.now();
  while (posted < total) {
    const t0 = performance.now();
    const inputs = batchInputs(posted, Math.min(total, posted + batch));
    for (const input of inputs) lines += input.lines.length;
    const t1 = performance.now();
    await tx(systemActor, null, (ctx) => postJournalBatch(ctx, inputs));
    txMs += performance.now() - t1;
    buildMs += t1 - t0;
    posted += inputs.length;
    transactions++;
  }
  return {
    postings: posted,
    lines,
    transactions,
    seconds: (performance.now() - started) / 1000,
    buildSeconds: buildMs / 1000,
    transactionSeconds: txMs / 1000,
  };
}

/** What one statement of a batch cost inside PostgreSQL (EXPLAIN ANALYZE), triggers apart. */
export interface StatementCost {
  statement: string;
  rows: number;
  ms: number;
  /** Foreign-key checks and other triggers, included in `ms`. */
  triggers: { name: string; ms: number; calls: number }[];
}

interface PlanJson {
  Plan?: { 'Actual Rows'?: number; Plans?: { 'Actual Rows'?: number }[] };
  'Planning Time'?: number;
  'Execution Time'?: number;
  Triggers?: { 'Trigger Name'?: string; 'Constraint Name'?: string; Time?: number; Calls?: number }[];
}

function costOf(statement: string, plan: PlanJson | undefined): StatementCost {
  const rows = plan?.Plan?.Plans?.[0]?.['Actual Rows'] ?? plan?.Plan?.['Actual Rows'] ?? 0;
  return {
    statement,
    rows,
    ms: Math.round(((plan?.['Execution Time'] ?? 0) + (plan?.['Planning Time'] ?? 0)) * 10) / 10,
    triggers: (plan?.Triggers ?? []).map((t) => ({
      name: t['Constraint Name'] ?? t['Trigger Name'] ?? 'trigger',
      ms: Math.round((t.Time ?? 0) * 10) / 10,
      calls: t.Calls ?? 0,
    })),
  };
}

const BARE_BATCH_INSERT = `INSERT INTO ${BARE_TABLE} (entry_id, line_no, account, org_id, counterparty, amount, product_code,
    statistical_class, policy_id)
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::uuid[], $5::text[], $6::bigint[], $7::text[],
    $8::text[], $9::uuid[])`;

/**
 * Where a batch's time goes inside PostgreSQL: one more batch of `batch` postings through postJournalBatch
 * with each of its statements run under EXPLAIN ANALYZE (they execute as they would), then the same lines
 * into the bare table (no keys, indexes or foreign keys), all in one transaction that is rolled back.
 */
export async function bulkAnatomy(pool: pg.Pool, from: number, batch: number): Promise<StatementCost[]> {
  const inputs = batchInputs(from, from + batch);
  const client = await pool.connect();
  const costs: StatementCost[] = [];
  const explain = async (label: string, text: string, values?: unknown[]) => {
    const r = await client.query<{ 'QUERY PLAN': PlanJson[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${text}`,
      values,
    );
    costs.push(costOf(label, r.rows[0]?.['QUERY PLAN']?.[0]));
    return r;
  };
  try {
    await client.query('BEGIN');
    const db = {
      query: (text: string, values?: unknown[]) =>
        explain(/^\s*INSERT INTO (\w+)/.exec(text)?.[1] ?? text.slice(0, 40), text, values),
    };
    await postJournalBatch({ db: db as unknown as pg.PoolClient, now: new Date() }, inputs);
    const ids = inputs.map(() => randomUUID());
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
    inputs.forEach((input, k) => {
      input.lines.forEach((l, n) => {
        const row = [ids[k], n + 1, l.account, l.orgId, l.counterparty, l.amount.toString(), PRODUCT_CODE];
        [...row, STATISTICAL_CLASS, null].forEach((v, c) => void cols[c]?.push(v));
      });
    });
    await explain(`${BARE_TABLE} (the same lines)`, BARE_BATCH_INSERT, cols);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
  return costs;
}
