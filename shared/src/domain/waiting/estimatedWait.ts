/**
 * What to tell a waiting caller: roughly how long until an ambulance reaches them. From the call's place in
 * the queue (calls ahead of it in queue order take units first) and the fleet (units free now, then busy units
 * by when they are expected free, unitFreeEstimate.ts), each unit's drive to this patient by the travel
 * estimator. A planning figure said as a range, never a promise; "unknown" when the fleet in view cannot
 * serve the calls ahead, because a made-up number is worse than none.
 */
import type { Call, Unit } from '../../model.ts';
import { needsCriticalCare, unitMayCarry } from '../capability.ts';
import type { TravelTimeEstimator } from '../geo.ts';
import { queueOrderAt, type QueueAgeing, DEFAULT_QUEUE_AGEING } from '../priority.ts';
import { estimateUnitFree, type UnitJob } from '../unitFreeEstimate.ts';
import { isPlausiblePosition } from '../unitScreening.ts';
import { WAITING_FOR_UNIT } from './recontact.ts';

/** Callers are told a range rounded to this many minutes: "20 to 30 minutes", not "23.4". */
export const WAIT_ROUNDING_MINUTES = 5;
/**
 * The range's width: calls sicker than this one may come in and take the unit first, and a job may run
 * long. At least 10 minutes, or half the estimate when that is more.
 */
export const WAIT_MIN_SPREAD_MINUTES = 10;
export const WAIT_SPREAD_SHARE = 0.5;

export type EstimatedWait =
  | {
      kind: 'estimate';
      fromMin: number;
      toMin: number;
      /** Calls ahead of this one in queue order that need the same kind of unit. */
      ahead: number;
      /** Whether the unit counted on is free now (else busy, expected free). */
      unitFreeNow: boolean;
    }
  | { kind: 'unknown'; reason: 'not_waiting' | 'no_unit' | 'queue_beyond_fleet'; ahead: number };

/** The fleet as the estimate needs it: every unit, and what the busy ones are doing. */
export interface FleetView {
  units: Iterable<Unit>;
  jobs: ReadonlyMap<number, UnitJob>;
}

type WaitCall = Pick<Call, 'id' | 'status' | 'clinicalClass' | 'lon' | 'lat' | 'age' | 'flags' | 'riskTier' | 'receivedAt' | 'mergedIntoId'>;

// Drive times are estimates to a tenth of a minute; a float's 19.9999 must not round a wait down a step.
const tenth = (m: number) => Math.round(m * 10) / 10;
const roundDown = (m: number) => Math.max(0, Math.floor(m / WAIT_ROUNDING_MINUTES) * WAIT_ROUNDING_MINUTES);
const roundUp = (m: number) => Math.ceil(m / WAIT_ROUNDING_MINUTES) * WAIT_ROUNDING_MINUTES;

/**
 * The wait to tell the caller of `call`, given every open call (`queue`) and the fleet at `now`. The k-th
 * call in queue order (k = calls ahead that this call's units could also serve) is counted on the (k+1)-th
 * unit to reach it: units free now first, busy units by their expected arrival.
 */
export function estimatedWait(
  call: WaitCall,
  queue: Iterable<WaitCall>,
  fleet: FleetView,
  now: Date,
  estimator: TravelTimeEstimator,
  ageing: QueueAgeing = DEFAULT_QUEUE_AGEING,
): EstimatedWait {
  const waiting = (c: WaitCall) => WAITING_FOR_UNIT.includes(c.status) && c.mergedIntoId === null;
  if (!waiting(call)) return { kind: 'unknown', reason: 'not_waiting', ahead: 0 };
  // Only units that may carry this patient serve it; the calls ahead that compete are those such units could take too.
  const mayServe = (u: Unit) => unitMayCarry(u.kind, call.clinicalClass);
  const order = queueOrderAt(now, ageing);
  const ahead = [...queue].filter((c) => c.id !== call.id && waiting(c) && order(c, call) < 0).filter((c) => competes(c, call)).length;

  const etas: { eta: number; freeNow: boolean }[] = [];
  for (const u of fleet.units) {
    if (!mayServe(u) || !isPlausiblePosition(u)) continue;
    if (u.status === 'available' || u.status === 'returning') {
      // A returning unit can be sent from the road (recommendUnits offers it too).
      const eta = estimator.minutes(u, call, call.clinicalClass);
      if (Number.isFinite(eta)) etas.push({ eta: tenth(eta), freeNow: true });
      continue;
    }
    const busy = estimateUnitFree(u, fleet.jobs.get(u.id), call, now, estimator);
    if (busy) etas.push({ eta: busy.etaMinutes, freeNow: false });
  }
  if (etas.length === 0) return { kind: 'unknown', reason: 'no_unit', ahead };
  etas.sort((a, b) => a.eta - b.eta);
  const mine = etas[ahead];
  if (!mine) return { kind: 'unknown', reason: 'queue_beyond_fleet', ahead };
  const spread = Math.max(WAIT_MIN_SPREAD_MINUTES, mine.eta * WAIT_SPREAD_SHARE);
  const fromMin = roundDown(mine.eta);
  return { kind: 'estimate', fromMin, toMin: Math.max(fromMin + WAIT_ROUNDING_MINUTES, roundUp(mine.eta + spread)), ahead, unitFreeNow: mine.freeNow };
}

/**
 * Whether a call ahead takes a unit this call could have had: a patient who needs critical care waits only
 * for critical-care units, so only calls ahead that need one too; any other patient may get any unit.
 */
function competes(ahead: WaitCall, call: WaitCall): boolean {
  return !needsCriticalCare(call.clinicalClass) || needsCriticalCare(ahead.clinicalClass);
}

/** What busy units are doing, from the live state: each open transport's scene, destination and patient. */
export function unitJobsOf(
  transports: Iterable<{ unitId: number; callId: number; hospitalId: number | null; closedAt: string | null }>,
  calls: ReadonlyMap<number, Pick<Call, 'lon' | 'lat' | 'clinicalClass'>>,
  hospitals: ReadonlyMap<number, { lon: number; lat: number }>,
): Map<number, UnitJob> {
  const jobs = new Map<number, UnitJob>();
  for (const t of transports) {
    if (t.closedAt !== null) continue;
    const c = calls.get(t.callId);
    const h = t.hospitalId !== null ? hospitals.get(t.hospitalId) : undefined;
    jobs.set(t.unitId, { scene: c ? { lon: c.lon, lat: c.lat } : null, destination: h ? { lon: h.lon, lat: h.lat } : null, carrying: c?.clinicalClass ?? null });
  }
  return jobs;
}
