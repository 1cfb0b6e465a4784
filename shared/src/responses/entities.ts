/** The domain entities as the REST API and the snapshot present them (server/src/presenters/entities.ts). */
import { z } from 'zod';
import {
  ACCEPTANCE_STATUSES,
  ALERT_KINDS,
  CALL_KINDS,
  CALL_OUTCOMES,
  CALL_STATUSES,
  CLINICAL_CLASSES,
  DECLINE_REASONS,
  ED_STATUSES,
  HOSPITAL_KINDS,
  RISK_TIERS,
  ROLES,
  UNIT_KINDS,
  UNIT_STATUSES,
  type Alert,
  type Call,
  type Hospital,
  type SessionUser,
  type Station,
  type Thresholds,
  type Transport,
  type Unit,
  type UserAccount,
} from '../model.ts';
import { AVPU_LEVELS, type VitalsReading } from '../domain/vitalSigns.ts';
import { entityId, instant } from './common.ts';

export const CallSchema = z
  .strictObject({
    id: entityId,
    number: z.string().meta({ description: 'Human call number: city day MMDD and id, e.g. 1125-0042' }),
    kind: z.enum(CALL_KINDS),
    status: z.enum(CALL_STATUSES),
    outcome: z.enum(CALL_OUTCOMES).nullable(),
    receivedAt: instant,
    statusSince: instant,
    callerPhone: z.string().optional().meta({ description: 'Left out for hospital staff' }),
    address: z.string(),
    lon: z.number(),
    lat: z.number(),
    complaint: z.string(),
    clinicalClass: z.enum(CLINICAL_CLASSES),
    age: z.number().int().nullable(),
    riskTier: z.enum(RISK_TIERS).nullable(),
    flags: z.strictObject({ nursingHome: z.boolean(), pregnant: z.boolean(), needsBed: z.boolean() }),
    notes: z.string(),
    sourceHospitalId: entityId.nullable(),
    transferToHospitalId: entityId.nullable(),
    mergedIntoId: entityId.nullable(),
    lastContactAt: instant.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Call' }) satisfies z.ZodType<Call>;

export const UnitSchema = z
  .strictObject({
    id: entityId,
    callSign: z.string(),
    kind: z.enum(UNIT_KINDS),
    stationId: entityId,
    status: z.enum(UNIT_STATUSES),
    statusSince: instant,
    callId: entityId.nullable(),
    transportId: entityId.nullable(),
    lon: z.number(),
    lat: z.number(),
    heading: z.number(),
    speedKmh: z.number(),
    fixAt: instant.nullable(),
    crew: z.strictObject({ driver: z.string(), doctor: z.string(), nurse: z.string() }),
    crewOnShift: z.array(z.string()).meta({ description: 'Crew members signed on to the unit for this shift (display names)' }),
    hasTerminal: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Unit' }) satisfies z.ZodType<Unit>;

export const VitalsReadingSchema = z
  .strictObject({
    spo2: z.number().optional(),
    heartRate: z.number().optional(),
    respRate: z.number().optional(),
    systolic: z.number().optional(),
    diastolic: z.number().optional(),
    temperatureC: z.number().optional(),
    avpu: z.enum(AVPU_LEVELS).optional(),
    gcs: z.number().optional(),
    oxygenLpm: z.number().optional(),
    note: z.string().optional(),
    at: instant,
    by: z.string(),
  })
  .meta({ id: 'VitalsReading' }) satisfies z.ZodType<VitalsReading>;

export const TransportSchema = z
  .strictObject({
    id: entityId,
    callId: entityId,
    unitId: entityId,
    hospitalId: entityId.nullable(),
    acceptance: z.enum(ACCEPTANCE_STATUSES).nullable(),
    declineReason: z.enum(DECLINE_REASONS).nullable(),
    declineNote: z.string().nullable(),
    diversionOverride: z.boolean(),
    assignedAt: instant,
    acceptedAt: instant.nullable(),
    arrivedAt: instant.nullable(),
    handedOverAt: instant.nullable(),
    closedAt: instant.nullable(),
    acknowledgedAt: instant.nullable(),
    vitals: VitalsReadingSchema.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Transport' }) satisfies z.ZodType<Transport>;

export const HospitalSchema = z
  .strictObject({
    id: entityId,
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: z.enum(HOSPITAL_KINDS),
    lon: z.number(),
    lat: z.number(),
    openBeds: z.number().int(),
    occupiedBeds: z.number().int(),
    icuOpen: z.number().int(),
    icuOccupied: z.number().int(),
    icuConvertible: z.number().int(),
    ventilatorsFree: z.number().int(),
    edStatus: z.enum(ED_STATUSES),
    diversionUntil: instant.nullable(),
    feverClinicWaitMin: z.number(),
    stationId: entityId.nullable(),
    capacityUpdatedAt: instant,
    capacityUpdatedBy: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Hospital' }) satisfies z.ZodType<Hospital>;

export const StationSchema = z
  .strictObject({ id: entityId, code: z.string(), name: z.string(), nameEn: z.string(), lon: z.number(), lat: z.number() })
  .meta({ id: 'Station' }) satisfies z.ZodType<Station>;

export const AlertSchema = z
  .strictObject({
    id: entityId,
    kind: z.enum(ALERT_KINDS),
    level: z.enum(['warning', 'critical']),
    subject: z.string(),
    message: z.string(),
    value: z.number(),
    threshold: z.number(),
    hospitalId: entityId.nullable(),
    raisedAt: instant,
    acknowledgedAt: instant.nullable(),
    acknowledgedBy: z.string().nullable(),
    clearedAt: instant.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Alert' }) satisfies z.ZodType<Alert>;

export const ThresholdsSchema = z
  .strictObject({
    icuOccupancyPct: z.number(),
    offloadMinutes: z.number(),
    offloadAmberMinutes: z.number(),
    offloadRedMinutes: z.number(),
    queueWaitMinutes: z.number(),
    queueAgeingMinutes: z.number(),
    loadMultiple: z.number(),
    minFreeUnits: z.number(),
    staleCapacityMinutes: z.number(),
    baselineCallsPerHour: z.number(),
    recontactMinutes: z.number(),
  })
  .meta({ id: 'Thresholds' }) satisfies z.ZodType<Thresholds>;

const sessionUserShape = {
  id: entityId,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  hospitalId: entityId.nullable(),
};

export const SessionUserSchema = z.strictObject(sessionUserShape).meta({ id: 'SessionUser' }) satisfies z.ZodType<SessionUser>;

export const UserAccountSchema = z
  .strictObject({ ...sessionUserShape, disabled: z.boolean(), createdAt: instant, activeSessions: z.number().int(), version: z.number().int() })
  .meta({ id: 'UserAccount' }) satisfies z.ZodType<UserAccount>;
