import { BarChart as Bars } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what a bar chart needs is bundled (ECharts is modular), and only with the dashboard's chunk.
echarts.use([Bars, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

/**
 * Horizontal bars, one per label; suppressed or missing values are left out of the bars (the table view
 * says "<5"). The chart describes itself to screen readers (ECharts' aria), and `title` names it.
 */
export function BarChart({ title, labels, values, unit }: { title: string; labels: string[]; values: (number | null)[]; unit: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption({
      aria: { enabled: true, label: { description: title } },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '<5' : `${String(v)}${unit}`) },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 200, overflow: 'truncate' } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#0b6e4f' }, label: { show: true, position: 'right', formatter: ({ value }: { value: unknown }) => `${String(value)}${unit}` } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, labels, values, unit]);
  return <div ref={element} role="img" aria-label={title} style={{ width: '100%', height: Math.max(160, labels.length * 32 + 40) }} />;
}
