import { describe, expect, it } from 'vitest';
import { mulRate, parseYuan } from '../money/index.ts';
import { postBrokerCommission, postCommissionPayment } from './commission.ts';

const yuan = parseYuan;

describe('broker commission', () => {
  it('owes a broker 15 % of a 10,000.00 premium, takes back 150.00 on a 1,000.00 return, pays the rest', () => {
    expect(
      postBrokerCommission({ orgId: 'ins', broker: 'brk', amount: mulRate(yuan('10000.00'), '0.15') }),
    ).toEqual([
      { account: 'commission_expense', orgId: 'ins', counterparty: 'brk', amount: yuan('1500.00') },
      { account: 'commission_payable', orgId: 'ins', counterparty: 'brk', amount: -yuan('1500.00') },
    ]);
    expect(
      postBrokerCommission({ orgId: 'ins', broker: 'brk', amount: mulRate(-yuan('1000.00'), '0.15') }).map(
        (l) => l.amount,
      ),
    ).toEqual([-yuan('150.00'), yuan('150.00')]);
    expect(postCommissionPayment({ orgId: 'ins', broker: 'brk', amount: yuan('1350.00') })).toEqual([
      { account: 'commission_payable', orgId: 'ins', counterparty: 'brk', amount: yuan('1350.00') },
      { account: 'cash', orgId: 'ins', counterparty: 'brk', amount: -yuan('1350.00') },
    ]);
  });

  it('refuses a negative payment', () => {
    expect(() => postCommissionPayment({ orgId: 'ins', broker: 'brk', amount: -1n })).toThrow(RangeError);
  });
});
