/** What the ED screen computes from the live state: inbound patients with ETA, the door queue, transfers out. Pure. */
import {
  isCallOpen,
  offloadLevel,
  offloadMinutes,
  type Call,
  type Hospital,
  type LiveChange,
  type OffloadLevel,
  type Thresholds,
  type Transport,
  type TravelTimeEstimator,
  type Unit,
} from '@dispatch/shared';

/**
 * Minutes a crew usually spends with the patient before leaving the scene. Only used while the unit
 * has not left yet, where any ETA is a rough one; it is shown as "about".
 */
export const ON_SCENE_MINUTES = 10;

export interface InboundPatient {
  transport: Transport;
  call: Call | undefined;
  unit: Unit | undefined;
  /** Minutes until the unit reaches the ED; null when there is nothing to estimate from. */
  etaMinutes: number | null;
  /** Arrival time (ms); sort key. */
  etaAt: number | null;
  /** The unit has not picked the patient up yet, so the ETA includes the run to the scene. */
  rough: boolean;
}

const TO_SCENE = new Set<Unit['status']>(['dispatched', 'en_route']);

/** ETA of one inbound unit from its last position, via the scene when it has not picked up yet. */
export function etaMinutes(
  unit: Pick<Unit, 'lon' | 'lat' | 'status'> | undefined,
  call: Pick<Call, 'lon' | 'lat' | 'clinicalClass'> | undefined,
  hospital: Pick<Hospital, 'lon' | 'lat'>,
  estimator: TravelTimeEstimator,
): { minutes: number; rough: boolean } | null {
  if (!unit || !call) return null;
  const cls = call.clinicalClass;
  if (TO_SCENE.has(unit.status)) {
    return { minutes: estimator.minutes(unit, call, cls) + ON_SCENE_MINUTES + estimator.minutes(call, hospital, cls), rough: true };
  }
  if (unit.status === 'on_scene') return { minutes: ON_SCENE_MINUTES / 2 + estimator.minutes(call, hospital, cls), rough: true };
  // Transporting: the unit is on its way; the estimator's mobilisation minute is already behind it.
  return { minutes: Math.max(0, estimator.minutes(unit, hospital, cls) - 1), rough: false };
}

/**
 * Patients heading to this hospital: first those still awaiting this ED's answer (the crew and the
 * dispatcher are waiting on it), then the accepted ones, then the declined ones awaiting the dispatcher's
 * re-route; soonest arrival first within each.
 */
export function inboundPatients(
  hospital: Hospital,
  transports: Iterable<Transport>,
  calls: ReadonlyMap<number, Call>,
  units: ReadonlyMap<number, Unit>,
  estimator: TravelTimeEstimator,
  nowMs: number,
): InboundPatient[] {
  const rows: InboundPatient[] = [];
  for (const t of transports) {
    if (t.hospitalId !== hospital.id || t.closedAt || t.arrivedAt) continue;
    if (t.acceptance !== 'pending' && t.acceptance !== 'accepted' && t.acceptance !== 'declined') continue;
    const call = calls.get(t.callId);
    const unit = units.get(t.unitId);
    const eta = etaMinutes(unit, call, hospital, estimator);
    rows.push({ transport: t, call, unit, etaMinutes: eta?.minutes ?? null, etaAt: eta ? nowMs + eta.minutes * 60_000 : null, rough: eta?.rough ?? false });
  }
  const rank = (r: InboundPatient) => (r.transport.acceptance === 'pending' ? 0 : r.transport.acceptance === 'accepted' ? 1 : 2);
  return rows.sort(
    (a, b) => rank(a) - rank(b) || (a.etaAt ?? Number.MAX_SAFE_INTEGER) - (b.etaAt ?? Number.MAX_SAFE_INTEGER) || a.transport.id - b.transport.id,
  );
}

export interface AtDoor {
  transport: Transport;
  call: Call | undefined;
  unit: Unit | undefined;
  minutes: number;
  level: OffloadLevel;
}

/** Units at the ED door with the patient still on their stretcher, longest wait first. */
export function atTheDoor(
  hospitalId: number,
  transports: Iterable<Transport>,
  calls: ReadonlyMap<number, Call>,
  units: ReadonlyMap<number, Unit>,
  thresholds: Pick<Thresholds, 'offloadAmberMinutes' | 'offloadRedMinutes'>,
  now: Date,
): AtDoor[] {
  const rows: AtDoor[] = [];
  for (const t of transports) {
    if (t.hospitalId !== hospitalId || !t.arrivedAt || t.handedOverAt || t.closedAt) continue;
    const minutes = offloadMinutes(t, now) ?? 0;
    rows.push({ transport: t, call: calls.get(t.callId), unit: units.get(t.unitId), minutes, level: offloadLevel(minutes, thresholds) });
  }
  return rows.sort((a, b) => b.minutes - a.minutes);
}

export interface TransferOut {
  call: Call;
  transport: Transport | undefined;
  unit: Unit | undefined;
}

/** Transfers this hospital asked for, still open or closed in the last hour (the snapshot's window). */
export function transfersOut(hospitalId: number, calls: Iterable<Call>, transports: Iterable<Transport>, units: ReadonlyMap<number, Unit>): TransferOut[] {
  const list = [...transports];
  const rows: TransferOut[] = [];
  for (const c of calls) {
    if (c.kind !== 'transfer' || c.sourceHospitalId !== hospitalId) continue;
    const transport = list.filter((t) => t.callId === c.id).sort((a, b) => b.id - a.id)[0];
    rows.push({ call: c, transport, unit: transport ? units.get(transport.unitId) : undefined });
  }
  return rows.sort((a, b) => Number(isCallOpen(b.call.status)) - Number(isCallOpen(a.call.status)) || Date.parse(b.call.receivedAt) - Date.parse(a.call.receivedAt));
}

/** True when this event brings a new patient to this hospital (assigned to it, or rerouted to it). */
export function isNewInbound(e: LiveChange, hospitalId: number, known: ReadonlySet<number>): boolean {
  if (e.name !== 'transport.assigned' && e.name !== 'transport.rerouted') return false;
  const t = e.data;
  return !!t && t.hospitalId === hospitalId && !known.has(t.id);
}
