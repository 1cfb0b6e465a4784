/**
 * On the call panel of a call waiting for an ambulance: the wait to tell the caller (from the queue and the
 * fleet), the re-contact reminder once the city's interval has passed (visible, not an alarm: the call is
 * already in the queue), and the re-contact form (outcome, an optional class change that needs its reason).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALLBACK_OUTCOMES,
  CLINICAL_CLASSES,
  createStraightLineEstimator,
  estimatedWait,
  queueAgeingOf,
  recontactDue,
  recontactMinutesOf,
  unitJobsOf,
  type Call,
  type CallbackOutcome,
  type ClinicalClass,
} from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import { useClock, useClockEvery } from '../../live/clock.ts';

// The same estimator the server ranks units with, so the wait agrees with the suggestions' ETAs.
const estimator = createStraightLineEstimator();

export function WaitingCaller({ call }: { call: Call }) {
  const { t } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  // The estimate follows the fleet's logged changes and the half-minute, not every position; the reminder's
  // minutes are read from the second-clock, so a flooring step never shows 11 min for 11:58.
  const minute = useClockEvery(30_000);
  const now = useClock();
  const version = useLiveEntities((s) => s.entityVersion);
  const state = useLiveEntities((s) => s.state);
  const interval = recontactMinutesOf(state.thresholds);
  const due = recontactDue(call, new Date(now), interval);
  const wait = useMemo(
    () => {
      const jobs = unitJobsOf(state.transports.values(), state.calls, state.hospitals);
      return estimatedWait(call, state.calls.values(), { units: state.units.values(), jobs }, new Date(minute), estimator, queueAgeingOf(state.thresholds));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [call, version, minute],
  );
  const [open, setOpen] = useState(false);
  if (!due) return null;

  return (
    <div className="waiting-caller" data-testid="waiting-caller">
      <p className="waiting-caller__wait" data-testid="estimated-wait" data-kind={wait.kind}>
        <strong>{t('recontact.tell')}</strong>{' '}
        {wait.kind === 'estimate'
          ? wait.fromMin === 0
            ? t('recontact.waitWithin', { to: wait.toMin })
            : t('recontact.waitRange', { from: wait.fromMin, to: wait.toMin })
          : t(`recontact.waitUnknown.${wait.reason}`)}
        {wait.ahead > 0 && <span className="hint"> · {t('recontact.ahead', { count: wait.ahead })}</span>}
        {wait.kind === 'estimate' && !wait.unitFreeNow && <span className="hint"> · {t('recontact.busyUnit')}</span>}
      </p>
      <p className={`waiting-caller__reminder${due.due ? ' waiting-caller__reminder--due' : ''}`} role="status" data-testid="recontact-reminder" data-due={due.due}>
        {due.due
          ? t(due.contacted ? 'recontact.dueSince' : 'recontact.dueNever', { minutes: due.sinceContactMin })
          : t('recontact.next', { minutes: Math.max(1, interval - due.sinceContactMin) })}{' '}
        {!open && (
          <button type="button" className={`btn btn--small${due.due ? ' btn--primary' : ''}`} onClick={() => setOpen(true)} data-testid="recontact-open">
            {t('recontact.open')}
          </button>
        )}
      </p>
      {open && <RecontactForm call={call} onDone={() => setOpen(false)} classLabel={(c) => tc(`class.${c}`)} />}
    </div>
  );
}

function RecontactForm({ call, onDone, classLabel }: { call: Call; onDone: () => void; classLabel: (c: ClinicalClass) => string }) {
  const { t } = useTranslation('dispatch');
  const [outcome, setOutcome] = useState<CallbackOutcome>('reached');
  const [clinicalClass, setClinicalClass] = useState<ClinicalClass>(call.clinicalClass);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changing = clinicalClass !== call.clinicalClass;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (changing && reason.trim() === '') {
      setError(t('recontact.reasonNeeded'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/calls/${call.id}/recontact`, { outcome, note, ...(changing ? { clinicalClass, reason } : {}) }, { retry: true });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? (err.field === 'reason' ? t('recontact.reasonNeeded') : err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="recontact-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onDone())} aria-label={t('recontact.title')} data-testid="recontact-form">
      <fieldset className="recontact-form__outcomes">
        <legend className="visually-hidden">{t('recontact.outcome')}</legend>
        {CALLBACK_OUTCOMES.map((o, i) => (
          <label key={o}>
            <input type="radio" name="recontact-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} autoFocus={i === 0} /> {t(`callbacks.outcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <label className="recontact-form__row">
        {t('recontact.class')}{' '}
        <select value={clinicalClass} onChange={(e) => setClinicalClass(e.target.value as ClinicalClass)} data-testid="recontact-class">
          {CLINICAL_CLASSES.map((c) => (
            <option key={c} value={c}>
              {classLabel(c)}
              {c === call.clinicalClass ? ` (${t('recontact.current')})` : ''}
            </option>
          ))}
        </select>
      </label>
      {changing && (
        <label className="recontact-form__row">
          {t('recontact.reason')}{' '}
          <input type="text" value={reason} maxLength={300} required onChange={(e) => setReason(e.target.value)} data-testid="recontact-reason" />
        </label>
      )}
      <label className="recontact-form__row">
        {t('recontact.note')} <input type="text" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="recontact-form__actions">
        <button type="submit" className="btn btn--primary btn--small" disabled={busy} data-testid="recontact-submit">
          {t('recontact.save')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={onDone}>
          {t('recontact.cancel')}
        </button>
      </div>
    </form>
  );
}
