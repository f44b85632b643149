import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEnterprises } from '../encode-enterprise.ts';
import { matchAll } from '../match-all.ts';
import type { MatchResults } from '../match-results.ts';
import { enterprisesArbitrary, shippedPrograms } from '../matching.fixture.ts';
import { type MatchPool, startMatchPool } from './index.ts';

/** Every array of the results as plain arrays: shared and unshared memory compare alike. */
function plain(results: MatchResults): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(results).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value,
    ]),
  );
}

const { programs } = shippedPrograms();
const enterprises = fc.sample(enterprisesArbitrary(200, 200), { numRuns: 1, seed: 2026 })[0] ?? [];

describe('startMatchPool', () => {
  let pool: MatchPool;

  beforeAll(async () => {
    pool = await startMatchPool({ threads: 3 });
  }, 30_000);

  afterAll(async () => {
    await pool.close();
  });

  it('gives matchAll’s results exactly, for 1, 2 and 3 threads and any chunk size', async () => {
    const runs = [
      { shared: false, k: 3, chunks: [undefined, 1, 33, 1000] },
      { shared: true, k: 1, chunks: [7, 64] },
      { shared: true, k: 19, chunks: [undefined, 45] },
    ];
    for (const { shared, k, chunks } of runs) {
      const features = encodeEnterprises(programs.schema, enterprises, { shared });
      const options = { productsPerEnterprise: k, leadsPerProduct: k };
      const expected = plain(matchAll(features, programs, options));
      for (const threads of [1, 2, 3]) {
        for (const chunkRows of chunks) {
          const results = await pool.matchAll(features, programs, { ...options, chunkRows, threads });
          expect(plain(results), `${threads} threads, chunks of ${chunkRows}`).toEqual(expected);
        }
      }
    }
  });

  it('queues runs given at once, and answers each with its own results', async () => {
    const small = encodeEnterprises(programs.schema, enterprises.slice(0, 50));
    const large = encodeEnterprises(programs.schema, enterprises);
    const [a, b] = await Promise.all([pool.matchAll(large, programs), pool.matchAll(small, programs)]);
    expect(plain(a as MatchResults)).toEqual(plain(matchAll(large, programs)));
    expect(plain(b as MatchResults)).toEqual(plain(matchAll(small, programs)));
  });

  it('answers no enterprises with empty results, and refuses mismatched schemas and bad options', async () => {
    const none = await pool.matchAll(encodeEnterprises(programs.schema, []), programs);
    expect(none.enterpriseCount).toBe(0);
    expect(Array.from(none.leadCount)).toEqual(new Array(programs.code.productCount).fill(0));
    const features = encodeEnterprises(programs.schema, enterprises.slice(0, 5));
    await expect(pool.matchAll({ ...features, width: features.width + 1 }, programs)).rejects.toThrow(
      RangeError,
    );
    await expect(pool.matchAll(features, programs, { chunkRows: 0 })).rejects.toThrow(/chunkRows/);
    await expect(pool.matchAll(features, programs, { threads: 4 })).rejects.toThrow(/threads/);
    // The pool still works after refusing.
    expect(plain(await pool.matchAll(features, programs))).toEqual(plain(matchAll(features, programs)));
  });

  it('refuses a bad thread count, and work after it is closed', async () => {
    await expect(startMatchPool({ threads: 0 })).rejects.toThrow(RangeError);
    const one = await startMatchPool({ threads: 1 });
    const features = encodeEnterprises(programs.schema, enterprises.slice(0, 40));
    expect(plain(await one.matchAll(features, programs))).toEqual(plain(matchAll(features, programs)));
    await one.close();
    await expect(one.matchAll(features, programs)).rejects.toThrow(/closed/);
  });
});
