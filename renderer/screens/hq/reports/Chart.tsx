import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './chart-options';

// Only what the reports draw, so the bundle carries no maps or 3D; SVG stays crisp when printed.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, AriaComponent, SVGRenderer]);

/**
 * An ECharts chart in React: made on mount, given each new option whole (notMerge, so a series that
 * went away does not linger), resized with its box, disposed on unmount. The box is the image for
 * assistive technology.
 */
export function Chart({ option, height, description, onItem }: { option: ChartOption; height: number; description: string; onItem?: (item: { seriesIndex: number; dataIndex: number }) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onItemRef = useRef(onItem);
  useEffect(() => {
    onItemRef.current = onItem;
  }, [onItem]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      if (typeof p.seriesIndex === 'number' && typeof p.dataIndex === 'number') onItemRef.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex });
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    // Printing lays the page out at the paper's width without running resize observers: redraw the SVG
    // for the page as printing starts, and for the screen after.
    const print = window.matchMedia('print');
    const redraw = () => c.resize();
    print.addEventListener('change', redraw);
    window.addEventListener('beforeprint', redraw);
    window.addEventListener('afterprint', redraw);
    return () => {
      print.removeEventListener('change', redraw);
      window.removeEventListener('beforeprint', redraw);
      window.removeEventListener('afterprint', redraw);
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    chart.current?.resize();
  }, [option, height]);

  // The outer box is the image and carries the description; what ECharts draws inside is hidden from
  // assistive technology, which would otherwise find a second, unnamed image (the SVG).
  return (
    <div className="reports-chart__canvas" role="img" aria-label={description} style={{ height }}>
      <div ref={box} className="reports-chart__draw" aria-hidden="true" style={{ height }} />
    </div>
  );
}
