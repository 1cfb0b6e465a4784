/**
 * Callers who hung up before anyone answered (回拨列表), longest without an answer first: who, when, how long
 * they waited, how often they tried, the callbacks made and what came of them. One click (or 1–4 on a focused
 * row) logs the outcome of a callback; `reached` takes the caller off the list for every dispatcher.
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_OUTCOMES, type CallbackEntry, type CallbackOutcome } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import { formatElapsed } from '../../ui/format.ts';
import { useClockEvery } from '../../live/clock.ts';

export function CallbacksPanel({ entries, error, onLogged }: { entries: CallbackEntry[] | null; error: string | null; onLogged: () => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const now = useClockEvery(15_000);
  const lines = useLiveEntities((s) => s.state.lines);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // A caller ringing again right now is better answered than called back.
  const ringingNow = new Set([...lines.values()].flatMap((l) => (l.state === 'ringing' && l.attempt ? [l.attempt.callerNumber] : [])));
  const time = (iso: string) => new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });

  const log = async (entry: CallbackEntry, outcome: CallbackOutcome) => {
    setBusy(entry.attemptEventId);
    setMessage(null);
    try {
      await api.post('/api/callbacks', { attemptEventId: entry.attemptEventId, outcome }, { retry: true });
      setMessage({ kind: 'ok', text: t('callbacks.logged', { number: entry.callerNumber, outcome: t(`callbacks.outcome.${outcome}`) }) });
      onLogged();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? t('callbacks.failed', { message: e.message }) : String(e) });
    } finally {
      setBusy(null);
    }
  };
  const onRowKey = (entry: CallbackEntry) => (e: KeyboardEvent<HTMLLIElement>) => {
    const i = /^Digit([1-4])$/.exec(e.code)?.[1];
    if (!i || e.ctrlKey || e.altKey || e.metaKey || e.target !== e.currentTarget) return;
    const outcome = CALLBACK_OUTCOMES[Number(i) - 1];
    if (!outcome) return;
    e.preventDefault();
    e.stopPropagation();
    void log(entry, outcome);
  };

  return (
    <section className="callbacks" aria-labelledby="callbacks-title" data-testid="callbacks-panel">
      <h2 id="callbacks-title" className="panel-title">
        {t('callbacks.title')} <span className="count-badge">{entries?.length ?? '…'}</span>
      </h2>
      <p className="hint">{t('callbacks.hint')}</p>
      {error && <p className="form-error" role="alert">{t('callbacks.loadFailed', { message: error })}</p>}
      {message && (
        <p className={message.kind === 'ok' ? 'form-done' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="callback-message">
          {message.text}
        </p>
      )}
      {entries && entries.length === 0 && <p className="hint" data-testid="callbacks-empty">{t('callbacks.empty')}</p>}
      <ul className="callbacks__list">
        {entries?.map((entry) => {
          const last = entry.callbacks[entry.callbacks.length - 1];
          return (
            <li key={entry.callerNumber} className="callback-row" tabIndex={0} onKeyDown={onRowKey(entry)} data-testid="callback-row" data-number={entry.callerNumber} aria-label={t('callbacks.rowLabel', { number: entry.callerNumber })}>
              <div className="callback-row__who">
                <strong className="callback-row__number">☎ {entry.callerNumber || t('callbacks.hidden')}</strong>
                {entry.repeat && <span className="chip chip--flag">{t('callbacks.tries', { count: entry.tries })}</span>}
                {ringingNow.has(entry.callerNumber) && <span className="chip chip--ringing">{t('callbacks.ringingNow')}</span>}
              </div>
              <div className="callback-row__when hint">
                {t('callbacks.rang', { time: time(entry.firstRangAt), ago: formatElapsed(now - Date.parse(entry.firstRangAt)) })}
                {entry.waitedSeconds !== null && <> · {t('callbacks.waited', { seconds: entry.waitedSeconds })}</>}
                {entry.abandoned > 1 && <> · {t('callbacks.hungUp', { count: entry.abandoned })}</>}
              </div>
              {last && (
                <div className="callback-row__made hint" data-testid="callback-made">
                  {t('callbacks.made', { count: entry.callbacks.length })}: {entry.callbacks.map((c) => `${time(c.at)} ${t(`callbacks.outcome.${c.outcome}`)}`).join(' · ')}
                </div>
              )}
              <div className="callback-row__actions" role="group" aria-label={t('callbacks.logOutcome')}>
                {CALLBACK_OUTCOMES.map((o, i) => (
                  <button key={o} type="button" className={`btn btn--small${o === 'reached' ? ' btn--primary' : ''}`} disabled={busy !== null} onClick={() => void log(entry, o)} data-testid={`callback-${o}`}>
                    {t(`callbacks.outcome.${o}`)} <kbd>{i + 1}</kbd>
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
