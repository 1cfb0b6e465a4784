/** Loud strips at the top of every dispatch screen: too few free units, and the command group's open alerts. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLiveEntities as useLive } from '../../live/useLive.ts';
import { availabilityOf, openAlerts } from './model.ts';
import { liveStore } from '../../live/store.ts';
import { alertText } from '../../ui/alertText.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

export function AvailabilityBanner() {
  const { t } = useTranslation('dispatch');
  const a = useLive((s) => availabilityOf(s.state.units.values(), s.state.thresholds));
  const minFree = useLive((s) => s.state.thresholds.minFreeUnits);
  const loaded = useLive((s) => s.state.units.size > 0);
  if (!loaded || (!a.low && !a.noCriticalCare)) return null;
  return (
    <div className="banner banner--danger availability-banner" role="alert" data-testid="low-availability">
      {a.noCriticalCare && <span>{t('availability.noCriticalCare')}</span>}
      {a.low && <span>{t('availability.low', { free: a.free, min: minFree })}</span>}
    </div>
  );
}

/**
 * The command group's open alerts. At a dispatch seat (canAck) a dispatcher takes one in hand and their
 * name goes on it for every screen; the wall only shows who did.
 */
export function AlertStrip({ limit = 4, canAck = false }: { limit?: number; canAck?: boolean }) {
  const { t } = useTranslation('dispatch');
  const alerts = useLive((s) => openAlerts(s.state.alerts.values()));
  if (alerts.length === 0) return null;
  return (
    <section className="alert-strip" aria-label={t('alerts.title')} data-testid="alert-strip">
      <h2 className="visually-hidden">{t('alerts.title')}</h2>
      <ul>
        {alerts.slice(0, limit).map((a) => (
          <AlertItem key={a.id} alert={a} canAck={canAck} />
        ))}
        {alerts.length > limit && <li className="alert-strip__more">{t('alerts.more', { count: alerts.length - limit })}</li>}
      </ul>
    </section>
  );
}

function AlertItem({ alert: a, canAck }: { alert: Alert; canAck: boolean }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function acknowledge() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/alerts/${a.id}/ack`, {}, { retry: true });
    } catch (e) {
      // Someone at another seat was first: their name arrives with the live update, nothing to add.
      if (!(e instanceof ApiError && e.code === 'ALREADY_ACKNOWLEDGED')) setError(e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e));
    } finally {
      setBusy(false);
    }
  }
  const cityTime = useCityTime();
  const time = (iso: string) => cityTime(iso);
  return (
    <li className={`alert-strip__item alert-strip__item--${a.level}`} data-testid="alert-strip-item" data-alert-id={a.id} data-kind={a.kind}>
      <strong>{t(`alerts.kind.${a.kind}`, { defaultValue: a.kind })}</strong> {alertText(t, a, liveStore.state.hospitals, i18n.language)}
      {a.acknowledgedBy ? (
        <span className="alert-strip__acked" data-testid="alert-strip-acked">
          {' '}
          {t('alerts.ackedBy', { who: a.acknowledgedBy, time: a.acknowledgedAt ? time(a.acknowledgedAt) : '' })}
        </span>
      ) : (
        canAck && (
          <button type="button" className="btn btn--small alert-strip__ack" disabled={busy} onClick={() => void acknowledge()} data-testid="alert-strip-ack">
            {t('alerts.ack')}
          </button>
        )
      )}
      {error && (
        <span className="form-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </li>
  );
}
