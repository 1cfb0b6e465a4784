/**
 * The AVL gateway and the crews: units turn out, drive to the scene, stay a while, carry the patient
 * to the chosen hospital, wait for handover, drive home. Status changes go in as the in-cab terminal
 * would send them (by radio through a dispatch seat for units without one); fixes go in once a second.
 */
import { haversineKm, type ClinicalClass, type LonLat, type Unit, type UnitStatus, type Transport } from '@dispatch/shared';
import { isOk } from './api.ts';
import { advance, planPath, withNoise } from './paths.ts';
import { adoptUnit, rememberTransport, resetPlan } from './sync.ts';
import { between, simMs, type TrackedTransport, type TrackedUnit, type World } from './world.ts';

/** Average road speed by acuity: lights and siren for the sickest. */
const KMH: Readonly<Record<ClinicalClass, number>> = { critical: 58, severe: 52, common: 46, mild: 40, asymptomatic: 36 };
const HOME_KMH = 38;
const IDLE_FIX_MS = 30_000;
const MOVING = -1;
const STOPPED = -2;

export interface FleetHooks {
  /** The crew on scene asks the seat where to take the patient. */
  needDestination(t: TrackedTransport): Promise<void>;
}

/** One step of every unit; status changes run in parallel, each unit at most one at a time. */
export async function stepFleet(w: World, now: number, dtSec: number, hooks: FleetHooks): Promise<void> {
  const work: Promise<void>[] = [];
  for (const u of w.units.values()) {
    if (u.busy) continue;
    const p = stepUnit(w, u, now, dtSec, hooks);
    if (p) work.push(p);
  }
  await Promise.all(work);
}

function stepUnit(w: World, u: TrackedUnit, now: number, dtSec: number, hooks: FleetHooks): Promise<void> | null {
  const call = u.callId ? w.calls.get(u.callId) : undefined;
  const cls: ClinicalClass = call?.clinicalClass ?? 'common';
  const transport = u.transportId ? w.transports.get(u.transportId) : undefined;
  switch (u.status) {
    case 'dispatched':
      // Turnout: crew to the vehicle and rolling.
      u.dueAt ??= now + simMs(w, between(w.rand.moves, 0.5, 1.5));
      return now >= u.dueAt ? setStatus(w, u, 'en_route') : null;
    case 'en_route':
      if (!call) return null;
      return drive(w, u, call, KMH[cls], dtSec) ? setStatus(w, u, 'on_scene') : null;
    case 'on_scene':
      u.dueAt ??= now + simMs(w, between(w.rand.moves, 4, 12));
      if (now < u.dueAt || !transport) return null;
      if (transport.hospitalId !== null) return setStatus(w, u, 'transporting');
      // No destination chosen yet: some patients are treated where they are, the rest wait for the seat.
      u.treatOnScene ??= w.rand.moves() < 0.1;
      return u.treatOnScene ? setStatus(w, u, 'returning') : hooks.needDestination(transport);
    case 'transporting': {
      const hospital = transport?.hospitalId ? w.hospitals.get(transport.hospitalId) : undefined;
      if (!hospital) return null;
      return drive(w, u, hospital, KMH[cls] - 4, dtSec) ? setStatus(w, u, 'at_hospital') : null;
    }
    case 'returning': {
      const station = w.stations.get(u.stationId);
      if (!station) return null;
      return drive(w, u, station, HOME_KMH, dtSec) ? setStatus(w, u, 'available') : null;
    }
    case 'available': {
      // Stood down away from home: it drives back while free for a new call.
      const station = w.stations.get(u.stationId);
      if (station && (u.path || haversineKm(u.pos, station) > 0.15)) drive(w, u, station, HOME_KMH, dtSec);
      return null;
    }
    default:
      // at_hospital (the ED records handover) and out_of_service: stay put.
      return null;
  }
}

/** Moves the unit toward `to` for one step; true on arrival. */
function drive(w: World, u: TrackedUnit, to: LonLat, kmh: number, dtSec: number): boolean {
  const target = { lon: to.lon, lat: to.lat };
  if (!u.path || !u.target || u.target.lon !== target.lon || u.target.lat !== target.lat) {
    u.path = planPath(u.pos, target, w.rand.moves, w.city?.inside);
    u.target = target;
    u.legKmh = Math.round(kmh * between(w.rand.moves, 0.88, 1.12));
  }
  const leg = advance(u.pos, u.path, (u.legKmh * w.speedup * dtSec) / 3600);
  u.pos = leg.pos;
  u.heading = Math.round(leg.heading);
  u.path = leg.arrived ? null : leg.path;
  // Moved: a fix goes out this second; on arrival one more at standstill, so consoles show it stopped.
  u.lastFixAt = leg.arrived ? STOPPED : MOVING;
  return leg.arrived;
}

/** Send a status as the unit's terminal (or, without one, as the seat taking it by radio). */
async function setStatus(w: World, u: TrackedUnit, to: UnitStatus): Promise<void> {
  u.busy = true;
  try {
    const who = u.hasTerminal ? w.people.gateway : w.people.dispatcher;
    const res = await who.call<Unit & { code?: string; current?: Unit }>('POST', `/api/units/${u.id}/status`, { status: to });
    u.localChangeAt = Date.now();
    if (isOk(res)) {
      w.stats.statusChanges++;
      const transportId = u.transportId;
      adoptUnit(u, res.body);
      resetPlan(u);
      if (to === 'at_hospital' && transportId) markArrived(w, transportId, u.localChangeAt);
      return;
    }
    if (res?.status === 409) {
      // Someone else changed the unit (stood down, out of service): follow the server.
      const current = res.body.current;
      if (current && typeof current === 'object' && 'callSign' in current) adoptUnit(u, current);
      else u.localChangeAt = 0;
      w.log.debug({ unit: u.callSign, to, code: res.body.code }, 'simulator: status refused');
    }
    if (res && res.status >= 400) w.stats.errors++;
  } finally {
    u.busy = false;
  }
}

function markArrived(w: World, transportId: number, at: number): void {
  const t = w.transports.get(transportId);
  if (t) rememberTransport(w, { ...(t as Transport), acceptance: 'arrived', arrivedAt: new Date(at).toISOString() }, t.fetchedAt);
}

/** One batch of fixes: every unit that moved this second, and idle units every half minute. */
export async function sendFixes(w: World, now: number): Promise<void> {
  const fixes = [];
  for (const u of w.units.values()) {
    const moving = u.lastFixAt === MOVING;
    if (!moving && u.lastFixAt !== STOPPED && now - u.lastFixAt < IDLE_FIX_MS) continue;
    const p = withNoise(u.pos, w.rand.moves);
    fixes.push({ unitId: u.id, lon: p.lon, lat: p.lat, heading: u.heading % 360, speedKmh: moving ? u.legKmh : 0, at: now });
    u.lastFixAt = now;
  }
  if (fixes.length === 0) return;
  const res = await w.people.gateway.call('POST', '/api/units/positions', { fixes });
  if (isOk(res)) w.stats.fixesSent += fixes.length;
  else w.stats.errors++;
}
