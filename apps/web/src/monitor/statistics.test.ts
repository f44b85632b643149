import { describe, expect, it } from 'vitest';
import {
  lossRatioOf,
  periodsOf,
  premiumTrend,
  readStatistics,
  selectableYears,
  statisticsHref,
  statisticsTotal,
} from './statistics.ts';

const answer = {
  year: 2026,
  period: 'quarter',
  by: 'source',
  part: null,
  insurer: null,
  rows: [
    {
      period: '2026-Q1',
      group: 'platform',
      groupName: { zh: '平台承保', en: 'Written on the platform' },
      policies: 2,
      enterprises: 1,
      premium: '180000.00',
      sumInsured: '20000000.00',
      claimsPaid: '0.00',
      claimsIncurred: '90000.00',
      lossRatio: '0.500000',
      subsidy: '9000.00',
    },
    {
      period: '2026-Q3',
      group: 'registered',
      groupName: { zh: '登记业务', en: 'Registered' },
      policies: 1,
      enterprises: 1,
      premium: '64000.01',
      sumInsured: '8000000.00',
      claimsPaid: '100.00',
      claimsIncurred: '100.00',
      lossRatio: '0.001563',
      subsidy: '0.00',
    },
    { period: '2026-Q4', premium: 'not a row' },
  ],
};

describe('the statistics report', () => {
  it('reads the rows it understands and drops the rest', () => {
    const report = readStatistics(answer);
    expect(report?.rows.map((r) => `${r.period} ${r.group}`)).toEqual([
      '2026-Q1 platform',
      '2026-Q3 registered',
    ]);
    expect(report).toMatchObject({ year: 2026, period: 'quarter', by: 'source', part: null });
    expect(readStatistics({ rows: 'no' })).toBeNull();
    expect(readStatistics(null)).toBeNull();
  });

  it('names every period of the year as the server does', () => {
    expect(periodsOf(2026, 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOf(2026, 'month')).toHaveLength(12);
    expect(periodsOf(2026, 'month')[0]).toBe('2026-01');
    expect(periodsOf(2026, 'month')[11]).toBe('2026-12');
    expect(periodsOf(2026, 'year')).toEqual(['2026']);
  });

  it('charts premium in every period, 0 where nothing started, one series per group', () => {
    const report = readStatistics(answer);
    if (!report) throw new Error('unread');
    expect(premiumTrend(report)).toEqual({
      periods: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'],
      series: [
        {
          group: 'platform',
          name: { zh: '平台承保', en: 'Written on the platform' },
          values: [180000, 0, 0, 0],
        },
        { group: 'registered', name: { zh: '登记业务', en: 'Registered' }, values: [0, 0, 64000.01, 0] },
      ],
    });
  });

  it('totals the rows exactly, without adding up enterprises', () => {
    const report = readStatistics(answer);
    if (!report) throw new Error('unread');
    expect(statisticsTotal(report.rows)).toEqual({
      policies: 3,
      premium: '244000.01',
      sumInsured: '28000000.00',
      claimsPaid: '100.00',
      claimsIncurred: '90100.00',
      lossRatio: '0.369263',
      subsidy: '9000.00',
    });
    expect(statisticsTotal([])).toMatchObject({ premium: '0.00', lossRatio: null });
    expect(lossRatioOf(1n, 3n)).toBe('0.333334');
    expect(lossRatioOf(3n, 3n)).toBe('1.000000');
  });

  it('downloads the same report as XLSX and offers the years since 2024', () => {
    expect(statisticsHref({ year: 2026, period: 'month', by: 'entity' })).toBe(
      '/api/monitor/statistics?year=2026&period=month&by=entity&format=xlsx',
    );
    // A regulator's insurer filter goes with the download.
    expect(
      statisticsHref({
        year: 2026,
        period: 'quarter',
        by: 'source',
        insurer: '0190a3c2-0000-7000-8000-000000000001',
      }),
    ).toBe(
      '/api/monitor/statistics?year=2026&period=quarter&by=source&insurer=0190a3c2-0000-7000-8000-000000000001&format=xlsx',
    );
    expect(selectableYears(2026)).toEqual([2026, 2025, 2024]);
    expect(selectableYears(2023)).toEqual([2024]);
  });
});
