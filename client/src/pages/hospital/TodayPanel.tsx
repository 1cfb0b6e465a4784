/** Today at this ED: handovers, offload median and 90th percentile, declines, patients by class, units at the door. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINICAL_CLASSES, DECLINE_REASONS, type EventName, type HospitalDay } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';

/** Events after which today's figures change. */
const CHANGES: ReadonlySet<EventName> = new Set(['transport.handedOver', 'transport.declined', 'transport.arrived']);

export function TodayPanel({ hospitalId }: { hospitalId: number }) {
  const { t } = useTranslation('hospital');
  const { t: tc } = useTranslation();
  const [day, setDay] = useState<HospitalDay | null>(null);

  const load = useCallback(() => {
    api
      .get<HospitalDay>(`/api/hospitals/${hospitalId}/today`)
      .then(setDay)
      .catch(() => undefined);
  }, [hospitalId]);

  useEffect(() => {
    load();
    // The day rolls over and declines made elsewhere count too: a slow poll besides the live trigger.
    const timer = setInterval(load, 60_000);
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = liveStore.onEvent((e) => {
      if (e.entity !== 'transport' || !CHANGES.has(e.name) || e.data?.hospitalId !== hospitalId) return;
      // A burst of events (handover closes the call too) fetches once.
      if (pending) clearTimeout(pending);
      pending = setTimeout(load, 150);
    });
    return () => {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      off();
    };
  }, [hospitalId, load]);

  const minutes = (v: number | null | undefined) => (v === null || v === undefined ? t('today.none') : t('today.minutes', { value: v.toFixed(1) }));

  return (
    <section className="ed-panel ed-today" aria-labelledby="today-title" data-testid="today">
      <h2 id="today-title" className="ed-panel__title">
        {t('today.title')} {day && <span className="hint">{day.day}</span>}
      </h2>
      <dl className="ed-figures">
        <div>
          <dt>{t('today.handovers')}</dt>
          <dd data-testid="today-handovers">{day?.handovers ?? '…'}</dd>
        </div>
        <div>
          <dt>{t('today.median')}</dt>
          <dd data-testid="today-median">{minutes(day?.offloadMedianMin)}</dd>
        </div>
        <div>
          <dt>{t('today.p90')}</dt>
          <dd data-testid="today-p90">{minutes(day?.offloadP90Min)}</dd>
        </div>
        <div>
          <dt>{t('today.declines')}</dt>
          <dd data-testid="today-declines">
            {day?.declines ?? '…'}
            {day && day.declines > 0 && (
              <span className="hint">
                {' '}
                ({DECLINE_REASONS.filter((r) => day.declinesByReason[r] > 0)
                  .map((r) => `${tc(`declineReason.${r}`)} ${day.declinesByReason[r]}`)
                  .join(', ')}
                )
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('today.atDoor')}</dt>
          <dd data-testid="today-at-door">{day?.atDoorNow ?? '…'}</dd>
        </div>
      </dl>
      <h3 className="ed-subtitle">{t('today.byClass')}</h3>
      <ul className="ed-classes" data-testid="today-classes">
        {CLINICAL_CLASSES.map((c) => (
          <li key={c}>
            <span className={`chip chip--${c}`}>{tc(`class.${c}`)}</span> {day?.patientsByClass[c] ?? 0}
          </li>
        ))}
      </ul>
    </section>
  );
}
