/**
 * The phone at the top of the queue: how many lines ring and the longest ring, ticking, red past the 10 s
 * answer target; the waiting callers, repeat callers flagged; and the answer button (F4) that takes the
 * longest-waiting one.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { pastAnswerTarget, ringingForSeconds, ringingLines, type RingingLine } from '@dispatch/shared';
import { useClock } from '../../../live/clock.ts';
import { useLiveEntities } from '../../../live/useLive.ts';
import { isRepeatCaller, useCallerHistory, type Caller } from './history.ts';

/** The shortcut that answers the longest-waiting line; shown on the button and in the help overlay. */
export const ANSWER_KEY = 'F4';

export const callerOf = (l: RingingLine): Caller => ({ ringId: l.attempt.eventIds[0] ?? `${l.lineId}@${l.attempt.ringingAt}`, lineId: l.lineId, number: l.attempt.callerNumber, location: l.attempt.location, ringingAt: l.attempt.ringingAt });

const SHOWN = 4;

const RingingRow = memo(function RingingRow({ line, now }: { line: RingingLine; now: number }) {
  const { t } = useTranslation('dispatch');
  const history = useCallerHistory(callerOf(line));
  const s = ringingForSeconds(line, new Date(now));
  const repeat = isRepeatCaller(history);
  return (
    <li className={`ringing__row${pastAnswerTarget(s) ? ' is-late' : ''}`} data-testid="ringing-row" data-line={line.lineId} data-repeat={repeat || undefined}>
      <span className="ringing__line">{t('phone.line', { line: line.lineId })}</span>
      <span className="ringing__number">{line.attempt.callerNumber}</span>
      {repeat && history && (
        <span className="ringing__repeat" title={t('phone.repeatTitle', { calls: history.earlierCalls.length, rings: history.rings.count })}>
          {t('phone.repeat')}
        </span>
      )}
      <span className="ringing__secs">{t('phone.seconds', { s })}</span>
    </li>
  );
});

export function RingingBar({ onAnswer, cannotAnswer, busy, message }: { onAnswer: () => void; cannotAnswer: string | null; busy: boolean; message: string | null }) {
  const canAnswer = cannotAnswer === null;
  const { t } = useTranslation('dispatch');
  const now = useClock();
  const ringing = useLiveEntities((s) => ringingLines(s.state.lines.values()));
  const longest = ringing[0];
  const longestS = longest ? ringingForSeconds(longest, new Date(now)) : 0;
  const late = longest !== undefined && pastAnswerTarget(longestS);
  return (
    <section className={`ringing${ringing.length > 0 ? ' is-ringing' : ''}${late ? ' is-late' : ''}`} aria-label={t('phone.title')} data-testid="ringing">
      <div className="ringing__head">
        <span className="ringing__count" data-testid="ringing-count" data-count={ringing.length} aria-live="polite">
          {ringing.length === 0 ? t('phone.none') : t('phone.ringing', { count: ringing.length })}
        </span>
        {longest && (
          <span className="ringing__longest" data-testid="ringing-longest" data-late={late || undefined}>
            {t('phone.longest', { s: longestS })}
          </span>
        )}
        <button type="button" className="btn btn--primary ringing__answer" onClick={onAnswer} disabled={busy || !canAnswer || ringing.length === 0} data-testid="answer">
          {t('phone.answer')} <kbd>{ANSWER_KEY}</kbd>
        </button>
      </div>
      {ringing.length > 0 && (
        <ol className="ringing__list">
          {ringing.slice(0, SHOWN).map((l) => (
            <RingingRow key={l.lineId} line={l} now={now} />
          ))}
          {ringing.length > SHOWN && <li className="ringing__more">{t('phone.more', { count: ringing.length - SHOWN })}</li>}
        </ol>
      )}
      {/* Why the button is off while callers wait: the seat, not the software. */}
      {(message ?? (ringing.length > 0 ? cannotAnswer : null)) && (
        <p className="ringing__message" role="status" data-testid="answer-message">
          {message ?? cannotAnswer}
        </p>
      )}
    </section>
  );
}
