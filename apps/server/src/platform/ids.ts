import { randomFillSync } from 'node:crypto';

// Random bytes are drawn in blocks: one system call per 409 ids instead of one per id (every
// request gets an id, so this is on the hot path).
const POOL = Buffer.alloc(4096);
let offset = POOL.length;

function random10(target: Buffer): void {
  if (offset + 10 > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  POOL.copy(target, 6, offset, offset + 10);
  offset += 10;
}

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits. Time-ordered ids keep
 * B-tree inserts local and let lists sort by id; the random part makes them unguessable.
 */
export function newId(now: number = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  random10(bytes);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The clock, passed in everywhere so tests can move time (session expiry, throttling windows). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
