import { describe, expect, it } from 'vitest';
import { isMoneyTarget, progressPercent, progressText, targetBody } from './targets.ts';

describe('zone targets', () => {
  it('shows progress as a bar (one decimal, rounded down, at most 100) and as exact text', () => {
    expect(progressPercent('0.123456')).toBe(12.3);
    expect(progressPercent('0.000000')).toBe(0);
    expect(progressPercent('1.500000')).toBe(100);
    expect(progressPercent(null)).toBeNull();
    expect(progressText('0.123456')).toBe('12.35%');
    expect(progressText('1.500000')).toBe('150%');
    expect(progressText(null)).toBeNull();
  });

  it('tells yuan targets from counts', () => {
    expect(isMoneyTarget('risk_protection')).toBe(true);
    expect(isMoneyTarget('insurance_funds')).toBe(true);
    expect(isMoneyTarget('insured_enterprises')).toBe(false);
  });

  it('sends yuan targets with two places and counts as whole numbers', () => {
    expect(targetBody('risk_protection', 'data', { target: '1,000,000,000,000', dueYear: 2027 })).toEqual({
      ok: true,
      body: { target: '1000000000000.00', dueYear: 2027 },
    });
    expect(targetBody('insured_enterprises', 'data', { target: ' 6000 ', dueYear: 2028 })).toEqual({
      ok: true,
      body: { target: '6000', dueYear: 2028 },
    });
    expect(targetBody('insured_enterprises', 'data', { target: '6000.5', dueYear: 2028 })).toEqual({
      ok: false,
      field: 'target',
    });
    expect(targetBody('risk_protection', 'data', { target: '0', dueYear: 2027 })).toEqual({
      ok: false,
      field: 'target',
    });
    expect(targetBody('risk_protection', 'data', { target: '12.345', dueYear: 2027 })).toEqual({
      ok: false,
      field: 'target',
    });
    expect(targetBody('products_filed', 'data', { target: '60', dueYear: 2019 })).toEqual({
      ok: false,
      field: 'dueYear',
    });
  });

  it('sends the reported figure only for a reported target, and only when given', () => {
    expect(
      targetBody('insurance_funds', 'reported', {
        target: '100000000000',
        reported: '2,500,000,000',
        dueYear: 2027,
      }),
    ).toEqual({ ok: true, body: { target: '100000000000.00', reported: '2500000000.00', dueYear: 2027 } });
    expect(targetBody('insurance_funds', 'reported', { target: '1', reported: '', dueYear: 2027 })).toEqual({
      ok: true,
      body: { target: '1.00', dueYear: 2027 },
    });
    expect(
      targetBody('insurance_funds', 'reported', { target: '1', reported: 'lots', dueYear: 2027 }),
    ).toEqual({
      ok: false,
      field: 'reported',
    });
    expect(targetBody('risk_protection', 'data', { target: '1', reported: '5', dueYear: 2027 })).toEqual({
      ok: true,
      body: { target: '1.00', dueYear: 2027 },
    });
  });
});
