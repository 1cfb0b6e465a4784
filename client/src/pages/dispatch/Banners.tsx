/** Loud strips at the top of every dispatch screen: too few free units, and the command group's open alerts. */
import { useTranslation } from 'react-i18next';
import { useLiveEntities as useLive } from '../../live/useLive.ts';
import { availabilityOf, openAlerts } from './model.ts';

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

export function AlertStrip({ limit = 4 }: { limit?: number }) {
  const { t } = useTranslation('dispatch');
  const alerts = useLive((s) => openAlerts(s.state.alerts.values()));
  if (alerts.length === 0) return null;
  return (
    <section className="alert-strip" aria-label={t('alerts.title')} data-testid="alert-strip">
      <h2 className="visually-hidden">{t('alerts.title')}</h2>
      <ul>
        {alerts.slice(0, limit).map((a) => (
          <li key={a.id} className={`alert-strip__item alert-strip__item--${a.level}`}>
            <strong>{t(`alerts.kind.${a.kind}`, { defaultValue: a.kind })}</strong> {a.message}
          </li>
        ))}
        {alerts.length > limit && <li className="alert-strip__more">{t('alerts.more', { count: alerts.length - limit })}</li>}
      </ul>
    </section>
  );
}
