/** One unit on a call: its status, its destination and acceptance, and re-routing while it has not arrived. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HospitalSuggestion, Transport, Unit } from '@dispatch/shared';
import { useLiveEntities } from '../../live/useLive.ts';
import { hospitalName } from '../../ui/format.ts';

export function OnCallRow({ transport: tr, unit, choices, busy, onReroute }: { transport: Transport; unit: Unit | undefined; choices: HospitalSuggestion[]; busy: boolean; onReroute: (hospitalId: number) => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const hospitals = useLiveEntities((s) => s.state.hospitals);
  const [pick, setPick] = useState<number | ''>('');
  const best = choices.find((h) => h.hospitalId !== tr.hospitalId && !h.factors.diversion);
  const lang = i18n.language;
  const canReroute = !tr.arrivedAt;
  return (
    <li className={`on-call__row ${tr.acceptance === 'declined' ? 'is-declined' : ''}`} data-testid="on-call-row" data-unit-id={tr.unitId}>
      <span className="on-call__unit">
        <strong>{unit?.callSign ?? `#${tr.unitId}`}</strong> {unit && <span className={`status-chip status-chip--${unit.status}`}>{tc(`unitStatus.${unit.status}`)}</span>}
      </span>
      <span className="on-call__dest">
        → {hospitalName(tr.hospitalId ? hospitals.get(tr.hospitalId) : undefined, lang, t('assign.noDestination'))}{' '}
        {tr.acceptance && <span className={`chip chip--acceptance-${tr.acceptance}`}>{tc(`acceptance.${tr.acceptance}`)}</span>}
        {tr.declineReason && <span className="on-call__reason"> {tc(`declineReason.${tr.declineReason}`)}</span>}
        {tr.diversionOverride && <span className="chip chip--warn"> {t('warning.diversion_override')}</span>}
      </span>
      {canReroute && (
        <span className="on-call__actions">
          {best && (
            <button type="button" className={`btn ${tr.acceptance === 'declined' ? 'btn--danger' : ''}`} disabled={busy} onClick={() => onReroute(best.hospitalId)} data-testid="reroute-best">
              {t('assign.rerouteTo', { hospital: hospitalName(hospitals.get(best.hospitalId), lang, best.name) })}
            </button>
          )}
          <select aria-label={t('assign.changeDestination')} value={pick} onChange={(e) => setPick(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">{t('assign.changeDestination')}</option>
            {choices
              .filter((h) => h.hospitalId !== tr.hospitalId)
              .map((h) => (
                <option key={h.hospitalId} value={h.hospitalId}>
                  {hospitalName(hospitals.get(h.hospitalId), lang, h.name)} · {tc('units.min', { count: Math.max(1, Math.round(h.factors.travelMinutes)) })}
                </option>
              ))}
          </select>
          <button type="button" className="btn" disabled={busy || pick === ''} onClick={() => pick !== '' && onReroute(pick)}>
            {t('assign.reroute')}
          </button>
        </span>
      )}
    </li>
  );
}
