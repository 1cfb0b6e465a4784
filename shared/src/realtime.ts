/** The Socket.IO contract between server and consoles. */
import type { PositionWire } from './positionsWire.ts';
import type { Alert, Call, EntityType, Hospital, SessionUser, Station, Thresholds, Transport, Unit } from './model.ts';

export const PROTOCOL_VERSION = 1;

export const EVENT_NAMES = [
  'call.created',
  'call.updated',
  'call.statusChanged',
  'call.merged',
  /** The call as it is, now followed by one more hospital (a patient assigned or rerouted to it). */
  'call.sharedWithHospital',
  'unit.statusChanged',
  'unit.updated',
  /** The unit as it is, now heading to one more hospital. */
  'unit.sharedWithHospital',
  'unit.created',
  'transport.assigned',
  'transport.rerouted',
  'transport.accepted',
  'transport.declined',
  'transport.arrived',
  'transport.handedOver',
  'transport.cancelled',
  'hospital.capacityChanged',
  'hospital.updated',
  'hospital.created',
  'alert.raised',
  'alert.escalated',
  'alert.acknowledged',
  'alert.cleared',
  'settings.changed',
  'demo.surgeChanged',
  'user.created',
  'user.updated',
  'user.passwordReset',
  'user.sessionsRevoked',
  'station.updated',
  'station.created',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export type EntityData = Call | Unit | Transport | Hospital | Alert | Thresholds | Station | DemoState | Record<string, unknown>;

/** One logged change as a console receives it: the entity's state after the change. */
export interface LiveEvent {
  seq: number;
  name: EventName;
  at: string;
  actor: string;
  entity: EntityType;
  id: number;
  data: EntityData | null;
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
  thresholds: Thresholds;
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
  snapshot: (snapshot: Snapshot) => void;
  replay: (replay: Extract<ReplayResult, { kind: 'replay' }>) => void;
  event: (event: LiveEvent) => void;
  /** Binary on the wire: decode with decodePositions (positionsWire.ts). */
  positions: (frame: PositionWire) => void;
  'server:status': (status: { degraded: boolean; reason: string | null }) => void;
  'server:shutdown': (info: { reconnectInMs: number }) => void;
  'session:ended': (info: { reason: string }) => void;
}

export interface ClientToServerEvents {
  /** Ask for everything after `lastSeq` (or a fresh snapshot when null or too old). */
  resync: (request: { lastSeq: number | null }, ack: (result: AckResult<ReplayResult>) => void) => void;
  /** Round-trip probe used by benchmarks and the connection indicator. */
  ping: (sentAt: number, ack: (serverAt: number) => void) => void;
}

export interface SocketData {
  user: SessionUser;
  sessionId: string;
}

/** What the client sends in the handshake's `auth`. */
export interface HandshakeAuth {
  lastSeq?: number | null;
  /** Only for non-browser clients (gateway, bench); browsers use the session cookie. */
  token?: string;
}
