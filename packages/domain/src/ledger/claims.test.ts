import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { WHOLE } from '../placement/index.ts';
import {
  type ClaimParticipant,
  claimParts,
  postClaimPayment,
  postClaimPayout,
  postClaimReserve,
} from './claims.ts';
import { balanceOf, balances } from './ledger-state.ts';

const yuan = parseYuan;

// A lead on 40 % and four followers on 25 / 15 / 10 / 10 %.
const slip: ClaimParticipant[] = [
  { orgId: 'L', lead: true, share: 400_000 },
  { orgId: 'F1', lead: false, share: 250_000 },
  { orgId: 'F2', lead: false, share: 150_000 },
  { orgId: 'F3', lead: false, share: 100_000 },
  { orgId: 'F4', lead: false, share: 100_000 },
];

describe('claims in the co-insurers’ books', () => {
  it('reserves a 10,000.01 claim 40/25/15/10/10, the odd fen to the largest remainder (the lead’s 0.4)', () => {
    const lines = postClaimReserve({ participants: slip, claimant: 'ent', change: yuan('10000.01') });
    expect(lines.filter((l) => l.account === 'claims_incurred').map((l) => [l.orgId, l.amount])).toEqual([
      ['L', 400_001n],
      ['F1', 250_000n],
      ['F2', 150_000n],
      ['F3', 100_000n],
      ['F4', 100_000n],
    ]);
    expect(lines.filter((l) => l.account === 'claims_reserve').map((l) => l.amount)).toEqual([
      -400_001n,
      -250_000n,
      -150_000n,
      -100_000n,
      -100_000n,
    ]);
  });

  it('under 主代从收 the lead pays the claimant 10,000.01 and recovers 6,000.00 from the followers', () => {
    const { lines, parts } = postClaimPayment({
      participants: slip,
      claimant: 'ent',
      amount: yuan('10000.01'),
      collectionMode: 'lead_collects',
    });
    expect(parts).toEqual([
      { orgId: 'L', amount: 400_001n },
      { orgId: 'F1', amount: 250_000n },
      { orgId: 'F2', amount: 150_000n },
      { orgId: 'F3', amount: 100_000n },
      { orgId: 'F4', amount: 100_000n },
    ]);
    expect(lines).toContainEqual({ account: 'cash', orgId: 'L', counterparty: 'ent', amount: -1_000_001n });
    expect(lines).toContainEqual({
      account: 'coinsurance_claims_receivable',
      orgId: 'L',
      counterparty: 'F1',
      amount: 250_000n,
    });
    expect(lines).toContainEqual({
      account: 'coinsurance_claims_payable',
      orgId: 'F1',
      counterparty: 'L',
      amount: -250_000n,
    });
    const positions = balances(lines);
    expect(balanceOf(positions, 'L', 'coinsurance_claims_receivable')).toBe(yuan('6000.00'));
    expect(lines.filter((l) => l.account === 'cash')).toHaveLength(1);
    // Reserve set, then paid: every co-insurer's reserve is back to zero.
    const reserve = postClaimReserve({ participants: slip, claimant: 'ent', change: yuan('10000.01') });
    const after = balances([...reserve, ...lines]);
    for (const p of slip) expect(balanceOf(after, p.orgId, 'claims_reserve')).toBe(0n);
  });

  it('under 各收各份额 each co-insurer pays its own part and owes nobody', () => {
    const { lines } = postClaimPayment({
      participants: slip,
      claimant: 'ent',
      amount: yuan('10000.01'),
      collectionMode: 'each_collects',
    });
    expect(lines.filter((l) => l.account === 'cash').map((l) => [l.orgId, l.amount])).toEqual([
      ['L', -400_001n],
      ['F1', -250_000n],
      ['F2', -150_000n],
      ['F3', -100_000n],
      ['F4', -100_000n],
    ]);
    expect(lines.some((l) => l.account.startsWith('coinsurance'))).toBe(false);
  });

  it('recognises an agreed claim in claims_payable and pays it out later', () => {
    const { lines } = postClaimPayment({
      participants: slip.slice(0, 2),
      claimant: 'ent',
      amount: 650n,
      collectionMode: 'lead_collects',
      payable: true,
    });
    expect(lines).toContainEqual({
      account: 'claims_payable',
      orgId: 'L',
      counterparty: 'ent',
      amount: -650n,
    });
    expect(postClaimPayout({ orgId: 'L', claimant: 'ent', amount: 650n })).toEqual([
      { account: 'claims_payable', orgId: 'L', counterparty: 'ent', amount: 650n },
      { account: 'cash', orgId: 'L', counterparty: 'ent', amount: -650n },
    ]);
  });

  it('splits the running total, so two 0.01 reserves and one 0.02 payment leave no fen behind', () => {
    const thirds = [
      { orgId: 'a', lead: true, share: 1 },
      { orgId: 'b', lead: false, share: 1 },
      { orgId: 'c', lead: false, share: 1 },
    ];
    expect(claimParts(thirds, 1n).map((p) => p.amount)).toEqual([1n, 0n, 0n]);
    // The second fen goes to b: the running total 0.02 splits 1/1/0.
    expect(claimParts(thirds, 1n, 1n).map((p) => p.amount)).toEqual([0n, 1n, 0n]);
    const lines = [
      ...postClaimReserve({ participants: thirds, claimant: 'ent', change: 1n }),
      ...postClaimReserve({ participants: thirds, claimant: 'ent', change: 1n, incurredBefore: 1n }),
      ...postClaimPayment({
        participants: thirds,
        claimant: 'ent',
        amount: 2n,
        collectionMode: 'each_collects',
      }).lines,
    ];
    const positions = balances(lines);
    for (const p of thirds) expect(balanceOf(positions, p.orgId, 'claims_reserve')).toBe(0n);
  });

  it('releases a reserve as the mirror image', () => {
    const lines = postClaimReserve({
      participants: slip,
      claimant: 'ent',
      change: -yuan('10000.01'),
      incurredBefore: yuan('10000.01'),
    });
    expect(balanceOf(balances(lines), 'L', 'claims_reserve')).toBe(400_001n);
  });

  it('refuses nonsense', () => {
    const claimant = 'ent';
    expect(() => postClaimReserve({ participants: [], claimant, change: 1n })).toThrow(RangeError);
    expect(() => postClaimReserve({ participants: slip, claimant, change: -1n })).toThrow(RangeError);
    expect(() => postClaimReserve({ participants: slip, claimant, change: 1n, incurredBefore: -2n })).toThrow(
      RangeError,
    );
    expect(() =>
      postClaimReserve({
        participants: [slip[0] as ClaimParticipant, slip[0] as ClaimParticipant],
        claimant,
        change: 1n,
      }),
    ).toThrow(RangeError);
    expect(() =>
      postClaimPayment({
        participants: slip.map((p) => ({ ...p, lead: true })),
        claimant,
        amount: 1n,
        collectionMode: 'lead_collects',
      }),
    ).toThrow(RangeError);
    expect(() =>
      postClaimPayment({ participants: slip, claimant, amount: -1n, collectionMode: 'each_collects' }),
    ).toThrow(RangeError);
    expect(() =>
      postClaimPayment({ participants: slip, claimant, amount: 1n, collectionMode: 'x' as 'each_collects' }),
    ).toThrow(RangeError);
    expect(() =>
      postClaimReserve({ participants: [{ orgId: 'a', lead: true, share: -1 }], claimant, change: 1n }),
    ).toThrow(RangeError);
    expect(() => postClaimPayout({ orgId: 'L', claimant, amount: -1n })).toThrow(RangeError);
  });

  it('closes every co-insurer’s reserve exactly when the claim’s reserve is closed, whatever the steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: WHOLE }), { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 100 })),
          {
            maxLength: 12,
          },
        ),
        fc.constantFrom('lead_collects' as const, 'each_collects' as const),
        (shares, steps, mode) => {
          const participants = shares.map((share, i) => ({ orgId: `o${i}`, lead: i === 0, share }));
          const lines = [];
          let incurred = 0n;
          let paid = 0n;
          for (const [raise, amount, percent] of steps) {
            if (raise) {
              lines.push(
                ...postClaimReserve({
                  participants,
                  claimant: 'ent',
                  change: amount,
                  incurredBefore: incurred,
                }),
              );
              incurred += amount;
            } else {
              const pay = ((incurred - paid) * BigInt(percent)) / 100n;
              const payment = postClaimPayment({
                participants,
                claimant: 'ent',
                amount: pay,
                collectionMode: mode,
                paidBefore: paid,
              });
              expect(payment.parts.reduce((s, p) => s + p.amount, 0n)).toBe(pay);
              lines.push(...payment.lines);
              paid += pay;
            }
          }
          lines.push(
            ...postClaimReserve({
              participants,
              claimant: 'ent',
              change: paid - incurred,
              incurredBefore: incurred,
            }),
          );
          const positions = balances(lines);
          for (const p of participants) expect(balanceOf(positions, p.orgId, 'claims_reserve')).toBe(0n);
          expect(
            participants.reduce((s, p) => s + balanceOf(positions, p.orgId, 'claims_incurred'), 0n),
          ).toBe(paid);
        },
      ),
    );
  });
});
