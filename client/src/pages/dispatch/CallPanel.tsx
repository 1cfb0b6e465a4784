/**
 * One call: what it is, the units on it (each with its own destination, re-routed in one action), and
 * the assignment choice: recommended units with ETA and reasons, hospitals with every score factor.
 * Keys: ↑/↓ move between options, Enter assigns the chosen unit and hospital, 1–8 assign that unit,
 * Shift+1–6 choose that hospital, O toggles the diversion override. Once a unit is on the call, Enter
 * and 1–8 no longer send: another unit goes only through Alt+S and a confirmation naming the call.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_TRANSITIONS, type Call, type HospitalSuggestion, type Transport, type Unit, type UnitRecommendation } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import { useClock } from '../../live/clock.ts';
import { priorityFlags } from '@dispatch/shared';
import { formatElapsed } from '../../ui/format.ts';
import { activeTransports } from './model.ts';
import { hospitalName } from '../../ui/format.ts';
import { useSuggestions } from './useSuggestions.ts';
import { AdditionalUnitDialog } from './AdditionalUnitDialog.tsx';
import { OnCallRow } from './OnCallRow.tsx';
import { NoCriticalCareNotice } from './NoCriticalCareNotice.tsx';
import { WaitingCaller } from './WaitingCaller.tsx';
import { ADDITIONAL_UNIT_KEY, panelKeyAction } from './panelKeys.ts';

interface Conflict {
  callSign: string;
  status: string | null;
  /** The other seat sent the unit to this very call: the call has its ambulance, offer no other. */
  sameCall: boolean;
  next: UnitRecommendation | null;
}

export function CallPanel({ call, autoFocus }: { call: Call; autoFocus?: boolean }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const kindLabel = (kind: string | undefined) => (kind ? tc(`hospitalKind.${kind}`) : '—');
  const known = (h: HospitalSuggestion, n: number) => (h.factors.stale ? t('factor.unknown') : String(n));
  const unknownHint = (h: HospitalSuggestion) => (h.factors.stale ? t('factor.unknownHint') : undefined);
  const units = useLiveEntities((s) => s.state.units);
  const hospitals = useLiveEntities((s) => s.state.hospitals);
  const transports = useLiveEntities((s) => activeTransports(s.state.transports.values(), call.id));
  const { data, error: loadError, refresh } = useSuggestions(call.id, `${call.clinicalClass}|${call.lon}|${call.lat}`);
  // The pick is a unit and a hospital, not a row number: suggestions re-rank on every fleet or hospital
  // change, and the patient must not silently go where the dispatcher did not point.
  const [unitPick, setUnitPick] = useState<number | null>(null);
  const [hospitalPick, setHospitalPick] = useState<number | null>(null);
  const [override, setOverride] = useState(false);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  // The unit this panel just sent, until the live push shows its transport: the window in which a
  // second click used to send a second ambulance.
  const [justSent, setJustSent] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const rootRef = useRef<HTMLElement>(null);
  const nextBestRef = useRef<HTMLButtonElement>(null);
  const overrideRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setUnitPick(null);
    setHospitalPick(null);
    setOverride(false);
    setConflict(null);
    setMessage(null);
    setJustSent(null);
    setConfirming(false);
  }, [call.id]);

  useEffect(() => {
    if (justSent !== null && transports.some((tr) => tr.unitId === justSent)) setJustSent(null);
  }, [justSent, transports]);
  const unitOnCall = transports.length > 0 || justSent !== null;

  const unitChoices = data?.units ?? [];
  const hospitalChoices = data?.hospitals ?? [];
  // A pick that dropped out of the list (unit taken, hospital declined) falls back to the top suggestion.
  const unitIdx = Math.max(0, unitChoices.findIndex((u) => u.unitId === unitPick));
  const hospitalIdx = Math.max(0, hospitalChoices.findIndex((h) => h.hospitalId === hospitalPick));
  const setUnitIdx = (i: number) => setUnitPick(unitChoices[i]?.unitId ?? null);
  const setHospitalIdx = (i: number) => setHospitalPick(hospitalChoices[i]?.hospitalId ?? null);
  const unit = unitChoices[unitIdx];
  const hospital = hospitalChoices[hospitalIdx];
  const open = CALL_TRANSITIONS[call.status].length > 0;
  const lang = i18n.language;

  // Keyboard users land on the first recommended unit, ready for Enter.
  useEffect(() => {
    if (autoFocus && data && unitChoices.length > 0) rootRef.current?.querySelector<HTMLInputElement>('input[name="unit-choice"]:checked')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoFocus, data === null, call.id]);

  useEffect(() => {
    if (conflict?.next) nextBestRef.current?.focus();
  }, [conflict]);

  const takenNow = (r: UnitRecommendation) => {
    const live = units.get(r.unitId);
    // A returning unit may be re-tasked: only a unit that has since gone on a job is taken.
    return live !== undefined && live.status !== 'available' && live.status !== 'returning';
  };

  /** `firstResponder`: a standard unit sent ahead to a patient who needs critical care; it goes with no destination. */
  async function assign(choice: UnitRecommendation | undefined, dest: HospitalSuggestion | undefined, firstResponder = false) {
    if (!choice || busy) return;
    if (firstResponder) dest = undefined;
    if (dest?.factors.diversion && !override) {
      setMessage({ kind: 'error', text: t('assign.needsOverride', { hospital: hospitalName(hospitals.get(dest.hospitalId), lang, dest.name) }) });
      overrideRef.current?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    setConflict(null);
    try {
      await api.post(`/api/calls/${call.id}/assign`, { unitId: choice.unitId, hospitalId: dest?.hospitalId ?? null, overrideDiversion: Boolean(dest?.factors.diversion && override), firstResponder }, { retry: true });
      setMessage({
        kind: 'ok',
        text: firstResponder
          ? t('firstResponder.sent', { unit: choice.callSign })
          : t('assign.done', { unit: choice.callSign, hospital: dest ? hospitalName(hospitals.get(dest.hospitalId), lang, dest.name) : t('assign.noDestination') }),
      });
      setJustSent(choice.unitId);
      setOverride(false);
      // The next unit on this call starts again from the top suggestions.
      setUnitPick(null);
      setHospitalPick(null);
      void refresh();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'UNIT_NOT_AVAILABLE') {
        // Another seat was faster. If it sent the unit to this same call, the patient has an ambulance and
        // a "send next best" button would be the stray second ambulance; otherwise put the next best unit
        // under the dispatcher's finger.
        const taken = e.current as Unit | null;
        const sameCall = taken?.callId === call.id;
        const fresh = await refresh();
        const next = sameCall ? null : (fresh?.units.find((u) => u.unitId !== choice.unitId) ?? null);
        setUnitPick(next?.unitId ?? null);
        setConflict({ callSign: choice.callSign, status: taken?.status ?? null, sameCall, next });
      } else {
        setMessage({ kind: 'error', text: e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e) });
      }
    } finally {
      setBusy(false);
    }
  }

  async function reroute(tr: Transport, hospitalId: number) {
    const s = hospitalChoices.find((h) => h.hospitalId === hospitalId);
    if (s?.factors.diversion && !override) {
      setMessage({ kind: 'error', text: t('assign.needsOverride', { hospital: hospitalName(hospitals.get(hospitalId), lang) }) });
      overrideRef.current?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api.post(`/api/transports/${tr.id}/destination`, { hospitalId, overrideDiversion: Boolean(s?.factors.diversion && override) });
      setMessage({ kind: 'ok', text: t('assign.rerouted', { unit: units.get(tr.unitId)?.callSign ?? tr.unitId, hospital: hospitalName(hospitals.get(hospitalId), lang) }) });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e) });
    } finally {
      setBusy(false);
    }
  }

  async function cancelCall() {
    setBusy(true);
    try {
      await api.post(`/api/calls/${call.id}/status`, { status: 'cancelled', outcome: 'cancelled' });
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const onCallSigns = () => {
    const ids = transports.map((tr) => tr.unitId);
    if (justSent !== null && !ids.includes(justSent)) ids.push(justSent);
    return ids.map((id) => units.get(id)?.callSign ?? `#${id}`);
  };
  const destinationName = hospital ? hospitalName(hospitals.get(hospital.hospitalId), lang, hospital.name) : t('assign.noDestination');

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (confirming || !open) return;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === 'text')) return;
    const action = panelKeyAction(
      { key: e.key, code: e.code, shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, onButton: target instanceof HTMLButtonElement },
      unitOnCall,
      Boolean(hospital?.factors.diversion),
    );
    if (!action) return;
    e.preventDefault();
    switch (action.kind) {
      case 'pickHospital':
        if (action.index < hospitalChoices.length) setHospitalIdx(action.index);
        break;
      case 'pickUnit':
        if (action.index < unitChoices.length) {
          setUnitIdx(action.index);
          if (action.send) void assign(unitChoices[action.index], hospital);
        }
        break;
      case 'assign':
        void assign(unit, hospital);
        break;
      case 'blocked':
        setMessage({ kind: 'info', text: t('additional.blocked', { units: onCallSigns().join(', '), key: ADDITIONAL_UNIT_KEY }) });
        break;
      case 'additional':
        if (unit && !busy) setConfirming(true);
        break;
      case 'override':
        setOverride((o) => !o);
        break;
    }
  };

  return (
    <section className="call-panel" ref={rootRef} onKeyDown={onKeyDown} aria-labelledby="call-panel-title" data-testid="call-panel" data-call-id={call.id}>
      <header className="call-panel__head">
        <h2 id="call-panel-title" className="panel-title">
          {call.number} <span className={`chip chip--${call.clinicalClass}`}>{tc(`class.${call.clinicalClass}`)}</span>
          {call.riskTier && <span className={`chip chip--${call.riskTier}`}>{tc(`tier.${call.riskTier}`)}</span>}
          {priorityFlags(call).map((f) => (
            <span key={f} className="chip chip--flag">
              {tc(`flags.${f}`)}
            </span>
          ))}
          {call.flags.needsBed && <span className="chip chip--flag chip--needs-bed">{tc('flags.needsBed')}</span>}
        </h2>
        <p className="call-panel__status">
          <strong data-testid="call-status" data-status={call.status}>
            {tc(`callStatus.${call.status}`)}
          </strong>{' '}
          · <Waited since={call.receivedAt} />
          {call.callerPhone && <> · ☎ {call.callerPhone}</>}
        </p>
        <p className="call-panel__address">{call.address}</p>
        <p>
          {call.complaint}
          {call.age !== null && <> · {t('queue.age', { age: call.age })}</>}
        </p>
        {call.notes && <p className="call-panel__notes">{call.notes}</p>}
        <WaitingCaller call={call} />
        {open && (
          <button type="button" className="btn btn--ghost btn--small" onClick={() => void cancelCall()} disabled={busy}>
            {t('call.cancel')}
          </button>
        )}
      </header>

      {transports.length > 0 && (
        <section aria-labelledby="on-call-title">
          <div className="on-call__head">
            <h3 id="on-call-title">{t('assign.onCall')}</h3>
            {open && (
              <button type="button" className="btn btn--small" disabled={!unit || busy} onClick={() => setConfirming(true)} aria-keyshortcuts="Alt+S" data-testid="assign-additional">
                {unit ? t('additional.open', { unit: unit.callSign, hospital: destinationName }) : t('assign.assignNone')} <kbd>{ADDITIONAL_UNIT_KEY}</kbd>
              </button>
            )}
          </div>
          <ul className="on-call">
            {transports.map((tr) => (
              <OnCallRow key={tr.id} transport={tr} unit={units.get(tr.unitId)} choices={hospitalChoices} busy={busy} onReroute={(h) => void reroute(tr, h)} />
            ))}
          </ul>
        </section>
      )}

      {conflict && (
        <div className="conflict" role="alert" data-testid="assign-conflict">
          {conflict.sameCall ? (
            <strong>{t('assign.conflictSameCall', { unit: conflict.callSign })}</strong>
          ) : (
            <>
              <strong>{t('assign.conflict', { unit: conflict.callSign })}</strong>
              {conflict.status && <span> {t('assign.conflictNow', { status: tc(`unitStatus.${conflict.status}`) })}</span>}
            </>
          )}
          {conflict.sameCall ? null : conflict.next ? (
            <button
              type="button"
              ref={nextBestRef}
              className="btn btn--primary"
              // If a unit reached this call meanwhile, the next best is a second ambulance: confirm it.
              onClick={() => (transports.length > 0 ? setConfirming(true) : void assign(conflict.next ?? undefined, hospital))}
              data-testid="assign-next-best"
            >
              {t('assign.nextBest', { unit: conflict.next.callSign, eta: conflict.next.etaMinutes })}
            </button>
          ) : (
            <span> {t('assign.noneLeft')}</span>
          )}
        </div>
      )}
      {message && (
        <p className={message.kind === 'ok' ? 'form-done' : message.kind === 'info' ? 'hint' : 'form-error'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="assign-message">
          {message.text}
        </p>
      )}
      {loadError && <p className="form-error">{tc('errors.generic', { message: loadError })}</p>}

      {open && (
        <>
          <fieldset className="choices" data-testid="unit-choices">
            <legend>
              {t('assign.units')} <span className="hint">{unitOnCall ? t('additional.unitsHint') : t('assign.unitsHint')}</span>
            </legend>
            {data?.noCriticalCareFree ? (
              <NoCriticalCareNotice
                firstResponder={data.firstResponder}
                earliest={data.earliestCriticalCare}
                busy={busy}
                // Once a unit is on the call, another one goes only through the confirmed additional-unit path.
                onSendFirstResponder={unitOnCall ? undefined : (u) => void assign(u, undefined, true)}
              />
            ) : (
              data && unitChoices.length === 0 && <p className="form-error">{t('assign.noUnits')}</p>
            )}
            <table className="choice-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('assign.unit')}</th>
                  <th scope="col">{t('assign.eta')}</th>
                  <th scope="col">{t('assign.distance')}</th>
                  <th scope="col">{t('assign.why')}</th>
                </tr>
              </thead>
              <tbody>
                {unitChoices.map((r, i) => {
                  const taken = takenNow(r);
                  return (
                    <tr key={r.unitId} className={`${i === unitIdx ? 'is-chosen' : ''} ${taken ? 'is-taken' : ''}`} onClick={() => setUnitIdx(i)} data-testid="unit-choice" data-unit-id={r.unitId}>
                      <td>
                        <kbd>{i + 1}</kbd>
                      </td>
                      <td>
                        <label className="choice-label">
                          <input type="radio" name="unit-choice" checked={i === unitIdx} onChange={() => setUnitIdx(i)} />
                          <span className={`unit-kind-icon unit-kind-icon--${r.kind}`} role="img" aria-label={tc(`unitKind.${r.kind}`)} title={tc(`unitKind.${r.kind}`)} />
                          <strong>{r.callSign}</strong>
                          {r.status === 'returning' && <span className="chip chip--returning">{tc('unitStatus.returning')}</span>}
                          {taken && <span className="chip chip--taken">{t('assign.taken')}</span>}
                        </label>
                      </td>
                      <td className="num">{tc('units.min', { count: r.etaMinutes })}</td>
                      <td className="num">{tc('units.km', { count: r.distanceKm })}</td>
                      <td className="reasons">{r.reasons.map((code) => t(`reason.${code}`, { defaultValue: code })).join(' · ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </fieldset>

          <fieldset className="choices" data-testid="hospital-choices">
            <legend>
              {t('assign.hospitals')} <span className="hint">{t('assign.hospitalsHint')}</span>
            </legend>
            <table className="choice-table choice-table--hospitals">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('assign.hospital')}</th>
                  <th scope="col">{t('factor.score')}</th>
                  <th scope="col">{t('factor.travel')}</th>
                  <th scope="col">{t('factor.beds')}</th>
                  <th scope="col">{t('factor.icu')}</th>
                  <th scope="col">{t('factor.ventilators')}</th>
                  <th scope="col">{t('factor.offload')}</th>
                  <th scope="col">{t('factor.handoverMedian')}</th>
                  <th scope="col">{t('factor.ed')}</th>
                  <th scope="col">{t('factor.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {hospitalChoices.map((h, i) => (
                  <tr key={h.hospitalId} className={`${i === hospitalIdx ? 'is-chosen' : ''} ${h.factors.diversion ? 'is-diversion' : ''}`} onClick={() => setHospitalIdx(i)} data-testid="hospital-choice" data-hospital-id={h.hospitalId}>
                    <td>
                      <kbd>⇧{i + 1}</kbd>
                    </td>
                    <td>
                      <label className="choice-label">
                        <input type="radio" name="hospital-choice" checked={i === hospitalIdx} onChange={() => setHospitalIdx(i)} />
                        <strong>{hospitalName(hospitals.get(h.hospitalId), lang, h.name)}</strong>
                      </label>
                      {h.warnings.map((w) => (
                        <span key={w} className={`chip chip--warn chip--warn-${w}`}>
                          {t(`warning.${w}`, { defaultValue: w })}
                        </span>
                      ))}
                    </td>
                    <td className="num score" data-label={t('factor.score')}>{h.score.toFixed(1)}</td>
                    <Factor value={tc('units.min', { count: h.factors.travelMinutes })} label={t('factor.travel')} points={h.contributions.travel} />
                    {/* A stale figure is scored as unknown (suggestHospitals), so it is shown as unknown, not as the old number. */}
                    <Factor value={known(h, h.factors.freeBeds)} label={t('factor.beds')} title={unknownHint(h)} points={h.contributions.beds} />
                    <Factor
                      value={h.factors.icuPromised > 0 && !h.factors.stale ? t('factor.promised', { free: h.factors.freeIcu, promised: h.factors.icuPromised }) : known(h, h.factors.freeIcu)}
                      title={unknownHint(h) ?? (h.factors.icuPromised > 0 ? t('factor.promisedHint', { count: h.factors.icuPromised }) : undefined)}
                      points={h.contributions.icu + h.contributions.noFreeIcu} label={t('factor.icu')}
                    />
                    <Factor value={known(h, h.factors.ventilatorsFree)} label={t('factor.ventilators')} title={unknownHint(h)} points={h.contributions.ventilator + h.contributions.noFreeVentilator} />
                    <Factor
                      value={t('factor.atDoor', { count: h.factors.atDoor, minutes: Math.round(h.factors.longestWaitMinutes) })}
                      points={h.contributions.atDoor + h.contributions.doorWait} label={t('factor.offload')}
                    />
                    <Factor
                      value={h.factors.medianLastHourMinutes === null ? t('factor.noHandovers') : tc('units.min', { count: Math.round(h.factors.medianLastHourMinutes) })}
                      points={h.contributions.handoverMedian} label={t('factor.handoverMedian')}
                    />
                    <Factor
                      value={h.factors.diversion ? tc('edStatus.diversion') : h.factors.edSaturated ? tc('edStatus.saturated') : tc('edStatus.open')}
                      points={h.contributions.diversion + h.contributions.stale} label={t('factor.ed')}
                    />
                    <Factor value={kindLabel(hospitals.get(h.hospitalId)?.kind)} label={t('factor.kind')} points={h.contributions.preference} />
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>

          {hospital?.factors.diversion && (
            <div className="diversion-warning" role="alert">
              <strong>{t('assign.diversionWarning', { hospital: hospitalName(hospitals.get(hospital.hospitalId), lang, hospital.name) })}</strong>
              <label>
                <input ref={overrideRef} type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} data-testid="override-diversion" />
                {t('assign.override')} <kbd>O</kbd>
              </label>
            </div>
          )}

          {unitOnCall ? (
            // Where the big button stood there is only text now, so a stray click there sends nothing.
            <div className="assign-bar">
              <p className="assign-bar__note" data-testid="unit-on-call-note">
                {t('additional.note', { units: onCallSigns().join(', ') })}
              </p>
            </div>
          ) : (
            <div className="assign-bar">
              <button type="button" className="btn btn--primary btn--big" disabled={!unit || busy} onClick={() => void assign(unit, hospital)} data-testid="assign-button">
                {unit ? t('assign.assign', { unit: unit.callSign, hospital: destinationName }) : t('assign.assignNone')} <kbd>Enter</kbd>
              </button>
            </div>
          )}
        </>
      )}
      {confirming && unit && (
        <AdditionalUnitDialog
          call={call}
          unit={unit.callSign}
          hospital={destinationName}
          onCall={onCallSigns()}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void assign(unit, hospital);
          }}
        />
      )}
    </section>
  );
}

/** `label`: the column's name, shown in the cell itself where the narrow panel lays each hospital out as a card. */
function Factor({ value, points, title, label }: { value: string; points: number; title?: string | undefined; label?: string }) {
  const sign = points > 0 ? '+' : '';
  return (
    <td className="num factor" title={title} data-label={label}>
      <span>{value}</span>
      <span className={`factor__points ${points < 0 ? 'is-minus' : points > 0 ? 'is-plus' : ''}`}>
        {sign}
        {points.toFixed(1)}
      </span>
    </td>
  );
}

/** "received 4:30 ago", counting: re-renders alone each second, not the whole panel. */
function Waited({ since }: { since: string }) {
  const { t } = useTranslation('dispatch');
  return <>{t('call.waited', { value: formatElapsed(useClock() - Date.parse(since)) })}</>;
}
