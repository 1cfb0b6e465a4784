/** Responses of /api/reports (the JSON one; the CSV is text/csv). */
import { z } from 'zod';
import { CALL_OUTCOMES, CLINICAL_CLASSES, DECLINE_REASONS } from '../model.ts';
import type { DailyReport } from '../domain/dailyReport.ts';
import { CentreFiguresSchema, DispatcherFigureSchema } from './telephony.ts';
import { cityDay, count, entityId, instant, occupancyFields } from './common.ts';

const offload = {
  handovers: count,
  offloadMedianMin: z.number().nullable(),
  offloadP90Min: z.number().nullable(),
  offloadMaxMin: z.number().nullable(),
  unitHoursLost: z.number(),
};

/** GET /api/reports/daily: one city day, city-wide and per hospital. */
export const DailyReportSchema = z.strictObject({
  ...offload,
  day: cityDay,
  from: instant,
  to: instant,
  calls: z.strictObject({
    emergency: count,
    transfers: count,
    byOutcome: z.record(z.enum([...CALL_OUTCOMES, 'open']), count),
    byClass: z.record(z.enum(CLINICAL_CLASSES), count),
  }),
  load: z.strictObject({ baselinePerHour: z.number(), peakCallsInHour: count, peakMultiple: z.number(), peakAt: instant.nullable() }),
  declines: count,
  declinesByReason: z.record(z.enum(DECLINE_REASONS), count),
  hospitals: z.array(
    z.strictObject({
      ...offload,
      hospitalId: entityId,
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      declines: count,
      ...occupancyFields,
    }),
  ),
  centre: CentreFiguresSchema,
  dispatchers: z.array(DispatcherFigureSchema).nullable(),
}) satisfies z.ZodType<DailyReport>;
