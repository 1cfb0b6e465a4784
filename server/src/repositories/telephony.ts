/** Phone lines, seats and the line events the telephony gateway posted. */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { CallerLocation, LineEvent, LineEventKind, LineState, PhoneLine, Seat, SeatState } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { lineEvents, phoneLines, seats } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type SeatRow = typeof seats.$inferSelect;
type LineEventRow = typeof lineEvents.$inferSelect;

export function toSeat(r: SeatRow): Seat {
  return {
    seat: r.seat,
    surge: r.surge,
    state: r.state as SeatState,
    stateSince: r.stateSince.toISOString(),
    holder: r.holderId === null ? null : { userId: r.holderId, displayName: r.holderName ?? '' },
    version: r.version,
  };
}

function toLineEvent(r: LineEventRow): LineEvent {
  return {
    eventId: r.eventId,
    lineId: r.lineId,
    kind: r.kind as LineEventKind,
    at: r.at.toISOString(),
    callerNumber: r.callerNumber,
    location: (r.location as CallerLocation | null) ?? null,
    seat: r.seat,
  };
}

export function createTelephonyRepo(db: Executor) {
  return {
    /** Lock the listed lines that exist, ascending (docs/decisions/0004-one-lock-order.md); returns their ids. */
    async lockLines(ids: readonly number[]): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await db.select({ id: phoneLines.id }).from(phoneLines).where(inArray(phoneLines.id, [...ids])).orderBy(asc(phoneLines.id)).for('no key update');
      return rows.map((r) => r.id);
    },
    /** The lines ringing now, read without a lock (the answer locks them, then reads them again). */
    async ringingLineIds(): Promise<number[]> {
      const rows = await db.select({ id: phoneLines.id }).from(phoneLines).where(sql`${phoneLines.state}->>'state' = 'ringing'`).orderBy(asc(phoneLines.id));
      return rows.map((r) => r.id);
    },
    /** The listed lines' states as last committed (read after their lock, so a line answered meanwhile shows on a call). */
    async lineStates(ids: readonly number[]): Promise<LineState[]> {
      if (ids.length === 0) return [];
      const rows = await db.select().from(phoneLines).where(inArray(phoneLines.id, [...ids])).orderBy(asc(phoneLines.id));
      return rows.map((r) => (r.state as LineState | null) ?? { lineId: r.id, state: 'idle', attempt: null });
    },
    /** Rings from this number (any of its spellings) in [since, before): the caller's earlier attempts on the lines. */
    async ringsFrom(numbers: readonly string[], since: Date, before: Date): Promise<{ count: number; lastAt: string | null }> {
      if (numbers.length === 0) return { count: 0, lastAt: null };
      const [row] = await db
        .select({ count: sql<number>`count(*)::int`, lastAt: sql<Date | string | null>`max(${lineEvents.at})` })
        .from(lineEvents)
        .where(and(inArray(lineEvents.callerNumber, [...numbers]), eq(lineEvents.kind, 'ringing'), gte(lineEvents.at, since), lt(lineEvents.at, before)));
      const lastAt = row?.lastAt ? new Date(row.lastAt).toISOString() : null;
      return { count: row?.count ?? 0, lastAt };
    },
    async existingSeats(numbers: readonly number[]): Promise<number[]> {
      if (numbers.length === 0) return [];
      return (await db.select({ seat: seats.seat }).from(seats).where(inArray(seats.seat, [...numbers]))).map((r) => r.seat);
    },
    /** Store events not stored before; returns the ids that were new (a repeated id is left as it was). */
    async insertEvents(events: readonly LineEvent[], now: Date): Promise<Set<string>> {
      if (events.length === 0) return new Set();
      const rows = await db
        .insert(lineEvents)
        .values(events.map((e) => ({ eventId: e.eventId, lineId: e.lineId, kind: e.kind, at: new Date(e.at), callerNumber: e.callerNumber, location: e.location ?? null, seat: e.seat ?? null, receivedAt: now })))
        .onConflictDoNothing({ target: lineEvents.eventId })
        .returning({ eventId: lineEvents.eventId });
      return new Set(rows.map((r) => r.eventId));
    },
    /** A line's events from `since` on, in time order. */
    async eventsOfLines(lineIds: readonly number[], since: Date): Promise<LineEvent[]> {
      if (lineIds.length === 0) return [];
      const rows = await db.select().from(lineEvents).where(and(inArray(lineEvents.lineId, [...lineIds]), gte(lineEvents.at, since))).orderBy(asc(lineEvents.at));
      return rows.map(toLineEvent);
    },
    /** Keep each line's state as its events make it now, in one statement for any number of lines. */
    async saveLineStates(states: readonly LineState[]): Promise<void> {
      if (states.length === 0) return;
      const rows = JSON.stringify(states.map((s) => ({ id: s.lineId, state: s })));
      await db.execute(sql`update phone_lines p set state = v.state from jsonb_to_recordset(${rows}::jsonb) as v(id integer, state jsonb) where p.id = v.id`);
    },
    /** Every line with its state; a line that never had an event is idle. */
    async listLines(): Promise<PhoneLine[]> {
      const rows = await db.select().from(phoneLines).orderBy(asc(phoneLines.id));
      return rows.map((r) => {
        const state = r.state as LineState | null;
        return { lineId: r.id, surge: r.surge, state: state?.state ?? 'idle', attempt: state?.attempt ?? null };
      });
    },
    async listSeats(): Promise<SeatRow[]> {
      return db.select().from(seats).orderBy(asc(seats.seat));
    },
    /** Lock seats ascending; missing ones are left out. */
    async lockSeats(numbers: readonly number[]): Promise<SeatRow[]> {
      if (numbers.length === 0) return [];
      return db.select().from(seats).where(inArray(seats.seat, [...numbers])).orderBy(asc(seats.seat)).for('no key update');
    },
    async seatOf(userId: number): Promise<SeatRow | undefined> {
      const [row] = await db.select().from(seats).where(eq(seats.holderId, userId));
      return row;
    },
    async updateSeat(seat: number, patch: Partial<typeof seats.$inferInsert>): Promise<SeatRow> {
      const [row] = await db.update(seats).set({ ...patch, version: bumpVersion() }).where(eq(seats.seat, seat)).returning();
      if (!row) throw new Error(`seat ${seat} vanished`);
      return row;
    },
  };
}
