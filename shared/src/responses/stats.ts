/** Responses of /api/stats: the command group's "now" picture and its trends. */
import { z } from 'zod';
import { ED_STATUSES, HOSPITAL_KINDS, UNIT_STATUSES } from '../model.ts';
import { TARGET_MEASURES } from '../domain/ruleProfile.ts';
import type { NowStats } from '../domain/surge.ts';
import type { TrendResult } from '../domain/trends.ts';
import { cityDay, count, entityId, instant, occupancyFields } from './common.ts';

const minutes = z.number();

const HospitalPressureSchema = z.strictObject({
  hospitalId: entityId,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  kind: z.enum(HOSPITAL_KINDS),
  ...occupancyFields,
  icu: z.strictObject({
    measure: z.enum(TARGET_MEASURES).nullable(),
    icuRatioPct: z.number(),
    targetPct: z.number().nullable(),
    convertibleRatioPct: z.number(),
    convertibleTargetPct: z.number().nullable(),
    meetsIcu: z.boolean().nullable(),
    meetsConvertible: z.boolean().nullable(),
  }),
  icuConvertibleClosed: count,
  edStatus: z.enum(ED_STATUSES),
  diversionUntil: instant.nullable(),
  heldNow: count,
  longestHeldMin: minutes.nullable(),
  handoversToday: count,
  offloadMedianTodayMin: minutes.nullable(),
  capacityUpdatedAt: instant,
  level: z.enum(['ok', 'amber', 'red']),
});

/** GET /api/stats/now. */
export const NowStatsSchema = z.strictObject({
  at: instant,
  day: cityDay,
  queue: z.strictObject({ waiting: count, longestWaitMin: minutes.nullable() }),
  load: z.strictObject({
    callsLastHour: count,
    adviceLastHour: count,
    transfersLastHour: count,
    baselinePerHour: z.number(),
    multiple: z.number(),
    planMultiple: z.number(),
    alertMultiple: z.number(),
    callsToday: count,
    adviceToday: count,
  }),
  units: z.strictObject({
    total: count,
    byStatus: z.record(z.enum(UNIT_STATUSES), count),
    inService: count,
    busy: count,
    free: count,
    busyShare: z.number(),
    criticalCareTotal: count,
    criticalCareFree: count,
  }),
  offload: z.strictObject({
    heldNow: count,
    longestHeldMin: minutes.nullable(),
    handoversToday: count,
    medianTodayMin: minutes.nullable(),
    p90TodayMin: minutes.nullable(),
    unitHoursLostToday: z.number(),
    worstHospitals: z.array(
      z.strictObject({ hospitalId: entityId, code: z.string(), nameEn: z.string(), heldNow: count, longestHeldMin: minutes.nullable(), medianTodayMin: minutes.nullable() }),
    ),
  }),
  hospitals: z.array(HospitalPressureSchema),
  city: z.strictObject({
    ...occupancyFields,
    icuConvertibleClosed: count,
  }),
  diversion: z.array(entityId).meta({ description: 'Ids of hospitals on diversion' }),
  fleet: z.strictObject({ population: z.number(), residentsPerUnit: z.number(), required: z.number(), actual: count, meets: z.boolean() }),
}) satisfies z.ZodType<NowStats>;

/** GET /api/stats/trends: 15-minute buckets replayed from the event log. */
export const TrendsSchema = z.strictObject({
  from: instant,
  to: instant,
  bucketMinutes: z.number().int(),
  buckets: z.array(
    z.strictObject({
      from: instant,
      to: instant,
      callsReceived: count,
      queueLength: count,
      queueMax: count,
      unitsBusy: count,
      unitsInService: count,
      utilisationPct: z.number().nullable(),
      handovers: count,
      offloadMedianMin: minutes.nullable(),
      unitsHeld: count,
      icuOccupancyPct: z.number().nullable(),
      bedOccupancyPct: z.number().nullable(),
    }),
  ),
  // Loose on purpose: each entry is the hospital's state as last logged (or presented), whose other fields
  // follow the Hospital of the day it was logged; only these five are read by the replay and promised here.
  hospitalsAtEnd: z.array(
    z
      .looseObject({ id: entityId, icuOpen: count, icuOccupied: count, openBeds: count, occupiedBeds: count })
      .meta({ description: "The hospital's capacity at `to`: these five fields, and the rest of its state as it was logged" }),
  ),
}) satisfies z.ZodType<TrendResult>;
