import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYuan } from '../money/index.ts';
import {
  capitalBase,
  checkAgainst,
  checkInsurerLimits,
  checkLimit,
  checkPoolCapacity,
  retainedPremiumLimit,
  retentionLimitPerRisk,
  worstStatus,
} from './limits.ts';

const yuan = parseYuan;

// An insurer with 10亿 paid-in capital and 2亿 reserve funds: base 12亿, art. 103 limit 1.2亿 per risk,
// art. 102 limit 48亿 retained premium.
const capital = { paidInCapital: yuan('1000000000.00'), reserveFunds: yuan('200000000.00') };

describe('Insurance Law arts. 102–103 per insurer', () => {
  it('takes 10 % and 4 × of paid-in capital plus reserve funds', () => {
    expect(capitalBase(capital)).toBe(yuan('1200000000.00'));
    expect(retentionLimitPerRisk(capital)).toBe(yuan('120000000.00'));
    expect(retainedPremiumLimit(capital)).toBe(yuan('4800000000.00'));
    expect(retentionLimitPerRisk({ paidInCapital: -5n, reserveFunds: 0n })).toBe(0n);
  });

  it('checks the largest net retention per risk and lists every risk above the limit', () => {
    const result = checkInsurerLimits({
      ...capital,
      retentions: [
        { riskId: 'R1', amount: yuan('90000000.00') },
        { riskId: 'R2', amount: yuan('130000000.00') },
        { riskId: 'R3', amount: yuan('150000000.00') },
        { riskId: 'R4', amount: yuan('120000000.00') },
      ],
      retainedPremium: yuan('3000000000.00'),
    });
    expect(result.capitalBase).toBe(yuan('1200000000.00'));
    expect(result.retention).toEqual({
      used: yuan('150000000.00'),
      limit: yuan('120000000.00'),
      ratio: '1.250000',
      status: 'breach',
      riskId: 'R3',
      // R4 sits exactly at the limit: allowed (不得超过).
      overLimit: ['R3', 'R2'],
    });
    expect(result.retainedPremium).toEqual({
      used: yuan('3000000000.00'),
      limit: yuan('4800000000.00'),
      ratio: '0.625000',
      status: 'ok',
    });
  });

  it('warns from 80 % of a limit unless told otherwise, and breaches only above it', () => {
    const limit = 1_000n;
    expect(checkLimit(799n, limit).status).toBe('ok');
    expect(checkLimit(800n, limit).status).toBe('warning');
    expect(checkLimit(1_000n, limit)).toEqual({ used: 1_000n, limit, ratio: '1.000000', status: 'warning' });
    expect(checkLimit(1_001n, limit).status).toBe('breach');
    expect(checkLimit(899n, limit, { warningAt: '0.9' }).status).toBe('ok');
    expect(checkLimit(900n, limit, { warningAt: '0.9' }).status).toBe('warning');
    expect(() => checkLimit(1n, limit, { warningAt: '1.5' })).toThrow(RangeError);
    expect(() => checkLimit(1n, limit, { warningAt: '0' })).toThrow(RangeError);
    expect(() => checkLimit(1n, limit, { warningAt: '80%' })).toThrow(RangeError);
  });

  it('decides on the exact limit when 10 % of the base is not whole fen', () => {
    // Base 1,005 fen: the exact limit is 100.5 fen, shown as 100; a retention of 100.5 cannot occur,
    // 100 is within it and 101 is above it.
    const odd = { paidInCapital: 1_005n, reserveFunds: 0n };
    const at = (amount: bigint) =>
      checkInsurerLimits({ ...odd, retentions: [{ riskId: 'R', amount }], retainedPremium: 0n });
    expect(at(100n).retention).toMatchObject({ limit: 100n, status: 'warning', ratio: '0.995025' });
    expect(at(101n).retention).toMatchObject({ status: 'breach', ratio: '1.004976', overLimit: ['R'] });
  });

  it('treats a limit of 0 as breached by any use', () => {
    expect(checkLimit(0n, 0n)).toEqual({ used: 0n, limit: 0n, ratio: null, status: 'ok' });
    expect(checkLimit(1n, 0n)).toEqual({ used: 1n, limit: 0n, ratio: null, status: 'breach' });
    const none = checkInsurerLimits({
      paidInCapital: 0n,
      reserveFunds: 0n,
      retentions: [],
      retainedPremium: 0n,
    });
    expect(none.retention).toMatchObject({ riskId: null, used: 0n, status: 'ok', overLimit: [] });
    expect(() => checkAgainst(1n, 1n, 0n)).toThrow(RangeError);
  });

  it('agrees with exact rational comparison for any amounts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 100n }),
        (used, numerator, denominator) => {
          const check = checkAgainst(used, numerator, denominator);
          const status =
            used * denominator > numerator
              ? 'breach'
              : used * denominator * 10n >= numerator * 8n
                ? 'warning'
                : 'ok';
          expect(check.status).toBe(status);
          // The ratio is rounded up: never below the exact one, less than 10^-6 above it.
          const [whole = '', decimals = ''] = (check.ratio as string).split('.');
          const shown = BigInt(whole + decimals);
          expect(shown * numerator >= used * denominator * 1_000_000n).toBe(true);
          expect((shown - 1n) * numerator < used * denominator * 1_000_000n).toBe(true);
        },
      ),
    );
  });
});

describe('pool capacity', () => {
  it('checks the largest risk against capacity per risk and the total in force against the aggregate', () => {
    const result = checkPoolCapacity({
      capacityPerRisk: yuan('500000000.00'),
      aggregateCapacity: yuan('10000000000.00'),
      risks: [
        { riskId: 'FAB-1', amount: yuan('450000000.00') },
        { riskId: 'FAB-2', amount: yuan('300000000.00') },
      ],
    });
    expect(result.perRisk).toMatchObject({
      riskId: 'FAB-1',
      ratio: '0.900000',
      status: 'warning',
      overLimit: [],
    });
    expect(result.aggregate).toEqual({
      used: yuan('750000000.00'),
      limit: yuan('10000000000.00'),
      ratio: '0.075000',
      status: 'ok',
    });
    const stated = checkPoolCapacity({
      capacityPerRisk: 10n,
      aggregateCapacity: 100n,
      risks: [],
      aggregateInForce: 101n,
    });
    expect(stated.aggregate.status).toBe('breach');
    expect(stated.perRisk).toMatchObject({ riskId: null, status: 'ok' });
  });

  it('names the worst status', () => {
    expect(worstStatus()).toBe('ok');
    expect(worstStatus('ok', 'warning', 'ok')).toBe('warning');
    expect(worstStatus('warning', 'breach')).toBe('breach');
  });
});
