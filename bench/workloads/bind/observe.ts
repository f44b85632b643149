/**
 * What the bind workload watches besides its figure: the CPU the embedded PostgreSQL uses, what the
 * server's database sessions are doing (sampled from pg_stat_activity), and the outbox backlog.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createClient } from '@kebao/db';
import type pg from 'pg';

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** The fields after the command name of /proc/<pid>/stat (field 3 is index 0), or null. */
function statFields(pid: number | string): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * CPU-seconds the whole PostgreSQL cluster has used so far: the postmaster with the backends it has reaped
 * (cutime, cstime), plus the live backends and workers. Null where there is no /proc.
 */
export function postgresCpuSeconds(postmaster: number): number | null {
  const own = statFields(postmaster);
  if (own === null) return null;
  let ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(own[i]), 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields === null || Number(fields[1]) !== postmaster) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return Number.isFinite(ticks) ? ticks / ticksPerSecond() : null;
}

/** Mean number of the server's database sessions in each state over the samples, and who waited on locks. */
export interface SessionStates {
  samples: number;
  /** e.g. { 'running': 3.1, 'idle in transaction': 4.2, 'Lock:transactionid': 2.0, 'IO:WalSync': 0.8 } */
  meanSessions: Record<string, number>;
  /** The statements seen waiting for a heavyweight lock, with how many samples saw each. */
  lockWaits: { statement: string; samples: number }[];
}

const SAMPLE_SQL = `
  SELECT a.state, a.wait_event_type, a.wait_event,
         left(regexp_replace(a.query, '\\s+', ' ', 'g'), 160) AS statement
    FROM pg_stat_activity a
   WHERE a.datname = current_database() AND a.backend_type = 'client backend'
     AND a.application_name = 'kebao' AND a.pid <> pg_backend_pid()`;

interface ActivityRow {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  statement: string | null;
}

function stateOf(row: ActivityRow): string {
  if (row.state === 'active')
    return row.wait_event_type ? `${row.wait_event_type}:${row.wait_event}` : 'running';
  // Idle in a transaction: the backend waits for the server's next statement while holding its locks.
  return row.state ?? 'unknown';
}

/** Samples pg_stat_activity of the kebao database every `intervalMs` until stopped. */
export class SessionSampler {
  private readonly client: pg.Client;
  private readonly intervalMs: number;
  private readonly counts = new Map<string, number>();
  private readonly waits = new Map<string, number>();
  private samples = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(url: string, intervalMs = 100) {
    this.client = createClient(url, 'kebao-bench-sampler');
    // A lost connection also fails the pending query, which ends the loop; the event itself is not an error.
    this.client.on('error', () => {});
    this.intervalMs = intervalMs;
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.running = true;
    // The loop never rejects (an unhandled rejection would end the process): a failure waits for stop().
    this.loop = (async () => {
      try {
        while (this.running) {
          const { rows } = await this.client.query<ActivityRow>(SAMPLE_SQL);
          this.samples++;
          for (const row of rows) {
            const state = stateOf(row);
            this.counts.set(state, (this.counts.get(state) ?? 0) + 1);
            if (row.wait_event_type === 'Lock') {
              const statement = row.statement ?? '';
              this.waits.set(statement, (this.waits.get(statement) ?? 0) + 1);
            }
          }
          await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
        }
      } catch (error) {
        this.failure = error;
      }
    })();
  }

  async stop(): Promise<SessionStates> {
    this.running = false;
    await this.loop;
    await this.client.end();
    if (this.failure !== null) throw this.failure;
    const per = (n: number) => Math.round((n / Math.max(1, this.samples)) * 100) / 100;
    return {
      samples: this.samples,
      meanSessions: Object.fromEntries(
        [...this.counts.entries()].sort((a, b) => b[1] - a[1]).map(([state, n]) => [state, per(n)]),
      ),
      lockWaits: [...this.waits.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([statement, samples]) => ({ statement, samples })),
    };
  }
}

/** One query on `url` with a short-lived connection. */
export async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = createClient(url, 'kebao-bench');
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Outbox events not yet delivered to every subscriber, and deliveries that failed. */
export async function outboxState(url: string): Promise<{ pending: number; failures: number }> {
  const [row] = await queryOnce<{ pending: string; failures: string }>(
    url,
    `SELECT (SELECT count(*) FROM outbox_event WHERE done_at IS NULL)::text AS pending,
            (SELECT count(*) FROM outbox_failure)::text AS failures`,
  );
  return { pending: Number(row?.pending), failures: Number(row?.failures) };
}

/** Waits until the dispatcher has delivered every event (or `timeoutMs` passed); the seconds it took. */
export async function drainOutbox(
  url: string,
  timeoutMs: number,
): Promise<{ seconds: number; left: number }> {
  const started = performance.now();
  for (;;) {
    const { pending } = await outboxState(url);
    const seconds = (performance.now() - started) / 1000;
    if (pending === 0 || seconds * 1000 >= timeoutMs) return { seconds, left: pending };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Rows in the policy table: every 201 of a bind must have made exactly one. */
export async function policyCount(url: string): Promise<number> {
  const [row] = await queryOnce<{ n: string }>(url, 'SELECT count(*)::text AS n FROM policy');
  return Number(row?.n);
}
