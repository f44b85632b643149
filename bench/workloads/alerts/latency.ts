/**
 * Alert latency after commit, measured from outside: requests that commit business (a policy registration,
 * a bind) are issued on a schedule (open loop), the moment each answer arrives is kept, and the
 * regulator's event stream says when each `alert.raised` they caused arrived. An alert names the outbox
 * event that caused it (`payload.cause`: for a registration the registration id, for a bind the policy id),
 * so each alert is matched to its request; latency = the alert's arrival − the answer's.
 */
import { usccCheckCharacter } from '@kebao/domain/org';
import { machineBusySeconds } from '../../harness/machine.ts';
import { quantile } from '../../harness/workload.ts';
import { BadAnswer, type BindClient, expect, field } from '../bind/client.ts';
import { drainOutbox, outboxState, queryOnce } from '../bind/observe.ts';
import type { EventStream, StreamEvent } from './stream.ts';

/** The rule the workload publishes: every per-risk retention above 0 opens an alert (one per risk and insurer). */
export const RULE_CODE = 'bench-alert-latency';

export const RULE = {
  code: RULE_CODE,
  version: 1,
  names: { zh: '基准测试：每笔业务的自留', en: 'Benchmark: every risk’s retention' },
  description: {
    zh: '告警延迟基准测试用：每一危险单位自留大于 0 即提示，每笔新业务每家保险公司开一条告警',
    en: 'For the alert-latency benchmark: any net retention opens an alert, one per new risk and insurer',
  },
  metric: 'retention_ratio',
  condition: { type: 'threshold', op: 'gt', value: '0' },
  severity: 'info',
  message: {
    zh: '{subject} 本笔业务自留为法定上限的 {value}（基准测试，阈值 {threshold}）',
    en: '{subject}: this risk’s retention is {value} of the legal limit (benchmark, threshold {threshold})',
  },
};

/** At most this long for the alerts of one load (the wait ends earlier once the outbox is delivered). */
const WAIT_TIMEOUT_MS = 600_000;
/** After the outbox is delivered, how long an expected alert may still take through the stream hub. */
const GRACE_MS = 5_000;

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: 0, p99: 0, max: 0 };
  return {
    p50: round1(quantile(values, 0.5)),
    p99: round1(quantile(values, 0.99)),
    max: round1(Math.max(...values)),
  };
}

interface Arrival {
  alertId: string;
  arrivedAt: number;
}

/**
 * The bench rule's `alert.raised` events and the `alert.acknowledged` events on the regulator's stream, by
 * what caused them. An alert without `cause` (a server from before it was added) is matched by its subject,
 * `risk:{p|r}:{id}:{insurer}`, and counted apart.
 */
export class AlertLog {
  private readonly byCause = new Map<string, Arrival[]>();
  private readonly acknowledged = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  /** Alerts of the rule seen: in all, matched by `cause`, matched by the subject. */
  readonly seen = { total: 0, byCause: 0, bySubject: 0 };
  /** Arrival times of every alert of the rule, in order (the sequential reference waits on these). */
  readonly raisedAt: number[] = [];
  private readonly stream: EventStream;

  constructor(stream: EventStream) {
    this.stream = stream;
    stream.onEvent((e) => this.take(e));
  }

  private take(e: StreamEvent): void {
    if (e.type === 'alert.acknowledged') {
      this.acknowledged.set(e.aggregateId, e.arrivedAt);
    } else if (e.type === 'alert.raised' && e.payload.rule === RULE_CODE) {
      const cause = e.payload.cause as { aggregateId?: unknown } | null | undefined;
      let key: string | null = typeof cause?.aggregateId === 'string' ? cause.aggregateId : null;
      if (key !== null) this.seen.byCause++;
      else {
        key = /^risk:[pr]:([^:]+):/.exec(String(e.payload.subject))?.[1] ?? null;
        if (key !== null) this.seen.bySubject++;
      }
      this.seen.total++;
      this.raisedAt.push(e.arrivedAt);
      if (key !== null) {
        const list = this.byCause.get(key) ?? [];
        list.push({ alertId: String(e.payload.alertId ?? e.aggregateId), arrivedAt: e.arrivedAt });
        this.byCause.set(key, list);
      }
    } else return;
    for (const wake of this.waiters) wake();
  }

  arrivals(key: string): readonly Arrival[] {
    return this.byCause.get(key) ?? [];
  }

  acknowledgedAt(alertId: string): number | undefined {
    return this.acknowledged.get(alertId);
  }

  private check(): void {
    if (this.stream.failure) throw new Error(`the event stream failed: ${this.stream.failure.message}`);
  }

  /** Resolves when `done()` holds (checked on every event and every 100 ms); false after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!done()) {
      this.check();
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(100, left));
        this.waiters.add(wake);
      });
    }
    return true;
  }

  /**
   * Waits until every key has an alert, or the server's outbox is delivered and `GRACE_MS` more have
   * passed without them, or the time is up. Returns the keys still without one.
   */
  async awaitAll(keys: readonly string[], kebaoUrl: string): Promise<string[]> {
    const missing = () => keys.filter((k) => this.arrivals(k).length === 0);
    const deadline = performance.now() + WAIT_TIMEOUT_MS;
    let drainedAt: number | null = null;
    for (;;) {
      if (await this.until(() => missing().length === 0, 1000)) return [];
      const now = performance.now();
      if (now >= deadline) return missing();
      if ((await outboxState(kebaoUrl)).pending === 0) {
        drainedAt ??= now;
        if (now - drainedAt >= GRACE_MS) return missing();
      } else drainedAt = null;
    }
  }
}

/** Alerts of the rule the server has opened so far (each must have reached the stream). */
export async function alertsOpened(kebaoUrl: string): Promise<number> {
  const [row] = await queryOnce<{ n: string }>(
    kebaoUrl,
    `SELECT count(*)::text AS n FROM alert WHERE rule_code = '${RULE_CODE}'`,
  );
  return Number(row?.n);
}

/**
 * Issues `count` requests at `rate` a second on a fixed schedule (open loop: request i at start + i/rate,
 * whether or not earlier ones were answered). Returns when every one has settled; the first failure is
 * thrown then. `lagMaxMs`: how late the generator itself was in issuing one.
 */
export async function openLoop(
  rate: number,
  count: number,
  fire: (i: number) => Promise<void>,
): Promise<{ startedAt: number; lagMaxMs: number }> {
  const startedAt = performance.now();
  const running: Promise<void>[] = [];
  const failures: unknown[] = [];
  let lagMaxMs = 0;
  let i = 0;
  while (i < count && failures.length === 0) {
    const now = performance.now();
    while (i < count) {
      const due = startedAt + (i * 1000) / rate;
      if (due > now) break;
      lagMaxMs = Math.max(lagMaxMs, now - due);
      running.push(fire(i).catch((error: unknown) => void failures.push(error)));
      i++;
    }
    if (i < count) {
      const due = startedAt + (i * 1000) / rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    }
  }
  await Promise.all(running);
  if (failures.length > 0) throw failures[0];
  return { startedAt, lagMaxMs };
}

/** A request that committed: when its work was issued and answered (performance.now()), and what it made. */
export interface Committed {
  /** The aggregate its alerts name as their cause: the registration or the policy id. */
  key: string;
  /** When the unit of work started (the registration; the first request of a bind chain). */
  issuedAt: number;
  /** When the answer of the committing request arrived. */
  answeredAt: number;
  /** The committing request alone: issue → answer. */
  requestMs: number;
}

/** One load at one rate: what was asked, what the server did, and the alert latency. */
export interface LoadResult {
  path: 'registrations' | 'binds';
  targetRate: number;
  seconds: number;
  requests: number;
  /** Requests issued ÷ the scheduled window. */
  issuedPerSecond: number;
  /** The pace of the answers: (answers − 1) ÷ (last answer − first answer). */
  answeredPerSecond: number;
  /**
   * The pace of the alerts: (alerts − 1) ÷ (last alert − first alert) — the offered rate when the path keeps
   * up, what it can deliver when it does not.
   */
  alertsPerSecond: number;
  /**
   * Alerts that arrived before the last answer ÷ (last answer − first issue): the pace the alerts kept while
   * the requests still came (after them, the server had nothing else to do).
   */
  alertsPerSecondDuringLoad: number;
  /** Requests ÷ (last alert − first issue): registrations or binds a second carried all the way to the cockpit. */
  completedPerSecond: number;
  alerts: number;
  /** Requests whose alert never arrived, and alerts the server opened but the stream did not bring. */
  lost: { requests: number; alerts: number };
  /** Alert arrival − answer of the request that caused it, every alert. */
  alertLatencyMs: Percentiles;
  /** The committing request (registration, or the bind of a chain): issue → answer. */
  requestMs: Percentiles;
  /** For binds: the whole quote → accept → bind chain. */
  chainMs?: Percentiles;
  /** p99 of the alert latency by the second the request was issued in: a backlog shows as growth. */
  alertP99BySecond: number[];
  /** Outbox events not yet delivered when the last request was answered. */
  outboxPendingAtEnd: number;
  /** From the last answer to the last alert. */
  tailSeconds: number;
  /** How late the load generator was, at worst, in issuing a request (its own lag, not the server's). */
  generatorLagMaxMs: number;
  /**
   * Cores' worth of CPU from the first request until the last alert (null where /proc cannot be read):
   * kebao's Node process, its PostgreSQL, this process (the load generator), everything else on the machine.
   */
  cores: { kebao: number | null; postgres: number | null; harness: number; other: number | null };
  /** Alerts matched by `cause` and by their subject (a server without `cause`). */
  matchedBy: { cause: number; subject: number };
}

export interface Cpu {
  kebao(): number | null;
  postgres(): number | null;
}

/** Cores each part used from `mark` until now. */
function coresSince(cpu: Cpu, mark: ReturnType<typeof cpuMark>): LoadResult['cores'] {
  const now = cpuMark(cpu);
  const seconds = (now.at - mark.at) / 1000;
  const used = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const share = (x: number | null) => (x === null ? null : Math.round((x / seconds) * 100) / 100);
  const usage = process.cpuUsage(mark.harness);
  const harness = (usage.user + usage.system) / 1e6;
  const kebao = used(now.kebao, mark.kebao);
  const postgres = used(now.postgres, mark.postgres);
  const other =
    kebao === null || postgres === null
      ? null
      : Math.max(0, now.machine - mark.machine - kebao - postgres - harness);
  return {
    kebao: share(kebao),
    postgres: share(postgres),
    harness: share(harness) ?? 0,
    other: share(other),
  };
}

function cpuMark(cpu: Cpu) {
  return {
    at: performance.now(),
    kebao: cpu.kebao(),
    postgres: cpu.postgres(),
    harness: process.cpuUsage(),
    machine: machineBusySeconds(),
  };
}

/** The latency of every alert of `committed` and the rest of a LoadResult. */
async function settle(
  input: {
    path: LoadResult['path'];
    rate: number;
    seconds: number;
    kebaoUrl: string;
    log: AlertLog;
    cpu: Cpu;
    mark: ReturnType<typeof cpuMark>;
    startedAt: number;
    lagMaxMs: number;
    openedBefore: number;
    seenBefore: { total: number; byCause: number; bySubject: number };
  },
  committed: readonly Committed[],
  extra: { chainMs?: number[] } = {},
): Promise<LoadResult> {
  const { log, kebaoUrl } = input;
  const lastAnswer = Math.max(...committed.map((c) => c.answeredAt));
  const outboxPendingAtEnd = (await outboxState(kebaoUrl)).pending;
  const missing = await log.awaitAll(
    committed.map((c) => c.key),
    kebaoUrl,
  );
  const cores = coresSince(input.cpu, input.mark);
  // Every alert of the rule the server opened must reach the stream (one may still be on its way).
  const seen = () => log.seen.total - input.seenBefore.total;
  let opened = (await alertsOpened(kebaoUrl)) - input.openedBefore;
  for (let wait = 0; seen() < opened && wait < GRACE_MS; wait += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    opened = (await alertsOpened(kebaoUrl)) - input.openedBefore;
  }

  const latencies: number[] = [];
  const bySecond: number[][] = [];
  let lastArrival = lastAnswer;
  let firstArrival = Number.POSITIVE_INFINITY;
  let duringLoad = 0;
  for (const c of committed) {
    for (const a of log.arrivals(c.key)) {
      const ms = a.arrivedAt - c.answeredAt;
      latencies.push(ms);
      const second = Math.max(0, Math.floor((c.issuedAt - input.startedAt) / 1000));
      const list = bySecond[second] ?? [];
      list.push(ms);
      bySecond[second] = list;
      lastArrival = Math.max(lastArrival, a.arrivedAt);
      firstArrival = Math.min(firstArrival, a.arrivedAt);
      if (a.arrivedAt <= lastAnswer) duringLoad++;
    }
  }
  const firstAnswer = Math.min(...committed.map((c) => c.answeredAt));
  /** (n − 1) events over the time from the first to the last: their pace, a second. */
  const pace = (n: number, from: number, to: number) =>
    n < 2 || to <= from ? 0 : Math.round(((n - 1) / ((to - from) / 1000)) * 10) / 10;
  return {
    path: input.path,
    targetRate: input.rate,
    seconds: input.seconds,
    requests: committed.length,
    issuedPerSecond: Math.round((committed.length / input.seconds) * 10) / 10,
    answeredPerSecond: pace(committed.length, firstAnswer, lastAnswer),
    alertsPerSecond: pace(latencies.length, firstArrival, lastArrival),
    alertsPerSecondDuringLoad: Math.round((duringLoad / ((lastAnswer - input.startedAt) / 1000)) * 10) / 10,
    completedPerSecond: Math.round((committed.length / ((lastArrival - input.startedAt) / 1000)) * 10) / 10,
    alerts: latencies.length,
    lost: { requests: missing.length, alerts: Math.max(0, opened - seen()) },
    alertLatencyMs: percentiles(latencies),
    requestMs: percentiles(committed.map((c) => c.requestMs)),
    ...(extra.chainMs ? { chainMs: percentiles(extra.chainMs) } : {}),
    alertP99BySecond: [...bySecond].map((v) => (v && v.length > 0 ? round1(quantile(v, 0.99)) : 0)),
    outboxPendingAtEnd,
    tailSeconds: Math.round(((lastArrival - lastAnswer) / 1000) * 100) / 100,
    generatorLagMaxMs: round1(input.lagMaxMs),
    cores,
    matchedBy: {
      cause: log.seen.byCause - input.seenBefore.byCause,
      subject: log.seen.bySubject - input.seenBefore.bySubject,
    },
  };
}

// ---- Registrations -------------------------------------------------------------------------------------

const INSURED_BODY = '91310115MA1KBENCH';
const INSURED_USCC = `${INSURED_BODY}${usccCheckCharacter(INSURED_BODY)}`;

/** A date `days` from today, YYYY-MM-DD (UTC+8, the server's business day). */
function dateFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** One new in-force policy written by the insurer, as the registration API takes it. */
function registrationBody(policyNumber: string): string {
  return JSON.stringify({
    rows: [
      {
        policyNumber,
        statisticalClass: 'application',
        insuredUscc: INSURED_USCC,
        insuredName: '基准测试科技有限公司',
        industry: 'C39',
        region: '310115',
        startDate: dateFromToday(0),
        endDate: dateFromToday(365),
        status: 'in_force',
        share: '100',
        sumInsured: '1000000.00',
        premium: '8000.00',
      },
    ],
  });
}

async function register(insurer: BindClient, policyNumber: string): Promise<void> {
  const path = '/api/registrations';
  const body = expect('POST', path, await insurer.request('POST', path, registrationBody(policyNumber)), 200);
  if (body.stored !== 1) {
    throw new BadAnswer(`${path}: the policy ${policyNumber} was not stored: ${JSON.stringify(body)}`);
  }
}

/** Registration ids by policy number for the numbers starting with `prefix` (letters, digits and '-'). */
async function registrationIds(kebaoUrl: string, prefix: string): Promise<Map<string, string>> {
  if (!/^[A-Z0-9-]+$/.test(prefix)) throw new Error(`not a policy number prefix: ${prefix}`);
  const rows = await queryOnce<{ id: string; policy_number: string }>(
    kebaoUrl,
    `SELECT id::text, policy_number FROM registered_policy WHERE policy_number LIKE '${prefix}%'`,
  );
  return new Map(rows.map((r) => [r.policy_number, r.id]));
}

export interface LoadContext {
  kebaoUrl: string;
  log: AlertLog;
  cpu: Cpu;
}

/** Registrations of one policy each at `rate` a second for `seconds`, by `insurer` (an insurer admin). */
export async function registrationLoad(
  c: LoadContext,
  insurer: BindClient,
  prefix: string,
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const count = Math.max(1, Math.round(rate * seconds));
  const done: { number: string; issuedAt: number; answeredAt: number }[] = [];
  await drainOutbox(c.kebaoUrl, WAIT_TIMEOUT_MS);
  const openedBefore = await alertsOpened(c.kebaoUrl);
  const seenBefore = { ...c.log.seen };
  const mark = cpuMark(c.cpu);
  const { startedAt, lagMaxMs } = await openLoop(rate, count, async (i) => {
    const number = `${prefix}${i}`;
    const issuedAt = performance.now();
    await register(insurer, number);
    done.push({ number, issuedAt, answeredAt: performance.now() });
  });
  const ids = await registrationIds(c.kebaoUrl, prefix);
  const committed = done.map((d) => {
    const key = ids.get(d.number);
    if (key === undefined) throw new Error(`the registration ${d.number} answered 200 but is not stored`);
    return { key, issuedAt: d.issuedAt, answeredAt: d.answeredAt, requestMs: d.answeredAt - d.issuedAt };
  });
  return settle(
    {
      path: 'registrations',
      rate,
      seconds: count / rate,
      kebaoUrl: c.kebaoUrl,
      log: c.log,
      cpu: c.cpu,
      mark,
      startedAt,
      lagMaxMs,
      openedBefore,
      seenBefore,
    },
    committed,
  );
}

/** quote → accept → bind chains at `rate` a second for `seconds`, chain i on client i mod n. */
export async function bindLoad(
  c: LoadContext,
  clients: readonly BindClient[],
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const count = Math.max(1, Math.round(rate * seconds));
  const committed: Committed[] = [];
  const chainMs: number[] = [];
  await drainOutbox(c.kebaoUrl, WAIT_TIMEOUT_MS);
  const openedBefore = await alertsOpened(c.kebaoUrl);
  const seenBefore = { ...c.log.seen };
  const mark = cpuMark(c.cpu);
  const { startedAt, lagMaxMs } = await openLoop(rate, count, async (i) => {
    const client = clients[i % clients.length] as BindClient;
    const sample = await client.bindOnce();
    committed.push({
      key: sample.policyId,
      issuedAt: sample.endedAt - sample.chainMs,
      answeredAt: sample.endedAt,
      requestMs: sample.bindMs,
    });
    chainMs.push(sample.chainMs);
  });
  return settle(
    {
      path: 'binds',
      rate,
      seconds: count / rate,
      kebaoUrl: c.kebaoUrl,
      log: c.log,
      cpu: c.cpu,
      mark,
      startedAt,
      lagMaxMs,
      openedBefore,
      seenBefore,
    },
    committed,
    { chainMs },
  );
}

// ---- References: the same paths with nothing else going on ----------------------------------------------

/**
 * `count` registrations one at a time, each waiting for its alert: the alert latency of an idle server
 * (the pipeline's own delay: two dispatcher passes, the monitor's work, the stream hub). Returns the
 * latencies (ms) and the alert ids.
 */
export async function sequentialRegistrations(
  c: LoadContext,
  insurer: BindClient,
  prefix: string,
  count: number,
): Promise<{ latencies: number[]; alertIds: string[] }> {
  const done: { number: string; answeredAt: number }[] = [];
  for (let i = 0; i < count; i++) {
    const before = c.log.raisedAt.length;
    const number = `${prefix}${i}`;
    await register(insurer, number);
    done.push({ number, answeredAt: performance.now() });
    if (!(await c.log.until(() => c.log.raisedAt.length > before, 30_000))) {
      throw new Error(`no alert reached the stream within 30 s of registering ${number}`);
    }
  }
  const ids = await registrationIds(c.kebaoUrl, prefix);
  const latencies: number[] = [];
  const alertIds: string[] = [];
  for (const d of done) {
    const arrival = c.log.arrivals(ids.get(d.number) ?? '')[0];
    if (!arrival) throw new Error(`the alert of the registration ${d.number} was not matched`);
    latencies.push(arrival.arrivedAt - d.answeredAt);
    alertIds.push(arrival.alertId);
  }
  return { latencies, alertIds };
}

/**
 * The regulator acknowledges each alert in turn and waits for its `alert.acknowledged` on the stream: an
 * event's way from commit to the browser with no monitor work in between (one dispatcher pass, the stream
 * hub). Returns the latencies (ms).
 */
export async function sequentialAcknowledgements(
  c: LoadContext,
  regulator: BindClient,
  alertIds: readonly string[],
): Promise<number[]> {
  const latencies: number[] = [];
  for (const id of alertIds) {
    const path = `/api/monitor/alerts/${id}/acknowledge`;
    const reply = await regulator.request('POST', path, JSON.stringify({ comment: '基准测试：已知悉' }));
    const answeredAt = performance.now();
    const body = expect('POST', path, reply, 200);
    field(body, 'status', 'the acknowledged alert');
    if (!(await c.log.until(() => c.log.acknowledgedAt(id) !== undefined, 30_000))) {
      throw new Error(`alert.acknowledged of ${id} did not reach the stream within 30 s`);
    }
    latencies.push((c.log.acknowledgedAt(id) as number) - answeredAt);
  }
  return latencies;
}
