/** Reading the city back from the API, as any console does; the server's word wins over our plans. */
import { CLOSED_CALL_STATUSES, type Call, type Hospital, type Station, type Transport, type Unit } from '@dispatch/shared';
import { isOk } from './api.ts';
import type { TrackedTransport, TrackedUnit, World } from './world.ts';

const CLOSED: ReadonlySet<string> = new Set(CLOSED_CALL_STATUSES);

function track(u: Unit): TrackedUnit {
  return {
    id: u.id,
    callSign: u.callSign,
    kind: u.kind,
    stationId: u.stationId,
    hasTerminal: u.hasTerminal,
    status: u.status,
    callId: u.callId,
    transportId: u.transportId,
    pos: { lon: u.lon, lat: u.lat },
    heading: u.heading,
    legKmh: 0,
    path: null,
    target: null,
    dueAt: null,
    localChangeAt: 0,
    lastFixAt: 0,
    busy: false,
    treatOnScene: null,
  };
}

/** Forget the plan of the current status: the next step makes a new one. */
export function resetPlan(t: TrackedUnit): void {
  t.path = null;
  t.target = null;
  t.dueAt = null;
  t.treatOnScene = null;
}

/** Adopt what the server says about a unit (a human stood it down, re-tasked it, took it out of service). */
export function adoptUnit(t: TrackedUnit, u: Pick<Unit, 'status' | 'callId' | 'transportId'>): void {
  if (u.status === t.status && u.callId === t.callId && u.transportId === t.transportId) return;
  t.status = u.status;
  t.callId = u.callId;
  t.transportId = u.transportId;
  resetPlan(t);
}

export async function refreshUnits(w: World): Promise<void> {
  const sentAt = Date.now();
  const res = await w.people.dispatcher.call<Unit[]>('GET', '/api/units');
  if (!isOk(res) || !Array.isArray(res.body)) return;
  const seen = new Set<number>();
  for (const u of res.body) {
    seen.add(u.id);
    const t = w.units.get(u.id);
    if (!t) w.units.set(u.id, track(u));
    // Our own change landed after this list was read: the list is older than what we know.
    else if (!t.busy && t.localChangeAt < sentAt) adoptUnit(t, u);
  }
  for (const id of w.units.keys()) if (!seen.has(id)) w.units.delete(id);
}

export async function refreshCalls(w: World): Promise<void> {
  const res = await w.people.dispatcher.call<Call[]>('GET', '/api/calls?open=true');
  if (!isOk(res) || !Array.isArray(res.body)) return;
  const open = new Map(res.body.map((c) => [c.id, c]));
  // Closed calls and their finished transports are forgotten: memory stays bounded by what is live.
  for (const id of w.calls.keys()) if (!open.has(id)) w.calls.delete(id);
  for (const [id, c] of open) w.calls.set(id, c);
  const liveTransports = new Set<number>();
  for (const u of w.units.values()) if (u.transportId) liveTransports.add(u.transportId);
  for (const [id, t] of w.transports) if (t.closedAt || (!liveTransports.has(id) && !w.calls.has(t.callId))) w.transports.delete(id);
  const hourAgo = Date.now() - 3600_000 / w.speedup;
  w.recentCallers = w.recentCallers.filter((c) => c.time > hourAgo).slice(-200);
}

export async function refreshHospitals(w: World): Promise<void> {
  const res = await w.people.dispatcher.call<Hospital[]>('GET', '/api/hospitals');
  if (!isOk(res) || !Array.isArray(res.body)) return;
  for (const h of res.body) w.hospitals.set(h.id, h);
}

export async function loadStations(w: World): Promise<void> {
  const res = await w.people.dispatcher.call<Station[]>('GET', '/api/stations');
  if (!isOk(res) || !Array.isArray(res.body)) return;
  for (const s of res.body) w.stations.set(s.id, s);
}

/** Store a transport as the server returned it, keeping our timers. */
export function rememberTransport(w: World, t: Transport, now = Date.now()): TrackedTransport {
  const known = w.transports.get(t.id);
  const merged: TrackedTransport = known
    ? { ...known, ...t, fetchedAt: now }
    : { ...t, respondAt: null, respondFor: null, handoverAt: null, rerouteAt: null, askedAt: null, fetchedAt: now };
  w.transports.set(t.id, merged);
  return merged;
}

/** The transports of a call (destination, acceptance), read as the dispatcher. */
export async function fetchCall(w: World, callId: number): Promise<void> {
  const res = await w.people.dispatcher.call<{ call: Call; transports: Transport[] }>('GET', `/api/calls/${callId}`);
  if (!isOk(res) || !res.body?.call) return;
  if (CLOSED.has(res.body.call.status)) w.calls.delete(callId);
  else w.calls.set(callId, res.body.call);
  for (const t of res.body.transports) rememberTransport(w, t);
}

/**
 * Keep the transports of busy units fresh: a nurse may have accepted, a dispatcher rerouted.
 * At most `limit` reads a tick, the stalest first.
 */
export async function refreshTransports(w: World, now: number, limit: number): Promise<void> {
  const due: { callId: number; age: number }[] = [];
  const calls = new Set<number>();
  for (const u of w.units.values()) {
    if (!u.transportId || !u.callId || calls.has(u.callId)) continue;
    const t = w.transports.get(u.transportId);
    const age = t ? now - t.fetchedAt : Number.POSITIVE_INFINITY;
    if (age > 4000) {
      calls.add(u.callId);
      due.push({ callId: u.callId, age });
    }
  }
  due.sort((a, b) => b.age - a.age);
  await Promise.all(due.slice(0, limit).map((d) => fetchCall(w, d.callId)));
}
