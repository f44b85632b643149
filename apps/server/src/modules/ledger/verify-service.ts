import type { Queryable } from '@kebao/db';
import { formatYuan } from '@kebao/domain/money';
import { claimMismatches } from '../claim/service.ts';
import { subsidyBudgetMismatches, subsidyQuotaMismatches } from '../subsidy/service.ts';
import {
  certificateMismatches,
  invoiceMismatches,
  ledgerTotals,
  paymentMismatches,
  premiumMismatches,
  settlementMismatches,
  statementGrantMismatches,
  statementMismatches,
  trialBalance,
  unbalancedBooks,
  unbalancedEntries,
  uprOutOfRange,
} from './repo.ts';

/*
 * Reconciliation (`kebao ledger verify`, GET /api/ledger/verify): every entry sums to zero and so does each
 * book inside it; the trial balance sums to zero; every policy's co-insurers' premium income equals its
 * written premium and its lines add up to it, and a group policy's the same per member certificate;
 * invoices agree with the receivables that raised them and with their settlements and instalments;
 * payments with what they settled; settled statements cleared exactly what they listed, in every book they list, and a subsidy statement's grants add up to what it lists;
 * booked UPR stays within each co-insurer's premium; every subsidy programme's committed
 * amount equals its grants and stays within its budget, and what was paid equals what its grants record;
 * every approved quota's use is what its live grants drew;
 * every policy's claims hold the reserves and incurred amounts the journal books, and every insurer's
 * recoveries recorded per claim equal the recoveries booked.
 * Each problem names the entry, policy, invoice, payment, statement or programme.
 */
export interface LedgerProblem {
  code: string;
  subject: string;
  detail: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  lines: number;
  trialBalanceTotal: string;
  problems: LedgerProblem[];
}

export async function verifyLedger(db: Queryable): Promise<LedgerReport> {
  const problems: LedgerProblem[] = [];
  const totals = await ledgerTotals(db);
  for (const id of await unbalancedEntries(db)) {
    problems.push({
      code: 'entry.unbalanced',
      subject: id,
      detail: `journal entry ${id} does not sum to zero`,
    });
  }
  for (const b of await unbalancedBooks(db)) {
    problems.push({
      code: 'entry.book_unbalanced',
      subject: b.entry_id,
      detail: `journal entry ${b.entry_id}: the books of ${b.org_id} are off by ${formatYuan(b.off)} yuan`,
    });
  }
  const tb = await trialBalance(db, null, new Date(8.64e15));
  const tbTotal = tb.reduce((s, r) => s + r.balance, 0n);
  if (tbTotal !== 0n) {
    problems.push({
      code: 'trial_balance.off',
      subject: 'trial balance',
      detail: `off by ${formatYuan(tbTotal)} yuan`,
    });
  }
  for (const p of await premiumMismatches(db)) {
    problems.push({
      code: 'policy.premium_split',
      subject: p.number,
      detail: `policy ${p.number}: written ${formatYuan(p.written)}, premium income ${formatYuan(p.income)}, lines ${formatYuan(p.lines)}`,
    });
  }
  for (const c of await certificateMismatches(db)) {
    problems.push({
      code: c.what.startsWith('master') ? 'group.premium_split' : 'certificate.premium_split',
      subject: c.number,
      detail:
        c.what === 'certificate_income'
          ? `certificate ${c.number}: line of ${c.org_id} ${formatYuan(c.expected)}, premium income tagged ${formatYuan(c.found)}`
          : c.what === 'certificate_lines'
            ? `certificate ${c.number}: written ${formatYuan(c.expected)}, lines ${formatYuan(c.found)}`
            : c.what === 'master_written'
              ? `group policy ${c.number}: written ${formatYuan(c.expected)}, its certificates ${formatYuan(c.found)}`
              : `group policy ${c.number}: line of ${c.org_id} ${formatYuan(c.expected)}, its certificates' lines ${formatYuan(c.found)}`,
    });
  }
  for (const i of await invoiceMismatches(db)) {
    problems.push({
      code: 'invoice.receivable',
      subject: i.entry_id,
      detail: `journal entry ${i.entry_id}: receivable ${formatYuan(i.receivable)} but invoiced ${formatYuan(i.invoiced)}`,
    });
  }
  for (const i of await settlementMismatches(db)) {
    problems.push({
      code: 'invoice.settlement',
      subject: i.number,
      detail: `invoice ${i.number}: settled ${formatYuan(i.settled)}, settlement records ${formatYuan(i.recorded)}, instalments ${formatYuan(i.instalments)} of ${formatYuan(i.amount)} settled ${formatYuan(i.inst_settled)}`,
    });
  }
  for (const p of await paymentMismatches(db)) {
    problems.push({
      code: 'payment.applied',
      subject: p.number,
      detail: `payment ${p.number}: applied ${formatYuan(p.applied)} but settled ${formatYuan(p.recorded)}`,
    });
  }
  for (const s of await statementMismatches(db)) {
    problems.push({
      code: 'settlement.cleared',
      subject: s.number,
      detail: `statement ${s.number}: ${s.account} of policy ${s.policy_id} listed ${formatYuan(s.listed)} but cleared ${formatYuan(s.cleared)}`,
    });
  }
  for (const s of await statementGrantMismatches(db)) {
    problems.push({
      code: 'settlement.grants',
      subject: s.number,
      detail: `subsidy statement ${s.number}: policy ${s.policy_id} lists ${formatYuan(s.listed)} but its grants ${formatYuan(s.grants)}`,
    });
  }
  for (const u of await uprOutOfRange(db)) {
    problems.push({
      code: 'upr.out_of_range',
      subject: u.number,
      detail: `policy ${u.number}: UPR of ${u.org_id} is ${formatYuan(u.upr)}`,
    });
  }
  for (const b of await subsidyBudgetMismatches(db)) {
    problems.push({
      code: 'subsidy.budget',
      subject: b.code,
      detail: `programme ${b.code}: budget ${formatYuan(b.budget)}, committed ${formatYuan(b.committed)} (grants ${formatYuan(b.granted)}), paid ${formatYuan(b.paid)} (grants ${formatYuan(b.grants_paid)})`,
    });
  }
  for (const q of await subsidyQuotaMismatches(db)) {
    problems.push({
      code: 'subsidy.quota',
      subject: q.id,
      detail: `quota ${q.id} of ${q.programme_code}: ${formatYuan(q.quota)}, used ${formatYuan(q.used)} (grants ${formatYuan(q.granted)})`,
    });
  }
  const claims = await claimMismatches(db);
  for (const c of claims.policies) {
    problems.push({
      code: 'claim.reserve',
      subject: c.number,
      detail: `policy ${c.number}: claims hold reserves of ${formatYuan(c.reserve)} (booked ${formatYuan(c.booked_reserve)}) and incurred ${formatYuan(c.incurred)} (booked ${formatYuan(c.booked_incurred)})`,
    });
  }
  for (const r of claims.recoveries) {
    problems.push({
      code: 'claim.recoveries',
      subject: r.org_id,
      detail: `insurer ${r.org_id}: recoveries recorded ${formatYuan(r.recorded)} but booked ${formatYuan(r.booked)}`,
    });
  }
  return {
    ok: problems.length === 0,
    entries: totals.entries,
    lines: totals.lines,
    trialBalanceTotal: formatYuan(tbTotal),
    problems,
  };
}
