import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem.ts';
import {
  indexHref,
  indexSeries,
  indicatorRows,
  indicatorValueText,
  isNoIndexData,
  readIndex,
  readPublications,
  weightText,
} from './devIndex.ts';

const names = (zh: string, en: string) => ({ zh, en });
const result = {
  methodology: {
    version: 'kebao-tii-1.0+base2025',
    baseYear: 2025,
    subIndices: [
      {
        key: 'scale',
        names: names('规模', 'Scale'),
        indicators: [
          {
            key: 'written_premium',
            names: names('原保险保费收入', 'Written premium'),
            unit: 'yuan',
            direction: 'positive',
          },
          { key: 'depth', names: names('保险深度', 'Depth'), unit: 'ratio', direction: 'positive' },
        ],
      },
      {
        key: 'quality',
        names: names('质量', 'Quality'),
        indicators: [
          { key: 'claim_days', names: names('理赔时效', 'Claim speed'), unit: 'days', direction: 'negative' },
        ],
      },
    ],
    weighting: { method: 'ahp' },
  },
  inputs: {},
  weights: { method: 'ahp', subIndices: { scale: '0.600000', quality: '0.400000' }, indicators: {} },
  excluded: [{ indicator: 'depth', reason: 'missing_in_base_year' }],
  years: [
    {
      year: 2026,
      composite: '131.250000',
      subIndices: { scale: '150.000000', quality: '103.125000' },
      indicators: {
        written_premium: {
          value: '300000.00',
          carriedFrom: null,
          normalised: '150.000000',
          weight: '0.600000',
        },
        claim_days: { value: '16', carriedFrom: 2025, normalised: '103.125000', weight: '0.400000' },
      },
    },
    {
      year: 2025,
      composite: '100.000000',
      subIndices: { scale: '100.000000', quality: '100.000000' },
      indicators: {
        written_premium: {
          value: '200000.00',
          carriedFrom: null,
          normalised: '100.000000',
          weight: '0.600000',
        },
        claim_days: { value: '16.5', carriedFrom: null, normalised: '100.000000', weight: '0.400000' },
      },
    },
  ],
};

describe('the development index', () => {
  it('reads the result, years in order', () => {
    const report = readIndex(result);
    expect(report).toMatchObject({
      version: 'kebao-tii-1.0+base2025',
      baseYear: 2025,
      weightMethod: 'ahp',
      subIndexWeights: { scale: '0.600000', quality: '0.400000' },
      excluded: [{ indicator: 'depth', reason: 'missing_in_base_year' }],
    });
    expect(report?.years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(report?.subIndices.map((s) => s.indicators.map((i) => i.key))).toEqual([
      ['written_premium', 'depth'],
      ['claim_days'],
    ]);
    expect(readIndex({ methodology: {} })).toBeNull();
  });

  it('lists a year’s indicators in the methodology’s order, a left-out one without figures', () => {
    const report = readIndex(result);
    if (!report) throw new Error('unread');
    const rows = indicatorRows(report, 2026);
    expect(
      rows.map((r) => [r.key, r.subIndex.zh, r.figures?.normalised ?? null, r.figures?.carriedFrom ?? null]),
    ).toEqual([
      ['written_premium', '规模', '150.000000', null],
      ['depth', '规模', null, null],
      ['claim_days', '质量', '103.125000', 2025],
    ]);
    expect(indicatorRows(report, 2030).every((r) => r.figures === null)).toBe(true);
  });

  it('charts the composite and each sub-index by year', () => {
    const report = readIndex(result);
    if (!report) throw new Error('unread');
    expect(indexSeries(report)).toEqual({
      years: [2025, 2026],
      composite: [100, 131.25],
      subIndices: [
        { key: 'scale', names: names('规模', 'Scale'), values: [100, 150] },
        { key: 'quality', names: names('质量', 'Quality'), values: [100, 103.125] },
      ],
    });
  });

  it('writes values in their units and weights as percents', () => {
    expect(indicatorValueText('ratio', '0.0123456')).toBe('1.23%');
    expect(indicatorValueText('yuan', '59237.2602739726')).toBe('59,237.26');
    expect(indicatorValueText('days', '16.5')).toBe('16.5');
    expect(indicatorValueText('count', '12.000000')).toBe('12');
    expect(indicatorValueText('hhi', '')).toBe('—');
    expect(weightText('0.123456')).toBe('12.35%');
  });

  it('reads publications newest first with their reproduced flag', () => {
    const list = readPublications({
      items: [
        {
          year: 2025,
          methodology: 'm',
          composite: '100.000000',
          computedAt: '2026-01-02T00:00:00Z',
          reproduced: true,
          result,
        },
        {
          year: 2026,
          methodology: 'm',
          composite: '131.250000',
          computedAt: '2026-03-02T00:00:00Z',
          reproduced: false,
          result: null,
        },
        { nothing: true },
      ],
    });
    expect(list.map((p) => [p.year, p.reproduced, p.result === null])).toEqual([
      [2026, false, true],
      [2025, true, false],
    ]);
    expect(readPublications(null)).toEqual([]);
  });

  it('knows the answer that means there is no business yet, and the download address', () => {
    const response = new Response(null, { status: 422 });
    const problem = {
      type: 'about:blank',
      title: 'x',
      status: 422,
      code: 'index.no_data',
      message_zh: '无数据',
      message_en: 'No data',
      requestId: 'r',
    };
    expect(isNoIndexData(new ApiError(response, problem))).toBe(true);
    expect(isNoIndexData(new ApiError(response, { ...problem, code: 'index.invalid' }))).toBe(false);
    expect(isNoIndexData(new Error('x'))).toBe(false);
    expect(indexHref(2026)).toBe('/api/monitor/index?year=2026&format=xlsx');
  });
});
