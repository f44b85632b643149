import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatisticalClass } from '../catalog/definition.ts';
import {
  EXPOSURE_TOTAL_KEY,
  ExposureBook,
  type ExposureDimension,
  type ExposureFiguresJson,
  type ExposureInsurerLine,
  type ExposureMovement,
  exposureDimensions,
  herfindahlIndex,
} from './exposure.ts';

/*
 * The book against a naive model that recomputes everything from the movements: amounts are the sums of
 * the deltas per key, counts come from the policies in force. Amounts range up to 2^62 so both the number
 * path and the bigint path (and the settling between them) are exercised.
 */

const ORGS = ['A', 'B', 'C', 'D'];
const CLASSES: StatisticalClass[] = ['rd_transfer', 'application', 'intellectual_property', 'base'];

const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 9n }),
  // The largest amount on the number path (the unit tests drive a run of it past 2^53).
  fc.constant(2n ** 47n - 1n),
  fc.bigInt({ min: 2n ** 46n, max: 2n ** 48n }),
  fc.bigInt({ min: 0n, max: 2n ** 62n }),
);
const signed = fc.tuple(amount, fc.boolean()).map(([a, negative]) => (negative ? -a : a));

const attributes = fc.record({
  source: fc.constantFrom('platform' as const, 'registered' as const),
  productCode: fc.constantFrom('KB-AP-EQUIP', 'KB-RD-TRIAL', 'KB-BR-CYBER'),
  statisticalClass: fc.constantFrom(...CLASSES),
  industryChain: fc.constantFrom('ic', 'ai', 'biomed'),
  region: fc.constantFrom('310115', '310101', '420100'),
  poolCode: fc.constantFrom(null, 'IC-POOL', 'EQ-POOL'),
  sandbox: fc.boolean(),
  enterpriseId: fc.constantFrom('E1', 'E2', 'E3', 'E4'),
});

/** What to do next: 0 bind, 1 endorse, 2 cancel, 3 expire; `pick` chooses among the policies in force. */
const step = fc.record({
  action: fc.integer({ min: 0, max: 3 }),
  pick: fc.nat(),
  attributes,
  orgs: fc.subarray(ORGS, { minLength: 1 }),
  amounts: fc.array(fc.tuple(signed, signed, signed, signed), { minLength: 4, maxLength: 4 }),
  leave: fc.boolean(),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

interface ModelPolicy {
  attributes: Omit<ExposureMovement, 'policyId' | 'kind' | 'insurers'>;
  insurers: string[];
}

const keysOf = (p: ModelPolicy['attributes']): [ExposureDimension, string][] => {
  const keys: [ExposureDimension, string][] = [
    ['total', EXPOSURE_TOTAL_KEY],
    ['source', p.source],
    ['class', p.statisticalClass],
    ['industry', p.industryChain],
    ['region', p.region],
    ['product', p.productCode],
  ];
  if (p.poolCode !== null) keys.push(['pool', p.poolCode]);
  if (p.sandbox) keys.push(['sandbox', p.productCode]);
  return keys;
};

function run(steps: Step[]) {
  const book = new ExposureBook();
  const inForce = new Map<string, ModelPolicy>();
  const amounts = new Map<string, bigint[]>();
  let next = 0;
  const add = (dimension: ExposureDimension, key: string, values: bigint[]) => {
    const at = `${dimension}|${key}`;
    const sums = amounts.get(at) ?? [0n, 0n, 0n, 0n];
    amounts.set(
      at,
      sums.map((sum, i) => sum + (values[i] as bigint)),
    );
  };
  for (const s of steps) {
    const ids = [...inForce.keys()];
    const bind = s.action === 0 || ids.length === 0;
    const policyId = bind ? `P${next++}` : (ids[s.pick % ids.length] as string);
    const existing = inForce.get(policyId);
    const kind = bind ? 'bind' : (['bind', 'endorse', 'cancel', 'expire'] as const)[s.action];
    const lineOrgs = bind
      ? s.orgs
      : s.orgs.filter((org) => kind === 'endorse' || existing?.insurers.includes(org));
    const lines: ExposureInsurerLine[] = lineOrgs.map((orgId, i) => {
      const [a, b, c, d] = s.amounts[i] as [bigint, bigint, bigint, bigint];
      const abs = (x: bigint) => (x < 0n ? -x : x);
      const leaving = kind === 'endorse' && s.leave && i === 0 && existing?.insurers.includes(orgId) === true;
      return bind
        ? {
            orgId,
            share: 250_000,
            grossSumInsured: abs(a),
            grossPremium: abs(b),
            netSumInsured: abs(c),
            netPremium: abs(d),
          }
        : {
            orgId,
            share: leaving ? 0 : 250_000,
            grossSumInsured: a,
            grossPremium: b,
            netSumInsured: c,
            netPremium: d,
          };
    });
    const policyAttributes = bind ? s.attributes : (existing as ModelPolicy).attributes;
    const movement: ExposureMovement = {
      policyId,
      kind: kind as ExposureMovement['kind'],
      insurers: lines,
      ...policyAttributes,
    };
    // Would the book refuse it? (an endorsement taking off the last insurer)
    if (kind === 'endorse' && existing !== undefined) {
      const after = new Set(existing.insurers);
      for (const l of lines) l.share === 0 ? after.delete(l.orgId) : after.add(l.orgId);
      if (after.size === 0) {
        expect(() => book.apply(movement)).toThrow();
        continue;
      }
    }
    book.apply(movement);
    const total = [0n, 0n, 0n, 0n];
    for (const l of lines) {
      const values = [l.grossSumInsured, l.grossPremium, l.netSumInsured, l.netPremium];
      add('insurer', l.orgId, values);
      values.forEach((v, i) => {
        total[i] = (total[i] as bigint) + v;
      });
    }
    for (const [dimension, key] of keysOf(policyAttributes)) add(dimension, key, total);
    if (bind) inForce.set(policyId, { attributes: s.attributes, insurers: lines.map((l) => l.orgId) });
    else if (kind === 'endorse') {
      const record = existing as ModelPolicy;
      for (const l of lines) {
        if (l.share === 0) record.insurers = record.insurers.filter((org) => org !== l.orgId);
        else if (!record.insurers.includes(l.orgId)) record.insurers.push(l.orgId);
      }
    } else inForce.delete(policyId);
  }
  return { book, inForce, amounts };
}

function modelFigures(inForce: Map<string, ModelPolicy>, amounts: Map<string, bigint[]>) {
  const counts = new Map<string, { policies: number; enterprises: Set<string> }>();
  const count = (dimension: ExposureDimension, key: string, enterpriseId: string) => {
    const at = `${dimension}|${key}`;
    const entry = counts.get(at) ?? { policies: 0, enterprises: new Set<string>() };
    entry.policies++;
    entry.enterprises.add(enterpriseId);
    counts.set(at, entry);
  };
  for (const p of inForce.values()) {
    for (const [dimension, key] of keysOf(p.attributes)) count(dimension, key, p.attributes.enterpriseId);
    for (const org of p.insurers) count('insurer', org, p.attributes.enterpriseId);
  }
  const figures = Object.fromEntries(
    exposureDimensions.map((d) => [d, {} as Record<string, ExposureFiguresJson>]),
  );
  for (const at of [...new Set([...amounts.keys(), ...counts.keys()])].sort()) {
    const [dimension, key] = at.split('|') as [ExposureDimension, string];
    const sums = amounts.get(at) ?? [0n, 0n, 0n, 0n];
    const entry = counts.get(at);
    (figures[dimension] as Record<string, ExposureFiguresJson>)[key] = {
      grossSumInsured: String(sums[0]),
      grossPremium: String(sums[1]),
      netSumInsured: String(sums[2]),
      netPremium: String(sums[3]),
      policies: entry?.policies ?? 0,
      enterprises: entry?.enterprises.size ?? 0,
    };
  }
  return figures;
}

describe('ExposureBook against a recomputation from scratch', () => {
  it('holds the same figures, exactly, after any sequence of movements', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { book, inForce, amounts } = run(steps);
        const expected = modelFigures(inForce, amounts);
        const snapshot = book.snapshot();
        for (const dimension of exposureDimensions)
          expect(snapshot.figures[dimension], dimension).toEqual(expected[dimension]);
        expect(Object.keys(snapshot.policies)).toEqual([...inForce.keys()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('restores from its snapshot (through JSON) to a book with the same snapshot and HHI', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { book } = run(steps);
        const text = JSON.stringify(book.snapshot());
        const restored = new ExposureBook().restore(JSON.parse(text));
        expect(JSON.stringify(restored.snapshot())).toBe(text);
        for (const dimension of exposureDimensions) {
          expect(restored.hhi(dimension)).toBe(book.hhi(dimension));
          const grossByKey = book.rows(dimension).map((row) => row.grossSumInsured);
          expect(book.hhi(dimension)).toBe(herfindahlIndex(grossByKey));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives an HHI between 10,000 / n and 10,000 for n keys with exposure', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 2n ** 70n }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const hhi = herfindahlIndex(values);
          expect(hhi).toBeLessThanOrEqual(10_000);
          expect(hhi).toBeGreaterThanOrEqual(Math.floor((10_000 / values.length) * 100) / 100);
        },
      ),
    );
  });
});
