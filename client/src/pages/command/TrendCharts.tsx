/** 15-minute trends drawn with uPlot: calls, queue, unit utilisation, offload delay, ICU occupancy. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrendBucket, TrendResult } from '@dispatch/shared';
import { useLive } from '../../live/useLive.ts';
import { formatCityClock, formatDayName } from '../../ui/format.ts';

/** Days offered in the day picker, today included: the figures a command group looks back over. */
const DAYS_BACK = 31;

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

function Chart({ spec, trends, timeZone }: { spec: ChartSpec; trends: TrendResult; timeZone: string }) {
  const { t, i18n } = useTranslation('command');
  const lang = i18n.language;
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
      // Ticks fall on the city's hours and read in the screen's language, 24-hour; midnight names the day.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
      axes: [
        {
          stroke: '#4f5b69',
          values: (_u, splits) =>
            splits.map((s) => {
              const time = formatCityClock(s * 1000, 'time', lang, timeZone);
              return time === '00:00' ? formatCityClock(s * 1000, 'day', lang, timeZone) : time;
            }),
        },
        { stroke: '#4f5b69', size: 44, values: (_u, v) => v.map((x) => `${x}${spec.unit ?? ''}`) },
      ],
      series: [{ label: t('trends.time'), value: (_u, v) => (v === null ? '—' : formatCityClock(v * 1000, 'dateTime', lang, timeZone)) }, ...spec.series.map((s) => ({ label: t(`trends.series.${String(s.field)}`), stroke: s.colour, width: 2, fill: s.bars ? `${s.colour}55` : undefined, paths: s.bars ? bars : undefined, spanGaps: false }))],
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
  }, [spec, t, lang, timeZone]);

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

/** `today`: the city's day now (YYYY-MM-DD), the first in the day list. */
export function TrendCharts({ trends, day, today, onDay }: { trends: TrendResult | null; day: string; today: string; onDay: (day: string) => void }) {
  const { t, i18n } = useTranslation('command');
  const timeZone = useLive((s) => s.state.city.timeZone);
  // The browser's own date box speaks the browser's language, not the screen's: a list of the city's days does.
  const days = Array.from({ length: DAYS_BACK }, (_, i) => new Date(Date.parse(`${today}T12:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10));
  if (day && !days.includes(day)) days.push(day);
  return (
    <section aria-labelledby="trends-title" className="cmd-panel">
      <h2 id="trends-title" className="cmd-panel__title">
        {t('trends.title')}
        <label className="cmd-inline">
          {t('trends.day')}
          <select value={day} onChange={(e) => onDay(e.target.value)} data-testid="trends-day">
            <option value="">{t('trends.last24h')}</option>
            {days.map((d) => (
              <option key={d} value={d}>
                {formatDayName(d, i18n.language)}
              </option>
            ))}
          </select>
        </label>
      </h2>
      {trends === null ? (
        <p className="hint">…</p>
      ) : (
        <div className="cmd-charts">
          {CHARTS.map((spec) => (
            <Chart key={spec.key} spec={spec} trends={trends} timeZone={timeZone} />
          ))}
        </div>
      )}
    </section>
  );
}
