import type { ChartOption } from './EChart.tsx';
import type { Heatmap } from './exposure.ts';

/*
 * The options of the cockpit's charts, built from plain data so they can be tested without a browser.
 * `axis` writes an amount short for an axis (compactYuan), `full` writes it in full for a tooltip.
 */

export interface AmountFormat {
  axis: (yuan: number) => string;
  full: (yuan: number) => string;
}

const palette = ['#1f5fbf', '#13a8a8', '#fa8c16', '#722ed1', '#eb2f96', '#52c41a', '#faad14', '#2f54eb'];

const tooltipValue = (format: AmountFormat) => (value: unknown) =>
  typeof value === 'number' ? format.full(value) : String(value ?? '');

/** One horizontal bar per category (the longest at the top), amounts in yuan. */
export function barOption(categories: string[], values: number[], format: AmountFormat): ChartOption {
  return {
    color: palette,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipValue(format) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.axis(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: values, barMaxWidth: 28 }],
  };
}

/** Columns by period, one stacked series per group. */
export function stackedColumnsOption(
  periods: string[],
  series: { name: string; values: number[] }[],
  format: AmountFormat,
): ChartOption {
  return {
    color: palette,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: tooltipValue(format) },
    xAxis: { type: 'category', data: periods },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => format.axis(v) } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'total',
      data: s.values,
      barMaxWidth: 40,
    })),
  };
}

/** Lines by year: the composite bold, each sub-index thinner; base year = 100. */
export function indexLinesOption(
  years: number[],
  lines: { name: string; values: (number | null)[]; bold?: boolean }[],
): ChartOption {
  return {
    color: palette,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '—'),
    },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: lines.map((l) => ({
      type: 'line',
      name: l.name,
      data: l.values,
      connectNulls: true,
      symbolSize: l.bold ? 8 : 5,
      lineStyle: { width: l.bold ? 3 : 1.5 },
      emphasis: { focus: 'series' },
    })),
  };
}

/** The industry × insurer heat map: industries across, insurers down, colour by sum insured. */
export function heatmapOption(
  heatmap: Heatmap,
  industryLabel: (code: string) => string,
  format: AmountFormat,
): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: unknown) => {
        const value = (params as { value?: [number, number, number] }).value;
        if (!value) return '';
        const [x, y, amount] = value;
        return `${heatmap.insurers[y]?.name ?? ''}<br/>${industryLabel(heatmap.industries[x] ?? '')}：${format.full(amount)}`;
      },
    },
    xAxis: { type: 'category', data: heatmap.industries, splitArea: { show: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: heatmap.insurers.map((i) => i.name),
      splitArea: { show: true },
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    visualMap: {
      min: 0,
      max: Math.max(heatmap.max, 1),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      formatter: (v: unknown) => (typeof v === 'number' ? format.axis(v) : String(v)),
      inRange: { color: ['#e6f0ff', '#1f5fbf', '#0b2a66'] },
    },
    series: [
      {
        type: 'heatmap',
        data: heatmap.cells,
        label: {
          show: heatmap.cells.length <= 40,
          formatter: (p: unknown) => format.axis((p as { value: number[] }).value[2] ?? 0),
        },
        emphasis: { itemStyle: { shadowBlur: 8, shadowColor: 'rgba(0, 0, 0, 0.3)' } },
      },
    ],
  };
}

/** The words of the EP chart in the reader's language. */
export interface EpCurveLabels {
  /** 单次事故（OEP）: the largest occurrence of the year. */
  oep: string;
  /** 年度累计（AEP）: the year's total. */
  aep: string;
  /** The x axis: 重现期（年）. */
  returnPeriod: string;
  /** The y axis: 损失. */
  loss: string;
  /** A tooltip's heading for a return period: 200 年一遇. */
  period: (returnPeriod: number) => string;
}

/**
 * The exceedance-probability curves of one perspective of a risk run: the loss (y) at each return period
 * (x, years, on a log scale), OEP and AEP as two lines. Points the simulation is too short for (null) are
 * left out, and a line without points.
 */
export function epCurveOption(
  points: readonly { returnPeriod: number; oep: number | null; aep: number | null }[],
  labels: EpCurveLabels,
  format: AmountFormat,
): ChartOption {
  const line = (loss: (p: (typeof points)[number]) => number | null) =>
    points.flatMap((p) => {
      const value = loss(p);
      return p.returnPeriod > 0 && value !== null ? [[p.returnPeriod, value]] : [];
    });
  return {
    grid: { left: 8, right: 24, top: 40, bottom: 28, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const list = (Array.isArray(params) ? params : [params]) as {
          marker?: string;
          seriesName?: string;
          value?: [number, number];
        }[];
        const period = list[0]?.value?.[0];
        if (period === undefined) return '';
        const rows = list.map(
          (p) => `${p.marker ?? ''}${p.seriesName ?? ''}: ${format.full(p.value?.[1] ?? 0)}`,
        );
        return [labels.period(period), ...rows].join('<br/>');
      },
    },
    xAxis: {
      type: 'log',
      logBase: 10,
      name: labels.returnPeriod,
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => String(v) },
    },
    yAxis: {
      type: 'value',
      name: labels.loss,
      axisLabel: { formatter: (v: number) => format.axis(v) },
    },
    // A perspective without occurrences (reinstatement premiums) has no OEP: its line is left out.
    series: [
      { name: labels.oep, data: line((p) => p.oep), color: palette[0] },
      { name: labels.aep, data: line((p) => p.aep), color: palette[2] },
    ]
      .filter((s) => s.data.length > 0)
      .map((s) => ({
        type: 'line' as const,
        name: s.name,
        data: s.data,
        symbolSize: 6,
        lineStyle: { width: 2 },
        itemStyle: { color: s.color },
      })),
  };
}
