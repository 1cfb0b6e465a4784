/** Responses of /api/hospitals beyond the Hospital and Station themselves. */
import { z } from 'zod';
import { CLINICAL_CLASSES, DECLINE_REASONS } from '../model.ts';
import type { HospitalDay } from '../domain/hospitalDay.ts';
import { cityDay, instant } from './common.ts';

/** GET /api/hospitals/:id/today: one hospital's day at the ED door. */
export const HospitalDaySchema = z.strictObject({
  day: cityDay,
  from: instant,
  to: instant,
  handovers: z.number().int(),
  offloadMedianMin: z.number().nullable(),
  offloadP90Min: z.number().nullable(),
  declines: z.number().int(),
  declinesByReason: z.record(z.enum(DECLINE_REASONS), z.number().int()),
  patientsByClass: z.record(z.enum(CLINICAL_CLASSES), z.number().int()),
  atDoorNow: z.number().int(),
}) satisfies z.ZodType<HospitalDay>;
