import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import { balanceOf, balances } from './ledger-state.ts';
import { postPremiumMovement } from './posting.ts';
import { postRefundPayout } from './receipts.ts';
import { postSubsidyGrant } from './subsidy.ts';
import { grantOpen, postSubsidySettlement, type SettlementGrant, subsidyDue } from './subsidy-settlement.ts';

const yuan = parseYuan;

const grant = (id: string, amount: string, more: Partial<SettlementGrant> = {}): SettlementGrant => ({
  id,
  status: 'confirmed',
  amount: yuan(amount),
  clawedBack: 0n,
  paid: 0n,
  ...more,
});

describe('settling subsidies between a funder and an insurer (补贴结算)', () => {
  it('pays 1,234.56 of subsidy: the funder’s payable and the insurer’s receivable are both cleared', () => {
    expect(postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: yuan('1234.56') })).toEqual([
      { account: 'subsidy_payable', orgId: 'gov', counterparty: 'ins', amount: yuan('1234.56') },
      { account: 'cash', orgId: 'gov', counterparty: 'ins', amount: -yuan('1234.56') },
      { account: 'cash', orgId: 'ins', counterparty: 'gov', amount: yuan('1234.56') },
      { account: 'subsidy_receivable', orgId: 'ins', counterparty: 'gov', amount: -yuan('1234.56') },
    ]);
  });

  it('has the insurer pay back subsidy clawed back after it was paid (a negative amount)', () => {
    const lines = postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: -300n });
    expect(lines.filter((l) => l.account === 'cash').map((l) => [l.orgId, l.amount])).toEqual([
      ['gov', 300n],
      ['ins', -300n],
    ]);
  });

  it('posts nothing for nothing, and refuses a funder settling with itself', () => {
    expect(postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: 0n })).toEqual([]);
    expect(() => postSubsidySettlement({ funder: 'gov', insurer: 'gov', amount: 1n })).toThrow(RangeError);
  });

  it('clears what a subsidised bind left in both books: the grant, the bill and the payment agree', () => {
    const bind = postPremiumMovement({
      policyholder: 'ent',
      funder: 'gov',
      collectionMode: 'lead_collects',
      participants: [{ orgId: 'ins', lead: true, share: 1_000_000, premium: yuan('10000.01') }],
      subsidy: yuan('3000.01'),
      cessions: [],
    });
    const granted = postSubsidyGrant({ funder: 'gov', insurer: 'ins', amount: yuan('3000.01') });
    const before = balances([...bind, ...granted]);
    const receivable = balanceOf(before, 'ins', 'subsidy_receivable', 'gov');
    const { due, parts } = subsidyDue(receivable, [grant('g1', '3000.01')]);
    expect(due).toBe(yuan('3000.01'));
    expect(parts).toEqual([{ grantId: 'g1', amount: yuan('3000.01') }]);
    const after = balances([
      ...bind,
      ...granted,
      ...postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: due }),
    ]);
    expect(balanceOf(after, 'ins', 'subsidy_receivable', 'gov')).toBe(0n);
    expect(balanceOf(after, 'gov', 'subsidy_payable', 'ins')).toBe(0n);
    expect(balanceOf(after, 'ins', 'cash', 'gov')).toBe(yuan('3000.01'));
    expect(balanceOf(after, 'gov', 'subsidy_expense', 'ins')).toBe(yuan('3000.01'));
  });

  it('settles a refund due to the funder like a refund payout from the receivable would', () => {
    const viaStatement = postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: -yuan('80.00') });
    const viaRefund = postRefundPayout({
      orgId: 'ins',
      payee: 'gov',
      payeeKind: 'funder',
      amount: yuan('80.00'),
      from: 'receivable',
    });
    const insurerBook = (lines: typeof viaStatement) =>
      balances(lines.filter((l) => l.orgId === 'ins').map((l) => ({ ...l, counterparty: 'gov' })));
    expect(balanceOf(insurerBook(viaStatement), 'ins', 'subsidy_receivable', 'gov')).toBe(
      balanceOf(insurerBook(viaRefund), 'ins', 'subsidy_receivable', 'gov'),
    );
    expect(balanceOf(insurerBook(viaStatement), 'ins', 'cash', 'gov')).toBe(
      balanceOf(insurerBook(viaRefund), 'ins', 'cash', 'gov'),
    );
  });
});

describe('what a statement lists per grant', () => {
  it('fills the grants in order, each up to what it still owes: 500.00 over 300.00 and 400.00', () => {
    expect(subsidyDue(yuan('500.00'), [grant('a', '300.00'), grant('b', '400.00')])).toEqual({
      due: yuan('500.00'),
      parts: [
        { grantId: 'a', amount: yuan('300.00') },
        { grantId: 'b', amount: yuan('200.00') },
      ],
    });
  });

  it('skips grants paid, clawed back, lapsed or still under review; lists no more than they owe', () => {
    const grants = [
      grant('paid', '100.00', { paid: yuan('100.00') }),
      grant('lapsed', '100.00', { status: 'lapsed' }),
      grant('review', '100.00', { status: 'submitted' }),
      grant('part', '100.00', { clawedBack: yuan('30.00'), paid: yuan('50.00') }),
      grant('reserved', '10.00', { status: 'reserved' }),
    ];
    expect(subsidyDue(yuan('1000.00'), grants)).toEqual({
      due: yuan('30.00'),
      parts: [
        { grantId: 'part', amount: yuan('20.00') },
        { grantId: 'reserved', amount: yuan('10.00') },
      ],
    });
    expect(subsidyDue(yuan('1000.00'), [])).toEqual({ due: 0n, parts: [] });
  });

  it('lists a refund due to the funder on the grants paid beyond what they grant after a claw-back', () => {
    const overpaid = grant('g', '100.00', { clawedBack: yuan('40.00'), paid: yuan('100.00') });
    expect(grantOpen(overpaid)).toBe(-yuan('40.00'));
    expect(subsidyDue(-yuan('40.00'), [grant('open', '50.00'), overpaid])).toEqual({
      due: -yuan('40.00'),
      parts: [{ grantId: 'g', amount: -yuan('40.00') }],
    });
    expect(subsidyDue(-yuan('10.00'), [grant('open', '50.00')]).due).toBe(0n);
  });

  it('always lists parts summing to the due, never beyond the receivable or any grant, in its direction', () => {
    const arbitraryGrant = fc.record({
      id: fc.uuid(),
      status: fc.constantFrom('reserved', 'confirmed', 'approved', 'lapsed', 'revoked', 'submitted'),
      amount: fc.bigInt({ min: 0n, max: 10n ** 9n }),
      clawedBack: fc.bigInt({ min: 0n, max: 10n ** 9n }),
      paid: fc.bigInt({ min: 0n, max: 10n ** 9n }),
    });
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.array(arbitraryGrant, { maxLength: 6 }),
        (receivable, grants) => {
          const { due, parts } = subsidyDue(receivable, grants);
          expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(due);
          const abs = (x: bigint) => (x < 0n ? -x : x);
          expect(abs(due) <= abs(receivable)).toBe(true);
          for (const part of parts) {
            expect(part.amount !== 0n && part.amount < 0n === receivable < 0n).toBe(true);
            const g = grants.find((x) => x.id === part.grantId) as SettlementGrant;
            expect(abs(part.amount) <= abs(grantOpen(g))).toBe(true);
            expect(grantOpen(g) < 0n === part.amount < 0n).toBe(true);
          }
          // Settling it clears exactly the due in both books.
          const lines = postSubsidySettlement({ funder: 'gov', insurer: 'ins', amount: due });
          const after = balances(lines);
          expect(balanceOf(after, 'ins', 'subsidy_receivable', 'gov')).toBe(-due);
          expect(balanceOf(after, 'gov', 'subsidy_payable', 'ins')).toBe(due);
        },
      ),
    );
  });
});
