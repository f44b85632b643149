import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Fen, maxFen, minFen, parseYuan } from '../money/index.ts';
import { WHOLE } from '../placement/index.ts';
import { cancellationRefund } from '../policy/index.ts';
import { addDays, type CalendarDate, compareDates, parseCalendarDate } from '../time/index.ts';
import { claimParts, postClaimPayment, postClaimPayout, postClaimReserve } from './claims.ts';
import { postCoinsuranceSettlement } from './coinsurance-settlement.ts';
import { postBrokerCommission, postCommissionPayment } from './commission.ts';
import { earnedAndUnearnedByParticipant, type PremiumLayer, premiumLayersUpr } from './earned.ts';
import { balanceOf, balances, checkInvariants, type LedgerEntry, trialBalance } from './ledger-state.ts';
import { type JournalLine, postPremiumMovement } from './posting.ts';
import { postCreditApplication, postPaymentReceipt, postRefundPayout } from './receipts.ts';
import { postRecoveryReceipt, postReinsuranceRecovery } from './recovery.ts';
import { postReinsuranceSettlement } from './reinsurance-settlement.ts';
import { postClawbackReceipt, postSubsidyClawback, postSubsidyGrant, postSubsidyPayment } from './subsidy.ts';
import { postUprMovement } from './upr-movement.ts';

/*
 * One co-insured policy lived through at random — bind, endorsements, a cancellation, payments that fall
 * short, overshoot or come twice, claims reserved and paid, recoveries, commission, settlements and UPR
 * valuations — then closed out (everything owed paid, every claim closed, every co-insurer settled). The
 * journal must keep every invariant the ledger promises, whatever the order.
 */

type Mode = 'lead_collects' | 'each_collects';
const ENT = 'ent';
const FUNDER = 'gov';
const REINSURER = 'Re';
const BROKER = 'brk';
const START = parseCalendarDate('2026-01-01');

type Op =
  | { kind: 'endorse'; days: number; permille: number }
  | { kind: 'cancel'; days: number; keptPercent: number }
  | { kind: 'pay'; how: 'partial' | 'exact' | 'over' | 'duplicate'; percent: number; extra: Fen }
  | { kind: 'apply_credit' }
  | { kind: 'subsidy' }
  | { kind: 'refund' }
  | { kind: 'reserve'; change: Fen }
  | { kind: 'claim'; percent: number; payable: boolean }
  | { kind: 'payout' }
  | { kind: 'recovery'; amount: Fen; percent: number }
  | { kind: 'settle' }
  | { kind: 'commission'; amount: Fen }
  | { kind: 'valuation'; days: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('endorse'), days: fc.nat(90), permille: fc.integer({ min: 0, max: 3000 }) }),
  fc.record({
    kind: fc.constant('cancel'),
    days: fc.nat(200),
    keptPercent: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('pay'),
    how: fc.constantFrom('partial' as const, 'exact' as const, 'over' as const, 'duplicate' as const),
    percent: fc.integer({ min: 1, max: 99 }),
    extra: fc.bigInt({ min: 1n, max: 10n ** 7n }),
  }),
  fc.constant({ kind: 'apply_credit' as const }),
  fc.constant({ kind: 'subsidy' as const }),
  fc.constant({ kind: 'refund' as const }),
  fc.record({ kind: fc.constant('reserve'), change: fc.bigInt({ min: -(10n ** 8n), max: 10n ** 9n }) }),
  fc.record({ kind: fc.constant('claim'), percent: fc.integer({ min: 0, max: 100 }), payable: fc.boolean() }),
  fc.constant({ kind: 'payout' as const }),
  fc.record({
    kind: fc.constant('recovery'),
    amount: fc.bigInt({ min: 0n, max: 10n ** 8n }),
    percent: fc.integer({ min: 0, max: 100 }),
  }),
  fc.constant({ kind: 'settle' as const }),
  fc.record({ kind: fc.constant('commission'), amount: fc.bigInt({ min: -(10n ** 6n), max: 10n ** 7n }) }),
  fc.record({ kind: fc.constant('valuation'), days: fc.integer({ min: -10, max: 760 }) }),
);

const policy = fc.record({
  mode: fc.constantFrom('lead_collects' as const, 'each_collects' as const),
  shares: fc.array(fc.integer({ min: 1, max: WHOLE }), { minLength: 1, maxLength: 5 }),
  leadIndex: fc.nat(4),
  premium: fc.bigInt({ min: 10_000n, max: 10n ** 10n }),
  subsidyPercent: fc.integer({ min: 0, max: 100 }),
  termDays: fc.integer({ min: 30, max: 731 }),
  ops: fc.array(op, { maxLength: 30 }),
});

class LivedPolicy {
  readonly entries: LedgerEntry[] = [];
  readonly participants: { orgId: string; lead: boolean; share: number }[];
  readonly lead: string;
  readonly end: CalendarDate;
  readonly layers: PremiumLayer[] = [];
  readonly written: Fen[];
  cursor: CalendarDate = START;
  cancelledFrom: CalendarDate | null = null;
  incurred = 0n;
  paid = 0n;
  lastUpr: { asOf: CalendarDate; targets: Fen[] } | null = null;
  readonly mode: Mode;
  private readonly lastPaid = new Map<string, Fen>();

  constructor(mode: Mode, shares: readonly number[], leadIndex: number, termDays: number) {
    this.mode = mode;
    const lead = leadIndex % shares.length;
    this.participants = shares.map((share, i) => ({ orgId: `ins${i}`, lead: i === lead, share }));
    this.lead = `ins${lead}`;
    this.end = addDays(START, termDays - 1);
    this.written = shares.map(() => 0n);
  }

  get lines(): JournalLine[] {
    return this.entries.flatMap((entry) => entry.lines as JournalLine[]);
  }

  balance(orgId: string, account: JournalLine['account'], counterparty?: string): Fen {
    return balanceOf(balances(this.lines), orgId, account, counterparty);
  }

  get collectors(): string[] {
    return this.mode === 'lead_collects' ? [this.lead] : this.participants.map((p) => p.orgId);
  }

  get followers(): string[] {
    return this.participants.filter((p) => p.orgId !== this.lead).map((p) => p.orgId);
  }

  post(lines: JournalLine[]): void {
    if (lines.length > 0) this.entries.push({ id: `e${this.entries.length}`, lines });
  }

  /** A premium movement split by the signed lines, as the server splits it. */
  movePremium(movement: Fen, start: CalendarDate, subsidy: Fen, cededPercent: bigint): void {
    const parts = allocate(
      movement,
      this.participants.map((p) => p.share),
    );
    parts.forEach((part, i) => {
      this.written[i] = (this.written[i] as Fen) + part;
    });
    this.layers.push({ premium: movement, start, end: this.end });
    const leadPart = parts[this.participants.findIndex((p) => p.lead)] as Fen;
    const ceded = allocate(leadPart, [cededPercent, 100n - cededPercent])[0] as Fen;
    this.post(
      postPremiumMovement({
        policyholder: ENT,
        funder: subsidy === 0n ? null : FUNDER,
        collectionMode: this.mode,
        participants: this.participants.map((p, i) => ({ ...p, premium: parts[i] as Fen })),
        subsidy,
        cessions: [{ orgId: this.lead, reinsurer: REINSURER, cededPremium: ceded, commission: ceded / 4n }],
      }),
    );
  }

  bind(premium: Fen, subsidyPercent: number): void {
    const subsidy = (premium * BigInt(subsidyPercent)) / 100n;
    this.movePremium(premium, START, subsidy, 30n);
    for (const p of this.participants) {
      const granted = this.balance(p.orgId, 'subsidy_receivable', FUNDER);
      this.post(postSubsidyGrant({ funder: FUNDER, insurer: p.orgId, amount: granted }));
    }
  }

  apply(step: Op): void {
    switch (step.kind) {
      case 'endorse': {
        if (this.cancelledFrom) return;
        this.cursor = minDate(addDays(this.cursor, step.days), this.end);
        // Realistic movements: from taking back all that is unearned to adding twice as much.
        const unearned = premiumLayersUpr(this.layers, addDays(this.cursor, -1));
        const delta = (maxFen(unearned, 0n) * BigInt(step.permille - 1000)) / 1000n;
        if (delta !== 0n) this.movePremium(delta, this.cursor, 0n, 30n);
        return;
      }
      case 'cancel': {
        if (this.cancelledFrom) return;
        this.cursor = minDate(addDays(this.cursor, step.days), this.end);
        const unearned = maxFen(premiumLayersUpr(this.layers, addDays(this.cursor, -1)), 0n);
        const refund = (unearned * BigInt(100 - step.keptPercent)) / 100n;
        const writtenBefore = this.written.reduce((s, w) => s + w, 0n);
        if (refund !== 0n) this.movePremium(-refund, this.cursor, 0n, 30n);
        this.cancelledFrom = this.cursor;
        // The enterprise got the whole refund; the funder claws back the subsidy's proportion of it.
        const granted = this.balance(FUNDER, 'subsidy_expense');
        const clawback = writtenBefore <= 0n ? 0n : (granted * refund) / writtenBefore;
        this.post(postSubsidyClawback({ funder: FUNDER, from: ENT, amount: clawback }));
        this.post(postClawbackReceipt({ funder: FUNDER, from: ENT, amount: clawback }));
        return;
      }
      case 'pay':
        for (const c of this.collectors) {
          const owed = maxFen(this.balance(c, 'premium_receivable', ENT), 0n);
          const amount =
            step.how === 'partial'
              ? (owed * BigInt(step.percent)) / 100n
              : step.how === 'exact'
                ? owed
                : step.how === 'over'
                  ? owed + step.extra
                  : (this.lastPaid.get(c) ?? 0n);
          if (amount === 0n) continue;
          const applied = minFen(amount, owed);
          this.post(
            postPaymentReceipt({
              orgId: c,
              payer: ENT,
              payerKind: 'enterprise',
              applied,
              unapplied: amount - applied,
            }),
          );
          this.lastPaid.set(c, amount);
        }
        return;
      case 'apply_credit':
        for (const c of this.collectors) {
          const credit = -this.balance(c, 'payer_credit', ENT);
          const owed = this.balance(c, 'premium_receivable', ENT);
          if (credit > 0n && owed > 0n) {
            this.post(
              postCreditApplication({
                orgId: c,
                payer: ENT,
                payerKind: 'enterprise',
                amount: minFen(credit, owed),
              }),
            );
          }
        }
        return;
      case 'subsidy':
        for (const p of this.participants) {
          const due = this.balance(p.orgId, 'subsidy_receivable', FUNDER);
          if (due > 0n) this.post(postSubsidyPayment({ funder: FUNDER, insurer: p.orgId, amount: due }));
        }
        return;
      case 'refund':
        for (const c of this.collectors) {
          const owedBack = -this.balance(c, 'premium_receivable', ENT);
          if (owedBack > 0n) {
            this.post(
              postRefundPayout({
                orgId: c,
                payee: ENT,
                payeeKind: 'enterprise',
                amount: owedBack,
                from: 'receivable',
              }),
            );
          }
          const credit = -this.balance(c, 'payer_credit', ENT);
          if (credit > 0n) {
            this.post(
              postRefundPayout({
                orgId: c,
                payee: ENT,
                payeeKind: 'enterprise',
                amount: credit,
                from: 'credit',
              }),
            );
          }
        }
        return;
      case 'reserve': {
        const change = maxFen(step.change, this.paid - this.incurred);
        this.post(
          postClaimReserve({
            participants: this.participants,
            claimant: ENT,
            change,
            incurredBefore: this.incurred,
          }),
        );
        this.incurred += change;
        return;
      }
      case 'claim': {
        const amount = ((this.incurred - this.paid) * BigInt(step.percent)) / 100n;
        const { lines, parts } = postClaimPayment({
          participants: this.participants,
          claimant: ENT,
          amount,
          collectionMode: this.mode,
          paidBefore: this.paid,
          payable: step.payable,
        });
        expect(parts.reduce((s, p) => s + p.amount, 0n)).toBe(amount);
        this.post(lines);
        this.paid += amount;
        return;
      }
      case 'payout':
        for (const p of this.participants) {
          const agreed = -this.balance(p.orgId, 'claims_payable', ENT);
          if (agreed > 0n) this.post(postClaimPayout({ orgId: p.orgId, claimant: ENT, amount: agreed }));
        }
        return;
      case 'recovery': {
        this.post(postReinsuranceRecovery({ orgId: this.lead, reinsurer: REINSURER, amount: step.amount }));
        const due = this.balance(this.lead, 'recoveries_receivable', REINSURER);
        const received = (due * BigInt(step.percent)) / 100n;
        this.post(postRecoveryReceipt({ orgId: this.lead, reinsurer: REINSURER, amount: received }));
        return;
      }
      case 'settle':
        for (const f of this.followers) {
          const lines = postCoinsuranceSettlement({
            lead: this.lead,
            follower: f,
            premiumDue: -this.balance(this.lead, 'coinsurance_payable', f),
            claimsDue: -this.balance(f, 'coinsurance_claims_payable', this.lead),
          });
          if (this.mode === 'each_collects') expect(lines).toEqual([]);
          this.post(lines);
        }
        return;
      case 'commission': {
        // Commission taken back on return premium, never more than is still owed to the broker.
        const owed = -this.balance(this.lead, 'commission_payable', BROKER);
        const amount = maxFen(step.amount, -owed);
        this.post(postBrokerCommission({ orgId: this.lead, broker: BROKER, amount }));
        const payable = -this.balance(this.lead, 'commission_payable', BROKER);
        if (payable > 0n)
          this.post(postCommissionPayment({ orgId: this.lead, broker: BROKER, amount: payable / 2n }));
        return;
      }
      case 'valuation': {
        const asOf = addDays(START, step.days);
        const targets = earnedAndUnearnedByParticipant(
          this.layers,
          this.written,
          asOf,
          this.cancelledFrom,
        ).map((column) => column.unearned);
        this.participants.forEach((p, i) => {
          const held = -this.balance(p.orgId, 'unearned_premium_reserve', ENT);
          this.post(
            postUprMovement({ orgId: p.orgId, policyholder: ENT, change: (targets[i] as Fen) - held }),
          );
        });
        this.lastUpr = { asOf, targets };
        return;
      }
    }
  }

  /** Everything owed is paid or paid back, every claim closed, every co-insurer settled. */
  closeOut(): void {
    this.apply({ kind: 'apply_credit' });
    this.apply({ kind: 'pay', how: 'exact', percent: 100, extra: 0n });
    this.apply({ kind: 'refund' });
    this.apply({ kind: 'subsidy' });
    this.apply({ kind: 'reserve', change: this.paid - this.incurred });
    this.apply({ kind: 'payout' });
    this.apply({ kind: 'recovery', amount: 0n, percent: 100 });
    this.apply({ kind: 'commission', amount: 0n });
    const owedBroker = -this.balance(this.lead, 'commission_payable', BROKER);
    if (owedBroker > 0n)
      this.post(postCommissionPayment({ orgId: this.lead, broker: BROKER, amount: owedBroker }));
    this.apply({ kind: 'settle' });
    // The reinsurance account: ceded premium less commission and recoveries, settled in cash.
    const ceded = -this.balance(this.lead, 'reinsurance_payable', REINSURER);
    const commission = this.balance(this.lead, 'commission_receivable', REINSURER);
    const recoveries = this.balance(this.lead, 'recoveries_receivable', REINSURER);
    if (ceded >= 0n && commission >= 0n && recoveries >= 0n) {
      this.post(
        postReinsuranceSettlement({
          orgId: this.lead,
          reinsurer: REINSURER,
          cededPremium: ceded,
          commission,
          recoveries,
        }),
      );
    }
  }
}

const minDate = (a: CalendarDate, b: CalendarDate) => (compareDates(a, b) <= 0 ? a : b);
const COINSURANCE_ACCOUNTS = [
  'coinsurance_payable',
  'coinsurance_receivable',
  'coinsurance_claims_payable',
  'coinsurance_claims_receivable',
] as const;
const SETTLED_ACCOUNTS = [
  'reinsurance_payable',
  'commission_receivable',
  'premium_receivable',
  'subsidy_receivable',
  'payer_credit',
  'claims_reserve',
  'claims_payable',
  'recoveries_receivable',
  'commission_payable',
  'subsidy_payable',
  'clawback_receivable',
] as const;

describe('a policy lived through at random keeps every ledger invariant', () => {
  it('balances every entry and every book, mirrors co-insurance, settles to zero', () => {
    fc.assert(
      fc.property(policy, ({ mode, shares, leadIndex, premium, subsidyPercent, termDays, ops }) => {
        const lived = new LivedPolicy(mode, shares, leadIndex, termDays);
        lived.bind(premium, subsidyPercent);
        for (const step of ops) lived.apply(step);
        // Checked mid-life too: nothing depends on having settled.
        expect(checkInvariants(lived.entries)).toEqual([]);
        lived.closeOut();
        lived.apply({ kind: 'valuation', days: termDays >> 1 });

        const { entries, participants } = lived;
        const lines = lived.lines;
        const positions = balances(lines);
        expect(checkInvariants(entries)).toEqual([]);
        for (const entry of entries) expect(entry.lines.every((l) => l.amount !== 0n)).toBe(true);

        // The trial balance sums to zero overall and in every book.
        const overall = trialBalance(lines);
        expect(overall.balance).toBe(0n);
        expect(overall.debit + overall.credit).toBe(0n);
        for (const orgId of new Set(lines.map((l) => l.orgId)))
          expect(trialBalance(lines, orgId).balance).toBe(0n);

        // Premium income is the written premium, net of endorsements and the cancellation, per co-insurer.
        const writtenTotal = lived.layers.reduce((s, l) => s + l.premium, 0n);
        participants.forEach((p, i) => {
          expect(-balanceOf(positions, p.orgId, 'premium_income')).toBe(lived.written[i]);
        });
        expect(participants.reduce((s, p) => s - balanceOf(positions, p.orgId, 'premium_income'), 0n)).toBe(
          writtenTotal,
        );

        // Everything owed has been paid: receivables, credits, reserves and payables are all zero.
        for (const orgId of [...participants.map((p) => p.orgId), FUNDER]) {
          for (const account of SETTLED_ACCOUNTS) expect(balanceOf(positions, orgId, account)).toBe(0n);
        }

        // 主代从收: fully settled, nothing left between insurers; 各收各份额: never anything between them.
        if (mode === 'lead_collects') {
          for (const p of participants) {
            for (const account of COINSURANCE_ACCOUNTS)
              expect(balanceOf(positions, p.orgId, account)).toBe(0n);
          }
        } else {
          expect(lines.some((l) => (COINSURANCE_ACCOUNTS as readonly string[]).includes(l.account))).toBe(
            false,
          );
        }

        // Each co-insurer bore exactly its part of the claim.
        claimParts(participants, lived.paid).forEach((part) => {
          expect(balanceOf(positions, part.orgId, 'claims_incurred')).toBe(part.amount);
        });

        // Money moved between books on the platform nets out: cash only enters or leaves from outside.
        const inside = new Set([...participants.map((p) => p.orgId), FUNDER]);
        const internalCash = lines
          .filter((l) => l.account === 'cash' && inside.has(l.counterparty))
          .reduce((s, l) => s + l.amount, 0n);
        expect(internalCash).toBe(0n);

        // The UPR held is the policy's UPR at the last valuation, split across the co-insurers.
        const last = lived.lastUpr;
        expect(last).not.toBeNull();
        if (!last) return;
        participants.forEach((p, i) => {
          expect(-balanceOf(positions, p.orgId, 'unearned_premium_reserve')).toBe(last.targets[i]);
        });
        expect(
          participants.reduce((s, p) => s - balanceOf(positions, p.orgId, 'unearned_premium_reserve'), 0n),
        ).toBe(premiumLayersUpr(lived.layers, last.asOf, lived.cancelledFrom));
      }),
      { numRuns: 200 },
    );
  });
});

describe('worked example: a policy paid, cancelled and refunded', () => {
  it('leaves no premium receivable after the net premium is paid and a cancellation refunded', () => {
    for (const mode of ['lead_collects', 'each_collects'] as const) {
      const lived = new LivedPolicy(mode, [500_000, 300_000, 200_000], 0, 365);
      // 3,650.00 premium, 40 % subsidised: the enterprise owes 2,190.00, the funder 1,460.00.
      lived.bind(parseYuan('3650.00'), 40);
      expect(lived.collectors.reduce((s, c) => s + lived.balance(c, 'premium_receivable', ENT), 0n)).toBe(
        parseYuan('2190.00'),
      );
      lived.apply({ kind: 'pay', how: 'exact', percent: 100, extra: 0n });
      lived.apply({ kind: 'subsidy' });
      // Cancelled from 2026-01-31, pro rata: 3,350.00 back to the enterprise.
      expect(
        cancellationRefund({
          premium: parseYuan('3650.00'),
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          cancelDate: '2026-01-31',
          method: 'pro_rata',
        }),
      ).toBe(parseYuan('3350.00'));
      lived.apply({ kind: 'cancel', days: 30, keptPercent: 0 });
      expect(lived.collectors.reduce((s, c) => s + lived.balance(c, 'premium_receivable', ENT), 0n)).toBe(
        -parseYuan('3350.00'),
      );
      lived.apply({ kind: 'refund' });
      for (const p of lived.participants) {
        expect(lived.balance(p.orgId, 'premium_receivable')).toBe(0n);
        expect(lived.balance(p.orgId, 'subsidy_receivable')).toBe(0n);
      }
      // 300.00 earned for January 1–30, all of it written: nothing left unearned.
      lived.apply({ kind: 'valuation', days: 40 });
      expect(lived.lastUpr?.targets).toEqual([0n, 0n, 0n]);
      expect(lived.participants.reduce((s, p) => s - lived.balance(p.orgId, 'premium_income'), 0n)).toBe(
        parseYuan('300.00'),
      );
      // The funder clawed back 40 % of the refund from the enterprise.
      expect(lived.balance(FUNDER, 'subsidy_expense')).toBe(parseYuan('120.00'));
    }
  });
});
