/**
 * The phone side now, live: lines in use and seats staffed against the centre's normal number and the surge
 * plan (DOMAIN.md rule 4). From the live state (line and seat events), not polled; the longest ring ticks.
 */
import { useTranslation } from 'react-i18next';
import { phoneCapacityOf } from '@dispatch/shared';
import { useClock } from '../../live/clock.ts';
import { useLiveEntities } from '../../live/useLive.ts';

export function PhonesPanel() {
  const { t } = useTranslation('command');
  const now = useClock();
  const { lines, seats, multiple } = useLiveEntities((s) => ({ lines: s.state.lines, seats: s.state.seats, multiple: s.state.city.surgePlanMultiple }));
  if (lines.size === 0 && seats.size === 0) return null;
  const c = phoneCapacityOf(lines.values(), seats.values(), multiple, new Date(now));
  return (
    <section aria-labelledby="phones-title" className="cmd-panel" data-testid="phones-panel">
      <h2 id="phones-title" className="cmd-panel__title">
        {t('phones.title')} <span className="hint">{t('phones.plan', { multiple })}</span>
      </h2>
      <ul className="cmd-tiles">
        <li className={`cmd-tile cmd-tile--${c.lines.level}`} data-testid="phones-lines" data-level={c.lines.level} data-value={c.lines.inUse}>
          <span className="cmd-tile__label">{t('phones.lines')}</span>
          <span className="cmd-tile__value">
            {c.lines.inUse}
            <span className="cmd-tile__of"> / {c.lines.plan}</span>
          </span>
          <span className="cmd-tile__detail">{t('phones.linesDetail', { normal: c.lines.normal, plan: c.lines.plan, installed: c.lines.installed })}</span>
        </li>
        <li className={`cmd-tile cmd-tile--${c.lines.ringingLevel}`} data-testid="phones-ringing" data-level={c.lines.ringingLevel} data-value={c.lines.ringing}>
          <span className="cmd-tile__label">{t('phones.ringing')}</span>
          <span className="cmd-tile__value">{c.lines.ringing}</span>
          <span className="cmd-tile__detail">{c.lines.longestRingSec === null ? t('phones.noneRinging') : t('phones.longestRing', { seconds: c.lines.longestRingSec })}</span>
        </li>
        <li className={`cmd-tile cmd-tile--${c.seats.level}`} data-testid="phones-seats" data-level={c.seats.level} data-value={c.seats.staffed}>
          <span className="cmd-tile__label">{t('phones.seats')}</span>
          <span className="cmd-tile__value">
            {c.seats.staffed}
            <span className="cmd-tile__of"> / {c.seats.plan}</span>
          </span>
          <span className="cmd-tile__detail">{t('phones.seatsDetail', { available: c.seats.available, onCall: c.seats.onCall, away: c.seats.away, normal: c.seats.normal, plan: c.seats.plan })}</span>
        </li>
      </ul>
    </section>
  );
}
