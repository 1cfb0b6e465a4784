/** Request schemas for the REST API, shared so the client validates what the server validates. */
import { z } from 'zod';
import {
  CALL_OUTCOMES,
  CALL_STATUSES,
  CLINICAL_CLASSES,
  DECLINE_REASONS,
  ED_STATUSES,
  HOSPITAL_KINDS,
  PLACE_KINDS,
  PLACE_SETTINGS,
  ENTITY_TYPES,
  RISK_TIERS,
  ROLES,
  UNIT_KINDS,
  UNIT_STATUSES,
} from './model.ts';
import { passwordProblem, passwordProblemMessage } from './domain/passwordStrength.ts';
import { CALLER_LOCATION_SOURCES, LINE_EVENT_KINDS, SEAT_EVENT_KINDS } from './domain/telephony/lines.ts';
import { SEAT_STATES } from './domain/telephony/seats.ts';
import { CREW_STATUSES } from './domain/crewSteps.ts';
import { AVPU_LEVELS, VITAL_RANGES, VITALS_NOTE_MAX, vitalsProblem, type NumericVital } from './domain/vitalSigns.ts';
import { CALLBACK_OUTCOMES } from './domain/waiting/callbacks.ts';
import { isPlausibleIsoDate, MAX_DB_ID, MAX_PLAUSIBLE_DATE, MAX_SEQ, MIN_PLAUSIBLE_DATE } from './domain/plausibility.ts';

const text = (max: number) => z.string().trim().max(max);
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const count = z.number().int().min(0).max(100_000);
/** An entity id in a body: what a serial column holds, so a larger one is a 400, not a failed query. */
const id = z.number().int().min(1).max(MAX_DB_ID);
/** The same, from a path or a query string. */
const idParam = z.coerce.number().int().min(1).max(MAX_DB_ID);
const seqParam = z.coerce.number().int().max(MAX_SEQ);
const DATE_RANGE = 'must be between 2000 and 2100';
/** ISO date-times and dates within the plausible window (see domain/plausibility.ts). */
const dateTime = (opts?: { offset?: boolean }) => z.iso.datetime(opts).refine(isPlausibleIsoDate, DATE_RANGE);
const day = z.iso.date().refine(isPlausibleIsoDate, DATE_RANGE);

export const IdParams = z.object({ id: idParam });

export const FlagsBody = z.object({ nursingHome: z.boolean().default(false), pregnant: z.boolean().default(false), needsBed: z.boolean().default(false) });
const NO_FLAGS = { nursingHome: false, pregnant: false, needsBed: false };

export const CreateCallBody = z.object({
  callerPhone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'phone number: digits, 5 to 20'),
  address: text(200).min(1),
  lon,
  lat,
  complaint: text(300).min(1),
  clinicalClass: z.enum(CLINICAL_CLASSES),
  age: z.number().int().min(0).max(130).nullable().default(null),
  riskTier: z.enum(RISK_TIERS).nullable().default(null),
  flags: FlagsBody.default(NO_FLAGS),
  notes: text(2000).default(''),
  /** Close the call at once with this outcome: advice given, no unit. */
  closeAs: z.enum(['advice', 'home_care']).optional(),
});
export type CreateCallInput = z.infer<typeof CreateCallBody>;

export const UpdateCallBody = z
  .object({
    address: text(200).min(1),
    lon,
    lat,
    complaint: text(300).min(1),
    clinicalClass: z.enum(CLINICAL_CLASSES),
    age: z.number().int().min(0).max(130).nullable(),
    riskTier: z.enum(RISK_TIERS).nullable(),
    flags: FlagsBody,
    notes: text(2000),
  })
  .partial();
export type UpdateCallInput = z.infer<typeof UpdateCallBody>;

export const CallStatusBody = z.object({
  status: z.enum(CALL_STATUSES),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  reason: text(300).optional(),
});

export const MergeCallBody = z.object({ intoCallId: id });

export const AssignBody = z.object({
  unitId: id,
  hospitalId: id.nullable().default(null),
  /** Send a critical patient to a hospital on diversion; recorded with a warning. */
  overrideDiversion: z.boolean().default(false),
  /**
   * Send a standard unit ahead to a patient who needs critical care, because none is free
   * (docs/suggestions.md "Units"). It treats and waits; it does not transport, so no hospitalId.
   */
  firstResponder: z.boolean().default(false),
});
export type AssignInput = z.infer<typeof AssignBody>;

export const RerouteBody = z.object({
  hospitalId: id,
  overrideDiversion: z.boolean().default(false),
});

export const DeclineBody = z.object({ reason: z.enum(DECLINE_REASONS), note: text(300).default('') });

export const UnitStatusBody = z.object({ status: z.enum(UNIT_STATUSES), reason: text(300).optional() });

export const PositionFix = z.object({
  unitId: id,
  lon,
  lat,
  heading: z.number().min(0).max(360).default(0),
  speedKmh: z.number().min(0).max(300).default(0),
  /** Fix time in ms since epoch; the server also holds it to a window around its own clock. */
  at: z.number().int().min(MIN_PLAUSIBLE_DATE).lt(MAX_PLAUSIBLE_DATE),
});
export const PositionsBody = z.object({ fixes: z.array(PositionFix).min(1).max(5000) });
export type PositionFixInput = z.infer<typeof PositionFix>;

export const CapacityBody = z
  .object({
    openBeds: count,
    occupiedBeds: count,
    icuOpen: count,
    icuOccupied: count,
    icuConvertible: count,
    ventilatorsFree: count,
    edStatus: z.enum(ED_STATUSES),
    diversionUntil: dateTime().nullable(),
    feverClinicWaitMin: z.number().int().min(0).max(1440),
  })
  .partial();
export type CapacityInput = z.infer<typeof CapacityBody>;

export const TransferBody = z.object({
  complaint: text(300).min(1),
  clinicalClass: z.enum(CLINICAL_CLASSES),
  age: z.number().int().min(0).max(130).nullable().default(null),
  riskTier: z.enum(RISK_TIERS).nullable().default(null),
  flags: FlagsBody.default(NO_FLAGS),
  notes: text(2000).default(''),
  /** Where the patient goes; the designated hospital when left out. */
  toHospitalId: id.optional(),
});

export const LoginBody = z.object({ username: text(64).min(1), password: z.string().min(1).max(200) });

/** A new password: the shared strength rule (domain/passwordStrength.ts), without the username check. */
const password = z
  .string()
  .max(200)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    // `params.problem` lets a screen word the reason in its own language.
    if (problem) ctx.addIssue({ code: 'custom', message: passwordProblemMessage(problem), params: { problem } });
  });

export const CreateUserBody = z
  .object({
    username: z.string().trim().regex(/^[a-z0-9._-]{3,32}$/, 'username: 3-32 of a-z 0-9 . _ -'),
    displayName: text(80).min(1),
    password,
    role: z.enum(ROLES),
    hospitalId: id.nullable().default(null),
  })
  .superRefine((body, ctx) => {
    if (passwordProblem(body.password, body.username) === 'contains_username') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: passwordProblemMessage('contains_username'), params: { problem: 'contains_username' } });
    }
  });

export const UpdateUserBody = z
  .object({
    displayName: text(80).min(1),
    password,
    role: z.enum(ROLES),
    hospitalId: id.nullable(),
    disabled: z.boolean(),
  })
  .partial();

export const UpsertHospitalBody = z.object({
  code: z.string().trim().regex(/^[A-Z0-9-]{2,16}$/),
  name: text(80).min(1),
  nameEn: text(120).min(1),
  kind: z.enum(HOSPITAL_KINDS),
  lon,
  lat,
  /** The station based at the hospital; left out means none on create and unchanged on edit. */
  stationId: id.nullable().optional(),
});

export const UpsertUnitBody = z.object({
  callSign: z.string().trim().regex(/^[A-Za-z0-9-]{2,16}$/),
  kind: z.enum(UNIT_KINDS),
  stationId: id,
  hasTerminal: z.boolean().default(true),
  crew: z.object({ driver: text(40), doctor: text(40), nurse: text(40) }).default({ driver: '', doctor: '', nurse: '' }),
});

/** `code` is optional: without one the server gives 'ST' + the new id. */
export const UpsertStationBody = z.object({ code: z.string().trim().regex(/^[A-Z0-9-]{2,16}$/).optional(), name: text(80).min(1), nameEn: text(120).min(1), lon, lat });

/** Admin edits: any subset of the fields, no defaults (a missing field stays as it is). */
export const UpdateHospitalBody = UpsertHospitalBody.partial();
export const UpdateUnitBody = z
  .object({
    callSign: UpsertUnitBody.shape.callSign,
    kind: z.enum(UNIT_KINDS),
    stationId: id,
    hasTerminal: z.boolean(),
    crew: z.object({ driver: text(40), doctor: text(40), nurse: text(40) }),
  })
  .partial();
export const UpdateStationBody = UpsertStationBody.partial();

export const ThresholdsBody = z
  .object({
    icuOccupancyPct: z.number().min(1).max(100),
    offloadMinutes: z.number().min(1).max(600),
    offloadAmberMinutes: z.number().min(1).max(600),
    offloadRedMinutes: z.number().min(1).max(600),
    queueWaitMinutes: z.number().min(1).max(600),
    queueAgeingMinutes: z.number().min(0).max(600),
    loadMultiple: z.number().min(1).max(50),
    minFreeUnits: z.number().int().min(0).max(1000),
    staleCapacityMinutes: z.number().min(1).max(1440),
    baselineCallsPerHour: z.number().min(1).max(100_000),
    recontactMinutes: z.number().min(1).max(240),
  })
  .partial();

export const EventsQuery = z.object({
  afterSeq: seqParam.min(0).optional(),
  /** Page back through the log: only events older than this seq. */
  beforeSeq: seqParam.min(1).optional(),
  /** Username of the actor. */
  user: text(64).optional(),
  entity: z.enum(ENTITY_TYPES).optional(),
  entityId: idParam.optional(),
  from: dateTime().optional(),
  to: dateTime().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const DayQuery = z.object({ day: day.optional() });

/** /api/alerts: the alerts overlapping a time range (the last 24 h by default). */
export const AlertsQuery = z.object({ from: dateTime({ offset: true }).optional(), to: dateTime({ offset: true }).optional() });

export const DuplicateQuery = z.object({
  phone: z.string().trim().max(20).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
});

/** GET /api/calls/history: a caller's number as the network gave it, and where it places them (optional). */
export const CallerHistoryQuery = z.object({
  number: z.string().trim().regex(/^\+?[0-9][0-9 -]{2,19}$/, 'phone number: digits, 3 to 20'),
  lon: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  /** The network location's radius in metres: the nearby circle follows it (CALLER_HISTORY). */
  accuracyM: z.coerce.number().min(0).max(50_000).optional(),
  /** Count rings before this instant only (the ring being answered is not an earlier one). */
  before: dateTime({ offset: true }).optional(),
});

/** Longest address the search takes: a full address with building and room fits, a pasted paragraph does not. */
export const GEOCODE_MAX_QUERY = 80;

/** /api/geocode: address search over the gazetteer (or whatever GEOCODER is configured). */
export const GeocodeQuery = z.object({
  q: z.string().trim().min(1).max(GEOCODE_MAX_QUERY),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const PlaceSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  kind: z.enum(PLACE_KINDS),
  town: z.string(),
  setting: z.enum(PLACE_SETTINGS),
  lon,
  lat,
});

export const GeocodeResponse = z.array(z.object({ place: PlaceSchema, score: z.number() }));

/** A caller's number as the network gives it: digits with an optional leading +, 3 to 20 characters (120 itself, 110, mobiles, +86 ...). */
export const CallerNumber = z.string().regex(/^(?=.{3,20}$)\+?[0-9]+$/, 'caller number: digits with an optional leading +, 3 to 20 characters');

/** A seat's number, as painted on the desk. */
export const seatNumber = z.number().int().min(1).max(9999);

export const CallerLocationBody = z.object({
  lon,
  lat,
  /** Radius of the network's uncertainty; a cell estimate may be kilometres wide, beyond 50 km it says nothing. */
  accuracyM: z.number().min(0).max(50_000),
  source: z.enum(CALLER_LOCATION_SOURCES),
});

const LineEventId = z.string().regex(/^[A-Za-z0-9._:@-]{1,100}$/, 'event id: 1 to 100 of A-Z a-z 0-9 . _ : @ -');

export const LineEventBody = z
  .object({
    /** The gateway's own id of the event: a repeat of it is a duplicate, not a second event. */
    eventId: LineEventId,
    lineId: id,
    kind: z.enum(LINE_EVENT_KINDS),
    at: dateTime({ offset: true }),
    callerNumber: CallerNumber,
    location: CallerLocationBody.nullable().optional(),
    seat: seatNumber.nullable().optional(),
  })
  .superRefine((e, ctx) => {
    const needsSeat = (SEAT_EVENT_KINDS as readonly string[]).includes(e.kind);
    if (needsSeat && (e.seat === undefined || e.seat === null)) ctx.addIssue({ code: 'custom', path: ['seat'], message: `a seat is required for ${e.kind}` });
  });
export const TelephonyEventsBody = z.object({ events: z.array(LineEventBody).min(1).max(1000) });
export type LineEventInput = z.infer<typeof LineEventBody>;

/** A call back to a caller who hung up: named by an event of their attempt (from the list) or by their number. */
export const CallbackBody = z
  .object({
    attemptEventId: LineEventId.optional(),
    callerNumber: CallerNumber.optional(),
    outcome: z.enum(CALLBACK_OUTCOMES),
    note: text(300).default(''),
    /** The call opened from the call back, when the caller needed an ambulance after all. */
    callId: id.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.attemptEventId === undefined && b.callerNumber === undefined) ctx.addIssue({ code: 'custom', path: ['attemptEventId'], message: 'name the attempt (attemptEventId) or the caller (callerNumber)' });
  });
export type CallbackInput = z.infer<typeof CallbackBody>;

/** A re-contact of a waiting call's caller; a class change needs its reason. */
export const RecontactBody = z
  .object({
    outcome: z.enum(CALLBACK_OUTCOMES),
    note: text(300).default(''),
    clinicalClass: z.enum(CLINICAL_CLASSES).optional(),
    reason: text(300).optional(),
  });
export type RecontactInput = z.infer<typeof RecontactBody>;

export const SeatBody = z.object({ seat: seatNumber });
export const SeatParams = z.object({ seat: z.coerce.number().int().min(1).max(9999) });
export const SeatStateBody = z.object({ state: z.enum(SEAT_STATES) });

/** Every error answer has this shape. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
  current?: unknown;
}

/** POST /api/crew/shift: sign on to a unit for the shift (docs/crew.md). */
export const CrewShiftBody = z.object({ unitId: id });

/**
 * POST /api/crew/status: one tap. `expectedStatus` is the unit status the terminal showed when tapped, and
 * `transportId` the job it showed; either stale gives a 409 with the unit as it is now.
 */
export const CrewStatusBody = z.object({
  status: z.enum(CREW_STATUSES),
  expectedStatus: z.enum(UNIT_STATUSES).optional(),
  transportId: id.optional(),
  /** The unit the terminal acts for; a unit the member is not signed on to is refused (403). */
  unitId: id.optional(),
});

/** POST /api/crew/status/undo: take back the member's own last tap, within 30 s. */
export const CrewUndoBody = z.object({ unitId: id.optional() }).nullish();

const vital = (field: NumericVital) => {
  const r = VITAL_RANGES[field];
  const n = r.integer ? z.number().int() : z.number();
  return n.min(r.min).max(r.max).optional();
};

/**
 * POST /api/crew/vitals: a set of vitals for the ED. The ranges are domain/vitalSigns.ts's (VITAL_RANGES), and the
 * rules across fields (AVPU or GCS, diastolic below systolic, not empty) its vitalsProblem, so the 400 names the field.
 */
export const CrewVitalsBody = z
  .object({
    spo2: vital('spo2'),
    heartRate: vital('heartRate'),
    respRate: vital('respRate'),
    systolic: vital('systolic'),
    diastolic: vital('diastolic'),
    temperatureC: vital('temperatureC'),
    avpu: z.enum(AVPU_LEVELS).optional(),
    gcs: vital('gcs'),
    oxygenLpm: vital('oxygenLpm'),
    note: text(VITALS_NOTE_MAX).optional(),
    transportId: id.optional(),
    unitId: id.optional(),
  })
  .superRefine((body, ctx) => {
    const { transportId: _t, unitId: _u, ...reading } = body;
    const problem = vitalsProblem(reading);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
