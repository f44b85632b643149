import { describe, expect, it } from 'vitest';
import {
  buildTriangles,
  type ClaimRecord,
  latestDiagonal,
  periodIndex,
  periodLabel,
  toYuan,
} from './triangle.ts';

const move = (date: string, paid: bigint, incurred: bigint) => ({ date, paid, incurred });

// Amounts in fen.
const claims: ClaimRecord[] = [
  {
    class: 'rd_transfer',
    accidentDate: '2022-03-10', // 2022Q1
    movements: [
      move('2022-03-20', 0n, 100_00n), // reported, case reserve 100 yuan
      move('2022-11-05', 40_00n, 20_00n), // paid 40, incurred up 20
      move('2023-06-30', 80_00n, 0n), // paid 80: incurred stays 120
      move('2024-07-01', 0n, -10_00n), // after the valuation date: left out
    ],
  },
  {
    class: 'application',
    accidentDate: '2022-12-31', // 2022Q4
    movements: [move('2023-01-01', 5_00n, 30_00n), move('2024-06-30', 25_00n, 0n)],
  },
  {
    class: 'rd_transfer',
    accidentDate: '2024-05-01', // 2024Q2, reported later
    movements: [move('2024-06-15', 0n, 7_00n)],
  },
  { class: 'application', accidentDate: '2024-07-02', movements: [move('2024-07-03', 1n, 1n)] }, // after
];

describe('triangles from claim records', () => {
  it('builds yearly triangles up to the valuation diagonal', () => {
    const t = buildTriangles(claims, { valuationDate: '2024-06-30', period: 'year' });
    expect(t.origins).toEqual(['2022', '2023', '2024']);
    expect(t.ages).toEqual([1, 2, 3]);
    expect(t.excluded).toEqual({ claims: 1, movements: 1 });
    expect(t.all.claims).toBe(3);
    // 2022: rd_transfer paid 40 in 2022, 80 in 2023; application (2022-12-31) paid 5 in 2023, 25 in 2024.
    expect(t.all.paid.values).toEqual([
      [40_00n, 125_00n, 150_00n],
      [0n, 0n, null],
      [0n, null, null],
    ]);
    expect(t.all.incurred.values).toEqual([
      [120_00n, 150_00n, 150_00n],
      [0n, 0n, null],
      [7_00n, null, null],
    ]);
    expect([...t.byClass.keys()]).toEqual(['application', 'rd_transfer']);
    expect(t.byClass.get('application')?.incurred.values).toEqual([
      [0n, 30_00n, 30_00n],
      [0n, 0n, null],
      [0n, null, null],
    ]);
    expect(t.byClass.get('rd_transfer')?.paid.values).toEqual([
      [40_00n, 120_00n, 120_00n],
      [0n, 0n, null],
      [0n, null, null],
    ]);
    expect(t.byClass.get('rd_transfer')?.claims).toBe(2);
    expect(latestDiagonal(t.all.paid)).toEqual([150_00n, 0n, 0n]);
    expect(latestDiagonal(t.all.incurred)).toEqual([150_00n, 0n, 7_00n]);
  });

  it('builds quarterly triangles, with origins without claims as rows of zeros', () => {
    const t = buildTriangles(claims, { valuationDate: '2024-06-30', period: 'quarter' });
    expect(t.origins).toEqual([
      '2022Q1',
      '2022Q2',
      '2022Q3',
      '2022Q4',
      '2023Q1',
      '2023Q2',
      '2023Q3',
      '2023Q4',
      '2024Q1',
      '2024Q2',
    ]);
    expect(t.ages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const incurred = t.all.incurred.values;
    // 2022Q1: 100 at age 1, +20 at age 4 (2022Q4), then flat through age 10 (2024Q2).
    expect(incurred[0]).toEqual([
      100_00n,
      100_00n,
      100_00n,
      120_00n,
      120_00n,
      120_00n,
      120_00n,
      120_00n,
      120_00n,
      120_00n,
    ]);
    // 2022Q4 (application): reported at age 2 (2023Q1), 7 of 10 ages observed.
    expect(incurred[3]).toEqual([0n, 30_00n, 30_00n, 30_00n, 30_00n, 30_00n, 30_00n, null, null, null]);
    expect(t.all.paid.values[3]).toEqual([0n, 5_00n, 5_00n, 5_00n, 5_00n, 5_00n, 30_00n, null, null, null]);
    expect(incurred[1]).toEqual([0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, null]);
    expect(incurred[9]).toEqual([7_00n, null, null, null, null, null, null, null, null, null]);
    // Paid of 2022Q1 rd_transfer: 40 at age 4 (2022Q4), 120 from age 6 (2023Q2).
    expect(t.byClass.get('rd_transfer')?.paid.values[0]?.slice(0, 7)).toEqual([
      0n,
      0n,
      0n,
      40_00n,
      40_00n,
      120_00n,
      120_00n,
    ]);
  });

  it('cuts off at the valuation date: a movement on the day counts, the day after does not', () => {
    const claim: ClaimRecord = {
      class: 'base',
      accidentDate: '2024-01-15',
      movements: [move('2024-03-31', 1_00n, 10_00n), move('2024-04-01', 2_00n, 0n)],
    };
    const atQuarterEnd = buildTriangles([claim], { valuationDate: '2024-03-31', period: 'quarter' });
    expect(atQuarterEnd.origins).toEqual(['2024Q1']);
    expect(atQuarterEnd.all.paid.values).toEqual([[1_00n]]);
    expect(atQuarterEnd.excluded.movements).toBe(1);
    const dayLater = buildTriangles([claim], { valuationDate: '2024-04-01', period: 'quarter' });
    expect(dayLater.all.paid.values).toEqual([
      [1_00n, 3_00n],
      [0n, null],
    ]);
    // A claim whose accident is after the valuation date does not open an origin.
    const early = buildTriangles([claim], { valuationDate: '2024-01-14', period: 'year' });
    expect(early.origins).toEqual([]);
    expect(early.excluded).toEqual({ claims: 1, movements: 0 });
  });

  it('gives empty triangles for no claims', () => {
    const t = buildTriangles([], { valuationDate: '2024-12-31', period: 'year' });
    expect(t.origins).toEqual([]);
    expect(t.ages).toEqual([]);
    expect(t.all).toEqual({
      paid: { origins: [], ages: [], values: [] },
      incurred: { origins: [], ages: [], values: [] },
      claims: 0,
    });
    expect(t.byClass.size).toBe(0);
  });

  it('converts fen to yuan for the methods', () => {
    const t = buildTriangles(claims, { valuationDate: '2024-06-30', period: 'year' });
    expect(toYuan(t.all.paid)).toEqual({
      origins: ['2022', '2023', '2024'],
      ages: [1, 2, 3],
      values: [
        [40, 125, 150],
        [0, 0, null],
        [0, null, null],
      ],
    });
    expect(toYuan({ origins: ['x'], ages: [1], values: [[12_345n]] }).values).toEqual([[123.45]]);
  });

  it('labels periods and checks dates', () => {
    expect(periodLabel(periodIndex('2024-08-15', 'quarter'), 'quarter')).toBe('2024Q3');
    expect(periodLabel(periodIndex('2024-12-31', 'quarter'), 'quarter')).toBe('2024Q4');
    expect(periodLabel(periodIndex('2024-01-01', 'year'), 'year')).toBe('2024');
    expect(periodIndex('2024-02-29', 'year')).toBe(2024);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-1-01', '20240101', '']) {
      expect(() => periodIndex(bad, 'year')).toThrow(RangeError);
    }
    const options = { valuationDate: '2024-12-31', period: 'year' } as const;
    expect(() => buildTriangles([], { ...options, valuationDate: '31/12/2024' })).toThrow(/valuation date/);
    expect(() =>
      buildTriangles(
        [{ class: 'base', accidentDate: '2024-05-01', movements: [move('2024-04-30', 1n, 1n)] }],
        options,
      ),
    ).toThrow(/precedes its accident/);
    expect(() =>
      buildTriangles([{ class: 'all', accidentDate: '2024-05-01', movements: [] }], options),
    ).toThrow(/may not be called "all"/);
    expect(() =>
      buildTriangles(
        [{ class: 'base', accidentDate: '2024-05-01', movements: [move('2024-5-30', 1n, 1n)] }],
        options,
      ),
    ).toThrow(/movement date/);
  });
});
