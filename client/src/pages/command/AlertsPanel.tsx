/** Surge alerts as they are raised, with the button that puts a person's name on one; the last 24 h on request. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';
import { liveStore } from '../../live/store.ts';
import { alertText } from '../../ui/alertText.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

const byNewest = (a: Alert, b: Alert) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.id - a.id;

function AlertRow({ alert, canAck }: { alert: Alert; canAck: boolean }) {
  const { t, i18n } = useTranslation('command');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ack = () => {
    setBusy(true);
    api
      .post(`/api/alerts/${alert.id}/ack`)
      .then(() => setError(null))
      .catch((e: unknown) => setError(e instanceof ApiError && e.code === 'ALREADY_ACKNOWLEDGED' ? t('alerts.alreadyAcked') : String(e)))
      .finally(() => setBusy(false));
  };
  const cityTime = useCityTime();
  const time = (iso: string) => cityTime(iso, 'seconds');
  return (
    <li className={`cmd-alert cmd-alert--${alert.level}${alert.clearedAt ? ' is-cleared' : ''}`} data-testid="alert-row" data-kind={alert.kind} data-subject={alert.subject} data-alert-id={alert.id}>
      <div className="cmd-alert__head">
        <strong>{t(`alerts.kind.${alert.kind}`, { defaultValue: alert.kind })}</strong>
        <span className="hint">
          {t('alerts.raisedAt', { time: time(alert.raisedAt) })}
          {alert.clearedAt && ` · ${t('alerts.clearedAt', { time: time(alert.clearedAt) })}`}
        </span>
      </div>
      <div>{alertText(t, alert, liveStore.state.hospitals, i18n.language)}</div>
      {alert.acknowledgedBy ? (
        <div className="hint" data-testid="alert-acked">{t('alerts.ackedBy', { who: alert.acknowledgedBy, time: alert.acknowledgedAt ? time(alert.acknowledgedAt) : '' })}</div>
      ) : (
        canAck && !alert.clearedAt && (
          <button type="button" className="btn btn--primary" onClick={ack} disabled={busy} data-testid="alert-ack">
            {t('alerts.ack')}
          </button>
        )
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
    </li>
  );
}

export function AlertsPanel({ canAck }: { canAck: boolean }) {
  const { t } = useTranslation('command');
  const live = useLive((s) => [...s.state.alerts.values()].sort(byNewest));
  const [history, setHistory] = useState<Alert[] | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  useEffect(() => {
    if (showHistory) api.get<Alert[]>('/api/alerts').then((a) => setHistory(a.sort(byNewest)), () => setHistory([]));
  }, [showHistory]);
  const open = live.filter((a) => !a.clearedAt).length;
  return (
    <section aria-labelledby="alerts-title" className="cmd-panel" data-testid="alerts-panel">
      <h2 id="alerts-title" className="cmd-panel__title">
        {t('alerts.title')} <span className="cmd-count" data-testid="alerts-open">{open}</span>
        <button type="button" className="btn btn--ghost" aria-pressed={showHistory} onClick={() => setShowHistory((v) => !v)}>
          {t('alerts.history')}
        </button>
      </h2>
      {live.length === 0 && !showHistory && <p className="hint">{t('alerts.none')}</p>}
      <ul className="cmd-alerts" aria-live="polite">
        {(showHistory ? (history ?? []) : live).map((a) => (
          <AlertRow key={a.id} alert={live.find((x) => x.id === a.id) ?? a} canAck={canAck} />
        ))}
      </ul>
    </section>
  );
}
