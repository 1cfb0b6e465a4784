/** Drizzle schema: the tables of record plus the append-only event log. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Crew, PriorityFlags, Thresholds, VitalsReading } from '@dispatch/shared';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const stations = pgTable('stations', {
  id: serial('id').primaryKey(),
  /** The bundle's key for a station; a row inserted without one gets 'ST' + its id (trigger in migration 0001). */
  code: text('code').notNull().unique().default(sql`null`),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  lon: doublePrecision('lon').notNull(),
  lat: doublePrecision('lat').notNull(),
  version: integer('version').notNull().default(0),
});

export const hospitals = pgTable('hospitals', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').notNull(),
  lon: doublePrecision('lon').notNull(),
  lat: doublePrecision('lat').notNull(),
  openBeds: integer('open_beds').notNull().default(0),
  occupiedBeds: integer('occupied_beds').notNull().default(0),
  icuOpen: integer('icu_open').notNull().default(0),
  icuOccupied: integer('icu_occupied').notNull().default(0),
  icuConvertible: integer('icu_convertible').notNull().default(0),
  ventilatorsFree: integer('ventilators_free').notNull().default(0),
  edStatus: text('ed_status').notNull().default('open'),
  diversionUntil: ts('diversion_until'),
  feverClinicWaitMin: integer('fever_clinic_wait_min').notNull().default(0),
  /** The ambulance station based at this hospital, if any (hospitals.csv `station_code`). */
  stationId: integer('station_id').references(() => stations.id),
  capacityUpdatedAt: ts('capacity_updated_at').notNull().defaultNow(),
  capacityUpdatedBy: text('capacity_updated_by').notNull().default('system'),
  version: integer('version').notNull().default(0),
});

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    callSign: text('call_sign').notNull().unique(),
    kind: text('kind').notNull(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    status: text('status').notNull().default('available'),
    statusSince: ts('status_since').notNull().defaultNow(),
    callId: integer('call_id'),
    transportId: integer('transport_id'),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    heading: doublePrecision('heading').notNull().default(0),
    speedKmh: doublePrecision('speed_kmh').notNull().default(0),
    fixAt: ts('fix_at'),
    crew: jsonb('crew').$type<Crew>().notNull(),
    /** Display names of who is signed on for the shift (crew_shifts), kept on the row so every unit push carries them. */
    shiftCrew: text('shift_crew').array().notNull().default(sql`'{}'::text[]`),
    hasTerminal: boolean('has_terminal').notNull().default(true),
    /** Seq of the last logged change: the row's optimistic-lock version. */
    version: integer('version').notNull().default(0),
  },
  (t) => [index('units_status_idx').on(t.status)],
);

export const calls = pgTable(
  'calls',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull().default('emergency'),
    status: text('status').notNull(),
    outcome: text('outcome'),
    receivedAt: ts('received_at').notNull(),
    statusSince: ts('status_since').notNull(),
    callerPhone: text('caller_phone').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
    complaint: text('complaint').notNull(),
    clinicalClass: text('clinical_class').notNull(),
    age: integer('age'),
    riskTier: text('risk_tier'),
    // Rows from before needsBed lack the key; toCall reads a missing one as false.
    flags: jsonb('flags').$type<Omit<PriorityFlags, 'needsBed'> & { needsBed?: boolean }>().notNull(),
    notes: text('notes').notNull().default(''),
    sourceHospitalId: integer('source_hospital_id'),
    /** Requested destination of an inter-facility transfer. */
    transferToHospitalId: integer('transfer_to_hospital_id'),
    mergedIntoId: integer('merged_into_id'),
    /** Last time a dispatcher spoke to the caller again while the call waited (re-contact, 再次联系). */
    lastContactAt: ts('last_contact_at'),
    closedAt: ts('closed_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('calls_status_idx').on(t.status),
    index('calls_received_idx').on(t.receivedAt),
    index('calls_phone_idx').on(t.callerPhone),
  ],
);

export const transports = pgTable(
  'transports',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => calls.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    hospitalId: integer('hospital_id').references(() => hospitals.id),
    acceptance: text('acceptance'),
    declineReason: text('decline_reason'),
    declineNote: text('decline_note'),
    diversionOverride: boolean('diversion_override').notNull().default(false),
    assignedAt: ts('assigned_at').notNull(),
    acceptedAt: ts('accepted_at'),
    arrivedAt: ts('arrived_at'),
    handedOverAt: ts('handed_over_at'),
    closedAt: ts('closed_at'),
    /** The crew's acknowledgement on its terminal (not a unit status: the unit stays dispatched). */
    acknowledgedAt: ts('acknowledged_at'),
    /** The latest of transport_vitals, for every screen that shows the transport. */
    vitals: jsonb('vitals').$type<VitalsReading>(),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('transports_call_idx').on(t.callId),
    index('transports_hospital_idx').on(t.hospitalId),
    // One active job per unit: the database itself refuses a double assignment.
    uniqueIndex('transports_one_active_per_unit').on(t.unitId).where(sql`closed_at is null`),
  ],
);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  hospitalId: integer('hospital_id').references(() => hospitals.id),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
  version: integer('version').notNull().default(0),
});

export const sessions = pgTable('sessions', {
  /** sha256 of the opaque token: a stolen database does not yield live sessions. */
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
});

export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    /** Stable key of what the alert is about, so one condition raises one alert. */
    subject: text('subject').notNull(),
    message: text('message').notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    hospitalId: integer('hospital_id'),
    raisedAt: ts('raised_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    clearedAt: ts('cleared_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('alerts_one_open_per_subject').on(t.subject).where(sql`cleared_at is null`)],
);

/** The loaded city's gazetteer (places.csv), replaced wholesale by each import. */
export const places = pgTable(
  'places',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    kind: text('kind').notNull(),
    town: text('town').notNull(),
    setting: text('setting').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
  },
  (t) => [index('places_town_idx').on(t.town)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Thresholds | Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(0),
});

export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').primaryKey(),
  userId: integer('user_id').notNull(),
  route: text('route').notNull(),
  statusCode: integer('status_code').notNull(),
  response: jsonb('response').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Append-only audit trail and the only source of live pushes. */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    actorId: integer('actor_id'),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    name: text('name').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Hospitals whose staff may hear this event (destination before and after). */
    hospitalIds: integer('hospital_ids').array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [index('events_at_idx').on(t.at), index('events_entity_idx').on(t.entity, t.entityId), index('events_name_idx').on(t.name)],
);

/**
 * The centre's telephone lines (接警线路), numbered as the PBX numbers them; `surge` lines are the ones the
 * 5x plan adds (DOMAIN.md rule 4). An event for a line not listed here is refused.
 */
export const phoneLines = pgTable('phone_lines', {
  id: integer('id').primaryKey(),
  surge: boolean('surge').notNull().default(false),
  /** The line as its events make it now (LineState); what a console's snapshot starts from. Null before any event. */
  state: jsonb('state'),
});

/**
 * Calls back to callers who hung up before an answer (回拨): one row per attempt to reach them again.
 * `attemptEventId` is the first event id of the abandoned call attempt (its ring), which names the attempt.
 */
export const callbacks = pgTable(
  'callbacks',
  {
    id: serial('id').primaryKey(),
    attemptEventId: text('attempt_event_id').notNull(),
    callerNumber: text('caller_number').notNull(),
    at: ts('at').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    outcome: text('outcome').notNull(),
    note: text('note').notNull().default(''),
    /** The call opened from the call back, if any. */
    callId: integer('call_id').references(() => calls.id),
  },
  (t) => [index('callbacks_attempt_idx').on(t.attemptEventId)],
);

/** Dispatch seats (调度席位): who holds each one and what it is doing (shared/src/domain/telephony/seats.ts). */
export const seats = pgTable(
  'seats',
  {
    seat: integer('seat').primaryKey(),
    surge: boolean('surge').notNull().default(false),
    state: text('state').notNull().default('away'),
    stateSince: ts('state_since').notNull().defaultNow(),
    holderId: integer('holder_id').references(() => users.id),
    holderName: text('holder_name'),
    version: integer('version').notNull().default(0),
  },
  // One dispatcher, one seat: the database refuses a second.
  (t) => [uniqueIndex('seats_one_per_holder').on(t.holderId).where(sql`holder_id is not null`)],
);

/**
 * Every line event the telephony gateway posted, once: the primary key is the gateway's event id, so a
 * repeated post is seen as a duplicate. The line's attempts are reduced from these rows.
 */
export const lineEvents = pgTable(
  'line_events',
  {
    eventId: text('event_id').primaryKey(),
    lineId: integer('line_id')
      .notNull()
      .references(() => phoneLines.id),
    kind: text('kind').notNull(),
    at: ts('at').notNull(),
    callerNumber: text('caller_number').notNull(),
    location: jsonb('location'),
    seat: integer('seat').references(() => seats.seat),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  // By number too: the callback list and a caller's history look up every try of one number in a surge day.
  (t) => [index('line_events_line_at_idx').on(t.lineId, t.at), index('line_events_caller_at_idx').on(t.callerNumber, t.at)],
);

/**
 * Crew shifts (班次): a crew member signed on to a unit from their terminal until signing off. The unit's crew for
 * the shift is who is signed on now; `lastTap` is the member's last one-tap status, what an undo restores.
 */
export const crewShifts = pgTable(
  'crew_shifts',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at'),
    lastTap: jsonb('last_tap'),
  },
  // One unit per member at a time: the database refuses a second open shift.
  (t) => [uniqueIndex('crew_shifts_one_open_per_user').on(t.userId).where(sql`ended_at is null`), index('crew_shifts_unit_idx').on(t.unitId)],
);

/** Every set of vitals a crew sent for a transport (the pre-arrival notice's history; the latest is also on the transport). */
export const transportVitals = pgTable(
  'transport_vitals',
  {
    id: serial('id').primaryKey(),
    transportId: integer('transport_id')
      .notNull()
      .references(() => transports.id),
    at: ts('at').notNull(),
    byUserId: integer('by_user_id').references(() => users.id),
    reading: jsonb('reading').$type<VitalsReading>().notNull(),
  },
  (t) => [index('transport_vitals_transport_at_idx').on(t.transportId, t.at)],
);
