/**
 * The command group's surge dashboard: the city now against the plan and the targets, the hospitals
 * under pressure, the trends, the alerts with their acknowledgement, the thresholds, the map and the
 * day's report. Figures come from /api/stats (computed server-side from rows and the event log) and
 * refresh on every relevant live event.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cityDayOf, mayViewDispatcherFigures, utcOffsetMinutes } from '@dispatch/shared';
import { useSession } from '../../app/session.ts';
import { CityMap } from '../../map/CityMap.tsx';
import { liveStore } from '../../live/store.ts';
import { useLive } from '../../live/useLive.ts';
import { AlertsPanel } from './AlertsPanel.tsx';
import { NowTiles } from './NowTiles.tsx';
import { CentreTiles } from './CentreTiles.tsx';
import { PhonesPanel } from './PhonesPanel.tsx';
import { PressureTable } from './PressureTable.tsx';
import { SurgeSwitch } from './SurgeSwitch.tsx';
import { ThresholdsEditor } from './ThresholdsEditor.tsx';
import { TrendCharts } from './TrendCharts.tsx';
import { DispatchersPanel } from './DispatchersPanel.tsx';
import { useCentreFigures, useDispatcherFigures, useNowStats, useTrends } from './useCommandData.ts';
import './command.css';

export default function CommandPage() {
  const { t } = useTranslation('command');
  const session = useSession();
  const role = session.status === 'user' ? session.user.role : null;
  const thresholds = useLive((s) => s.state.thresholds);
  const { stats, error } = useNowStats();
  const centre = useCentreFigures();
  const [day, setDay] = useState('');
  const trends = useTrends(day);
  // The hourly figures follow the trends' day; the last 24 h show today's hours.
  const dayCentre = useCentreFigures(day || null);
  const hours = day ? dayCentre : centre;
  const dispatchers = useDispatcherFigures(role !== null && mayViewDispatcherFigures(role));
  const timeZone = useLive((s) => s.state.city.timeZone);
  const now = new Date(liveStore.now());
  const today = cityDayOf(now, utcOffsetMinutes(timeZone, now)).day;
  const reportDay = day || stats?.day || today;

  return (
    <main className="cmd" data-testid="command-page">
      <header className="cmd-head">
        <h1>{t('title')}</h1>
        <span className="cmd-head__spacer" />
        <a className="btn" href={`/api/reports/daily.csv?day=${reportDay}`} download data-testid="export-csv">
          {t('report.exportCsv')}
        </a>
        <a className="btn" href={`/command/report?day=${reportDay}`} target="_blank" rel="noopener" data-testid="print-report">
          {t('report.print')}
        </a>
      </header>
      {error && <p className="banner banner--warning" role="alert">{t('loadFailed', { message: error })}</p>}
      <div className="cmd-grid">
        <div className="cmd-main">
          {stats ? <NowTiles stats={stats} thresholds={thresholds} /> : <p className="hint">…</p>}
          <PhonesPanel />
          {centre && <CentreTiles figures={centre} />}
          <TrendCharts trends={trends} hours={hours} day={day} today={today} onDay={setDay} />
          {dispatchers && <DispatchersPanel rows={dispatchers} />}
          {stats && <PressureTable rows={stats.hospitals} />}
        </div>
        <aside className="cmd-side">
          <AlertsPanel canAck={role === 'command'} />
          <section aria-labelledby="map-title" className="cmd-panel cmd-map">
            <h2 id="map-title" className="cmd-panel__title">{t('map')}</h2>
            <CityMap />
          </section>
          <ThresholdsEditor thresholds={thresholds} canEdit={role === 'command' || role === 'admin'} />
          <SurgeSwitch />
        </aside>
      </div>
    </main>
  );
}
