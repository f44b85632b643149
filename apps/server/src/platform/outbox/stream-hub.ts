import { Permission } from '@kebao/domain/org';
import type pg from 'pg';
import type { Logger } from 'pino';
import { type Actor, can } from '../actor.ts';
import type { Subscriber } from './dispatcher.ts';
import { publishAllToStream, publishToStream, streamAfter, streamHead } from './repo.ts';
import type { OutboxEvent } from './types.ts';

/** Whether an actor may see an event: it concerns the actor's organisation, or the actor sees all. */
export function canSeeEvent(actor: Actor, event: OutboxEvent): boolean {
  return can(actor, Permission.EventsReadAll) || (actor.orgId !== null && event.orgIds.includes(actor.orgId));
}

export interface StreamClient {
  actor: Actor;
  /** Events up to this position were already sent (by the replay). */
  sentUpTo: bigint;
  send(event: OutboxEvent): void;
  close(reason: string): void;
}

/** Events that end an actor's right to keep its stream open. */
interface RevocationPayload {
  sessionIds?: string[];
  tokenIds?: string[];
  userIds?: string[];
}

/**
 * The live event stream of this process. The dispatcher's `stream` subscriber gives each event a
 * stream position when it is delivered; the hub tails those positions (woken by NOTIFY, and
 * polling as a fallback) and fans events out to connected clients by visibility.
 */
export class StreamHub {
  private readonly pool: pg.Pool;
  private readonly log: Logger;
  private readonly clients = new Set<StreamClient>();
  private readonly listeners = new Set<(event: OutboxEvent) => void>();
  private position = 0n;
  private polling: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(pool: pg.Pool, log: Logger) {
    this.pool = pool;
    this.log = log;
  }

  /** The dispatcher subscriber that publishes events into the stream. */
  readonly subscriber: Subscriber = {
    name: 'stream',
    handle: (event, tx) => publishToStream(tx, event.id),
    handleBatch: (events, tx) =>
      publishAllToStream(
        tx,
        events.map((e) => e.id),
      ),
    afterCommit: () => this.wake(),
  };

  async start(pollMs = 2000): Promise<void> {
    this.position = await streamHead(this.pool);
    this.timer = setInterval(() => this.wake(), pollMs);
    this.timer.unref();
  }

  get head(): bigint {
    return this.position;
  }

  get size(): number {
    return this.clients.size;
  }

  /**
   * In-process readers of the stream (caches that must forget what an event changed). Every
   * process tails the stream, so every process's caches hear of every change.
   */
  onEvent(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  add(client: StreamClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  wake(): void {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = this.poll()
      .catch((error) => this.log.warn({ err: error }, 'event stream poll failed'))
      .finally(() => {
        this.polling = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Events after `after` that the actor may see, up to the hub's current position. */
  async replay(actor: Actor, after: bigint, limit = 500): Promise<OutboxEvent[]> {
    const out: OutboxEvent[] = [];
    let from = after;
    while (from < this.position) {
      const page = await streamAfter(this.pool, from, limit);
      if (page.length === 0) break;
      for (const e of page) {
        if ((e.streamPos as bigint) > this.position) return out;
        if (canSeeEvent(actor, e)) out.push(e);
      }
      from = page.at(-1)?.streamPos as bigint;
    }
    return out;
  }

  private async poll(): Promise<void> {
    for (;;) {
      const events = await streamAfter(this.pool, this.position, 500);
      for (const event of events) {
        this.position = event.streamPos as bigint;
        for (const listener of this.listeners) listener(event);
        this.revoke(event);
        for (const client of this.clients) {
          if (event.streamPos !== null && event.streamPos <= client.sentUpTo) continue;
          if (canSeeEvent(client.actor, event)) client.send(event);
        }
      }
      if (events.length < 500) return;
    }
  }

  private revoke(event: OutboxEvent): void {
    if (!/\.(revoked|disabled)$/.test(event.type)) return;
    const p = (event.payload ?? {}) as RevocationPayload;
    for (const client of this.clients) {
      const a = client.actor;
      if (
        (a.sessionId && p.sessionIds?.includes(a.sessionId)) ||
        (a.tokenId && p.tokenIds?.includes(a.tokenId)) ||
        (a.userId && p.userIds?.includes(a.userId))
      ) {
        client.close('revoked');
        this.clients.delete(client);
      }
    }
  }

  closeAll(reason: string): void {
    if (this.timer) clearInterval(this.timer);
    for (const client of this.clients) client.close(reason);
    this.clients.clear();
  }
}
