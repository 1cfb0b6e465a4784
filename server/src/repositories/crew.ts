/** Crew shifts and the vitals crews send: Drizzle only. */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { CrewStatus, UnitStatus, VitalsReading } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { crewShifts, transportVitals, users } from '../db/schema.ts';

export type CrewShiftRow = typeof crewShifts.$inferSelect;
export type TransportVitalsRow = typeof transportVitals.$inferSelect;

/** A member's last one-tap status, as an undo needs it: what the tap changed and what was there before. */
export interface LastTap {
  at: string;
  status: CrewStatus;
  unitId: number;
  transportId: number | null;
  unitBefore: { status: UnitStatus; statusSince: string };
  callBefore: { id: number; status: string; statusSince: string } | null;
  callAfter: { status: string; statusSince: string } | null;
  transportBefore: { acceptance: string | null; arrivedAt: string | null } | null;
  undone: boolean;
}

export function createCrewRepo(db: Executor) {
  return {
    async openShiftOf(userId: number): Promise<CrewShiftRow | undefined> {
      const [row] = await db.select().from(crewShifts).where(and(eq(crewShifts.userId, userId), isNull(crewShifts.endedAt)));
      return row;
    },
    /** The shift row locked; taken after the unit's row (docs/decisions/0004-one-lock-order.md). */
    async lockShift(id: number): Promise<CrewShiftRow | undefined> {
      const [row] = await db.select().from(crewShifts).where(eq(crewShifts.id, id)).for('update');
      return row;
    },
    async startShift(userId: number, unitId: number, at: Date): Promise<CrewShiftRow> {
      const [row] = await db.insert(crewShifts).values({ userId, unitId, startedAt: at }).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async updateShift(id: number, patch: Partial<typeof crewShifts.$inferInsert>): Promise<CrewShiftRow> {
      const [row] = await db.update(crewShifts).set(patch).where(eq(crewShifts.id, id)).returning();
      if (!row) throw new Error(`crew shift ${id} vanished`);
      return row;
    },
    /** Display names of who is signed on to a unit now, in sign-on order. */
    async namesOnShift(unitId: number): Promise<string[]> {
      const rows = await db
        .select({ name: users.displayName })
        .from(crewShifts)
        .innerJoin(users, eq(users.id, crewShifts.userId))
        .where(and(eq(crewShifts.unitId, unitId), isNull(crewShifts.endedAt)))
        .orderBy(asc(crewShifts.startedAt), asc(crewShifts.id));
      return rows.map((r) => r.name);
    },
    async addVitals(transportId: number, byUserId: number | null, reading: VitalsReading): Promise<TransportVitalsRow> {
      const [row] = await db.insert(transportVitals).values({ transportId, byUserId, at: new Date(reading.at), reading }).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    /** A transport's vitals, newest first. */
    async vitalsOf(transportId: number, limit = 100): Promise<VitalsReading[]> {
      const rows = await db.select().from(transportVitals).where(eq(transportVitals.transportId, transportId)).orderBy(desc(transportVitals.at), desc(transportVitals.id)).limit(limit);
      return rows.map((r) => r.reading);
    },
  };
}
