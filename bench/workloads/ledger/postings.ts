/**
 * What the ledger workload posts: the journal entry of a bind of KB-BR-CYBER placed with a pool of three
 * insurers under 主代从收 (the lead collects the whole premium and owes each follower its share), the lead
 * ceding 30 % of its share to a quota-share reinsurer for a 25 % ceding commission — built by the domain's
 * posting rule, `postPremiumMovement`, as the bind builds it. Premiums and policyholders vary by posting.
 *
 * The postings carry no policy (journal_entry.policy_id is NULL, which its foreign key allows): a policy row
 * needs an enterprise, a quote and organisations, and the journal's write path does not read it.
 */
import { randomUUID } from 'node:crypto';
import { type JournalLine, postPremiumMovement } from '@kebao/domain/ledger';
import { allocate } from '@kebao/domain/money';

export const PRODUCT_CODE = 'KB-BR-CYBER';
export const STATISTICAL_CLASS = 'base';
export const ENTRY_KIND = 'bind';

/** The pool: the lead and two followers, shares in units of 0.0001 % (1,000,000 = 100 %). */
const INSURERS = [
  { orgId: randomUUID(), lead: true, share: 400_000 },
  { orgId: randomUUID(), lead: false, share: 350_000 },
  { orgId: randomUUID(), lead: false, share: 250_000 },
] as const;
const REINSURER = 'RE-QS-CN';
const POLICYHOLDERS = Array.from({ length: 5_000 }, () => randomUUID());

/** Premium of posting i: 10,000.00 to 59,999.99 yuan, in fen, spread by a multiplicative hash. */
function premiumOf(i: number): bigint {
  return 1_000_000n + (BigInt(Math.imul(i + 1, 2_654_435_761) >>> 0) % 5_000_000n);
}

/** The lines of posting i (debit positive, credit negative, summing to zero). */
export function bindLines(i: number): JournalLine[] {
  const parts = allocate(
    premiumOf(i),
    INSURERS.map((x) => x.share),
  );
  const leadPremium = parts[0] as bigint;
  const ceded = (leadPremium * 30n) / 100n;
  return postPremiumMovement({
    policyholder: POLICYHOLDERS[i % POLICYHOLDERS.length] as string,
    funder: null,
    collectionMode: 'lead_collects',
    participants: INSURERS.map((x, k) => ({
      orgId: x.orgId,
      lead: x.lead,
      share: x.share,
      premium: parts[k] as bigint,
    })),
    subsidy: 0n,
    cessions: [
      {
        orgId: INSURERS[0].orgId,
        reinsurer: REINSURER,
        cededPremium: ceded,
        commission: (ceded * 25n) / 100n,
      },
    ],
  });
}

/** The lines of one posting. */
export const LINES_PER_POSTING = bindLines(0).length;

export function descriptionOf(i: number): string {
  return `出单 ${PRODUCT_CODE}-2026-${String(i + 1).padStart(8, '0')}`;
}
