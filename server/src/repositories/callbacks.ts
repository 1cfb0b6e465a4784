/** Callbacks to callers who hung up (callbacks table), and the line events the callback list is built from. */
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { CallbackOutcome, CallbackRecord, CallerLocation, LineEvent, LineEventKind } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { callbacks, lineEvents, users } from '../db/schema.ts';

function toLineEvent(r: typeof lineEvents.$inferSelect): LineEvent {
  return { eventId: r.eventId, lineId: r.lineId, kind: r.kind as LineEventKind, at: r.at.toISOString(), callerNumber: r.callerNumber, location: (r.location as CallerLocation | null) ?? null, seat: r.seat };
}

type Joined = typeof callbacks.$inferSelect & { by: string | null };

export function toCallbackRecord(r: Joined): CallbackRecord {
  return { id: r.id, attemptEventId: r.attemptEventId, callerNumber: r.callerNumber, at: r.at.toISOString(), by: r.by, outcome: r.outcome as CallbackOutcome, note: r.note, callId: r.callId };
}

export function createCallbackRepo(db: Executor) {
  const k = lineEvents.kind;
  return {
    /**
     * Line events since `since` of the numbers that may have a caller to call back: some attempt of theirs was
     * abandoned, or rang or ended more often than it was answered. Only these numbers' attempts are rebuilt,
     * not a whole surge day of lines.
     */
    async eventsOfUnansweredNumbers(since: Date): Promise<LineEvent[]> {
      const numbers = db
        .select({ n: lineEvents.callerNumber })
        .from(lineEvents)
        .where(gte(lineEvents.at, since))
        .groupBy(lineEvents.callerNumber)
        .having(
          sql`count(*) filter (where ${k} = 'abandoned') > 0 or count(*) filter (where ${k} = 'ringing') > count(*) filter (where ${k} = 'answered') or count(*) filter (where ${k} = 'ended') > count(*) filter (where ${k} = 'answered')`,
        );
      const rows = await db.select().from(lineEvents).where(and(gte(lineEvents.at, since), inArray(lineEvents.callerNumber, numbers))).orderBy(asc(lineEvents.at));
      return rows.map(toLineEvent);
    },
    /** Every event of one number since `since`, in time order. */
    async eventsOfNumber(callerNumber: string, since: Date): Promise<LineEvent[]> {
      const rows = await db.select().from(lineEvents).where(and(eq(lineEvents.callerNumber, callerNumber), gte(lineEvents.at, since))).orderBy(asc(lineEvents.at));
      return rows.map(toLineEvent);
    },
    async lineEvent(eventId: string): Promise<LineEvent | undefined> {
      const [row] = await db.select().from(lineEvents).where(eq(lineEvents.eventId, eventId));
      return row ? toLineEvent(row) : undefined;
    },
    async since(since: Date): Promise<CallbackRecord[]> {
      const rows = await db
        .select({ c: callbacks, by: users.displayName })
        .from(callbacks)
        .leftJoin(users, eq(users.id, callbacks.byUserId))
        .where(gte(callbacks.at, since))
        .orderBy(asc(callbacks.at), asc(callbacks.id));
      return rows.map((r) => toCallbackRecord({ ...r.c, by: r.by }));
    },
    async insert(row: typeof callbacks.$inferInsert): Promise<typeof callbacks.$inferSelect> {
      const [inserted] = await db.insert(callbacks).values(row).returning();
      if (!inserted) throw new Error('callback insert returned nothing');
      return inserted;
    },
  };
}
