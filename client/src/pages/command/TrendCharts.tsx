/** 15-minute trends drawn with uPlot: calls, queue, unit utilisation, offload delay, ICU occupancy. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrendBucket, TrendResult } from '@dispatch/shared';

interface ChartSpec {
  key: string;
  series: { field: keyof TrendBucket; colour: string; bars?: boolean }[];
  unit?: string;
}

const CHARTS: ChartSpec[] = [
  { key: 'calls', series: [{ field: 'callsReceived', colour: '#1f5fbf', bars: true }] },
  { key: 'queue', series: [{ field: 'queueLength', colour: '#e66101' }, { field: 'queueMax', colour: '#f0a30a' }] },
  { key: 'utilisation', series: [{ field: 'utilisationPct', colour: '#7b3294' }], unit: '%' },
  { key: 'offload', series: [{ field: 'offloadMedianMin', colour: '#c51b7d' }, { field: 'unitsHeld', colour: '#4393c3' }] },
  { key: 'icu', series: [{ field: 'icuOccupancyPct', colour: '#b2182b' }, { field: 'bedOccupancyPct', colour: '#1a9850' }], unit: '%' },
];

function Chart({ spec, trends }: { spec: ChartSpec; trends: TrendResult }) {
  const { t } = useTranslation('command');
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  const data: uPlot.AlignedData = [
    trends.buckets.map((b) => Date.parse(b.from) / 1000),
    ...spec.series.map((s) => trends.buckets.map((b) => b[s.field] as number | null)),
  ];

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.8, 20] });
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height: 150,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{ stroke: '#4f5b69' }, { stroke: '#4f5b69', size: 44, values: (_u, v) => v.map((x) => `${x}${spec.unit ?? ''}`) }],
      series: [{}, ...spec.series.map((s) => ({ label: t(`trends.series.${String(s.field)}`), stroke: s.colour, width: 2, fill: s.bars ? `${s.colour}55` : undefined, paths: s.bars ? bars : undefined, spanGaps: false }))],
    };
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: 150 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is rebuilt only when its series or language change; new data goes through setData.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, t]);

  useEffect(() => {
    plot.current?.setData(data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trends]);

  return (
    <figure className="cmd-chart" data-testid={`chart-${spec.key}`}>
      <figcaption>{t(`trends.${spec.key}`)}</figcaption>
      <div ref={box} />
    </figure>
  );
}

export function TrendCharts({ trends, day, onDay }: { trends: TrendResult | null; day: string; onDay: (day: string) => void }) {
  const { t } = useTranslation('command');
  return (
    <section aria-labelledby="trends-title" className="cmd-panel">
      <h2 id="trends-title" className="cmd-panel__title">
        {t('trends.title')}
        <label className="cmd-inline">
          {t('trends.day')}
          <input type="date" value={day} onChange={(e) => onDay(e.target.value)} data-testid="trends-day" />
        </label>
        {day && (
          <button type="button" className="btn btn--ghost" onClick={() => onDay('')}>
            {t('trends.last24h')}
          </button>
        )}
      </h2>
      {trends === null ? (
        <p className="hint">…</p>
      ) : (
        <div className="cmd-charts">
          {CHARTS.map((spec) => (
            <Chart key={spec.key} spec={spec} trends={trends} />
          ))}
        </div>
      )}
    </section>
  );
}
