import type pg from 'pg';
import type { Logger } from 'pino';
import { systemActor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/ids.ts';
import type { RunInTransaction } from '../../platform/transaction.ts';
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDue,
  disableSubscription,
  markEndpointFailing,
  markEndpointHealthy,
  recordAttempt,
} from './repo.ts';
import { DELIVERY_TIMEOUT_MS, DISABLE_FAILING_AFTER_MS, retryDelayMs } from './rules.ts';
import { signatureHeader } from './signature.ts';

export const USER_AGENT = 'Kebao-Webhooks/1';

/** A claim outlives the longest attempt by far: only a crashed sender's claims run out. */
const LEASE_MS = 60_000;

export interface SenderOptions {
  pool: pg.Pool;
  tx: RunInTransaction;
  clock: Clock;
  log: Logger;
  timeoutMs?: number;
}

/**
 * Sends claimed deliveries: one signed POST per attempt, with a timeout and without following redirects,
 * then records the outcome — delivered on 2xx; otherwise tried again after the next delay of the schedule
 * until the last attempt, then dead. A 410 Gone ends the delivery and switches the subscription off, as
 * does a delivery that dies after the endpoint has accepted nothing for three days. Only the status code
 * and the kind of failure are kept, never the answer's body (it could be anything the URL reaches).
 */
export class WebhookSender {
  private readonly pool: pg.Pool;
  private readonly tx: RunInTransaction;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly timeoutMs: number;

  constructor(options: SenderOptions) {
    this.pool = options.pool;
    this.tx = options.tx;
    this.clock = options.clock;
    this.log = options.log;
    this.timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  }

  /** Claims up to `limit` due deliveries (at most `perSubscription` of one endpoint) and sends them together. */
  async sendDue(limit: number, perSubscription: number): Promise<number> {
    const now = this.clock();
    const claimed = await claimDue(this.pool, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit,
      perSubscription,
    });
    await Promise.all(claimed.map((d) => this.attempt(d)));
    return claimed.length;
  }

  /** Sends one delivery now, when it is due and nobody is sending it; false when it was not claimed. */
  async sendOne(id: string): Promise<boolean> {
    const now = this.clock();
    const [claimed] = await claimDue(this.pool, {
      now,
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: 1,
      perSubscription: 1,
      only: id,
    });
    if (!claimed) return false;
    await this.attempt(claimed);
    return true;
  }

  /** One attempt, recorded; never throws (an unrecorded attempt is retried when its claim runs out). */
  private async attempt(d: ClaimedDelivery): Promise<void> {
    try {
      const result = await this.post(d);
      const at = this.clock();
      const outcome = this.outcomeOf(d, result, at);
      if (!(await recordAttempt(this.pool, d, outcome, at))) return;
      const context = {
        deliveryId: d.id,
        subscriptionId: d.subscription_id,
        type: d.event_type,
        attempt: d.attempts + 1,
        statusCode: result.statusCode,
      };
      if (outcome.status === 'delivered') {
        await markEndpointHealthy(this.pool, d.subscription_id, at);
        this.log.debug(context, 'webhook delivered');
        return;
      }
      await markEndpointFailing(this.pool, d.subscription_id, at);
      if (outcome.status === 'failed') {
        this.log.info({ ...context, error: result.error }, 'webhook delivery failed; will retry');
        return;
      }
      this.log.warn({ ...context, error: result.error }, 'webhook delivery given up');
      const failingSince = d.failing_since ?? at;
      if (result.statusCode === 410) await this.disable(d, 'gone');
      else if (at.getTime() - failingSince.getTime() >= DISABLE_FAILING_AFTER_MS)
        await this.disable(d, 'failing');
    } catch (error) {
      this.log.error({ err: error, deliveryId: d.id }, 'webhook attempt could not be recorded');
    }
  }

  private outcomeOf(
    d: ClaimedDelivery,
    result: { statusCode: number | null; error: string | null },
    at: Date,
  ): AttemptOutcome {
    const { statusCode, error } = result;
    if (statusCode !== null && statusCode >= 200 && statusCode < 300)
      return { status: 'delivered', statusCode, error: null, nextAttemptAt: null };
    const delay = statusCode === 410 ? null : retryDelayMs(d.attempts + 1);
    return delay === null
      ? { status: 'dead', statusCode, error, nextAttemptAt: null }
      : { status: 'failed', statusCode, error, nextAttemptAt: new Date(at.getTime() + delay) };
  }

  private async post(d: ClaimedDelivery): Promise<{ statusCode: number | null; error: string | null }> {
    const now = this.clock();
    const timestamp = Math.floor(now.getTime() / 1000);
    const secrets = [d.secret];
    if (d.previous_secret && d.previous_secret_expires_at && d.previous_secret_expires_at > now)
      secrets.push(d.previous_secret);
    try {
      const response = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': USER_AGENT,
          'kebao-delivery': d.id,
          'kebao-event': d.event_type,
          'kebao-timestamp': String(timestamp),
          'kebao-signature': signatureHeader(secrets, timestamp, d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The answer's body is not read: the status says it all, and the connection is freed.
      await response.body?.cancel().catch(() => {});
      const ok = response.status >= 200 && response.status < 300;
      const kind = response.status >= 300 && response.status < 400 ? 'redirect not followed' : 'HTTP';
      return { statusCode: response.status, error: ok ? null : `${kind} ${response.status}` };
    } catch (error) {
      return { statusCode: null, error: this.describe(error) };
    }
  }

  /** A failure in a few words: a timeout, or the network error's code (ECONNREFUSED, ENOTFOUND …). */
  private describe(error: unknown): string {
    const e = error as { name?: string; cause?: { code?: string; name?: string }; code?: string };
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
      return `timeout: no answer within ${this.timeoutMs / 1000} s`;
    const code = e?.cause?.code ?? e?.code ?? e?.cause?.name;
    return code ? `network error: ${code}` : 'network error';
  }

  /** Switches the subscription off (audited on Kebao's chain, readable by the organisation). */
  private async disable(d: ClaimedDelivery, reason: 'gone' | 'failing'): Promise<void> {
    await this.tx(systemActor, null, async (ctx) => {
      if (!(await disableSubscription(ctx.db, d.subscription_id, reason, ctx.now))) return;
      ctx.audit({
        action: 'webhook.disable',
        entityType: 'webhook_subscription',
        entityId: d.subscription_id,
        orgIds: [d.org_id],
        before: { active: true },
        after: { active: false, reason },
      });
    });
    this.log.warn({ subscriptionId: d.subscription_id, reason }, 'webhook subscription switched off');
  }
}
