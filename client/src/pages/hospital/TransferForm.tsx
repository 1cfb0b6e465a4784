/** Send a deteriorating patient from this hospital to the designated hospital (or another that can take them), and follow it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLINICAL_CLASSES, hospitalMayTake, RISK_TIERS, type Call, type ClinicalClass, type Hospital, type RiskTier } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';
import { transfersOut } from './model.ts';
import { hospitalName } from '../../ui/format.ts';

export function TransferForm({ hospital }: { hospital: Hospital }) {
  const { t, i18n } = useTranslation('hospital');
  const { t: tc } = useTranslation();
  const hospitals = useLive((s) => s.state.hospitals);
  const rules = useLive((s) => s.state.city.rules);
  const rows = useLive((s) => transfersOut(hospital.id, s.state.calls.values(), s.state.transports.values(), s.state.units));
  const [complaint, setComplaint] = useState('');
  const [cls, setCls] = useState<ClinicalClass>('severe');
  const [age, setAge] = useState('');
  const [tier, setTier] = useState<RiskTier | ''>('');
  const [nursingHome, setNursingHome] = useState(false);
  const [pregnant, setPregnant] = useState(false);
  const [needsBed, setNeedsBed] = useState(false);
  const [notes, setNotes] = useState('');
  const [to, setTo] = useState<number | ''>('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const destinations = [...hospitals.values()].filter((h) => h.id !== hospital.id && hospitalMayTake(h, cls, rules, needsBed));
  const designated = destinations.find((h) => h.kind === 'designated');
  // Left empty the server sends the patient to the designated hospital; from the designated hospital itself a choice is needed.
  const target = to === '' && !designated ? (destinations[0]?.id ?? '') : to;
  const ageNumber = age.trim() === '' ? null : Number(age);
  const ageInvalid = ageNumber !== null && (!Number.isInteger(ageNumber) || ageNumber < 0 || ageNumber > 130);

  async function submit() {
    setError(null);
    setSent(null);
    if (complaint.trim() === '') return setError({ field: 'complaint', message: t('capacity.errors.required') });
    if (ageInvalid) return setError({ field: 'age', message: t('capacity.errors.integer') });
    setBusy(true);
    try {
      const call = await api.post<Call>(`/api/hospitals/${hospital.id}/transfers`, {
        complaint: complaint.trim(),
        clinicalClass: cls,
        age: ageNumber,
        riskTier: tier === '' ? null : tier,
        flags: { nursingHome, pregnant, needsBed },
        notes: notes.trim(),
        ...(target === '' ? {} : { toHospitalId: target }),
      });
      setSent(call.number);
      setComplaint('');
      setAge('');
      setNotes('');
      setTier('');
      setNursingHome(false);
      setPregnant(false);
    } catch (e) {
      setError(e instanceof ApiError ? { field: e.field, message: e.message } : { message: String(e) });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (f: string) =>
    error?.field === f ? (
      <span className="field-error" role="alert">
        {error.message}
      </span>
    ) : null;

  return (
    <section className="ed-panel ed-transfer" aria-labelledby="transfer-title" data-testid="transfer">
      <h2 id="transfer-title" className="ed-panel__title">
        {t('transfer.title')}
      </h2>
      <p className="hint">{t('transfer.hint')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="ed-field">
          <span>{t('transfer.complaint')}</span>
          <input name="complaint" value={complaint} maxLength={300} onChange={(e) => setComplaint(e.target.value)} aria-invalid={error?.field === 'complaint'} />
          {fieldError('complaint')}
        </label>
        <div className="ed-grid">
          <label className="ed-field">
            <span>{t('transfer.class')}</span>
            <select name="clinicalClass" value={cls} onChange={(e) => setCls(e.target.value as ClinicalClass)}>
              {CLINICAL_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {tc(`class.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="ed-field">
            <span>{t('transfer.age')}</span>
            <input name="age" type="number" min={0} max={130} value={age} onChange={(e) => setAge(e.target.value)} aria-invalid={ageInvalid} />
            {fieldError('age')}
          </label>
          <label className="ed-field">
            <span>{t('transfer.tier')}</span>
            <select name="riskTier" value={tier} onChange={(e) => setTier(e.target.value as RiskTier | '')}>
              <option value="">{tc('tier.none')}</option>
              {RISK_TIERS.map((r) => (
                <option key={r} value={r}>
                  {tc(`tier.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="ed-field">
            <span>{t('transfer.to')}</span>
            <select name="toHospital" value={target} onChange={(e) => setTo(e.target.value === '' ? '' : Number(e.target.value))}>
              {designated && <option value="">{hospitalName(designated, i18n.language)}</option>}
              {destinations
                .filter((h) => h.id !== designated?.id)
                .map((h) => (
                  <option key={h.id} value={h.id}>
                    {hospitalName(h, i18n.language)}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <label className="ed-check">
          <input type="checkbox" checked={nursingHome} onChange={(e) => setNursingHome(e.target.checked)} /> {t('transfer.nursingHome')}
        </label>
        <label className="ed-check">
          <input type="checkbox" checked={pregnant} onChange={(e) => setPregnant(e.target.checked)} /> {t('transfer.pregnant')}
        </label>
        <label className="ed-check">
          <input type="checkbox" checked={needsBed} onChange={(e) => setNeedsBed(e.target.checked)} /> {t('transfer.needsBed')}
        </label>
        <label className="ed-field">
          <span>{t('transfer.notes')}</span>
          <textarea name="notes" rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        {error && !error.field && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="ed-row__actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {t('transfer.submit')}
          </button>
          <span role="status" className="ed-ok">
            {sent ? t('transfer.sent', { number: sent }) : ''}
          </span>
        </div>
      </form>
      <h3 className="ed-subtitle">{t('transfer.list')}</h3>
      {rows.length === 0 ? (
        <p className="hint">{t('transfer.none')}</p>
      ) : (
        <ul className="ed-list ed-list--compact" data-testid="transfers-out">
          {rows.map((r) => (
            <li key={r.call.id} data-testid="transfer-row" data-status={r.call.status}>
              <strong>{r.call.number}</strong> <span className={`chip chip--${r.call.clinicalClass}`}>{tc(`class.${r.call.clinicalClass}`)}</span>{' '}
              {hospitalName(r.call.transferToHospitalId ? hospitals.get(r.call.transferToHospitalId) : undefined, i18n.language)} ·{' '}
              <span>{tc(`callStatus.${r.call.status}`)}</span> ·{' '}
              <span>{r.unit ? t('transfer.unit', { unit: r.unit.callSign }) : t('transfer.noUnit')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
