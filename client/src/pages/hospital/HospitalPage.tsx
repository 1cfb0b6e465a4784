/**
 * The ED charge nurse's screen for her own hospital: patients on their way (with a sound and a flash
 * when a new one is assigned), accept or decline, the ambulances at the door with their offload clocks,
 * the hospital's capacity, transfers out, and today's figures.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createStraightLineEstimator } from '@dispatch/shared';
import { useSession } from '../../app/session.ts';
import { liveStore } from '../../live/store.ts';
import { useLive } from '../../live/useLive.ts';
import { AtTheDoor } from './AtTheDoor.tsx';
import { CapacityPanel } from './CapacityPanel.tsx';
import { InboundList } from './InboundList.tsx';
import { TodayPanel } from './TodayPanel.tsx';
import { TransferForm } from './TransferForm.tsx';
import { atTheDoor, inboundPatients, isNewInbound } from './model.ts';
import { beep, setSoundEnabled, soundEnabled } from './sound.ts';
import { hospitalName } from '../../ui/format.ts';
import { useClock } from '../../live/clock.ts';
import { useCallFallback } from './useCallFallback.ts';
import './hospital.css';

// The same estimator the server ranks with, so the screen's ETA agrees with the dispatcher's.
const estimator = createStraightLineEstimator();
/** How long a new patient's row stays highlighted unless answered first. */
const NEW_FOR_MS = 60_000;

export default function HospitalPage() {
  const { t, i18n } = useTranslation('hospital');
  const { t: tc } = useTranslation();
  const session = useSession();
  const hospitalId = session.status === 'user' ? session.user.hospitalId : null;
  const now = useClock();
  const hospital = useLive((s) => (hospitalId ? s.state.hospitals.get(hospitalId) : undefined));
  const transports = useLive((s) => s.state.transports);
  const calls = useLive((s) => s.state.calls);
  const units = useLive((s) => s.state.units);
  const thresholds = useLive((s) => s.state.thresholds);
  const version = useLive((s) => s.version);
  const mine = useMemo(() => [...transports.values()].filter((tr) => tr.hospitalId === hospitalId), [transports, hospitalId, version]);
  const allCalls = useCallFallback(mine, calls);
  const [fresh, setFresh] = useState<Map<number, number>>(new Map());
  const [sound, setSound] = useState(soundEnabled);
  const seen = useRef<Set<number> | null>(null);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  // A new patient for this hospital: beep and flash. "New" means not inbound here a moment ago, so a
  // patient rerouted here counts, and one rerouted away and back counts again.
  useEffect(() => {
    if (!hospitalId) return;
    const off = liveStore.onEvent((e) => {
      if (e.entity !== 'transport' || !e.data) return;
      const tr = e.data;
      seen.current ??= new Set();
      const news = isNewInbound(e, hospitalId, seen.current);
      if (tr.hospitalId === hospitalId && !tr.closedAt && !tr.arrivedAt) seen.current.add(tr.id);
      else seen.current.delete(tr.id);
      if (!news) return;
      setFresh((m) => new Map(m).set(tr.id, Date.now() + NEW_FOR_MS));
      if (soundRef.current) beep();
    });
    return () => {
      off();
    };
  }, [hospitalId]);

  // What is already inbound when the screen opens is not news.
  useEffect(() => {
    if (seen.current === null && hospital) {
      seen.current = new Set(mine.filter((tr) => !tr.closedAt && !tr.arrivedAt).map((tr) => tr.id));
    }
  }, [hospital, mine]);

  const answered = (id: number) => setFresh((m) => (m.has(id) ? new Map([...m].filter(([k]) => k !== id)) : m));
  const freshNow = new Set([...fresh].filter(([, until]) => until > Date.now()).map(([id]) => id));

  if (!hospitalId) return <main className="placeholder">{t('noHospital')}</main>;
  if (!hospital) return <div className="splash">{t('loading')}</div>;

  const inbound = inboundPatients(hospital, mine, allCalls, units, estimator, now);
  const door = atTheDoor(hospital.id, mine, allCalls, units, thresholds, new Date(now));
  const newest = inbound.find((r) => freshNow.has(r.transport.id));

  return (
    <main className="ed-page" data-testid="hospital-page">
      <header className="ed-header">
        <h1>{t('title', { hospital: hospitalName(hospital, i18n.language) })}</h1>
        <span className={`chip chip--ed-${hospital.edStatus}`} data-testid="ed-status">
          {tc(`edStatus.${hospital.edStatus}`)}
        </span>
        <span className="topbar__spacer" />
        <button
          type="button"
          className="btn btn--ghost"
          aria-pressed={sound}
          title={t('sound.label')}
          onClick={() => {
            setSound(!sound);
            setSoundEnabled(!sound);
            // The click also lets the browser play sound later.
            if (!sound) beep();
          }}
        >
          {sound ? t('sound.on') : t('sound.off')}
        </button>
      </header>
      <div role="status" aria-live="assertive" className="ed-cue-region">
        {newest && (
          <div className="ed-cue" data-testid="new-patient-cue">
            {newest.etaMinutes !== null
              ? t('cue.new', {
                  unit: newest.unit?.callSign ?? newest.transport.unitId,
                  class: newest.call ? tc(`class.${newest.call.clinicalClass}`) : '',
                  eta: `${Math.round(newest.etaMinutes)} min`,
                })
              : t('cue.newNoEta', { unit: newest.unit?.callSign ?? newest.transport.unitId, class: newest.call ? tc(`class.${newest.call.clinicalClass}`) : '' })}
            <button type="button" className="btn btn--ghost" onClick={() => setFresh(new Map())}>
              {t('cue.dismiss')}
            </button>
          </div>
        )}
      </div>
      <div className="ed-columns">
        <div className="ed-column">
          {/* The door first: a stretcher held there is an ambulance the city does not have, and with many
              inbound rows it would fall below the fold. */}
          <AtTheDoor rows={door} nowMs={now} thresholds={thresholds} />
          <InboundList rows={inbound} fresh={freshNow} onAnswered={answered} />
        </div>
        <div className="ed-column">
          <CapacityPanel hospital={hospital} thresholds={thresholds} nowMs={now} />
          <TodayPanel hospitalId={hospital.id} />
          <TransferForm hospital={hospital} />
        </div>
      </div>
    </main>
  );
}
