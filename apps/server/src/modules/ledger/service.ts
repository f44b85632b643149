import type { Queryable } from '@kebao/db';
import { assertBalanced, type JournalLine } from '@kebao/domain/ledger';
import { newId } from '../../platform/ids.ts';
import type { Ctx } from '../../platform/transaction.ts';
import { insertJournalEntry, journalOfPolicy, unbalancedEntries } from './repo.ts';

/*
 * The journal's door for other contexts (the ledger issue grows billing, settlement and UPR behind it):
 * a posting rule's lines are checked to balance and stored in the caller's transaction, tagged with the
 * policy, product code and statistical class.
 */
export interface PostingInput {
  kind: 'bind' | 'endorse' | 'cancel';
  policyId: string;
  description: string;
  productCode: string;
  statisticalClass: string;
  lines: readonly JournalLine[];
}

export async function postJournal(ctx: Ctx, input: PostingInput): Promise<string | null> {
  if (input.lines.length === 0) return null;
  assertBalanced(input.lines);
  const id = newId();
  await insertJournalEntry(ctx.db, {
    id,
    kind: input.kind,
    policyId: input.policyId,
    description: input.description,
    postedAt: ctx.now,
    productCode: input.productCode,
    statisticalClass: input.statisticalClass,
    lines: input.lines,
  });
  return id;
}

export const policyJournal = (db: Queryable, policyId: string) => journalOfPolicy(db, policyId);
export const findUnbalancedEntries = (db: Queryable) => unbalancedEntries(db);
