/**
 * A hospital declined a patient: the dispatcher must see it at once, with the next suggested hospital
 * and one button to send the unit there. Fed by `transport.declined` events, with a short tone.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HospitalSuggestion, Transport } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';
import { useLiveEntities as useLive } from '../../live/useLive.ts';
import { hospitalName } from '../../ui/format.ts';
import type { Suggestions } from './useSuggestions.ts';

// A later decline of the same transport (after a re-route) is a new alert.
const keyOf = (tr: Transport) => `${tr.id}:${tr.version}`;

function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.35);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio device (or not allowed yet): the banner is loud enough on its own.
  }
}

export function DeclineAlerts({ onOpenCall }: { onOpenCall: (id: number) => void }) {
  const { t, i18n } = useTranslation('dispatch');
  const { t: tc } = useTranslation();
  const [next, setNext] = useState<Map<string, HospitalSuggestion | null>>(new Map());
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const hospitals = useLive((s) => s.state.hospitals);
  const calls = useLive((s) => s.state.calls);
  const transports = useLive((s) => s.state.transports);
  // Every declined patient still waiting for a new destination, even those declined before this screen opened.
  const open = [...transports.values()].filter((tr) => tr.acceptance === 'declined' && !tr.closedAt && !dismissed.has(keyOf(tr)));
  const wanted = open.filter((tr) => !next.has(keyOf(tr))).map(keyOf).join(',');

  useEffect(() => {
    const off = liveStore.onEvent((e) => {
      if (e.name === 'transport.declined') beep();
    });
    return () => {
      off();
    };
  }, []);

  useEffect(() => {
    for (const tr of open) {
      const key = keyOf(tr);
      if (next.has(key)) continue;
      setNext((m) => new Map(m).set(key, null));
      void api
        .get<Suggestions>(`/api/calls/${tr.callId}/suggestions`)
        // One action must never send a patient to a diverting ED: that needs the explicit override in the call panel.
        .then((s) => setNext((m) => new Map(m).set(key, s.hospitals.find((h) => h.hospitalId !== tr.hospitalId && !h.factors.diversion) ?? null)))
        .catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);

  if (open.length === 0) return null;

  async function reroute(tr: Transport, to: HospitalSuggestion) {
    setError(null);
    try {
      await api.post(`/api/transports/${tr.id}/destination`, { hospitalId: to.hospitalId, overrideDiversion: false });
    } catch (e) {
      setError(e instanceof ApiError ? tc('errors.generic', { message: e.message }) : String(e));
    }
  }

  return (
    <section className="decline-alerts" role="alert" aria-label={t('declined.title')} data-testid="decline-alerts">
      {open.map((tr) => {
        const to = next.get(keyOf(tr));
        const unit = liveStore.state.units.get(tr.unitId);
        const call = calls.get(tr.callId);
        return (
          <div key={tr.id} className="decline-alert" data-testid="decline-alert">
            <strong className="decline-alert__what">
              {t('declined.what', {
                hospital: hospitalName(tr.hospitalId ? hospitals.get(tr.hospitalId) : undefined, i18n.language),
                unit: unit?.callSign ?? tr.unitId,
                call: call?.number ?? tr.callId,
              })}
            </strong>
            {tr.declineReason && <span> {tc(`declineReason.${tr.declineReason}`)}</span>}
            {tr.declineNote && <span> — {tr.declineNote}</span>}
            {to ? (
              <>
                <button type="button" className="btn btn--primary" onClick={() => void reroute(tr, to)} data-testid="decline-reroute">
                  {t('declined.reroute', { hospital: hospitalName(hospitals.get(to.hospitalId), i18n.language, to.name), minutes: Math.max(1, Math.round(to.factors.travelMinutes)) })}
                </button>
                {/* The next choice may itself be a fallback or lack an ICU bed: the dispatcher sees that before rerouting. */}
                {to.warnings.map((w) => (
                  <span key={w} className={`chip chip--warn chip--warn-${w}`}>
                    {t(`warning.${w}`, { defaultValue: w })}
                  </span>
                ))}
              </>
            ) : (
              <span> {t('declined.finding')}</span>
            )}
            <button type="button" className="btn btn--ghost" onClick={() => onOpenCall(tr.callId)}>
              {t('declined.open')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setDismissed((d) => new Set(d).add(keyOf(tr)))} aria-label={t('declined.dismiss')}>
              ✕
            </button>
          </div>
        );
      })}
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
