/** The Socket.IO contract between server and consoles. */
import type { PositionWire } from './positionsWire.ts';
import type { ReplayWire, SnapshotWire } from './snapshotWire.ts';
import type { CityImported, CityProfile } from './city.ts';
import type { LineLogged } from './domain/telephony/centreFigures.ts';
import type { Seat } from './domain/telephony/seats.ts';
import type { PhoneLine } from './domain/telephony/lines.ts';
import type { CallbackRecord } from './domain/waiting/callbacks.ts';
import type { RecontactRecord } from './domain/waiting/recontact.ts';
import { ENTITY_TYPES, type Alert, type Call, type EntityType, type Hospital, type SessionUser, type Station, type Thresholds, type Transport, type Unit, type UserAccount } from './model.ts';

/**
 * The wire contract's version. A console sends it in the handshake (`auth.protocol`); the server answers any
 * other (or none) with `reload` and a disconnect. 2: typed events, `reload`, `heartbeat`. 3: the snapshot carries the loaded `city`.
 * 4: the snapshot is gzip-compressed JSON in a binary attachment (snapshotWire.ts). 5: pushes are `events`, the
 * events of one commit in one packet per room (was `event`, one packet per event).
 */
export const PROTOCOL_VERSION = 5;

export const EVENT_NAMES = [
  'call.created',
  'call.updated',
  'call.statusChanged',
  'call.merged',
  /** A dispatcher called the caller of a waiting call again (re-contact); `data` carries what came of it. */
  'call.recontacted',
  /** The call as it is, now followed by one more hospital (a patient assigned or rerouted to it). */
  'call.sharedWithHospital',
  'unit.statusChanged',
  'unit.updated',
  /** The unit as it is, now heading to one more hospital. */
  'unit.sharedWithHospital',
  'unit.created',
  /** Who is signed on to the unit for the shift changed (a crew member signed on or off, docs/crew.md). */
  'unit.crewChanged',
  /** The crew took back its own last tap within 30 s; the unit (and its call) are as before the tap. */
  'unit.statusUndone',
  'transport.assigned',
  'transport.rerouted',
  'transport.accepted',
  'transport.declined',
  'transport.arrived',
  'transport.handedOver',
  'transport.cancelled',
  /** The crew acknowledged the job on its terminal (stamped with server time; the unit stays dispatched). */
  'transport.acknowledged',
  /** The crew sent vitals ahead to the ED; `data.vitals` is the reading. */
  'transport.vitalsRecorded',
  /** A crew's undone tap put the transport back (acknowledgement or arrival taken back). */
  'transport.stepUndone',
  'hospital.capacityChanged',
  'hospital.updated',
  'hospital.created',
  'alert.raised',
  'alert.escalated',
  'alert.acknowledged',
  'alert.cleared',
  'settings.changed',
  'demo.surgeChanged',
  /** A city bundle was imported: its manifest and how many places its gazetteer holds. */
  'city.imported',
  'user.created',
  'user.updated',
  'user.passwordReset',
  'user.sessionsRevoked',
  'station.updated',
  'station.created',
  /** A telephony event on a line (docs/telephony.md); `data` is the event and the line after it. */
  'line.ringing',
  'line.answered',
  'line.transferred',
  'line.ended',
  'line.abandoned',
  'seat.signedIn',
  'seat.signedOut',
  'seat.stateChanged',
  /** A dispatcher called back a caller who had hung up (domain/waiting/callbacks.ts). */
  'callback.logged',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** An account as the event log records it (no password hash, no session count). */
export type LoggedUser = Omit<UserAccount, 'activeSessions'>;

/**
 * Which entity an event is about and the state its `data` carries, by the event's name. `data` is the
 * entity after the change as the audience may see it; null when the audience gets no copy of it (or the
 * log holds none), and the reducer then drops the entity.
 */
export type EventBody<N extends EventName> = N extends 'call.recontacted'
  ? { entity: 'call'; data: RecontactedCall | null }
  : N extends `call.${string}`
  ? { entity: 'call'; data: Call | null }
  : N extends `unit.${string}`
    ? { entity: 'unit'; data: Unit | null }
    : N extends `transport.${string}`
      ? { entity: 'transport'; data: Transport | null }
      : N extends `hospital.${string}`
        ? { entity: 'hospital'; data: Hospital | null }
        : N extends `alert.${string}`
          ? { entity: 'alert'; data: Alert | null }
          : N extends `station.${string}`
            ? { entity: 'station'; data: Station | null }
            : N extends `user.${string}`
              ? { entity: 'user'; data: LoggedUser | null }
              : N extends 'settings.changed'
                ? { entity: 'settings'; data: Thresholds | null }
                : N extends 'demo.surgeChanged'
                  ? { entity: 'settings'; data: DemoState | null }
                  : N extends 'city.imported'
                    ? { entity: 'settings'; data: CityImported | null }
                    : N extends `line.${string}`
                      ? { entity: 'line'; data: LineLogged | null }
                      : N extends `seat.${string}`
                        ? { entity: 'seat'; data: Seat | null }
                        : N extends `callback.${string}`
                          ? { entity: 'callback'; data: CallbackRecord | null }
                          : never;

/** A call after a re-contact, with what came of it: the outcome, and a class change with its reason. */
export type RecontactedCall = Call & { recontact: RecontactRecord };


/** What every logged change carries, whatever its name. */
export interface LiveEventHeader {
  seq: number;
  at: string;
  actor: string;
  id: number;
}

/** A change without its header: a union keyed on `name`, so `entity` and `data` narrow with it. */
export type LiveChange = { [N in EventName]: { name: N } & EventBody<N> }[EventName];

/** One logged change as a console receives it. */
export type LiveEvent = LiveEventHeader & LiveChange;

/** The event of one name (`LiveEventOf<'transport.declined'>`). */
export type LiveEventOf<N extends EventName> = Extract<LiveEvent, { name: N }>;

/** The entity each event name is about: the runtime twin of EventBody. */
export function entityOfEvent(name: EventName): EntityType {
  if (name === 'demo.surgeChanged' || name === 'city.imported') return 'settings';
  const family = name.slice(0, name.indexOf('.'));
  return ENTITY_TYPES.find((entity) => entity === family) ?? 'settings';
}

/**
 * The one parse point from stored JSON to a typed event: the event log holds `data` as the command wrote
 * it from these same shared types, so only its discriminants are checked here (the entity follows from the
 * name; data is an object or null), not every field. Anything that is not an object becomes null.
 */
export function toTypedEvent(header: LiveEventHeader, name: EventName, data: unknown): LiveEvent {
  const body = { entity: entityOfEvent(name), data: typeof data === 'object' && data !== null && !Array.isArray(data) ? data : null };
  return { ...header, name, ...body } as LiveEvent;
}

/** The demo simulator's switches, when the demo runs (null otherwise). */
export interface DemoState {
  surge: boolean;
}

export interface Snapshot {
  protocol: number;
  seq: number;
  serverTime: string;
  user: SessionUser;
  calls: Call[];
  units: Unit[];
  transports: Transport[];
  hospitals: Hospital[];
  stations: Station[];
  alerts: Alert[];
  /** The centre's phone lines and their callers now (dispatch and command screens; hospitals get none). */
  lines: PhoneLine[];
  /** The dispatch seats and who holds them (dispatch and command screens; hospitals get none). */
  seats: Seat[];
  thresholds: Thresholds;
  /** The loaded city: its figures, calendar, bounds and rule profile (which kinds take which class, bed targets). */
  city: CityProfile;
  degraded: boolean;
  demo: DemoState | null;
}

/** Compact AVL frame: [unitId, lon, lat, headingDeg, speedKmh, fixAtMs]. */
export type PositionTuple = [number, number, number, number, number, number];

export interface PositionFrame {
  at: number;
  fixes: PositionTuple[];
}

export type ReplayResult =
  | { kind: 'replay'; fromSeq: number; toSeq: number; events: LiveEvent[] }
  | { kind: 'snapshot'; snapshot: Snapshot };

export type AckResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface ServerToClientEvents {
  /** gzip-compressed on the wire: decode with decodeSnapshot (snapshotWire.ts). */
  snapshot: (snapshot: SnapshotWire) => void;
  replay: (replay: Extract<ReplayResult, { kind: 'replay' }>) => void;
  /** The events of one commit that this room may hear, in seq order (one packet per commit, not per event). */
  events: (events: LiveEvent[]) => void;
  /** Binary on the wire: decode with decodePositions (positionsWire.ts). */
  positions: (frame: PositionWire) => void;
  'server:status': (status: { degraded: boolean; reason: string | null }) => void;
  'server:shutdown': (info: { reconnectInMs: number }) => void;
  'session:ended': (info: { reason: string }) => void;
  /** Every few seconds, the event log's newest seq: an idle console that lost the last push notices the gap. */
  heartbeat: (beat: { seq: number }) => void;
  /** The console speaks another protocol version than this server: load the page again. A disconnect follows. */
  reload: (info: { protocol: number; reason: string }) => void;
}

export interface ClientToServerEvents {
  /** Ask for everything after `lastSeq` (or a fresh snapshot when null or too old). */
  resync: (request: { lastSeq: number | null }, ack: (result: AckResult<ReplayWire>) => void) => void;
  /** Round-trip probe used by benchmarks and the connection indicator. */
  ping: (sentAt: number, ack: (serverAt: number) => void) => void;
}

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}

/** What the client sends in the handshake's `auth`. */
export interface HandshakeAuth {
  /** PROTOCOL_VERSION of the console's build; required (missing counts as old). */
  protocol?: number;
  lastSeq?: number | null;
  /** Only for non-browser clients (gateway, bench); browsers use the session cookie. */
  token?: string;
}
