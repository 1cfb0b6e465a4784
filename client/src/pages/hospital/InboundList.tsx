/** Patients on their way to this ED, soonest first: who, how sick, which unit, when; accept or decline each. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECLINE_REASONS, type DeclineReason } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLive } from '../../live/useLive.ts';
import { priorityFlags } from '@dispatch/shared';
import type { InboundPatient } from './model.ts';
import { hospitalName } from '../../ui/format.ts';
import { useCityTime } from '../../ui/useCityTime.ts';

export function InboundList({ rows, fresh, onAnswered }: { rows: InboundPatient[]; fresh: ReadonlySet<number>; onAnswered: (transportId: number) => void }) {
  const { t } = useTranslation('hospital');
  return (
    <section className="ed-panel ed-inbound" aria-labelledby="inbound-title" data-testid="inbound">
      <h2 id="inbound-title" className="ed-panel__title">
        {t('inbound.title')} <span className="ed-count">{t('inbound.count', { count: rows.length })}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="hint">{t('inbound.empty')}</p>
      ) : (
        <ol className="ed-list">
          {rows.map((r) => (
            <InboundRow key={r.transport.id} row={r} isNew={fresh.has(r.transport.id)} onAnswered={onAnswered} />
          ))}
        </ol>
      )}
    </section>
  );
}

function InboundRow({ row, isNew, onAnswered }: { row: InboundPatient; isNew: boolean; onAnswered: (transportId: number) => void }) {
  const { t, i18n } = useTranslation('hospital');
  const cityTime = useCityTime();
  const { t: tc } = useTranslation();
  const hospitals = useLive((s) => s.state.hospitals);
  const [declining, setDeclining] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { transport: tr, call, unit } = row;

  async function act(path: string, body?: unknown) {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/transports/${tr.id}/${path}`, body);
      onAnswered(tr.id);
      setDeclining(false);
    } catch (e) {
      setError(e instanceof ApiError ? (e.code === 'NOT_YOUR_PATIENT' ? t('inbound.notYourPatient') : e.message) : String(e));
    } finally {
      setBusy(false);
    }
  }

  const eta =
    row.etaMinutes === null
      ? t('inbound.noEta')
      : `${t(row.rough ? 'inbound.etaRough' : 'inbound.eta', { minutes: Math.round(row.etaMinutes) })} · ${t('inbound.etaAt', { time: cityTime(row.etaAt ?? 0) })}`;
  const from = call?.kind === 'transfer' && call.sourceHospitalId ? hospitals.get(call.sourceHospitalId) : undefined;

  return (
    <li className={`ed-row ed-row--${tr.acceptance ?? 'pending'}${isNew ? ' ed-row--new' : ''}`} data-testid="inbound-row" data-transport={tr.id}>
      <div className="ed-row__head">
        {isNew && <span className="ed-new">{t('inbound.new')}</span>}
        <strong className="ed-row__unit" title={t('inbound.unit')}>
          {unit?.callSign ?? `#${tr.unitId}`}
        </strong>
        {unit && <span className="hint">{tc(`unitKind.${unit.kind}`)}</span>}
        <span className="ed-row__eta" data-testid="inbound-eta">
          {eta}
        </span>
      </div>
      {call && (
        <div className="ed-row__patient">
          <span className={`chip chip--${call.clinicalClass}`}>{tc(`class.${call.clinicalClass}`)}</span>
          <span>{call.age === null ? t('inbound.ageUnknown') : t('inbound.age', { age: call.age })}</span>
          {priorityFlags(call).map((f) => (
            <span key={f} className="chip chip--flag">
              {tc(`flags.${f}`)}
            </span>
          ))}
          {call.flags.needsBed && <span className="chip chip--flag chip--needs-bed">{tc('flags.needsBed')}</span>}
          {call.riskTier && <span className={`chip chip--${call.riskTier}`}>{tc(`tier.${call.riskTier}`)}</span>}
          {from && <span className="chip chip--flag">{t('inbound.transferFrom', { hospital: hospitalName(from, i18n.language) })}</span>}
          <span className="ed-row__complaint">{call.complaint}</span>
        </div>
      )}
      {call?.notes && (
        <p className="ed-row__notes">
          <span className="hint">{t('inbound.notes')}: </span>
          {call.notes}
        </p>
      )}
      <div className="ed-row__status">
        {unit && <span className="hint">{t('inbound.unitStatus', { status: tc(`unitStatus.${unit.status}`) })}</span>}
        {tr.diversionOverride && <span className="chip chip--red">{t('inbound.diversionOverride')}</span>}
        {tr.acceptance === 'declined' ? (
          <span className="ed-declined">{t('inbound.declined', { reason: tc(`declineReason.${tr.declineReason ?? 'other'}`) })}</span>
        ) : (
          <span className="ed-acceptance">{t(tr.acceptance === 'accepted' ? 'inbound.accepted' : 'inbound.pending')}</span>
        )}
      </div>
      {tr.acceptance !== 'declined' && !declining && (
        <div className="ed-row__actions">
          {/* Accept and decline are the answer the crew waits for; "arrived" is a correction for a crew
              that did not report it, so it stays small and apart. */}
          {tr.acceptance === 'pending' && (
            <button type="button" className="btn btn--primary btn--big" disabled={busy} onClick={() => void act('accept')}>
              {t('inbound.accept')}
            </button>
          )}
          <button type="button" className={tr.acceptance === 'pending' ? 'btn btn--big btn--decline' : 'btn btn--decline'} disabled={busy} onClick={() => setDeclining(true)}>
            {t('inbound.decline')}
          </button>
          <button type="button" className="btn btn--ghost btn--small ed-row__arrived" disabled={busy} onClick={() => void act('arrive')}>
            {t('inbound.arrived')}
          </button>
        </div>
      )}
      {declining && <DeclinePicker busy={busy} onCancel={() => setDeclining(false)} onDecline={(reason, note) => void act('decline', { reason, note })} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function DeclinePicker({ busy, onCancel, onDecline }: { busy: boolean; onCancel: () => void; onDecline: (reason: DeclineReason, note: string) => void }) {
  const { t } = useTranslation('hospital');
  const { t: tc } = useTranslation();
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const noteMissing = reason === 'other' && note.trim() === '';
  return (
    <form
      className="ed-decline"
      data-testid="decline-picker"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (reason && !noteMissing) onDecline(reason, note.trim());
      }}
    >
      <fieldset>
        <legend>{t('decline.reason')}</legend>
        {DECLINE_REASONS.map((r) => (
          <label key={r} className="ed-radio">
            <input type="radio" name="decline-reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
            {tc(`declineReason.${r}`)}
          </label>
        ))}
      </fieldset>
      <label className="ed-field">
        {t('decline.note')}
        <textarea value={note} maxLength={300} rows={2} onChange={(e) => setNote(e.target.value)} aria-invalid={tried && noteMissing} />
      </label>
      {tried && noteMissing && <p className="form-error">{t('decline.noteRequired')}</p>}
      <div className="ed-row__actions">
        <button type="submit" className="btn btn--danger" disabled={busy || !reason}>
          {t('decline.confirm')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          {t('decline.cancel')}
        </button>
      </div>
    </form>
  );
}
