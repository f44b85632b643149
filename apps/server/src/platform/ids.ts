import { AsyncLocalStorage } from 'node:async_hooks';
import { createCipheriv, createHash, randomFillSync } from 'node:crypto';

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
 * Where ids draw their random bits while a demo zone is seeded (`withIdSource`): a stream of bytes
 * fixed by a seed, so the same operations in the same order give the same ids. Never used for
 * requests: their ids stay unguessable.
 */
export interface IdSource {
  /** Fills `target` with the next bytes of the stream. */
  fill(target: Uint8Array): void;
  /** Unix milliseconds of ids made without a time. */
  readonly time: number;
  /** The same stream, for ids made at `time` (the transaction runner passes its clock's). */
  at(time: number): IdSource;
}

/**
 * The bytes of AES-128 in counter mode under a key derived from `seed`: a fast deterministic stream,
 * statistically as good as random for ids (and for the demo users' password salts).
 */
export function seededIdSource(seed: number, time: number): IdSource {
  const key = createHash('sha256').update(`kebao-demo-ids:${seed}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(4096);
  let block = Buffer.alloc(0);
  let next = 0;
  const fill = (target: Uint8Array) => {
    for (let i = 0; i < target.length; i++) {
      if (next === block.length) {
        block = cipher.update(zeros);
        next = 0;
      }
      target[i] = block[next++] as number;
    }
  };
  const at = (t: number): IdSource => ({ fill, time: t, at });
  return at(time);
}

const sources = new AsyncLocalStorage<IdSource>();
let running = 0;

/**
 * Runs `fn` with ids (and password salts) drawn from `source`, across every await inside it. When the
 * last such run ends the storage is disabled again, so a server that seeded its demo zone at its first
 * start serves its requests without the cost of tracking an async context.
 */
export async function withIdSource<T>(source: IdSource, fn: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await sources.run(source, fn);
  } finally {
    if (--running === 0) sources.disable();
  }
}

/** The source of the current `withIdSource` run; undefined (random ids) everywhere else. */
export function currentIdSource(): IdSource | undefined {
  return sources.getStore();
}

/**
 * UUID version 7 (RFC 9562): 48-bit Unix milliseconds then random bits. Time-ordered ids keep
 * B-tree inserts local and let lists sort by id; the random part makes them unguessable. Without
 * `now`, the time is the current id source's (the transaction's time while seeding) or the wall clock.
 */
export function newId(now?: number): string {
  const bytes = Buffer.allocUnsafe(16);
  const source = sources.getStore();
  if (source === undefined) random10(bytes);
  else source.fill(bytes.subarray(6));
  bytes.writeUIntBE(now ?? source?.time ?? Date.now(), 0, 6);
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
