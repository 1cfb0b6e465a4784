/** The city's alert thresholds, edited by the command group; every console hears the change. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thresholds } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';

const FIELDS: (keyof Thresholds)[] = ['icuOccupancyPct', 'offloadMinutes', 'offloadAmberMinutes', 'offloadRedMinutes', 'queueWaitMinutes', 'recontactMinutes', 'queueAgeingMinutes', 'loadMultiple', 'minFreeUnits', 'baselineCallsPerHour', 'staleCapacityMinutes'];

export function ThresholdsEditor({ thresholds, canEdit }: { thresholds: Thresholds; canEdit: boolean }) {
  const { t } = useTranslation('command');
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  // Fields not being edited show the live value, so someone else's change appears at once.
  const value = (k: keyof Thresholds) => draft[k] ?? String(thresholds[k]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch: Partial<Thresholds> = {};
    for (const [k, v] of Object.entries(draft)) patch[k as keyof Thresholds] = Number(v);
    api
      .put<Thresholds>('/api/settings/thresholds', patch)
      .then(() => {
        setDraft({});
        setError(null);
        setSaved(true);
      })
      .catch((err: unknown) => setError(err instanceof ApiError ? { field: err.field, message: err.message } : { message: String(err) }));
  };

  return (
    <section aria-labelledby="thresholds-title" className="cmd-panel">
      <h2 id="thresholds-title" className="cmd-panel__title">{t('thresholds.title')}</h2>
      <form className="cmd-thresholds" onSubmit={submit} data-testid="thresholds-form">
        {FIELDS.map((k) => (
          <label key={k} className={error?.field === k ? 'has-error' : undefined}>
            <span>{t(`thresholds.${k}`)}</span>
            <input
              type="number"
              step="any"
              min={0}
              value={value(k)}
              disabled={!canEdit}
              aria-invalid={error?.field === k}
              onChange={(e) => {
                setSaved(false);
                setDraft((d) => ({ ...d, [k]: e.target.value }));
              }}
            />
          </label>
        ))}
        {canEdit && (
          <div className="cmd-thresholds__actions">
            <button type="submit" className="btn btn--primary" disabled={Object.keys(draft).length === 0}>
              {t('thresholds.save')}
            </button>
            {saved && <span className="hint" role="status">{t('thresholds.saved')}</span>}
          </div>
        )}
        {error && <p className="form-error" role="alert">{error.message}</p>}
      </form>
    </section>
  );
}
