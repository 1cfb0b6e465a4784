/**
 * Wall display: read-only, dark, large type, readable from 4 m. The city, the queue, and the numbers a
 * shift leader looks up for: waiting calls, longest wait, free units, held ambulances, diverting EDs.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOnDiversion, queueAgeingOf } from '@dispatch/shared';
import { CityMap } from '../../map/CityMap.tsx';
import { MapLegend } from '../../map/MapLegend.tsx';
import { offloadQueues } from '../../map/features.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import { useClock } from '../../live/clock.ts';
import { AlertStrip, AvailabilityBanner } from './Banners.tsx';
import { CallQueue } from './CallQueue.tsx';
import { formatElapsed } from '../../ui/format.ts';
import { availabilityOf, isOverdue, QUEUE_RESORT_MS, queueOf } from './model.ts';
import './dispatch.css';
import { useCityTime } from '../../ui/useCityTime.ts';

/** The wall is designed for 1920 px wide; a wider screen (4K) scales everything by its width. */
const DESIGN_WIDTH = 1920;
/** Map symbols and labels at 1920 px: twice the seat's, so a 12 px label reaches 24 px. */
const WALL_SYMBOL_SCALE = 2;
/** From this width the waiting calls take two columns (a 4K wall has the room). */
const TWO_COLUMNS_FROM = 2560;

function useViewportWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

export default function WallPage() {
  const { t } = useTranslation('dispatch');
  const cityTime = useCityTime();
  const width = useViewportWidth();
  const scale = Math.max(1, width / DESIGN_WIDTH);
  const twoColumns = width >= TWO_COLUMNS_FROM;
  // Re-renders on entity changes and once a second for the clocks, never for position frames.
  const now = useClock();
  const version = useLiveEntities((s) => s.entityVersion);
  const state = useLiveEntities((s) => s.state);
  const minute = Math.floor(now / QUEUE_RESORT_MS) * QUEUE_RESORT_MS;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const queue = useMemo(() => queueOf(state.calls.values(), minute, queueAgeingOf(state.thresholds)), [state, version, minute]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const a = useMemo(() => availabilityOf(state.units.values(), state.thresholds), [state, version]);
  const oldest = queue.waiting.reduce((m, c) => Math.max(m, now - Date.parse(c.receivedAt)), 0);
  const overdue = queue.waiting.filter((c) => isOverdue(c, now, state.thresholds)).length;
  const held = [...offloadQueues(state.transports.values()).values()].reduce((s, n) => s + n, 0);
  const diverting = [...state.hospitals.values()].filter((h) => isOnDiversion(h, new Date(now))).length;
  const lastHour = [...state.calls.values()].filter((c) => now - Date.parse(c.receivedAt) <= 3_600_000).length;

  const figures: [string, string | number, boolean][] = [
    ['waiting', queue.waiting.length, overdue > 0],
    ['longestWait', formatElapsed(oldest), overdue > 0],
    ['underWay', queue.active.length, false],
    ['freeUnits', `${a.free}/${a.inService}`, a.low],
    ['freeCriticalCare', a.freeCriticalCare, a.noCriticalCare],
    ['held', held, held > 0],
    ['diverting', diverting, diverting > 0],
    ['lastHour', lastHour, false],
  ];

  return (
    <main className="wall theme-dark" data-testid="wall-page">
      <h1 className="visually-hidden">{t('wall.title')}</h1>
      <AvailabilityBanner />
      <AlertStrip limit={3} />
      <ul className="wall__figures" aria-label={t('wall.figures')}>
        {figures.map(([key, value, loud]) => (
          <li key={key} className={loud ? 'wall__figure is-loud' : 'wall__figure'} data-testid={`wall-${key}`}>
            <span className="wall__value">{value}</span>
            <span className="wall__label">{t(`wall.${key}`)}</span>
          </li>
        ))}
        <li className="wall__figure wall__clock">
          <span className="wall__value">{cityTime(now, 'seconds')}</span>
          <span className="wall__label">{t('wall.clock')}</span>
        </li>
      </ul>
      <div className={twoColumns ? 'wall__body wall__body--wide' : 'wall__body'}>
        <div className="wall__map">
          {/* Keyed by scale: the map's symbol and label sizes are set when it is made. */}
          <CityMap key={scale} dark controls={false} symbolScale={WALL_SYMBOL_SCALE * scale} labelScale={WALL_SYMBOL_SCALE * scale} />
          <MapLegend fixed />
        </div>
        <div className="wall__queue">
          <CallQueue waiting={queue.waiting} active={queue.active} thresholds={state.thresholds} selectedId={null} readOnly limit={twoColumns ? 12 : 6} />
        </div>
      </div>
    </main>
  );
}
