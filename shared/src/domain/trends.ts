/**
 * Trends replayed from the event log: the state at the window's start, then every logged change in
 * sequence order, sampled at each bucket's end. Because the log is append-only and durable, a chart
 * of yesterday looks the same after a restart.
 */
import type { Call, Hospital, Transport, Unit } from '../model.ts';
import { median } from './offload.ts';
import { QUEUE_STATUSES } from './surge.ts';

/** One logged change as the trend replay needs it: the entity's state after the change. */
export interface LoggedChange {
  seq: number;
  at: string;
  name: string;
  entity: string;
  entityId: number;
  after: unknown;
  /** Who made the change (the events table's actor id; null for the system), where a reader needs it. */
  actorId?: number | null;
}

type CallState = Pick<Call, 'id' | 'kind' | 'status'>;
type UnitState = Pick<Unit, 'id' | 'status'>;
type TransportState = Pick<Transport, 'id' | 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>;
type HospitalState = Pick<Hospital, 'id' | 'icuOpen' | 'icuOccupied' | 'openBeds' | 'occupiedBeds'>;

export interface TrendInput {
  from: Date;
  to: Date;
  bucketMinutes: number;
  /** Every entity's state at `from` (open calls and active transports are enough for those two). */
  initial: { calls: CallState[]; units: UnitState[]; transports: TransportState[]; hospitals: HospitalState[] };
  /** Changes with from <= at < to, in sequence order. */
  events: readonly LoggedChange[];
}

export interface TrendBucket {
  from: string;
  to: string;
  /** Emergency calls received in the bucket (advice-only included). */
  callsReceived: number;
  /** Calls waiting for a unit at the bucket's end, and the most at any moment in it. */
  queueLength: number;
  queueMax: number;
  unitsBusy: number;
  unitsInService: number;
  utilisationPct: number | null;
  /** Handovers in the bucket and the median of their offload minutes. */
  handovers: number;
  offloadMedianMin: number | null;
  /** Units held at an ED door at the bucket's end. */
  unitsHeld: number;
  icuOccupancyPct: number | null;
  bedOccupancyPct: number | null;
}

export interface TrendResult {
  from: string;
  to: string;
  bucketMinutes: number;
  buckets: TrendBucket[];
  /** Hospital capacity as it stood at `to`. */
  hospitalsAtEnd: HospitalState[];
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const isQueued = (status: string) => (QUEUE_STATUSES as readonly string[]).includes(status);

/** Replay the window bucket by bucket. */
export function buildTrends(input: TrendInput): TrendResult {
  const calls = new Map(input.initial.calls.map((c) => [c.id, c]));
  const units = new Map(input.initial.units.map((u) => [u.id, u]));
  const transports = new Map(input.initial.transports.map((t) => [t.id, t]));
  const hospitals = new Map(input.initial.hospitals.map((h) => [h.id, h]));
  // A running count: recounting the whole map per event would be quadratic on a surge day.
  let queued = [...calls.values()].filter((c) => isQueued(c.status)).length;
  const queueLength = () => queued;

  let received = 0;
  let offloads: number[] = [];
  const apply = (e: LoggedChange) => {
    if (e.after === null || typeof e.after !== 'object') return;
    if (e.entity === 'call') {
      const c = e.after as CallState;
      const was = calls.get(e.entityId);
      queued += (isQueued(c.status) ? 1 : 0) - (was && isQueued(was.status) ? 1 : 0);
      calls.set(e.entityId, c);
      if (e.name === 'call.created' && c.kind === 'emergency') received++;
    } else if (e.entity === 'unit') {
      units.set(e.entityId, e.after as UnitState);
    } else if (e.entity === 'transport') {
      const t = e.after as TransportState;
      transports.set(e.entityId, t);
      if (e.name === 'transport.handedOver' && t.arrivedAt && t.handedOverAt) {
        offloads.push((Date.parse(t.handedOverAt) - Date.parse(t.arrivedAt)) / 60_000);
      }
    } else if (e.entity === 'hospital') {
      hospitals.set(e.entityId, e.after as HospitalState);
    }
  };

  const step = input.bucketMinutes * 60_000;
  const end = input.to.getTime();
  const buckets: TrendBucket[] = [];
  let i = 0;
  for (let start = input.from.getTime(); start < end; start += step) {
    const stop = Math.min(start + step, end);
    received = 0;
    offloads = [];
    let queueMax = queueLength();
    for (; i < input.events.length; i++) {
      const e = input.events[i];
      if (!e || Date.parse(e.at) >= stop) break;
      apply(e);
      // One transaction logs several steps at one instant (an advice call is created and closed
      // at once): only the state after the whole transaction counts towards the peak.
      if (input.events[i + 1]?.at !== e.at) queueMax = Math.max(queueMax, queueLength());
    }
    const allUnits = [...units.values()];
    const inService = allUnits.filter((u) => u.status !== 'out_of_service').length;
    const busy = allUnits.filter((u) => u.status !== 'out_of_service' && u.status !== 'available').length;
    let icuOpen = 0;
    let icuOccupied = 0;
    let openBeds = 0;
    let occupiedBeds = 0;
    for (const h of hospitals.values()) {
      icuOpen += h.icuOpen;
      icuOccupied += h.icuOccupied;
      openBeds += h.openBeds;
      occupiedBeds += h.occupiedBeds;
    }
    buckets.push({
      from: new Date(start).toISOString(),
      to: new Date(stop).toISOString(),
      callsReceived: received,
      queueLength: queueLength(),
      queueMax,
      unitsBusy: busy,
      unitsInService: inService,
      utilisationPct: inService > 0 ? round1((busy / inService) * 100) : null,
      handovers: offloads.length,
      offloadMedianMin: round1(median(offloads)),
      unitsHeld: [...transports.values()].filter((t) => t.arrivedAt !== null && t.handedOverAt === null && t.closedAt === null).length,
      icuOccupancyPct: icuOpen > 0 ? round1((icuOccupied / icuOpen) * 100) : null,
      bedOccupancyPct: openBeds > 0 ? round1((occupiedBeds / openBeds) * 100) : null,
    });
  }
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    bucketMinutes: input.bucketMinutes,
    buckets,
    hospitalsAtEnd: [...hospitals.values()].sort((a, b) => a.id - b.id),
  };
}
