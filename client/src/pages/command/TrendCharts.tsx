/**
 * Trends drawn with uPlot: 15-minute buckets of calls, queue, unit utilisation, offload delay and ICU occupancy,
 * and the centre's own figures hour by hour against their targets (a dashed line at the target).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { CENTRE_TARGETS, type CentreFigures, type HourFigure, type TrendBucket, type TrendResult } from '@dispatch/shared';
import { useLive } from '../../live/useLive.ts';
import { formatCityClock, formatDayName } from '../../ui/format.ts';

/** Days offered in the day picker, today included: the figures a command group looks back over. */
const DAYS_BACK = 31;

interface SeriesSpec<F> {
  field: F;
  colour: string;
  bars?: boolean;
}
interface ChartSpec<F extends string = string> {
  key: string;
  series: SeriesSpec<F>[];
  unit?: string;
  /** A target drawn as a dashed line (its label is trends.series.target, or `targetLabel`). */
  target?: number;
  targetLabel?: string;
  /** Mark every value: an hour's figure stands alone between empty hours, and a lone value draws no line. */
  points?: boolean;
  /** The least the value axis shows, so a quiet hour does not fill the chart with noise (shares: 0–100). */
  yAtLeast?: [number, number];
}

const CHARTS: ChartSpec<keyof TrendBucket>[] = [
  { key: 'calls', series: [{ field: 'callsReceived', colour: '#1f5fbf', bars: true }] },
  { key: 'queue', series: [{ field: 'queueLength', colour: '#e66101' }, { field: 'queueMax', colour: '#f0a30a' }] },
  { key: 'utilisation', series: [{ field: 'utilisationPct', colour: '#7b3294' }], unit: '%' },
  { key: 'offload', series: [{ field: 'offloadMedianMin', colour: '#c51b7d' }, { field: 'unitsHeld', colour: '#4393c3' }] },
  { key: 'icu', series: [{ field: 'icuOccupancyPct', colour: '#b2182b' }, { field: 'bedOccupancyPct', colour: '#1a9850' }], unit: '%' },
];

/**
 * The centre's figures by city hour: offered calls against the surge plan's multiple (seed rule 4: the plan is
 * about offered calls), the shares against the national 95 %, response against the urban target.
 */
function hourCharts(planMultiple: number): ChartSpec<keyof HourFigure>[] {
  return [
    { key: 'hourOffered', series: [{ field: 'offered', colour: '#1f5fbf', bars: true }], yAtLeast: [0, 1] },
    { key: 'hourMultiple', series: [{ field: 'multiple', colour: '#e66101' }], points: true, unit: '×', target: planMultiple, targetLabel: 'plan', yAtLeast: [0, planMultiple] },
    {
      key: 'hourShares',
      series: [{ field: 'answeredWithinPct', colour: '#1f5fbf' }, { field: 'leftWithinPct', colour: '#7b3294' }, { field: 'handoverWithinPct', colour: '#1a9850' }],
      unit: '%',
      points: true,
      target: CENTRE_TARGETS.answeredWithinPct,
      yAtLeast: [0, 100],
    },
    { key: 'hourResponse', series: [{ field: 'responseUrbanMin', colour: '#c51b7d' }, { field: 'responseRuralMin', colour: '#4393c3' }], unit: ' min', points: true, target: CENTRE_TARGETS.responseUrbanMinutes, targetLabel: 'urbanTarget', yAtLeast: [0, CENTRE_TARGETS.responseRuralMinutes] },
  ];
}

/** Time stamps (seconds) and one row of values per series, as uPlot takes them. */
function seriesOf<R, F extends keyof R & string>(rows: readonly R[], fromOf: (r: R) => string, spec: ChartSpec<F>): uPlot.AlignedData {
  const xs = rows.map((r) => Date.parse(fromOf(r)) / 1000);
  return [xs, ...spec.series.map((s) => rows.map((r) => r[s.field] as number | null)), ...(spec.target === undefined ? [] : [xs.map(() => spec.target ?? null)])];
}

function Chart({ spec, data, timeZone }: { spec: ChartSpec; data: uPlot.AlignedData; timeZone: string }) {
  const { t, i18n } = useTranslation('command');
  const lang = i18n.language;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.8, 20] });
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height: 150,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, ...(spec.yAtLeast ? { y: { range: (_u, lo, hi) => [Math.min(spec.yAtLeast?.[0] ?? lo, lo ?? 0), Math.max(spec.yAtLeast?.[1] ?? hi, hi ?? 0)] } } : {}) },
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
        { stroke: '#4f5b69', size: (spec.unit?.length ?? 0) > 1 ? 64 : 50, values: (_u, v) => v.map((x) => `${x}${spec.unit ?? ''}`) },
      ],
      series: [{ label: t('trends.time'), value: (_u, v) => (v === null ? '—' : formatCityClock(v * 1000, 'dateTime', lang, timeZone)) }, ...spec.series.map((s) => ({ label: t(`trends.series.${String(s.field)}`), stroke: s.colour, width: 2, fill: s.bars ? `${s.colour}55` : undefined, paths: s.bars ? bars : undefined, spanGaps: false, ...(spec.points && !s.bars ? { points: { show: true, size: 6 } } : {}) })), ...(spec.target === undefined ? [] : [{ label: t(`trends.series.${spec.targetLabel ?? 'target'}`, { value: spec.target }), stroke: '#b2182b', width: 1, dash: [6, 4], points: { show: false } }])],
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
  }, [data]);

  return (
    <figure className="cmd-chart" data-testid={`chart-${spec.key}`}>
      <figcaption>{t(`trends.${spec.key}`)}</figcaption>
      <div ref={box} />
    </figure>
  );
}

/** `today`: the city's day now (YYYY-MM-DD), the first in the day list. */
export function TrendCharts({ trends, hours, day, today, onDay }: { trends: TrendResult | null; hours: CentreFigures | null; day: string; today: string; onDay: (day: string) => void }) {
  const { t, i18n } = useTranslation('command');
  const timeZone = useLive((s) => s.state.city.timeZone);
  const planMultiple = useLive((s) => s.state.city.surgePlanMultiple);
  // Specs stay the same objects between renders: a new spec rebuilds its chart.
  const hourSpecs = useMemo(() => hourCharts(planMultiple), [planMultiple]);
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
            <Chart key={spec.key} spec={spec} data={seriesOf(trends.buckets, (b) => b.from, spec)} timeZone={timeZone} />
          ))}
        </div>
      )}
      <h3 className="cmd-panel__subtitle">{t('trends.hoursTitle', { day: hours?.day ?? day })}</h3>
      {hours === null ? (
        <p className="hint">…</p>
      ) : (
        <div className="cmd-charts" data-testid="centre-hours">
          {hourSpecs.map((spec) => (
            <Chart key={spec.key} spec={spec} data={seriesOf(hours.hours, (h) => h.from, spec)} timeZone={timeZone} />
          ))}
        </div>
      )}
    </section>
  );
}
