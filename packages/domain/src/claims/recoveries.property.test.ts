import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumFen } from '../money/index.ts';
import {
  computeRecoveries,
  type RecoveryCession,
  type RecoveryClaim,
  type RecoveryProportionalKind,
  type RecoveryTreaty,
} from './recoveries.ts';

const PROPORTIONAL: readonly RecoveryTreaty[] = [
  { id: 'QS', kind: 'quota_share', reinsurer: 'RE-A' },
  { id: 'SUR', kind: 'surplus', reinsurer: 'RE-B' },
  { id: 'FAC', kind: 'facultative', reinsurer: 'RE-F' },
];

const fen = (max: bigint) => fc.bigInt({ min: 0n, max });

const perRiskXol = fc.record({ attachment: fen(10n ** 10n), limit: fen(10n ** 10n) });

/** A programme in a valid inuring order: per-risk treaties shuffled, then 0–2 cat layers, then maybe a stop-loss. */
const programme = fc
  .record({
    proportional: fc.subarray([...PROPORTIONAL]),
    perRisk: fc.array(perRiskXol, { maxLength: 2 }),
    cat: fc.array(perRiskXol, { maxLength: 2 }),
    stopLoss: fc.option(
      fc.record({
        attachmentRatio: fc.integer({ min: 0, max: 200 }).map((n) => (n / 100).toFixed(2)),
        limitRatio: fc.integer({ min: 0, max: 200 }).map((n) => (n / 100).toFixed(2)),
        premiumBase: fen(10n ** 11n),
        accidentYear: fc.option(fc.constantFrom(2024, 2025), { nil: undefined }),
      }),
      { nil: null },
    ),
  })
  .chain((drawn) => {
    const perRisk: RecoveryTreaty[] = [
      ...drawn.proportional,
      ...drawn.perRisk.map(
        (layer, i): RecoveryTreaty => ({ id: `XL${i}`, kind: 'per_risk_xol', reinsurer: 'RE-X', ...layer }),
      ),
    ];
    return fc.shuffledSubarray(perRisk, { minLength: perRisk.length }).map((shuffled) => {
      const treaties: RecoveryTreaty[] = [
        ...shuffled,
        ...drawn.cat.map(
          (layer, i): RecoveryTreaty => ({ id: `CAT${i}`, kind: 'cat_xol', reinsurer: 'RE-C', ...layer }),
        ),
      ];
      if (drawn.stopLoss !== null) {
        const { accidentYear, ...rest } = drawn.stopLoss;
        treaties.push({
          id: 'SL',
          kind: 'stop_loss',
          reinsurer: 'RE-S',
          ...rest,
          ...(accidentYear === undefined ? {} : { accidentYear }),
        });
      }
      return treaties;
    });
  });

/** A claim whose stored cessions to the proportional treaties never total more than its sum insured. */
const claimArbitrary = (index: number) =>
  fc
    .record({
      loss: fen(10n ** 11n),
      sumInsured: fen(10n ** 11n),
      eventId: fc.constantFrom(null, 'E1', 'E2'),
      accidentYear: fc.constantFrom(2024, 2025),
      weights: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
      ceded: fc.subarray([...PROPORTIONAL]),
    })
    .map((drawn): RecoveryClaim => {
      let left = drawn.sumInsured;
      const cessions: RecoveryCession[] = drawn.ceded.map((treaty, i) => {
        const cededSumInsured = (left * BigInt(drawn.weights[i] ?? 0)) / 1000n;
        left -= cededSumInsured;
        return {
          treatyId: treaty.kind === 'facultative' ? null : treaty.id,
          kind: treaty.kind as RecoveryProportionalKind,
          reinsurer: treaty.reinsurer,
          cededSumInsured,
        };
      });
      return {
        claimId: `C${index}`,
        policyId: `P${index}`,
        eventId: drawn.eventId,
        accidentYear: drawn.accidentYear,
        loss: drawn.loss,
        sumInsured: drawn.sumInsured,
        cessions,
      };
    });

const claimsArbitrary = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => claimArbitrary(i))));

describe('recoveries (property)', () => {
  it('never recover more than the loss they work on, are never negative, and gross = net + Σ recoveries', () => {
    fc.assert(
      fc.property(claimsArbitrary, programme, (claims, treaties) => {
        // Only the proportional treaties of the programme may carry cessions.
        const inOrder = new Set(treaties.map((t) => t.id));
        const placed = claims.map((c) => ({
          ...c,
          cessions: c.cessions.filter((s) => inOrder.has(s.treatyId ?? 'FAC')),
        }));
        const result = computeRecoveries({ claims: placed, treaties });

        result.claims.forEach((c, i) => {
          expect(c.gross).toBe(placed[i]?.loss);
          let subject = c.gross;
          for (const line of c.lines) {
            expect(line.subjectLoss).toBe(subject);
            expect(line.recovery >= 0n).toBe(true);
            expect(line.recovery <= line.subjectLoss).toBe(true);
            subject -= line.recovery;
          }
          expect(c.net).toBe(subject);
          expect(c.net >= 0n).toBe(true);
          expect(c.net + sumFen(c.lines.map((line) => line.recovery))).toBe(c.gross);
          expect(c.totalRecovered <= c.gross).toBe(true);
        });

        treaties.forEach((treaty, t) => {
          const lines = result.claims.map((c) => c.lines[t]);
          const total = result.treaties[t];
          expect(total?.recovered).toBe(sumFen(lines.map((line) => line?.recovery ?? 0n)));
          if (treaty.kind === 'per_risk_xol') {
            for (const line of lines) expect((line?.recovery ?? 0n) <= treaty.limit).toBe(true);
          }
          if (treaty.kind === 'cat_xol' || treaty.kind === 'stop_loss') {
            for (const aggregate of total?.aggregates ?? []) {
              expect(aggregate.recovery <= aggregate.limit).toBe(true);
              expect(aggregate.recovery <= aggregate.subjectLoss).toBe(true);
            }
            expect(sumFen((total?.aggregates ?? []).map((a) => a.recovery))).toBe(total?.recovered);
          }
          if (treaty.kind === 'cat_xol') {
            for (const c of result.claims) {
              if (c.eventId === null) expect(c.lines[t]?.recovery).toBe(0n);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('proportional treaties alone recover each cession its share of the gross line, within a fen per treaty', () => {
    fc.assert(
      fc.property(
        claimsArbitrary,
        fc.shuffledSubarray([...PROPORTIONAL], { minLength: 3 }),
        (claims, order) => {
          const result = computeRecoveries({ claims, treaties: order });
          result.claims.forEach((c, i) => {
            const claim = claims[i] as RecoveryClaim;
            c.lines.forEach((line, k) => {
              const cession = claim.cessions.find((s) => (s.treatyId ?? 'FAC') === line.treatyId);
              const exact =
                claim.sumInsured === 0n
                  ? 0n
                  : (claim.loss * (cession?.cededSumInsured ?? 0n)) / claim.sumInsured;
              const difference = line.recovery - exact;
              expect(difference >= -BigInt(k + 1) && difference <= BigInt(k + 1)).toBe(true);
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
