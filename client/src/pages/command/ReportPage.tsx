/** The day's report as a printable page (/command/report?day=YYYY-MM-DD). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, CLINICAL_CLASSES, type DailyReport } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { useQuery } from '../../app/router.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import './command.css';
import { DispatchersPanel } from './DispatchersPanel.tsx';
import { centreTilesOf } from './model.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

export default function ReportPage() {
  const { t, i18n } = useTranslation('command');
  const { t: tc } = useTranslation();
  const cityTime = useCityTime();
  // Without ?day= the server answers for today in the city's own time zone.
  const day = useQuery().get('day');
  const city = useLiveEntities((s) => s.state.city.name);
  const [report, setReport] = useState<DailyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<DailyReport>(day ? `/api/reports/daily?day=${encodeURIComponent(day)}` : '/api/reports/daily').then(setReport, (e: unknown) => setError(String(e)));
  }, [day]);
  const min = (v: number | null) => (v === null ? '—' : t('pressure.minutes', { value: v }));

  if (error) return <main className="cmd-report"><p className="form-error">{error}</p></main>;
  if (!report) return <main className="cmd-report"><p className="hint">…</p></main>;
  return (
    <main className="cmd-report" data-testid="report-page">
      <header className="cmd-report__head">
        <h1>{t('report.title', { day: report.day, city: i18n.language === 'en' ? city.en : city.zh }).trim()}</h1>
        <button type="button" className="btn btn--primary no-print" onClick={() => window.print()}>
          {t('report.printNow')}
        </button>
      </header>
      <section>
        <h2>{t('report.calls')}</h2>
        <table className="cmd-table">
          <tbody>
            <tr><th scope="row">{t('report.emergency')}</th><td data-testid="report-calls">{report.calls.emergency}</td></tr>
            <tr><th scope="row">{t('report.transfers')}</th><td>{report.calls.transfers}</td></tr>
            {[...CALL_OUTCOMES, 'open' as const].map((o) => (
              <tr key={o}><th scope="row">{t(`report.outcome.${o}`)}</th><td>{report.calls.byOutcome[o]}</td></tr>
            ))}
            {CLINICAL_CLASSES.map((c) => (
              <tr key={c}><th scope="row">{tc(`class.${c}`)}</th><td>{report.calls.byClass[c]}</td></tr>
            ))}
            <tr><th scope="row">{t('report.peak')}</th><td>{t('report.peakValue', { count: report.load.peakCallsInHour, multiple: report.load.peakMultiple, baseline: report.load.baselinePerHour, at: report.load.peakAt ? cityTime(report.load.peakAt) : '—' })}</td></tr>
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t('report.offload')}</h2>
        <table className="cmd-table">
          <tbody>
            <tr><th scope="row">{t('report.handovers')}</th><td>{report.handovers}</td></tr>
            <tr><th scope="row">{t('report.median')}</th><td>{min(report.offloadMedianMin)}</td></tr>
            <tr><th scope="row">{t('report.p90')}</th><td>{min(report.offloadP90Min)}</td></tr>
            <tr><th scope="row">{t('report.max')}</th><td>{min(report.offloadMaxMin)}</td></tr>
            <tr><th scope="row">{t('report.hoursLost')}</th><td>{report.unitHoursLost}</td></tr>
            <tr><th scope="row">{t('report.declines')}</th><td>{report.declines}</td></tr>
          </tbody>
        </table>
      </section>
      <section data-testid="report-centre">
        <h2>{t('report.centre')}</h2>
        <table className="cmd-table">
          <tbody>
            {centreTilesOf(report.centre, (key, opts) => t(key, opts ?? {})).map((tile) => (
              <tr key={tile.key} data-level={tile.level}>
                <th scope="row">{t(`centre.tiles.${tile.key}`)}</th>
                <td className={tile.level === 'red' ? 'cmd-cell--red' : undefined}>{tile.value}</td>
                <td>{tile.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section data-testid="report-hours">
        <h2>{t('report.byHour')}</h2>
        <table className="cmd-table">
          <thead>
            <tr>
              <th scope="col">{t('report.hour')}</th>
              <th scope="col">{t('trends.series.offered')}</th>
              <th scope="col">{t('trends.series.multiple')}</th>
              <th scope="col">{t('trends.series.answeredWithinPct')}</th>
              <th scope="col">{t('report.abandoned')}</th>
              <th scope="col">{t('trends.series.leftWithinPct')}</th>
              <th scope="col">{t('trends.series.responseUrbanMin')}</th>
              <th scope="col">{t('trends.series.responseRuralMin')}</th>
              <th scope="col">{t('trends.series.handoverWithinPct')}</th>
            </tr>
          </thead>
          <tbody>
            {report.centre.hours.map((h) => {
              const red = (v: number | null, target: number | null) => (v !== null && target !== null && v < target ? 'cmd-cell--red' : undefined);
              const val = (v: number | null) => (v === null ? '—' : v);
              return (
                <tr key={h.from}>
                  <th scope="row">{cityTime(h.from)}</th>
                  <td>{h.offered}</td>
                  <td>{h.multiple}</td>
                  <td className={red(h.answeredWithinPct, report.centre.answeredWithin.targetPct)}>{val(h.answeredWithinPct)}</td>
                  <td>{h.abandoned}</td>
                  <td className={red(h.leftWithinPct, report.centre.leftWithin.targetPct)}>{val(h.leftWithinPct)}</td>
                  <td>{val(h.responseUrbanMin)}</td>
                  <td>{val(h.responseRuralMin)}</td>
                  <td className={red(h.handoverWithinPct, report.centre.handoverWithin.targetPct)}>{val(h.handoverWithinPct)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {report.dispatchers && <DispatchersPanel rows={report.dispatchers} />}
      <section>
        <h2>{t('report.hospitals')}</h2>
        <table className="cmd-table">
          <thead>
            <tr>
              <th scope="col">{t('pressure.hospital')}</th>
              <th scope="col">{t('report.handovers')}</th>
              <th scope="col">{t('report.median')}</th>
              <th scope="col">{t('report.p90')}</th>
              <th scope="col">{t('report.hoursLost')}</th>
              <th scope="col">{t('report.declines')}</th>
              <th scope="col">{t('pressure.icu')}</th>
              <th scope="col">{t('pressure.beds')}</th>
            </tr>
          </thead>
          <tbody>
            {report.hospitals.map((h) => (
              <tr key={h.hospitalId}>
                <th scope="row">{i18n.language === 'en' ? h.nameEn : h.name}</th>
                <td>{h.handovers}</td>
                <td>{min(h.offloadMedianMin)}</td>
                <td>{min(h.offloadP90Min)}</td>
                <td>{h.unitHoursLost}</td>
                <td>{h.declines}</td>
                <td>{h.icuOpen > 0 ? `${h.icuOccupied}/${h.icuOpen} (${h.icuPct ?? 0}%)` : '—'}</td>
                <td>{h.bedsPct === null ? '—' : `${h.bedsPct}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
