/** Responses of /api/telephony and /api/seats. */
import { z } from 'zod';
import { SEAT_STATES, type Seat } from '../domain/telephony/seats.ts';
import { CALLER_LOCATION_SOURCES, type LineState } from '../domain/telephony/lines.ts';
import { instant } from './common.ts';
import type { CentreFigures } from '../domain/telephony/centreFigures.ts';
import type { DispatcherFigure } from '../domain/telephony/dispatcherFigures.ts';
import { CALLBACK_OUTCOMES, type CallbackEntry, type CallbackRecord } from '../domain/waiting/callbacks.ts';

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
    surge: z.boolean(),
    state: z.enum(SEAT_STATES),
    stateSince: instant,
    holder: z.strictObject({ userId: z.number().int(), displayName: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Seat' }) satisfies z.ZodType<Seat>;

const ShareSchema = z.strictObject({ count: z.number().int(), of: z.number().int(), pct: z.number().nullable(), targetPct: z.number().nullable(), met: z.boolean().nullable() });
const ResponseSchema = z.strictObject({ calls: z.number().int(), averageMin: z.number().nullable(), p90Min: z.number().nullable(), targetMin: z.number(), met: z.boolean().nullable() });
const pctOrNull = z.number().nullable();
const HourSchema = z.strictObject({
  from: instant,
  offered: z.number().int(),
  multiple: z.number(),
  answeredWithinPct: pctOrNull,
  abandoned: z.number().int(),
  leftWithinPct: pctOrNull,
  responseUrbanMin: pctOrNull,
  responseRuralMin: pctOrNull,
  handoverWithinPct: pctOrNull,
});

/** GET /api/stats/centre: the 120 centre's own figures of one city day against their national targets. */
export const CentreFiguresSchema = z
  .strictObject({
    day: z.iso.date(),
    offered: z.number().int(),
    held: z.number().int(),
    answeredWithin: ShareSchema,
    abandoned: ShareSchema,
    leftWithin: ShareSchema,
    response: z.strictObject({ urban: ResponseSchema, rural: ResponseSchema }),
    handoverWithin: ShareSchema,
    hours: z.array(HourSchema),
    peakHour: HourSchema.nullable(),
  })
  .meta({ id: 'CentreFigures' }) satisfies z.ZodType<CentreFigures>;

/** GET /api/stats/dispatchers: each dispatcher's day at the phone (command group only). */
export const DispatcherFigureSchema = z
  .strictObject({
    userId: z.number().int(),
    displayName: z.string(),
    seats: z.array(z.number().int()),
    signedInMin: z.number().int(),
    answered: z.number().int(),
    answeredWithin: ShareSchema,
    averageRingSec: z.number().nullable(),
    averageTalkSec: z.number().nullable(),
    incidents: z.number().int(),
    adviceClosed: z.number().int(),
  })
  .meta({ id: 'DispatcherFigure' }) satisfies z.ZodType<DispatcherFigure>;
/** One call back as logged (POST /api/callbacks answers it; the callback list carries them). */
export const CallbackRecordSchema = z
  .strictObject({
    id: z.number().int(),
    attemptEventId: z.string(),
    callerNumber: z.string().meta({ description: "'' for the command group: the numbers are the dispatch seats' only" }),
    at: instant,
    by: z.string().nullable(),
    outcome: z.enum(CALLBACK_OUTCOMES),
    note: z.string(),
    callId: z.number().int().nullable(),
  })
  .meta({ id: 'CallbackRecord' }) satisfies z.ZodType<CallbackRecord>;

/** GET /api/callbacks: callers who hung up before an answer and have not been spoken to since, longest first. */
export const CallbackListSchema = z
  .array(
    z
      .strictObject({
        callerNumber: z.string(),
        attemptEventId: z.string(),
        lineId: z.number().int(),
        firstRangAt: instant,
        lastRangAt: instant,
        waitedSeconds: z.number().int().nullable(),
        abandoned: z.number().int(),
        tries: z.number().int(),
        repeat: z.boolean(),
        callbacks: z.array(CallbackRecordSchema),
      })
      .meta({ id: 'CallbackEntry' }) satisfies z.ZodType<CallbackEntry>,
  )
  .meta({ id: 'CallbackList' });

const CallerLocationSchema = z.strictObject({ lon: z.number(), lat: z.number(), accuracyM: z.number(), source: z.enum(CALLER_LOCATION_SOURCES) });

/** A line as the dispatch seats see it: idle, or the caller on it now (number, network location, ring time). */
export const LineStateSchema = z
  .strictObject({
    lineId: z.number().int(),
    state: z.enum(['idle', 'ringing', 'on_call']),
    attempt: z
      .strictObject({
        lineId: z.number().int(),
        callerNumber: z.string(),
        location: CallerLocationSchema.nullable(),
        state: z.enum(['ringing', 'on_call', 'ended', 'abandoned', 'lost']),
        ringingAt: instant.nullable(),
        answeredAt: instant.nullable(),
        seat: z.number().int().nullable(),
        answeredBySeat: z.number().int().nullable(),
        transfers: z.array(z.strictObject({ at: instant, seat: z.number().int().nullable() })),
        endedAt: instant.nullable(),
        eventIds: z.array(z.string()),
      })
      .nullable(),
  })
  .meta({ id: 'LineState' }) satisfies z.ZodType<LineState>;

/** POST /api/seats/:seat/answer: the line the seat took (its caller now on a call there) and the seat after. */
export const AnsweredSchema = z.strictObject({ line: LineStateSchema, seat: SeatSchema }).meta({ id: 'Answered' });
export type Answered = z.infer<typeof AnsweredSchema>;
