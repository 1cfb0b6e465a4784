/**
 * Beside intake, once a line is answered: who is calling (number, line, how long they waited, the network's
 * location and how sure it is) and their history: earlier calls from the number, earlier rings, open calls
 * near where the network places them. The dispatcher reads it while the caller speaks.
 */
import { useTranslation } from 'react-i18next';
import type { Call } from '@dispatch/shared';
import { useCityTime } from '../../../ui/useCityTime.ts';
import { useCallerHistory, type Caller } from './history.ts';

function CallLine({ call, time }: { call: Call; time: (iso: string) => string }) {
  const { t: tc } = useTranslation();
  return (
    <li className="caller-history__call">
      <span className="caller-history__when">{time(call.receivedAt)}</span> <strong>{call.number}</strong> · {tc(`callStatus.${call.status}`)} · {call.complaint} · {call.address}
    </li>
  );
}

export function CallerHistoryPanel({ caller, waitedS }: { caller: Caller; waitedS: number | null }) {
  const { t } = useTranslation('dispatch');
  const history = useCallerHistory(caller);
  const clock = useCityTime();
  const dateTime = (iso: string) => clock(iso, 'dateTime');
  const loc = caller.location;
  return (
    <section className="caller-history" aria-label={t('phone.history.title')} data-testid="caller-history">
      <p className="caller-history__who">
        <strong data-testid="answered-number">{caller.number}</strong> · {t('phone.line', { line: caller.lineId })}
        {waitedS !== null && <> · {t('phone.waited', { s: waitedS })}</>}
        {loc ? <> · {t('phone.located', { m: Math.round(loc.accuracyM), source: t(`phone.source.${loc.source}`) })}</> : <> · {t('phone.noLocation')}</>}
      </p>
      {!history && <p className="hint">{t('phone.history.loading')}</p>}
      {history && (
        <>
          {history.earlierCalls.length === 0 && history.rings.count === 0 ? (
            <p className="hint" data-testid="caller-first-time">
              {t('phone.history.firstTime')}
            </p>
          ) : (
            <div className="caller-history__block" data-testid="caller-repeat">
              <strong className="caller-history__flag">{t('phone.repeat')}</strong>{' '}
              {t('phone.history.summary', { calls: history.earlierCalls.length, rings: history.rings.count })}
              {history.earlierCalls.length > 0 && (
                <ul>
                  {history.earlierCalls.slice(0, 4).map((c) => (
                    <CallLine key={c.id} call={c} time={dateTime} />
                  ))}
                </ul>
              )}
            </div>
          )}
          {history.nearby.length > 0 && (
            <div className="caller-history__block" data-testid="caller-nearby">
              <strong>{t('phone.history.nearby', { count: history.nearby.length, m: history.radiusM })}</strong>
              <ul>
                {history.nearby.slice(0, 3).map((c) => (
                  <CallLine key={c.id} call={c} time={dateTime} />
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
