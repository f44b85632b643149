import type pg from 'pg';
import type { Logger } from 'pino';

/**
 * One dedicated connection LISTENing for the outbox's notifications, shared by the dispatcher
 * and the live stream; it reconnects after losing the server. Notifications only hurry things
 * up: both also poll, so a missed one delays delivery by at most a poll interval.
 */
export class NotificationListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private readonly handlers = new Map<string, Set<() => void>>();
  private retryTimer: NodeJS.Timeout | null = null;

  private readonly connect: () => pg.Client;
  private readonly log: Logger;

  constructor(connect: () => pg.Client, log: Logger) {
    this.connect = connect;
    this.log = log;
  }

  on(channel: string, handler: () => void): void {
    const set = this.handlers.get(channel) ?? new Set<() => void>();
    set.add(handler);
    this.handlers.set(channel, set);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.open().catch((error: Error) => this.scheduleRetry(error));
  }

  private async open(): Promise<void> {
    const client = this.connect();
    client.on('notification', (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) h();
    });
    client.on('error', (error) => this.scheduleRetry(error));
    client.on('end', () => {
      if (!this.stopped) this.scheduleRetry(new Error('listener connection ended'));
    });
    await client.connect();
    for (const channel of this.handlers.keys())
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    this.client = client;
    // Anything committed while we were disconnected: let everyone look.
    for (const set of this.handlers.values()) for (const h of set) h();
  }

  private scheduleRetry(error: Error): void {
    if (this.stopped || this.retryTimer) return;
    this.log.warn({ err: error }, 'notification listener lost its connection; reconnecting');
    const old = this.client;
    this.client = null;
    old?.end().catch(() => {});
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open().catch((e: Error) => this.scheduleRetry(e));
    }, 1000);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
