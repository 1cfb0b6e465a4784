/**
 * The console's copy of the live state, and how snapshots, replays and events change it. Pure: the
 * React client and the server's tests use the same reducer, so "same state" means the same thing.
 */
import type { Alert, Call, Hospital, Station, Thresholds, Transport, Unit } from './model.ts';
import { DEFAULT_THRESHOLDS } from './model.ts';
import { cityProfileOf, NO_CITY, type CityProfile } from './city.ts';
import type { DemoState, LiveEvent, PositionFrame, ReplayResult, Snapshot } from './realtime.ts';
import type { PhoneLine } from './domain/telephony/lines.ts';
import type { Seat } from './domain/telephony/seats.ts';

export interface LiveState {
  /** Highest event seq applied; what a reconnect asks to continue from. */
  seq: number;
  /** Seq of the snapshot this state started from. */
  baseSeq: number;
  calls: Map<number, Call>;
  units: Map<number, Unit>;
  transports: Map<number, Transport>;
  hospitals: Map<number, Hospital>;
  alerts: Map<number, Alert>;
  stations: Map<number, Station>;
  /** Phone lines by line id: idle, ringing (who and since when) or on a call at a seat. */
  lines: Map<number, PhoneLine>;
  /** Dispatch seats by seat number. */
  seats: Map<number, Seat>;
  thresholds: Thresholds;
  /** The loaded city (figures, calendar, bounds, rules), from the snapshot and each 'city.imported'. */
  city: CityProfile;
  /** The demo's switches (surge), null when no simulator runs; changed by logged 'demo.surgeChanged' events. */
  demo: DemoState | null;
  /** Seq of the last change applied per entity ("call:12"), so an older copy never overwrites a newer one. */
  entitySeq: Map<string, number>;
}

/** An empty state, before the first snapshot. */
export function createLiveState(): LiveState {
  return {
    seq: 0,
    baseSeq: 0,
    calls: new Map(),
    units: new Map(),
    transports: new Map(),
    hospitals: new Map(),
    alerts: new Map(),
    stations: new Map(),
    lines: new Map(),
    seats: new Map(),
    thresholds: { ...DEFAULT_THRESHOLDS },
    city: NO_CITY,
    demo: null,
    entitySeq: new Map(),
  };
}

const byId = <T extends { id: number }>(items: readonly T[]) => new Map(items.map((x) => [x.id, x]));

/** Replace everything with a snapshot. */
export function applySnapshot(snapshot: Snapshot): LiveState {
  return {
    seq: snapshot.seq,
    baseSeq: snapshot.seq,
    calls: byId(snapshot.calls),
    units: byId(snapshot.units),
    transports: byId(snapshot.transports),
    hospitals: byId(snapshot.hospitals),
    alerts: byId(snapshot.alerts),
    stations: byId(snapshot.stations),
    // Older servers sent no lines or seats: an empty centre, not a crash.
    lines: new Map((snapshot.lines ?? []).map((l) => [l.lineId, l])),
    seats: new Map((snapshot.seats ?? []).map((s) => [s.seat, s])),
    thresholds: snapshot.thresholds,
    city: snapshot.city,
    demo: snapshot.demo,
    entitySeq: new Map(),
  };
}

/** Apply one event in place; returns false when it was older than what the state holds. */
export function applyEvent(state: LiveState, event: LiveEvent): boolean {
  const key = `${event.entity}:${event.id}`;
  const known = state.entitySeq.get(key) ?? 0;
  // A snapshot at seq S already holds every change up to S.
  if (event.seq <= known || event.seq <= state.baseSeq) return false;
  state.entitySeq.set(key, event.seq);
  if (event.seq > state.seq) state.seq = event.seq;
  switch (event.entity) {
    case 'call':
      if (event.name === 'call.recontacted' && event.data) {
        // The re-contact's record is the event's, not the call's: the call is kept as every other event leaves it.
        const { recontact: _r, ...call } = event.data;
        put(state.calls, event.id, call);
      } else put(state.calls, event.id, event.data);
      break;
    case 'unit': {
      const unit = event.data;
      const current = state.units.get(event.id);
      // Positions come on their own channel and may be newer than the unit's logged state.
      if (unit && current && current.fixAt && (!unit.fixAt || unit.fixAt < current.fixAt)) {
        put(state.units, event.id, { ...unit, lon: current.lon, lat: current.lat, heading: current.heading, speedKmh: current.speedKmh, fixAt: current.fixAt });
      } else put(state.units, event.id, unit);
      break;
    }
    case 'transport':
      put(state.transports, event.id, event.data);
      break;
    case 'hospital':
      put(state.hospitals, event.id, event.data);
      break;
    case 'alert':
      put(state.alerts, event.id, event.data);
      break;
    case 'station':
      put(state.stations, event.id, event.data);
      break;
    case 'settings':
      // Three settings share the entity: the thresholds, the demo's switches and the city (each under its own id).
      if (event.name === 'demo.surgeChanged') state.demo = event.data;
      else if (event.name === 'city.imported') state.city = cityProfileOf(event.data);
      else if (event.name === 'settings.changed' && event.data) state.thresholds = { ...state.thresholds, ...event.data };
      break;
    case 'line':
      // The event carries the line as it is after it; the plan flag only the snapshot has.
      if (event.data) state.lines.set(event.id, { ...event.data.line, surge: state.lines.get(event.id)?.surge ?? false });
      break;
    case 'seat':
      put(state.seats, event.id, event.data);
      break;
    case 'callback':
      // The callback list is built from the line events' history, which the live state does not keep: the
      // dispatch screen reads it over REST when it hears this (or a line event).
      break;
    case 'user':
      // Accounts are the admin screen's, which reads them over REST when it hears the event.
      break;
  }
  return true;
}

/** Apply what a reconnect returned: a replay of missed events, or a fresh snapshot. */
export function applyReplay(state: LiveState, result: ReplayResult): LiveState {
  if (result.kind === 'snapshot') return applySnapshot(result.snapshot);
  for (const event of result.events) applyEvent(state, event);
  if (result.toSeq > state.seq) state.seq = result.toSeq;
  return state;
}

/** Move units to their newest fixes; an older fix never moves a unit back. */
export function applyPositions(state: LiveState, frame: PositionFrame): void {
  for (const [id, lon, lat, heading, speedKmh, at] of frame.fixes) {
    const unit = state.units.get(id);
    if (!unit) continue;
    const fixAt = new Date(at).toISOString();
    if (unit.fixAt && unit.fixAt >= fixAt) continue;
    state.units.set(id, { ...unit, lon, lat, heading, speedKmh, fixAt });
  }
}

function put<T>(map: Map<number, T>, id: number, value: T | null): void {
  if (value === null || value === undefined) map.delete(id);
  else map.set(id, value);
}
