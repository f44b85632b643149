import { describe, expect, it } from 'vitest';
import { isLossRatio, readReserving, yuanOfNumber } from './reserving.ts';

const answer = {
  scope: 'own share',
  valuationDate: '2026-06-30',
  period: 'year',
  basis: 'incurred',
  lossRatio: 0.65,
  origins: ['2025', '2026'],
  rows: [
    {
      class: 'base',
      claims: 3,
      latestPaid: 1200.5,
      latestIncurred: 3000,
      caseReserve: 1799.5,
      chainLadder: {
        ultimate: 3600,
        ibnr: 600,
        se: 120.25,
        cv: 0.2,
        factors: [{ from: 1, to: 2, factor: 1.2, estimated: true }, { from: 'x' }],
      },
      bornhuetterFerguson: { ultimate: 3500, ibnr: 500 },
    },
    { class: 'all', claims: 3, chainLadder: { ultimate: 3600, ibnr: 600, se: null, cv: null, factors: [] } },
    { nonsense: true },
  ],
  triangles: {
    all: {
      paid: {
        origins: ['2025', '2026'],
        ages: [1, 2],
        values: [
          ['100.00', '200.00'],
          ['50.00', null],
        ],
      },
      incurred: {
        origins: ['2025', '2026'],
        ages: [1, 2],
        values: [
          ['300.00', '300.00'],
          ['80.00', null],
        ],
      },
    },
  },
};

describe('reading the reserving report', () => {
  it('keeps the well-formed rows and triangles of an answer without a schema', () => {
    const report = readReserving(answer);
    expect(report?.scope).toBe('own share');
    expect(report?.rows.map((r) => r.class)).toEqual(['base', 'all']);
    expect(report?.rows[0]?.chainLadder).toEqual({
      ultimate: 3600,
      ibnr: 600,
      se: 120.25,
      cv: 0.2,
      factors: [{ from: 1, to: 2, factor: 1.2, estimated: true }],
    });
    expect(report?.rows[1]).toMatchObject({ latestPaid: 0, bornhuetterFerguson: null });
    expect(report?.rows[1]?.chainLadder.se).toBeNull();
    expect(report?.triangles?.incurred.values).toEqual([
      ['300.00', '300.00'],
      ['80.00', null],
    ]);
    expect(readReserving('nope')).toBeNull();
    expect(readReserving({ rows: [] })?.triangles).toBeNull();
  });

  it('shows yuan numbers to the fen and checks the loss ratio typed', () => {
    expect(yuanOfNumber(1200.5)).toBe('1200.50');
    expect(yuanOfNumber(0.1 + 0.2)).toBe('0.30');
    expect(isLossRatio('0.65')).toBe(true);
    expect(isLossRatio('1.2')).toBe(true);
    expect(isLossRatio('65%')).toBe(false);
    expect(isLossRatio('0.123456')).toBe(false);
  });
});
