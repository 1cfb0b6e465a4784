/**
 * The other seats of the 120 centre (sim-dispatcher): they take calls as they come in, and they pick up
 * calls nobody has dispatched for a while, using the same suggestions a human sees. The wait leaves a
 * human dispatcher time to act first; whoever loses a race for a unit simply tries again.
 */
import type { Call, HospitalSuggestion, Transport, Unit, UnitRecommendation } from '@dispatch/shared';
import { isOk } from './api.ts';
import { drawCall, drawTransfer } from './callMix.ts';
import { rememberTransport } from './sync.ts';
import { simMs, type TrackedTransport, type World } from './world.ts';

/** How long a call waits before another seat takes it (simulated minutes). */
export const OTHER_SEATS_AFTER_MIN = 0.75;
/** Share of arrivals that are transfer requests from a township or sub-designated ward. */
const TRANSFER_SHARE = 0.04;
const MAX_ASSIGN_PER_TICK = 4;

interface Suggestions {
  units: UnitRecommendation[];
  hospitals: HospitalSuggestion[];
}

/** Calls per hour now: the normal rate, × the city's surge plan in a surge (5 when unknown), × the demo speed-up. */
export function callsPerHour(w: World, normalPerHour: number): number {
  return normalPerHour * (w.surge ? (w.city?.surgePlanMultiple ?? 5) : 1) * w.speedup;
}

/** Next Poisson arrival after `now` at `perHour`. */
export function nextArrival(now: number, perHour: number, rand: () => number): number {
  const meanMs = 3600_000 / perHour;
  return now + -Math.log(1 - rand()) * meanMs;
}

/** One incoming call through POST /api/calls (advice calls close at intake), or a transfer request. */
export async function takeCall(w: World, opts: { emergencyOnly?: boolean; callerPhone?: string } = {}): Promise<Call | null> {
  if (!w.city) return null;
  if (!opts.emergencyOnly && w.rand.calls() < TRANSFER_SHARE) return requestTransfer(w);
  const drawn = drawCall(w.rand.calls, { city: w.city, surge: w.surge, recent: w.recentCallers, emergencyOnly: opts.emergencyOnly });
  // The phone model rang this caller: the incident carries the number the line showed.
  if (opts.callerPhone) drawn.input.callerPhone = opts.callerPhone;
  const res = await w.people.dispatcher.call<Call>('POST', '/api/calls', drawn.input);
  if (!isOk(res)) {
    w.stats.errors++;
    return null;
  }
  w.stats.created++;
  if (drawn.kind === 'advice') w.stats.advice++;
  if (drawn.kind === 'repeat') w.stats.repeats++;
  if (drawn.kind === 'emergency') {
    w.calls.set(res.body.id, res.body);
    const { callerPhone: phone, lon, lat, address, age, riskTier, flags, clinicalClass } = drawn.input;
    w.recentCallers.push({ phone, at: { lon, lat }, address, patient: { age, riskTier, flags, clinicalClass }, time: Date.now() });
  }
  return res.body;
}

/**
 * With the phone model on, emergencies come from answered lines; a township hospital's transfer request does
 * not come over a 120 line (the nurse files it on her screen), so it keeps its own share of the arrivals.
 */
export async function takeTransferOnly(w: World): Promise<Call | null> {
  if (!w.city || w.rand.calls() >= TRANSFER_SHARE) return null;
  return requestTransfer(w);
}

async function requestTransfer(w: World): Promise<Call | null> {
  const senders = [...w.hospitals.values()].filter((h) => h.kind === 'township' || h.kind === 'sub_designated');
  const hospital = senders[Math.floor(w.rand.calls() * senders.length)];
  const nurse = hospital ? w.people.nurse(hospital.id) : null;
  if (!hospital || !nurse) return null;
  const res = await nurse.call<Call>('POST', `/api/hospitals/${hospital.id}/transfers`, drawTransfer(w.rand.calls));
  if (!isOk(res)) return null;
  w.stats.created++;
  w.stats.transfers++;
  return res.body;
}

async function suggestionsFor(w: World, callId: number): Promise<Suggestions | null> {
  const res = await w.people.dispatcher.call<Suggestions>('GET', `/api/calls/${callId}/suggestions`);
  return isOk(res) ? res.body : null;
}

/** Best destination for the class; a diverting ED only when the suggestion offers it (a critical patient, or the last fallback). */
function destinationsFor(call: Call, s: Suggestions, exclude: number | null): { hospitalId: number; overrideDiversion: boolean }[] {
  if (call.kind === 'transfer' && call.transferToHospitalId) return [{ hospitalId: call.transferToHospitalId, overrideDiversion: call.clinicalClass === 'critical' }];
  return s.hospitals
    .filter((h) => h.hospitalId !== exclude)
    .map((h) => ({ hospitalId: h.hospitalId, overrideDiversion: h.factors.diversion }));
}

/** Assign the top suggested unit with the top hospital; the unit's id, or null when another seat won it. */
export async function dispatchCall(w: World, call: Call): Promise<number | null> {
  const s = await suggestionsFor(w, call.id);
  const unit = s?.units[0];
  if (!s || !unit) return null;
  for (const dest of [...destinationsFor(call, s, null).slice(0, 2), null]) {
    const res = await w.people.dispatcher.call<{ call: Call; unit: Unit; transport: Transport; code?: string }>('POST', `/api/calls/${call.id}/assign`, {
      unitId: unit.unitId,
      hospitalId: dest?.hospitalId ?? null,
      overrideDiversion: dest?.overrideDiversion ?? false,
    });
    if (isOk(res)) {
      w.stats.assigned++;
      w.calls.set(call.id, res.body.call);
      rememberTransport(w, res.body.transport);
      const tracked = w.units.get(unit.unitId);
      if (tracked) {
        tracked.status = res.body.unit.status;
        tracked.callId = res.body.unit.callId;
        tracked.transportId = res.body.unit.transportId;
        tracked.path = null;
        tracked.dueAt = null;
        tracked.localChangeAt = Date.now();
      }
      return unit.unitId;
    }
    // The hospital went on diversion or lost its last ICU bed: try the next; anything else ends this try.
    if (res?.status !== 409 || !['HOSPITAL_ON_DIVERSION', 'HOSPITAL_CANNOT_TAKE'].includes(res.body.code ?? '')) return null;
  }
  return null;
}

/** Calls left waiting longer than the other seats allow, oldest first, a few a tick. */
export async function assignWaiting(w: World, now: number): Promise<void> {
  const after = simMs(w, OTHER_SEATS_AFTER_MIN);
  const waiting = [...w.calls.values()]
    .filter((c) => c.status === 'awaiting_unit' && now - Date.parse(c.statusSince) >= after)
    .sort((a, b) => Date.parse(a.statusSince) - Date.parse(b.statusSince))
    .slice(0, MAX_ASSIGN_PER_TICK);
  // One after another: two at once would both pick the same nearest unit.
  for (const call of waiting) await dispatchCall(w, call);
}

/** Give a transport a destination (crew on scene asking, or after a decline). */
export async function chooseDestination(w: World, t: TrackedTransport): Promise<void> {
  // The crew asks again every few seconds at most, not every tick.
  const now = Date.now();
  if (t.askedAt !== null && now - t.askedAt < 3000) return;
  t.askedAt = now;
  const call = w.calls.get(t.callId);
  if (!call) return;
  const s = await suggestionsFor(w, call.id);
  if (!s) return;
  const exclude = t.acceptance === 'declined' ? t.hospitalId : null;
  for (const dest of destinationsFor(call, s, exclude).slice(0, 3)) {
    const res = await w.people.dispatcher.call<Transport>('POST', `/api/transports/${t.id}/destination`, dest);
    if (isOk(res)) {
      rememberTransport(w, res.body);
      return;
    }
  }
  t.fetchedAt = 0;
}

/** Declined transports: after the same grace a human gets, another seat reroutes. */
export async function rerouteDeclined(w: World, now: number): Promise<void> {
  for (const t of w.transports.values()) {
    if (t.acceptance !== 'declined' || t.closedAt) continue;
    t.rerouteAt ??= now + simMs(w, OTHER_SEATS_AFTER_MIN);
    if (now >= t.rerouteAt) {
      t.rerouteAt = null;
      await chooseDestination(w, t);
    }
  }
}
