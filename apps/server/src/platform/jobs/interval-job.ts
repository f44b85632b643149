import type { Logger } from 'pino';

/**
 * A background pass run once at start and then every `everyMs` (timers unref'd, so they never keep the
 * process alive): one pass at a time — a call while one runs shares it —, errors logged, never thrown, and
 * `stop()` waits for the pass in flight. The platform's jobs (quote expiry, the monthly close, subsidy
 * lapses) are each a pass given to one of these.
 */
export class IntervalJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly pass: () => Promise<void>;
  private readonly log: Logger;
  private readonly everyMs: number;
  private readonly failure: string;

  constructor(options: { pass: () => Promise<void>; log: Logger; everyMs: number; failure: string }) {
    this.pass = options.pass;
    this.log = options.log;
    this.everyMs = options.everyMs;
    this.failure = options.failure;
  }

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
  }

  runOnce(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.pass();
      } catch (error) {
        this.log.warn({ err: error }, this.failure);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
