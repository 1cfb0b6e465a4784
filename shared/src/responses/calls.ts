/** Responses of /api/calls: a call with its transports, an assignment, the duplicate check, the suggestions. */
import { z } from 'zod';
import { UNIT_KINDS, UNIT_STATUSES, type Call, type Transport, type Unit } from '../model.ts';
import type { HospitalSuggestion } from '../domain/suggestHospitals.ts';
import type { UnitRecommendation, UnitSuggestions } from '../domain/recommendUnits.ts';
import type { UnitFreeEstimate } from '../domain/unitFreeEstimate.ts';
import { entityId } from './common.ts';
import { CallSchema, TransportSchema, UnitSchema } from './entities.ts';

/** GET /api/calls/:id: the call and the transports the caller may see. */
export const CallWithTransports = z.strictObject({ call: CallSchema, transports: z.array(TransportSchema) }) satisfies z.ZodType<{ call: Call; transports: Transport[] }>;

/** POST /api/calls/:id/assign: the call, the unit sent and the transport that binds them. */
export const Assignment = z.strictObject({ call: CallSchema, unit: UnitSchema, transport: TransportSchema }) satisfies z.ZodType<{ call: Call; unit: Unit; transport: Transport }>;

/** GET /api/calls/check: repeat callers (same phone) and open calls nearby, most recent first. */
export const RepeatsAndDuplicates = z.strictObject({ repeatOf: z.array(CallSchema), nearby: z.array(CallSchema) }) satisfies z.ZodType<{ repeatOf: Call[]; nearby: Call[] }>;

/** GET /api/calls/history: the caller's earlier calls and rings, and open calls near them. */
export const CallerHistorySchema = z
  .strictObject({
    number: z.string(),
    earlierCalls: z.array(CallSchema),
    rings: z.strictObject({ count: z.number().int(), lastAt: z.iso.datetime({ offset: true }).nullable() }),
    nearby: z.array(CallSchema),
    radiusM: z.number(),
  })
  .meta({ id: 'CallerHistory' });
export type CallerHistory = z.infer<typeof CallerHistorySchema>;

const UnitRecommendationSchema = z
  .strictObject({
    unitId: entityId,
    callSign: z.string(),
    kind: z.enum(UNIT_KINDS),
    status: z.enum(UNIT_STATUSES),
    etaMinutes: z.number(),
    distanceKm: z.number(),
    reasons: z.array(z.string()).meta({ description: 'critical_care_required, critical_care, standard_ok, keeps_critical_care_free, nearest, returning, first_responder' }),
  })
  .meta({ id: 'UnitRecommendation' }) satisfies z.ZodType<UnitRecommendation>;

const UnitFreeEstimateSchema = z.strictObject({
  unitId: entityId,
  callSign: z.string(),
  kind: z.enum(UNIT_KINDS),
  status: z.enum(UNIT_STATUSES),
  freeInMinutes: z.number(),
  etaMinutes: z.number(),
  assumptions: z.array(z.string()),
}) satisfies z.ZodType<UnitFreeEstimate>;

const HospitalSuggestionSchema = z
  .strictObject({
    hospitalId: entityId,
    name: z.string(),
    score: z.number(),
    factors: z.strictObject({
      travelMinutes: z.number(),
      freeBeds: z.number(),
      freeIcu: z.number(),
      ventilatorsFree: z.number(),
      icuPromised: z.number(),
      ventilatorsPromised: z.number(),
      atDoor: z.number(),
      longestWaitMinutes: z.number(),
      medianLastHourMinutes: z.number().nullable(),
      diversion: z.boolean(),
      edSaturated: z.boolean(),
      stale: z.boolean(),
      preferenceRank: z.number(),
    }),
    contributions: z.strictObject({
      travel: z.number(),
      beds: z.number(),
      icu: z.number(),
      ventilator: z.number(),
      noFreeIcu: z.number(),
      noFreeVentilator: z.number(),
      atDoor: z.number(),
      doorWait: z.number(),
      handoverMedian: z.number(),
      diversion: z.number(),
      stale: z.number(),
      preference: z.number(),
    }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'HospitalSuggestion' }) satisfies z.ZodType<HospitalSuggestion>;

/** GET /api/calls/:id/suggestions: units nearest first (with the critical-care fallback) and hospitals best first. */
export const CallSuggestions = z.strictObject({
  units: z.array(UnitRecommendationSchema),
  noCriticalCareFree: z.boolean(),
  firstResponder: UnitRecommendationSchema.nullable(),
  earliestCriticalCare: UnitFreeEstimateSchema.nullable(),
  hospitals: z.array(HospitalSuggestionSchema),
  estimator: z.string().meta({ description: 'Which travel-time estimator produced the ETAs' }),
}) satisfies z.ZodType<Omit<UnitSuggestions, 'skipped'> & { hospitals: HospitalSuggestion[]; estimator: string }>;
