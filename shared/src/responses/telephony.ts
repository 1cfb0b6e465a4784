/** Responses of /api/telephony and /api/seats. */
import { z } from 'zod';
import { SEAT_STATES, type Seat } from '../domain/telephony/seats.ts';
import { instant } from './common.ts';

/** What became of each posted event: stored, stored but held until its line's ring arrives, or a repeat already stored. */
export const LINE_EVENT_RESULTS = ['accepted', 'held', 'duplicate'] as const;

export const TelephonyAccepted = z
  .strictObject({
    accepted: z.number().int(),
    held: z.number().int(),
    duplicates: z.number().int(),
    results: z.array(z.strictObject({ eventId: z.string(), result: z.enum(LINE_EVENT_RESULTS) })),
  })
  .meta({ id: 'TelephonyAccepted' });

export const SeatSchema = z
  .strictObject({
    seat: z.number().int(),
    state: z.enum(SEAT_STATES),
    stateSince: instant,
    holder: z.strictObject({ userId: z.number().int(), displayName: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Seat' }) satisfies z.ZodType<Seat>;
