import { problem } from '../errors.ts';

/**
 * A fixed-window counter per key, in this process's memory: enough to keep one client from
 * hammering a public endpoint (the quote preview). It is per process — behind several processes the
 * effective limit multiplies; put a gateway limit in front for a hard ceiling.
 */
export class RateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts one request for `key`; throws a 429 problem with Retry-After when over the limit. */
  hit(key: string, now: number): void {
    this.sweep(now);
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return;
    }
    w.count++;
    if (w.count > this.limit) {
      const seconds = Math.ceil((w.start + this.windowMs - now) / 1000);
      throw problem('request.too_many', { headers: { 'retry-after': String(Math.max(1, seconds)) } });
    }
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
