import type { Fen } from '../money/index.ts';
import { buildEntry, requireNonNegative } from './build-entry.ts';
import type { JournalLine } from './posting.ts';

/*
 * Broker commission (经纪佣金 / 手续费) in the insurer's books. The commission follows the premium it is
 * earned on, so it is signed: a return premium takes back its commission with a negative amount.
 */

/** Commission owed to a broker: Dr commission_expense / Cr commission_payable (negative on return premium). */
export function postBrokerCommission(input: { orgId: string; broker: string; amount: Fen }): JournalLine[] {
  const { orgId, broker, amount } = input;
  return buildEntry((post) => {
    post('commission_expense', orgId, broker, amount);
    post('commission_payable', orgId, broker, -amount);
  });
}

/** Commission paid to the broker: Dr commission_payable / Cr cash (amount ≥ 0). */
export function postCommissionPayment(input: { orgId: string; broker: string; amount: Fen }): JournalLine[] {
  const { orgId, broker, amount } = input;
  requireNonNegative(amount, 'a commission payment');
  return buildEntry((post) => {
    post('commission_payable', orgId, broker, amount);
    post('cash', orgId, broker, -amount);
  });
}
