import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import {
  GridSimpleComponent,
  LegendScrollComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

/*
 * The cockpit's charts: ECharts with only the pieces used here (bar, line and heat map; the simple
 * grid, tooltip, scrolling legend, the heat map's continuous colour scale) and the SVG renderer, which draws crisply at any zoom and in a
 * headless browser. Imported by the monitoring pages only, so it loads with them, never with the shell.
 */
use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridSimpleComponent,
  TooltipComponent,
  LegendScrollComponent,
  VisualMapContinuousComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

interface EChartProps {
  /** Memoise it: a new object redraws the chart. */
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers (the figures are in the tables beside it). */
  label: string;
  testId?: string;
}

export function EChart({ option, height = 300, label, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer =
      typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} data-testid={testId} />
  );
}
