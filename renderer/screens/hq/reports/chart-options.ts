import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/**
 * What a report table looks like as a chart (issue #16 §2), as a plain ECharts option: no React, no
 * DOM, so that tests can check it. Rows run along the category axis (periods, facilities, countries,
 * bands), columns are the series, as core/reports/model.ts lays tables out.
 *
 * Readable in print and grayscale: a palette whose colours differ in lightness as well as hue, and
 * ECharts' aria decals (hatching, dots) on every series; no animation, so a printout is never caught
 * mid-draw.
 */
export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | TitleComponentOption | AriaComponentOption>;

export type ChartKind = 'bar' | 'stacked' | 'line' | 'histogram';

export interface ChartInput {
  kind: ChartKind;
  /** row names in the interface language, in order */
  rows: readonly string[];
  /** column (series) names in the interface language */
  columns: readonly string[];
  cells: readonly (readonly (number | null)[])[];
  /** whether the rows are facilities: a bar chart of several columns becomes small multiples, one per facility */
  facilityRows: boolean;
  /** whether the rows are periods: time runs left to right, so bars stand up instead of lying down */
  periodRows?: boolean;
  /** percent cells are 0..100: the value axis ends at 100 */
  percent: boolean;
  format: (v: number | null) => string;
  /** the accessible description ECharts puts on the chart (the table's description and a summary) */
  description: string;
  textColor: string;
  gridColor: string;
}

/**
 * Five lightness levels before any hue: dark blue, light orange, mid teal, pale blue, brick, then grey,
 * sand and plum. The first five series stay apart in grayscale (and in a black-and-white printout) even
 * before the decals (hatching, dots) tell them apart.
 */
export const palette = ['#1f4e79', '#f5b461', '#3a8f85', '#cfe3f5', '#b5473a', '#6b6b6b', '#e8d5a0', '#4b2a5a'] as const;

const font = "'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";
const legendHeight = 34;
const smallMultipleWidth = 2;

/** Small multiples only where they help: several facilities, each with several figures to compare. */
export const isSmallMultiples = (i: Pick<ChartInput, 'kind' | 'facilityRows' | 'rows' | 'columns'>): boolean => i.kind === 'bar' && i.facilityRows && i.rows.length >= 2 && i.columns.length >= 2;

const horizontal = (i: Pick<ChartInput, 'kind' | 'periodRows'>) => (i.kind === 'bar' || i.kind === 'stacked') && !i.periodRows;

/** The grid holds its axis labels too, so a long name or the last month is never cut at the edge. */
const holdsLabels = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' } as const;

/** Text on a bar: dark on the light colours of the palette, white on the dark ones. */
export function textOn(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((k) => parseInt(colour.slice(k, k + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 140 ? '#1b2326' : '#ffffff';
}

/** A round end for a shared scale a little above the largest figure, so the bar's own label fits. */
export function niceMax(largest: number): number {
  const want = Math.max(1, largest * 1.15);
  const power = 10 ** Math.floor(Math.log10(want));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= want - 1e-9) ?? 10;
  return Math.round(step * power * 100) / 100;
}

/** Whether there is anything to draw: a table of zeros, or of measures nobody could be measured for, draws only empty axes. */
export const hasFigures = (cells: ChartInput['cells']): boolean => cells.some((r) => r.some((v) => v !== null && v !== 0));

/** The chart's height in pixels: horizontal bars grow with their rows, small multiples with their grids. */
export function chartHeight(i: ChartInput): number {
  if (isSmallMultiples(i)) {
    const lines = Math.ceil(i.rows.length / smallMultipleWidth);
    return lines * multipleHeight(i.columns.length) + 16;
  }
  if (horizontal(i)) {
    const band = i.kind === 'stacked' || i.columns.length === 1 ? 36 : Math.max(36, i.columns.length * 18 + 12);
    return Math.max(160, i.rows.length * band + (i.columns.length > 1 ? legendHeight : 0) + 56);
  }
  return 340;
}

const multipleHeight = (columns: number) => columns * 28 + 72;

const values = (cells: ChartInput['cells'], column: number) => cells.map((r) => r[column] ?? null);

function legend(i: ChartInput): LegendComponentOption | undefined {
  if (i.columns.length < 2) return undefined;
  return { top: 0, left: 0, type: 'plain', textStyle: { color: i.textColor, fontFamily: font, fontSize: 12 }, itemWidth: 22, itemHeight: 14 };
}

function base(i: ChartInput): ChartOption {
  return {
    animation: false,
    color: [...palette],
    textStyle: { fontFamily: font, color: i.textColor },
    aria: { enabled: true, label: { enabled: true, description: i.description }, decal: { show: true } },
    tooltip: { trigger: isSmallMultiples(i) ? 'item' : 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => i.format(typeof v === 'number' ? v : null) },
  };
}

const shown = (i: ChartInput) => (p: { value: unknown }) => (typeof p.value === 'number' && p.value > 0 ? i.format(p.value) : '');
const shownWithZero = (i: ChartInput) => (p: { value: unknown }) => (typeof p.value === 'number' ? i.format(p.value) : '');

/** The chart for one table. */
export function chartOption(i: ChartInput): ChartOption {
  if (isSmallMultiples(i)) return smallMultiples(i);
  const top = i.columns.length > 1 ? legendHeight + 8 : 12;
  const valueAxis = {
    type: 'value' as const,
    ...(i.percent ? { max: 100 } : {}),
    minInterval: i.percent ? undefined : 1,
    axisLabel: { color: i.textColor, formatter: (v: number) => i.format(v) },
    splitLine: { lineStyle: { color: i.gridColor } },
  };
  const stacked = i.kind === 'stacked';
  if (horizontal(i)) {
    return {
      ...base(i),
      legend: legend(i),
      grid: { top, left: 8, right: 48, bottom: 8, ...holdsLabels },
      // The first row on top, as in the table; long names (facilities) wrap instead of running off.
      yAxis: { type: 'category', inverse: true, data: [...i.rows], axisLabel: { color: i.textColor, width: 220, overflow: 'break', lineHeight: 15, interval: 0 }, axisTick: { show: false } },
      xAxis: valueAxis,
      series: i.columns.map((name, j) => ({
        type: 'bar' as const,
        name,
        data: values(i.cells, j),
        ...(stacked ? { stack: 'total' } : {}),
        barMaxWidth: 28,
        label: stacked
          ? { show: true, position: 'inside' as const, color: textOn(palette[j % palette.length]!), formatter: shown(i) }
          : { show: true, position: 'right' as const, color: i.textColor, formatter: shownWithZero(i) },
      })),
    };
  }
  const line = i.kind === 'line';
  const histogram = i.kind === 'histogram';
  // Labels on top of a bar where it stands alone; inside where bars stack.
  const onTop = !stacked && (!histogram || i.columns.length === 1);
  return {
    ...base(i),
    legend: legend(i),
    grid: { top, left: 8, right: 24, bottom: 8, ...holdsLabels },
    xAxis: { type: 'category', data: [...i.rows], boundaryGap: !line, axisLabel: { color: i.textColor, hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: valueAxis,
    series: i.columns.map((name, j) =>
      line
        ? {
            type: 'line' as const,
            name,
            data: values(i.cells, j),
            // Markers and dashes differ by series as well as colour, for grayscale.
            symbol: symbols[j % symbols.length],
            symbolSize: 8,
            lineStyle: { width: 2.5, type: lineTypes[j % lineTypes.length] },
            connectNulls: false,
          }
        : {
            type: 'bar' as const,
            name,
            data: values(i.cells, j),
            // A histogram's bins touch and its columns stack; a stacked chart over time stacks too.
            ...(histogram || stacked ? { stack: 'bins' } : {}),
            ...(histogram ? { barCategoryGap: '4%' } : { barMaxWidth: 48 }),
            label: onTop
              ? { show: true, position: 'top' as const, color: i.textColor, formatter: shown(i) }
              : { show: true, position: 'inside' as const, color: textOn(palette[j % palette.length]!), formatter: shown(i) },
          },
    ),
  };
}

const symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'] as const;
const lineTypes = ['solid', 'dashed', 'dotted'] as const;

/**
 * One small chart per facility on one scale, two to a line: each facility's columns as horizontal
 * bars, so the facilities compare at a glance without one crowding the others.
 */
function smallMultiples(i: ChartInput): ChartOption {
  const height = multipleHeight(i.columns.length);
  const max = niceMax(Math.max(1, ...i.cells.flatMap((r) => r.map((v) => v ?? 0))));
  const grids: GridComponentOption[] = [];
  const titles: TitleComponentOption[] = [];
  const xAxes: NonNullable<ChartOption['xAxis']> = [];
  const yAxes: NonNullable<ChartOption['yAxis']> = [];
  const series: BarSeriesOption[] = [];
  i.rows.forEach((facility, k) => {
    const col = k % smallMultipleWidth;
    const line = Math.floor(k / smallMultipleWidth);
    const left = `${col * 50 + 1}%`;
    const top = line * height;
    titles.push({ text: facility, left, top, textStyle: { fontSize: 13, fontWeight: 600, color: i.textColor, fontFamily: font, width: 360, overflow: 'truncate' } });
    grids.push({ left, top: top + 30, width: '46%', height: height - 40, ...holdsLabels });
    xAxes.push({
      type: 'value',
      gridIndex: k,
      max: i.percent ? 100 : max,
      minInterval: 1,
      axisLabel: { color: i.textColor, formatter: (v: number) => i.format(v) },
      splitLine: { lineStyle: { color: i.gridColor } },
    });
    yAxes.push({
      type: 'category',
      gridIndex: k,
      inverse: true,
      data: [...i.columns],
      axisLabel: { color: i.textColor, width: 140, overflow: 'break', lineHeight: 15, interval: 0 },
      axisTick: { show: false },
    });
    series.push({
      type: 'bar',
      name: facility,
      xAxisIndex: k,
      yAxisIndex: k,
      // Each column keeps its own colour and decal in every facility's chart.
      colorBy: 'data',
      barMaxWidth: 20,
      data: [...(i.cells[k] ?? [])],
      label: { show: true, position: 'right', color: i.textColor, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? i.format(p.value) : '') },
    });
  });
  return { ...base(i), title: titles, grid: grids, xAxis: xAxes, yAxis: yAxes, series };
}

/** A sentence summing a table up for screen readers: its largest figure and where it is. */
export function largestCell(cells: ChartInput['cells']): { row: number; column: number; value: number } | null {
  let best: { row: number; column: number; value: number } | null = null;
  cells.forEach((r, row) =>
    r.forEach((value, column) => {
      if (value !== null && (best === null || value > best.value)) best = { row, column, value };
    }),
  );
  return best;
}

/** The table cell a clicked bar or point stands for. */
export function cellOfItem(i: Pick<ChartInput, 'kind' | 'facilityRows' | 'rows' | 'columns'>, item: { seriesIndex: number; dataIndex: number }): { row: number; column: number } {
  return isSmallMultiples(i) ? { row: item.seriesIndex, column: item.dataIndex } : { row: item.dataIndex, column: item.seriesIndex };
}
