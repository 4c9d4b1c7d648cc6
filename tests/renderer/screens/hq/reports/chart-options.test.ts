import { describe, expect, it } from 'vitest';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { cellOfItem, chartHeight, chartOption, hasFigures, isSmallMultiples, largestCell, niceMax, palette, textOn, type ChartInput } from '../../../../../renderer/screens/hq/reports/chart-options';
import type { MessageKey } from '../../../../../core/i18n';
import { catalogs } from '../../../../../core/i18n';
import { catalogMonths, intlHasMonths, intlHasNumbers, numberFormatter, periodText, tableTotals } from '../../../../../renderer/screens/hq/reports/format';

const base: ChartInput = {
  kind: 'bar',
  rows: ['Bakı', 'Gəncə', 'Yevlax'],
  columns: ['Held now'],
  cells: [[12], [3], [null]],
  facilityRows: true,
  percent: false,
  format: numberFormatter('en', 'count'),
  description: 'People held now per facility.',
  textColor: '#111',
  gridColor: '#ccc',
};

const seriesOf = (o: ReturnType<typeof chartOption>) => (Array.isArray(o.series) ? o.series : [o.series]) as (BarSeriesOption | LineSeriesOption)[];

describe('a report table as a chart', () => {
  it('draws rows along the category axis and columns as series, first row on top', () => {
    const o = chartOption({
      ...base,
      columns: ['Held now', 'Children'],
      cells: [
        [12, 1],
        [3, 0],
        [null, 2],
      ],
      facilityRows: false,
    });
    expect(o.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['Bakı', 'Gəncə', 'Yevlax'] });
    expect(seriesOf(o).map((s) => [s.name, s.data])).toEqual([
      ['Held now', [12, 3, null]],
      ['Children', [1, 0, 2]],
    ]);
    // A bar clicked in the second series, third row, is the cell (row 2, column 1).
    expect(cellOfItem({ ...base, facilityRows: false, columns: ['Held now', 'Children'] }, { seriesIndex: 1, dataIndex: 2 })).toEqual({ row: 2, column: 1 });
  });

  it('stays readable in grayscale and print: decals on, a palette of differing lightness, no animation, the description for screen readers', () => {
    const o = chartOption(base);
    expect(o.aria).toEqual({ enabled: true, label: { enabled: true, description: 'People held now per facility.' }, decal: { show: true } });
    expect(o.animation).toBe(false);
    const lightness = palette.slice(0, 5).map((hex) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    });
    // Neighbouring series differ in luminance by a visible step, and the first five are five grey levels.
    for (let i = 1; i < lightness.length; i += 1) expect(Math.abs(lightness[i]! - lightness[i - 1]!)).toBeGreaterThan(40);
    const levels = [...lightness].sort((a, b) => a - b);
    for (let i = 1; i < levels.length; i += 1) expect(levels[i]! - levels[i - 1]!).toBeGreaterThan(15);
  });

  it('stacks the columns of a stacked chart and labels only the segments that have people', () => {
    const o = chartOption({
      ...base,
      kind: 'stacked',
      columns: ['Within 1 h', 'Late', 'Not told'],
      cells: [
        [3, 1, 1],
        [2, 0, 0],
        [0, 0, 1],
      ],
      facilityRows: false,
    });
    const s = seriesOf(o) as BarSeriesOption[];
    expect(s.every((x) => x.stack === 'total')).toBe(true);
    const formatter = s[1]!.label!.formatter as (p: { value: unknown }) => string;
    expect(formatter({ value: 0 })).toBe('');
    expect(formatter({ value: 1200 })).toBe('1,200');
  });

  it('a bar chart of several figures per facility becomes small multiples on one scale', () => {
    const input: ChartInput = {
      ...base,
      columns: ['Held now', 'Children'],
      cells: [
        [12, 1],
        [3, 0],
        [5, 2],
      ],
    };
    expect(isSmallMultiples(input)).toBe(true);
    const o = chartOption(input);
    expect(o.grid).toHaveLength(3);
    expect((o.title as { text: string }[]).map((t) => t.text)).toEqual(['Bakı', 'Gəncə', 'Yevlax']);
    // One scale for all, a round step above the largest figure so its label fits.
    expect((o.xAxis as { max: number }[]).map((x) => x.max)).toEqual([15, 15, 15]);
    expect(seriesOf(o).map((s) => s.data)).toEqual([
      [12, 1],
      [3, 0],
      [5, 2],
    ]);
    // In a small multiple the series is the facility and the bar its column.
    expect(cellOfItem(input, { seriesIndex: 2, dataIndex: 1 })).toEqual({ row: 2, column: 1 });
    // Two to a line: three facilities take two lines.
    expect(chartHeight(input)).toBeGreaterThan(
      chartHeight({
        ...input,
        rows: ['Bakı', 'Gəncə'],
        cells: [
          [12, 1],
          [3, 0],
        ],
      }),
    );
  });

  it('a time series is lines over the periods, each with its own marker and dash', () => {
    const o = chartOption({
      ...base,
      kind: 'line',
      rows: ['Sep 2026', 'Oct 2026', 'Nov 2026'],
      columns: ['Bakı', 'Yevlax'],
      cells: [
        [4, 1],
        [6, 2],
        [5, null],
      ],
      facilityRows: false,
    });
    expect(o.xAxis).toMatchObject({ type: 'category', data: ['Sep 2026', 'Oct 2026', 'Nov 2026'] });
    const s = seriesOf(o) as LineSeriesOption[];
    expect(s.map((x) => x.type)).toEqual(['line', 'line']);
    expect(s[0]!.symbol).not.toBe(s[1]!.symbol);
    expect(s[1]!.data).toEqual([1, 2, null]);
  });

  it('a histogram has touching bins, and percentages end at 100', () => {
    const o = chartOption({ ...base, kind: 'histogram', rows: ['0–7 days', '8–30 days', '31–90 days'], columns: ['People'], cells: [[9], [4], [1]], facilityRows: false });
    expect((seriesOf(o)[0] as BarSeriesOption).barCategoryGap).toBe('4%');
    expect(chartOption({ ...base, percent: true, format: numberFormatter('en', 'percent') }).xAxis).toMatchObject({ max: 100 });
  });

  it('names the largest figure for the summary', () => {
    expect(
      largestCell([
        [1, null],
        [7, 2],
      ]),
    ).toEqual({ row: 1, column: 0, value: 7 });
    expect(largestCell([[null]])).toBeNull();
  });
});

describe('numbers and periods in the interface language', () => {
  it('formats counts, hours and percents by locale', () => {
    expect(numberFormatter('en', 'count')(12345)).toBe('12,345');
    expect(numberFormatter('ru', 'count')(12345)).toBe('12\u00a0345');
    expect(numberFormatter('en', 'percent')(37.5)).toBe('37.5%');
    expect(numberFormatter('ru', 'hours')(1.5)).toMatch(/^1,5\s?ч$/);
    expect(numberFormatter('az', 'count')(null)).toBe('—');
  });

  it('names months and days by Intl', () => {
    expect(periodText('2026-11', 'en')).toBe('Nov 2026');
    expect(periodText('2026-11', 'ru')).toMatch(/нояб/);
    expect(periodText('2026-11-05', 'en')).toBe('Nov 5, 2026');
    expect(periodText('2026', 'az')).toBe('2026');
  });

  it('adds rows and columns, a missing cell as nothing', () => {
    expect(
      tableTotals(
        [
          [1, 2],
          [3, null],
        ],
        2,
      ),
    ).toEqual({ rows: [3, 3], columns: [4, 2], all: 6 });
  });
});

describe('readable bars', () => {
  it('writes dark text on light bars and white on dark ones', () => {
    expect(textOn(palette[0])).toBe('#ffffff');
    expect(textOn(palette[1])).toBe('#1b2326');
  });

  it('rounds a shared scale up to a step that leaves room for the label', () => {
    expect(niceMax(5)).toBe(6);
    expect(niceMax(12)).toBe(15);
    expect(niceMax(0)).toBe(1);
    expect(niceMax(860)).toBe(1000);
  });

  it('stacked counts over time stand up: periods along the bottom', () => {
    const o = chartOption({
      ...base,
      kind: 'stacked',
      periodRows: true,
      facilityRows: false,
      rows: ['Oct 2026', 'Nov 2026'],
      columns: ['Sent', 'Blocked'],
      cells: [
        [1, 0],
        [2, 1],
      ],
    });
    expect(o.xAxis).toMatchObject({ type: 'category', data: ['Oct 2026', 'Nov 2026'] });
    expect((seriesOf(o) as BarSeriesOption[]).every((s) => s.stack === 'bins')).toBe(true);
  });

  it('a table of blanks and zeros has nothing to draw', () => {
    expect(hasFigures([[null], [null]])).toBe(false);
    expect(hasFigures([[null], [0]])).toBe(false);
    expect(hasFigures([[0], [2]])).toBe(true);
  });
});

describe('a language the browser has no data for (Chromium and Azerbaijani)', () => {
  const az = (id: MessageKey) => catalogs.az[id] ?? id;

  it('names months from the catalogs, as CLDR’s az patterns do', () => {
    expect(periodText('2026-11', 'az', catalogMonths(az))).toBe('noy 2026');
    expect(periodText('2026-01-05', 'az', catalogMonths(az))).toBe('5 yan 2026');
  });

  it('writes numbers with a decimal comma and a grouping dot, and units in Azerbaijani', () => {
    expect(numberFormatter('az', 'count', az, false)(12345)).toBe('12.345');
    expect(numberFormatter('az', 'hours', az, false)(6.5)).toBe('6,5 saat');
    expect(numberFormatter('az', 'days', az, false)(3)).toBe('3 gün');
    expect(numberFormatter('az', 'percent', az, false)(25)).toBe('25%');
  });

  it('knows English and Russian numbers where the runtime has them', () => {
    expect(intlHasNumbers('en')).toBe(true);
    expect(intlHasNumbers('ru')).toBe(true);
    expect(intlHasMonths('en')).toBe(true);
  });
});
