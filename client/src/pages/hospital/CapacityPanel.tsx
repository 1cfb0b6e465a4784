/**
 * The hospital's figures, edited in place: checked as typed (never occupied above open, no negatives),
 * saved as one change of only what was edited, with who updated them when, staleness, and the ICU ratio
 * against the hospital's target.
 */
import { useLive } from '../../live/useLive.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkIcuTarget, ED_STATUSES, freeBeds, freeIcu, isCapacityStale, type EdStatus, type Hospital, type Thresholds } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { formatLocalDateTime } from '../../ui/format.ts';
import { changesOf, DIVERSION_HOURS, draftErrors, draftOf, type CapacityDraft, type CountField, type DraftField } from './capacityForm.ts';
import { ago } from './time.ts';

export function CapacityPanel({ hospital: h, thresholds, nowMs }: { hospital: Hospital; thresholds: Thresholds; nowMs: number }) {
  const { t } = useTranslation('hospital');
  const { t: tc } = useTranslation();
  const [draft, setDraft] = useState<CapacityDraft>(() => draftOf(h));
  const [dirty, setDirty] = useState(false);
  const [base, setBase] = useState(h.version);
  const [serverError, setServerError] = useState<{ field?: string; message: string } | null>(null);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'unchanged'>('idle');

  // Someone else's update shows at once unless this screen is mid-edit.
  useEffect(() => {
    if (!dirty) {
      setDraft(draftOf(h));
      setBase(h.version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [h.version]);

  const errors = draftErrors(draft, nowMs);
  const invalid = Object.keys(errors).length > 0;
  const stale = isCapacityStale(h.capacityUpdatedAt, new Date(nowMs), thresholds.staleCapacityMinutes);
  const rules = useLive((s) => s.state.city.rules);
  const icu = checkIcuTarget(h, rules);

  const edit = (patch: Partial<CapacityDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setStatus('idle');
    setServerError(null);
  };
  const setCount = (f: CountField, v: string) => edit({ counts: { ...draft.counts, [f]: v } });

  async function save() {
    if (invalid) return;
    const changes = changesOf(draft, h);
    if (Object.keys(changes).length === 0) {
      setDirty(false);
      setStatus('unchanged');
      return;
    }
    setStatus('saving');
    try {
      const saved = await api.patch<Hospital>(`/api/hospitals/${h.id}/capacity`, changes);
      setDraft(draftOf(saved));
      setBase(saved.version);
      setDirty(false);
      setStatus('saved');
    } catch (e) {
      setServerError(e instanceof ApiError ? { field: e.field, message: e.message } : { message: String(e) });
      setStatus('idle');
    }
  }

  const fieldError = (f: DraftField): string | null =>
    errors[f] ? t(`capacity.errors.${errors[f]}`) : serverError?.field === f ? serverError.message : null;

  const numberInput = (f: CountField, extra?: string) => {
    const err = fieldError(f);
    return (
      <label className="ed-field" key={f}>
        <span>
          {t(`capacity.${f}`)}
          {extra && <span className="hint"> · {extra}</span>}
        </span>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          name={f}
          value={draft.counts[f]}
          aria-invalid={err !== null}
          aria-describedby={err ? `cap-${f}-error` : undefined}
          onChange={(e) => setCount(f, e.target.value)}
        />
        {err && (
          <span className="field-error" id={`cap-${f}-error`} role="alert">
            {err}
          </span>
        )}
      </label>
    );
  };

  const ratio = (x: number) => x.toFixed(1);
  const target = (pct: number | null, meets: boolean | null) =>
    pct === null ? t('capacity.noTarget') : `${t('capacity.target', { target: pct })} — ${t(meets ? 'capacity.meets' : 'capacity.below')}`;

  return (
    <section className="ed-panel ed-capacity" aria-labelledby="capacity-title" data-testid="capacity">
      <h2 id="capacity-title" className="ed-panel__title">
        {t('capacity.title')}
      </h2>
      <p className={stale ? 'ed-stamp ed-stamp--stale' : 'ed-stamp'} data-testid="capacity-stamp" data-stale={stale}>
        {t('capacity.updated', { who: h.capacityUpdatedBy, when: ago(t, h.capacityUpdatedAt, nowMs) })}
        {stale && <strong> — {t('capacity.stale', { minutes: thresholds.staleCapacityMinutes })}</strong>}
      </p>
      <p className="hint">{t('capacity.hint')}</p>
      <form
        className="ed-capacity__form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="ed-grid">
          {numberInput('openBeds')}
          {numberInput('occupiedBeds', t('capacity.free', { free: freeBeds(h) }))}
          {numberInput('icuOpen')}
          {numberInput('icuOccupied', t('capacity.free', { free: freeIcu(h) }))}
          {numberInput('icuConvertible')}
          {numberInput('ventilatorsFree')}
          <label className="ed-field">
            <span>{t('capacity.edStatus')}</span>
            <select name="edStatus" value={draft.edStatus} onChange={(e) => edit({ edStatus: e.target.value as EdStatus })}>
              {ED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tc(`edStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
          {draft.edStatus === 'diversion' && (
            <div className="ed-field">
              <label htmlFor="diversion-until">{t('capacity.diversionUntil')}</label>
              <input
                id="diversion-until"
                name="diversionUntil"
                value={draft.diversionUntil}
                placeholder={t('capacity.timeHint')}
                inputMode="numeric"
                autoComplete="off"
                aria-invalid={fieldError('diversionUntil') !== null}
                onChange={(e) => edit({ diversionUntil: e.target.value })}
              />
              <span className="ed-quick" role="group" aria-label={t('capacity.diversionFor')}>
                {DIVERSION_HOURS.map((h) => (
                  <button key={h} type="button" className="btn btn--ghost" onClick={() => edit({ diversionUntil: formatLocalDateTime(Date.now() + h * 3_600_000) })}>
                    {t('capacity.forHours', { count: h })}
                  </button>
                ))}
              </span>
              {fieldError('diversionUntil') && (
                <span className="field-error" role="alert">
                  {fieldError('diversionUntil')}
                </span>
              )}
            </div>
          )}
          {numberInput('feverClinicWaitMin')}
        </div>
        <ul className="ed-icu" data-testid="icu-ratio">
          <li className={icu.meetsIcu === false ? 'is-below' : ''}>
            {t(icu.measure === 'severe_beds' ? 'capacity.severeRatio' : 'capacity.icuRatio', { ratio: ratio(icu.icuRatioPct) })} · {target(icu.targetPct, icu.meetsIcu)}
          </li>
          {icu.convertibleTargetPct !== null && (
            <li className={icu.meetsConvertible === false ? 'is-below' : ''}>
              {t('capacity.convertibleRatio', { ratio: ratio(icu.convertibleRatioPct) })} · {target(icu.convertibleTargetPct, icu.meetsConvertible)}
            </li>
          )}
        </ul>
        {dirty && h.version !== base && <p className="ed-warn">{t('capacity.changedMeanwhile', { who: h.capacityUpdatedBy })}</p>}
        {serverError && !serverError.field && (
          <p className="form-error" role="alert">
            {serverError.message}
          </p>
        )}
        <div className="ed-row__actions">
          <button type="submit" className="btn btn--primary" disabled={invalid || status === 'saving'}>
            {t('capacity.save')}
          </button>
          <button
            type="button"
            className="btn btn--ghost"
            disabled={!dirty}
            onClick={() => {
              setDraft(draftOf(h));
              setBase(h.version);
              setDirty(false);
              setServerError(null);
            }}
          >
            {t('capacity.reset')}
          </button>
          <span role="status" className="hint">
            {status === 'saved' ? t('capacity.saved') : status === 'unchanged' ? t('capacity.nothingChanged') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
