/**
 * The simulated ED charge nurses (sim-hXX): they answer inbound requests, take the patient off the
 * stretcher after an offload delay that grows with how full the hospital is, and keep their bed, ICU
 * and ED status current, drifting upward in a surge.
 */
import { bedOccupancyPct, freeIcu, isOnDiversion, type CapacityInput, type Hospital, type Transport } from '@dispatch/shared';
import { isOk } from './api.ts';
import { rememberTransport } from './sync.ts';
import { between, simMs, type TrackedTransport, type World } from './world.ts';

/**
 * Offload delay in simulated minutes: about 5 when the hospital has room, rising steeply past 80%
 * to 40+ when full (DOMAIN.md rule 7: the main sign of saturation); a surge makes it worse.
 */
export function offloadMinutes(occupancyPct: number, surge: boolean, rand: () => number): number {
  const crowding = Math.min(1, Math.max(0, (occupancyPct - 60) / 40));
  const base = 5 + 40 * crowding ** 2;
  return base * (surge ? 1.3 : 1) * between(rand, 0.75, 1.25);
}

/** Each transport's hospital side: answer, then hand over. Runs in parallel, one request per transport. */
export async function stepStaff(w: World, now: number): Promise<void> {
  const work: Promise<void>[] = [];
  for (const t of w.transports.values()) {
    if (t.closedAt || t.hospitalId === null) continue;
    const hospital = w.hospitals.get(t.hospitalId);
    if (!hospital) continue;
    if (t.acceptance === 'pending') {
      if (t.respondFor !== t.hospitalId) {
        t.respondFor = t.hospitalId;
        t.respondAt = now + simMs(w, between(w.rand.staff, 10, 60) / 60);
      }
      if (t.respondAt !== null && now >= t.respondAt) work.push(respond(w, t, hospital));
    } else if (t.acceptance === 'arrived') {
      t.handoverAt ??= now + simMs(w, offloadMinutes(bedOccupancyPct(hospital), w.surge, w.rand.staff));
      if (now >= t.handoverAt) work.push(handOver(w, t));
    }
  }
  await Promise.all(work);
}

async function respond(w: World, t: TrackedTransport, h: Hospital): Promise<void> {
  const nurse = w.people.nurse(h.id);
  if (!nurse) return;
  t.respondAt = null; // one try; a failed try is retried after a fresh read
  const call = w.calls.get(t.callId);
  const sickest = call?.clinicalClass === 'critical' || call?.clinicalClass === 'severe';
  let reason: 'ed_saturated' | 'no_icu_bed' | null = null;
  if (bedOccupancyPct(h) > 95 && w.rand.staff() < 0.05) reason = 'ed_saturated';
  else if (sickest && h.kind !== 'designated' && freeIcu(h) === 0 && w.rand.staff() < 0.05) reason = 'no_icu_bed';
  const res = reason
    ? await nurse.call<Transport>('POST', `/api/transports/${t.id}/decline`, { reason, note: reason === 'ed_saturated' ? '急诊饱和，请改送他院' : 'ICU 无空床' })
    : await nurse.call<Transport>('POST', `/api/transports/${t.id}/accept`);
  if (isOk(res)) {
    rememberTransport(w, res.body);
    if (reason) w.stats.declined++;
    else w.stats.accepted++;
  } else {
    t.respondFor = null;
    t.fetchedAt = 0;
  }
}

async function handOver(w: World, t: TrackedTransport): Promise<void> {
  if (t.hospitalId === null) return;
  const nurse = w.people.nurse(t.hospitalId);
  if (!nurse) return;
  const res = await nurse.call<Transport>('POST', `/api/transports/${t.id}/handover`);
  if (!isOk(res)) {
    // Already handed over by a real nurse, or not logged in yet: read again, try later.
    t.handoverAt = Date.now() + 2000;
    t.fetchedAt = 0;
    return;
  }
  w.stats.handovers++;
  rememberTransport(w, res.body);
  w.admitted.set(t.hospitalId, (w.admitted.get(t.hospitalId) ?? 0) + 1);
  // The server released the unit (returning); follow at once so it starts for home.
  const unit = w.units.get(t.unitId);
  if (unit && unit.transportId === t.id) {
    unit.status = 'returning';
    unit.callId = null;
    unit.transportId = null;
    unit.path = null;
    unit.target = null;
    unit.dueAt = null;
    unit.localChangeAt = Date.now();
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));

/** A new capacity report for one hospital: admissions, discharges, ICU, ED status, fever clinic queue. */
export function nextCapacity(h: Hospital, opts: { surge: boolean; admitted: number; now: Date; rand: () => number }): CapacityInput {
  const { rand, surge } = opts;
  const drift = surge ? between(rand, -0.002, 0.012) : between(rand, -0.008, 0.006);
  const occupiedBeds = clamp(h.occupiedBeds + opts.admitted + h.openBeds * drift, 0, h.openBeds);
  const icuStep = rand() < (surge ? 0.5 : 0.3) ? 1 : rand() < 0.4 ? -1 : 0;
  const icuOccupied = clamp(h.icuOccupied + icuStep, 0, h.icuOpen);
  const ventilatorsFree = clamp(h.ventilatorsFree + (rand() < 0.5 ? 0 : rand() < (surge ? 0.7 : 0.4) ? -1 : 1), 0, 60);
  const feverClinicWaitMin = clamp(h.feverClinicWaitMin + (surge ? between(rand, -2, 12) : between(rand, -10, 6)), 5, 240);
  const pct = h.openBeds > 0 ? (occupiedBeds / h.openBeds) * 100 : 100;

  let edStatus = h.edStatus;
  let diversionUntil = h.diversionUntil;
  if (edStatus === 'diversion' && !isOnDiversion(h, opts.now)) edStatus = 'saturated';
  // The designated hospital never diverts: it is where the sickest must go.
  if (pct >= 99 && edStatus !== 'diversion' && h.kind !== 'designated' && rand() < 0.3) {
    edStatus = 'diversion';
    diversionUntil = new Date(opts.now.getTime() + 2 * 3600_000).toISOString();
  } else if (pct >= 95 && edStatus === 'open' && rand() < 0.5) edStatus = 'saturated';
  else if (pct < 90 && edStatus !== 'open') edStatus = 'open';
  if (edStatus !== 'diversion') diversionUntil = null;

  return { occupiedBeds, icuOccupied, ventilatorsFree, feverClinicWaitMin, edStatus, diversionUntil };
}

/** A few hospitals report new figures; only hospitals whose simulated nurse is logged in, plus one new login per round. */
export async function nudgeCapacity(w: World, now: number, count: number): Promise<void> {
  const all = [...w.hospitals.values()];
  if (all.length === 0) return;
  const ready = all.filter((h) => w.people.nurse(h.id)?.ready);
  const pool = ready.length > 0 ? ready : all;
  const chosen = new Set<Hospital>();
  for (let i = 0; i < count * 3 && chosen.size < Math.min(count, pool.length); i++) chosen.add(pool[Math.floor(w.rand.staff() * pool.length)] as Hospital);
  const newcomer = all[Math.floor(w.rand.staff() * all.length)];
  if (newcomer && !w.people.nurse(newcomer.id)?.ready) chosen.add(newcomer);
  await Promise.all(
    [...chosen].map(async (h) => {
      const nurse = w.people.nurse(h.id);
      if (!nurse) return;
      const admitted = w.admitted.get(h.id) ?? 0;
      const body = nextCapacity(h, { surge: w.surge, admitted, now: new Date(now), rand: w.rand.staff });
      const res = await nurse.call<Hospital>('PATCH', `/api/hospitals/${h.id}/capacity`, body);
      if (isOk(res)) {
        w.stats.capacityUpdates++;
        w.hospitals.set(h.id, res.body);
        w.admitted.set(h.id, 0);
      } else if (res && res.status >= 400) {
        w.stats.errors++;
        w.log.debug({ hospital: h.code, status: res.status, body: res.body }, 'simulator: capacity update refused');
      }
    }),
  );
}
