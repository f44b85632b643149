import { describe, expect, it } from 'vitest';
import { barOption, epCurveOption, heatmapOption, indexLinesOption, stackedColumnsOption } from './charts.ts';
import { heatmapOf } from './exposure.ts';

const format = { axis: (v: number) => `${v / 1e4}万`, full: (v: number) => `¥${v.toFixed(2)}` };

describe('the cockpit’s chart options', () => {
  it('draws bars largest at the top with amounts short on the axis and full in the tooltip', () => {
    const option = barOption(['应用及推广类', '基础风险类'], [20_000_000, 5_000_000], format) as {
      yAxis: { data: string[]; inverse: boolean };
      xAxis: { axisLabel: { formatter: (v: number) => string } };
      tooltip: { valueFormatter: (v: unknown) => string };
      series: { type: string; data: number[] }[];
    };
    expect(option.yAxis).toMatchObject({ data: ['应用及推广类', '基础风险类'], inverse: true });
    expect(option.series).toMatchObject([{ type: 'bar', data: [20_000_000, 5_000_000] }]);
    expect(option.xAxis.axisLabel.formatter(50_000)).toBe('5万');
    expect(option.tooltip.valueFormatter(12.5)).toBe('¥12.50');
  });

  it('stacks premium by period and draws the index as lines', () => {
    const columns = stackedColumnsOption(['Q1', 'Q2'], [{ name: '平台承保', values: [1, 2] }], format) as {
      series: { type: string; stack: string; name: string }[];
    };
    expect(columns.series).toMatchObject([{ type: 'bar', stack: 'total', name: '平台承保' }]);
    const lines = indexLinesOption(
      [2025, 2026],
      [
        { name: '综合指数', values: [100, 131.25], bold: true },
        { name: '规模', values: [100, null] },
      ],
    ) as {
      xAxis: { data: string[] };
      series: { type: string; data: (number | null)[]; lineStyle: { width: number } }[];
    };
    expect(lines.xAxis.data).toEqual(['2025', '2026']);
    expect(lines.series.map((s) => [s.type, s.lineStyle.width])).toEqual([
      ['line', 3],
      ['line', 1.5],
    ]);
  });

  it('maps the industry × insurer grid onto the heat map', () => {
    const heatmap = heatmapOf([
      { dimension: 'insurer', key: 'i1', name: '甲保险', sumInsured: '10.00', premium: '1.00', policies: 1 },
      {
        dimension: 'industry_insurer',
        key: 'C39|i1',
        name: null,
        sumInsured: '10.00',
        premium: '1.00',
        policies: 1,
      },
    ]);
    const option = heatmapOption(heatmap, (code) => `${code} 制造业`, format) as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      visualMap: { max: number };
      series: { type: string; data: number[][] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.xAxis.data).toEqual(['C39']);
    expect(option.yAxis.data).toEqual(['甲保险']);
    expect(option.visualMap.max).toBe(10);
    expect(option.series[0]).toMatchObject({ type: 'heatmap', data: [[0, 0, 10]] });
    expect(option.tooltip.formatter({ value: [0, 0, 10] })).toBe('甲保险<br/>C39 制造业：¥10.00');
  });

  it('draws the EP curves on a log scale of return periods, OEP and AEP, leaving out what is too long', () => {
    const option = epCurveOption(
      [
        { returnPeriod: 2, oep: 0, aep: 0 },
        { returnPeriod: 100, oep: 3_000_000, aep: 4_500_000 },
        { returnPeriod: 200, oep: 6_000_000.4, aep: 8_000_000.6 },
        { returnPeriod: 5000, oep: null, aep: null },
      ],
      {
        oep: '单次事故（OEP）',
        aep: '年度累计（AEP）',
        returnPeriod: '重现期（年）',
        loss: '损失',
        period: (rp) => `${rp} 年一遇`,
      },
      format,
    ) as {
      xAxis: { type: string; logBase: number; name: string };
      yAxis: { type: string; axisLabel: { formatter: (v: number) => string } };
      legend: unknown;
      series: { type: string; name: string; data: number[][] }[];
      tooltip: { trigger: string; formatter: (p: unknown) => string };
    };
    expect(option.xAxis).toMatchObject({ type: 'log', logBase: 10, name: '重现期（年）' });
    expect(option.yAxis.type).toBe('value');
    expect(option.yAxis.axisLabel.formatter(80_000)).toBe('8万');
    expect(option.legend).toBeDefined();
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['line', '单次事故（OEP）'],
      ['line', '年度累计（AEP）'],
    ]);
    expect(option.series[0]?.data).toEqual([
      [2, 0],
      [100, 3_000_000],
      [200, 6_000_000.4],
    ]);
    expect(option.series[1]?.data.map(([rp]) => rp)).toEqual([2, 100, 200]);
    expect(
      option.tooltip.formatter([
        { marker: '', seriesName: 'OEP', value: [200, 6_000_000.4] },
        { marker: '', seriesName: 'AEP', value: [200, 8_000_000.6] },
      ]),
    ).toBe('200 年一遇<br/>OEP: ¥6000000.40<br/>AEP: ¥8000000.60');
    expect(option.tooltip.trigger).toBe('axis');
    // Reinstatement premiums have no occurrences: only the AEP line.
    const aepOnly = epCurveOption(
      [{ returnPeriod: 10, oep: null, aep: 5 }],
      { oep: 'OEP', aep: 'AEP', returnPeriod: 'T', loss: 'L', period: String },
      format,
    ) as { series: { name: string }[] };
    expect(aepOnly.series.map((s) => s.name)).toEqual(['AEP']);
  });
});
