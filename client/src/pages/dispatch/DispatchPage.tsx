/**
 * The dispatcher's seat: call queue on the left, the live city in the middle, and on the right the
 * panel for what is being worked (new call, a call's assignment, the fleet, a hospital). Mostly
 * keyboard: N new call, J/K walk the queue, U units, Esc closes, ? shows every shortcut. A new call in
 * progress is never lost: its draft outlives the form (draftStore), and while the form is open a map
 * click places the call wherever it lands, symbols included (Alt- or Shift-click still inspects them).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { haversineKm, queueAgeingOf, type Answered, type Call, type LonLat } from '@dispatch/shared';
import { api, ApiError } from '../../api/http.ts';
import { CityMap } from '../../map/CityMap.tsx';
import { zoomToShowRadius } from '../../map/features.ts';
import { useLiveEntities } from '../../live/useLive.ts';
import { useClockEvery } from '../../live/clock.ts';
import { useSession } from '../../app/session.ts';
import { loadIntake, saveIntake, useHasIntakeDraft } from './draftStore.ts';
import { EMPTY_DRAFT } from './intakeDraft.ts';
import { usePlaces, type Place } from './places.ts';
import { ANSWER_KEY, RingingBar, callerOf } from './phone/RingingBar.tsx';
import { setSeatState, useMySeat } from './phone/seat.ts';
import { loadAnswered, saveAnswered, type AnsweredCaller } from './phone/history.ts';
import { AlertStrip, AvailabilityBanner } from './Banners.tsx';
import { useMediaQuery } from '../../ui/useMediaQuery.ts';
import { CallPanel } from './CallPanel.tsx';
import { CallQueue } from './CallQueue.tsx';
import { DeclineAlerts } from './DeclineAlerts.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { HospitalCard } from './HospitalCard.tsx';
import { IntakeForm } from './IntakeForm.tsx';
import { UnitsPanel } from './UnitsPanel.tsx';
import { CallbacksPanel } from './CallbacksPanel.tsx';
import { useCallbacks } from './useCallbacks.ts';
import { QUEUE_RESORT_MS, queueOf } from './model.ts';
import './dispatch.css';

type Panel = { kind: 'intake' } | { kind: 'call'; id: number; focus: boolean } | { kind: 'units' } | { kind: 'callbacks' } | { kind: 'hospital'; id: number };

const fmtPoint = (l: LonLat) => `${l.lon.toFixed(5)}, ${l.lat.toFixed(5)}`;
/** The town or street office nearest the network's location: the address to start from, for the caller to correct. */
const nearestPlace = (p: LonLat, places: readonly Place[]) => places.reduce<Place | null>((best, q) => (best === null || haversineKm(p, q) < haversineKm(p, best) ? q : best), null);

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(el.type)));

export default function DispatchPage() {
  const { t } = useTranslation('dispatch');
  const shortScreen = useMediaQuery('(max-height: 820px)');
  // Entity changes only: position frames and clock ticks re-render the map and the clocks, not the page.
  const calls = useLiveEntities((s) => s.state.calls);
  const version = useLiveEntities((s) => s.entityVersion);
  const thresholds = useLiveEntities((s) => s.state.thresholds);
  const hospitals = useLiveEntities((s) => s.state.hospitals);
  // The queue ages with the wait: re-sorted each minute (ageing moves in 30-minute steps), not each second.
  const minute = useClockEvery(QUEUE_RESORT_MS);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const queue = useMemo(() => queueOf(calls.values(), minute, queueAgeingOf(thresholds)), [calls, version, minute, thresholds]);
  const session = useSession();
  const user = session.status === 'user' ? session.user.username : '';
  const hasDraft = useHasIntakeDraft(user);
  // A reload in the middle of a call comes back to the form as it was.
  const [panel, setPanel] = useState<Panel>(() => (loadIntake(user) ? { kind: 'intake' } : { kind: 'units' }));
  // The draft's point: kept while the form is away, shown only while it is open.
  const [pin, setPin] = useState<LonLat | null>(() => loadIntake(user)?.location ?? null);
  const [focus, setFocus] = useState<(LonLat & { zoom?: number }) | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  // Read all the time, not only while the panel is open: the tab's count is what tells a dispatcher to look.
  const callbacks = useCallbacks();
  const mySeat = useMySeat();
  const places = usePlaces();
  // Kept for the tab's life, so a reload in the middle of the caller's intake still shows who they are.
  const [answered, setAnsweredState] = useState<AnsweredCaller | null>(() => loadAnswered(user));
  const setAnswered = useCallback((a: AnsweredCaller | null) => {
    setAnsweredState(a);
    saveAnswered(user, a);
  }, [user]);
  // A new answer opens a fresh form (it reads its draft when it mounts).
  const [intakeKey, setIntakeKey] = useState(0);
  const [answering, setAnswering] = useState(false);
  const [phoneMessage, setPhoneMessage] = useState<string | null>(null);

  const selectedCallId = panel.kind === 'call' ? panel.id : null;
  const selectedCall = selectedCallId !== null ? calls.get(selectedCallId) : undefined;
  const hospital = panel.kind === 'hospital' ? hospitals.get(panel.id) : undefined;

  const openCall = useCallback((id: number, keyboard = false) => {
    setPanel({ kind: 'call', id, focus: keyboard });
    const c = calls.get(id);
    if (c) setFocus({ lon: c.lon, lat: c.lat });
  }, [calls]);
  // Stable, so memoised queue and unit rows are not all re-rendered when the page is.
  const selectCall = useCallback((id: number) => openCall(id), [openCall]);

  const walkQueue = useCallback(
    (step: 1 | -1) => {
      const order = [...queue.waiting, ...queue.active];
      if (order.length === 0) return;
      const i = order.findIndex((c) => c.id === selectedCallId);
      const next = order[i === -1 ? 0 : Math.min(order.length - 1, Math.max(0, i + step))];
      if (next) openCall(next.id, true);
    },
    [queue, selectedCallId, openCall],
  );

  const cannotAnswer = !mySeat ? t('phone.signInFirst') : mySeat.state === 'on_call' || mySeat.state === 'away' ? t(`phone.notReady.${mySeat.state}`) : null;
  // A message about the last press goes stale once the seat changes.
  useEffect(() => setPhoneMessage(null), [mySeat?.seat, mySeat?.state]);

  /** Take the longest-waiting caller at this seat and open their intake, already filled from the line. */
  const answer = useCallback(async () => {
    if (answering) return;
    if (!mySeat || cannotAnswer) return setPhoneMessage(cannotAnswer);
    // An unfinished intake is somebody's call: never overwritten by the next one.
    if (hasDraft) {
      setPanel({ kind: 'intake' });
      return setPhoneMessage(t('phone.finishIntake'));
    }
    setAnswering(true);
    setPhoneMessage(null);
    try {
      const { line } = await api.post<Answered>(`/api/seats/${mySeat.seat}/answer`, {}, { retry: true });
      const a = line.attempt;
      if (!a || a.ringingAt === null) throw new Error('answered line without its caller');
      const caller = callerOf({ ...line, state: 'ringing', attempt: { ...a, ringingAt: a.ringingAt } });
      const point = a.location ? { lon: a.location.lon, lat: a.location.lat } : null;
      const near = point ? nearestPlace(point, places) : null;
      saveIntake(user, { draft: { ...EMPTY_DRAFT, callerPhone: a.callerNumber, address: near?.name ?? '' }, location: point, locationText: point ? fmtPoint(point) : '', locationFromTown: null, picked: null });
      setAnswered({ caller, waitedS: a.answeredAt ? Math.max(0, Math.round((Date.parse(a.answeredAt) - Date.parse(a.ringingAt)) / 1000)) : null });
      setPin(point);
      if (point && a.location) setFocus({ ...point, zoom: zoomToShowRadius(a.location.accuracyM, point.lat) });
      setIntakeKey((k) => k + 1);
      setPanel({ kind: 'intake' });
    } catch (e) {
      setPhoneMessage(e instanceof ApiError ? t(`phone.errors.${e.code}`, { defaultValue: e.message }) : String(e));
    } finally {
      setAnswering(false);
    }
  }, [answering, mySeat, cannotAnswer, hasDraft, places, user, t, setAnswered]);

  /** The caller's intake is done (taken, closed as advice, merged): the seat goes to wrap-up for the next one. */
  const intakeDone = useCallback(() => {
    if (!answered) return;
    setAnswered(null);
    if (mySeat?.state === 'on_call') void setSeatState(mySeat.seat, 'wrap_up').catch(() => undefined);
  }, [answered, mySeat, setAnswered]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The answer key works from anywhere, a field included: a function key types nothing.
      if (e.key === ANSWER_KEY && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) {
        e.preventDefault();
        void answer();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (help) setHelp(false);
        else if (panel.kind !== 'units') setPanel({ kind: 'units' });
        return;
      }
      if (typing(e.target) || help) return;
      const key = e.key;
      if (key === 'n' || key === 'N' || key === 'F2') {
        e.preventDefault();
        setPanel({ kind: 'intake' });
      } else if (key === 'u' || key === 'U') {
        e.preventDefault();
        setPanel({ kind: 'units' });
      } else if (key === 'b' || key === 'B') {
        e.preventDefault();
        setPanel({ kind: 'callbacks' });
      } else if (key === 'j' || key === 'J') {
        e.preventDefault();
        walkQueue(1);
      } else if (key === 'k' || key === 'K') {
        e.preventDefault();
        walkQueue(-1);
      } else if (key === '?') {
        e.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, panel.kind, walkQueue, answer]);

  const tabs: [Panel['kind'], string, string][] = [
    ['intake', t('tabs.intake'), 'N'],
    ['call', t('tabs.call'), 'J/K'],
    ['units', t('tabs.units'), 'U'],
    ['callbacks', t('tabs.callbacks'), 'B'],
  ];

  return (
    <main className="dispatch" data-testid="dispatch-page">
      <h1 className="visually-hidden">{t('title')}</h1>
      <AvailabilityBanner />
      <DeclineAlerts onOpenCall={(id) => openCall(id)} />
      {/* On a short seat screen (768 px) four alert rows took a fifth of the height from the call panel. */}
      <AlertStrip canAck limit={shortScreen ? 1 : 4} />
      <div className="dispatch__body">
        <aside className="dispatch__queue" aria-label={t('queue.title')}>
          <div className="dispatch__queue-head">
            <button type="button" className="btn btn--primary btn--big" onClick={() => setPanel({ kind: 'intake' })} data-testid="new-call">
              {t('tabs.newCall')} <kbd>N</kbd>
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setHelp(true)} aria-label={t('help.title')}>
              ?
            </button>
          </div>
          <RingingBar onAnswer={() => void answer()} cannotAnswer={cannotAnswer} busy={answering} message={phoneMessage} />
          <CallQueue waiting={queue.waiting} active={queue.active} thresholds={thresholds} selectedId={selectedCallId} onSelect={selectCall} />
        </aside>
        <div className="dispatch__map">
          <CityMap
            legend="folded"
            pin={panel.kind === 'intake' ? pin : null}
            accuracy={panel.kind === 'intake' && answered?.caller.location ? { lon: answered.caller.location.lon, lat: answered.caller.location.lat, radiusM: answered.caller.location.accuracyM } : null}
            placing={panel.kind === 'intake'}
            focus={focus}
            selectedCallId={selectedCallId}
            selectedUnitId={panel.kind === 'units' ? unitId : null}
            onMapClick={(p) => {
              if (panel.kind === 'intake') setPin(p);
            }}
            onSelectCall={(id) => openCall(id)}
            onSelectUnit={(id) => {
              setUnitId(id);
              setPanel({ kind: 'units' });
            }}
            onSelectHospital={(id) => setPanel({ kind: 'hospital', id })}
          />
          {panel.kind === 'intake' && <p className="dispatch__map-hint">{t('intake.mapHint')}</p>}
        </div>
        <aside className="dispatch__side" aria-label={t('side')}>
          <nav className="side-tabs" aria-label={t('side')}>
            {tabs.map(([kind, label, key]) => (
              <button
                key={kind}
                type="button"
                className="side-tabs__tab"
                aria-pressed={panel.kind === kind}
                disabled={kind === 'call' && selectedCallId === null}
                onClick={() => (kind === 'intake' ? setPanel({ kind: 'intake' }) : kind === 'units' ? setPanel({ kind: 'units' }) : kind === 'callbacks' ? setPanel({ kind: 'callbacks' }) : undefined)}
                data-testid={`tab-${kind}`}
              >
                {label}{' '}
                {kind === 'callbacks' && (callbacks.entries?.length ?? 0) > 0 && (
                  <span className="count-badge" data-testid="callbacks-count">
                    {callbacks.entries?.length}
                  </span>
                )}
                {kind === 'intake' && hasDraft && panel.kind !== 'intake' && (
                  <span className="side-tabs__draft" data-testid="draft-cue">
                    {t('intake.draftCue')}
                  </span>
                )}
                <kbd>{key}</kbd>
              </button>
            ))}
          </nav>
          <div className="dispatch__panel">
            {panel.kind === 'intake' && (
              <IntakeForm
                key={intakeKey}
                user={user}
                answered={answered}
                location={pin}
                onLocation={(l) => {
                  setPin(l);
                  if (l) setFocus(l);
                }}
                onQueued={(call) => {
                  intakeDone();
                  setPanel({ kind: 'call', id: call.id, focus: true });
                  setFocus({ lon: call.lon, lat: call.lat });
                }}
                onMerged={(into) => {
                  intakeDone();
                  openCall(into.id);
                }}
                onClosed={(_call: Call) => intakeDone()}
                onDiscarded={intakeDone}
                onCancel={() => setPanel({ kind: 'units' })}
              />
            )}
            {panel.kind === 'call' && selectedCall && <CallPanel call={selectedCall} autoFocus={panel.focus} />}
            {panel.kind === 'call' && !selectedCall && <p className="hint">{t('call.gone')}</p>}
            {panel.kind === 'callbacks' && <CallbacksPanel entries={callbacks.entries} error={callbacks.error} onLogged={callbacks.reload} />}
            {panel.kind === 'units' && <UnitsPanel selectedId={unitId} onSelect={setUnitId} onOpenCall={selectCall} />}
            {hospital && <HospitalCard hospital={hospital} />}
          </div>
        </aside>
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </main>
  );
}
