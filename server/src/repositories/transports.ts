/** Transports: one unit's job on one call, with its destination and the hospital's acceptance. */
import { and, eq, gte, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { calls, transports } from '../db/schema.ts';
import { bumpVersion } from './version.ts';
import { intArray } from './units.ts';

export type TransportRow = typeof transports.$inferSelect;
export type NewTransportRow = typeof transports.$inferInsert;
export interface UnitJob {
  unitId: number;
  hospitalId: number | null;
  closedAt: Date | null;
  handedOverAt: Date | null;
  sourceHospitalId: number | null;
  transferToHospitalId: number | null;
}

export function createTransportRepo(db: Executor) {
  return {
    async get(id: number): Promise<TransportRow | undefined> {
      const [row] = await db.select().from(transports).where(eq(transports.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<TransportRow | undefined> {
      const [row] = await db.select().from(transports).where(eq(transports.id, id)).for('no key update');
      return row;
    },
    async insert(values: NewTransportRow): Promise<TransportRow> {
      const [row] = await db.insert(transports).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewTransportRow>): Promise<TransportRow> {
      const [row] = await db
        .update(transports)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(transports.id, id))
        .returning();
      if (!row) throw new Error(`transport ${id} vanished`);
      return row;
    },
    async activeForCall(callId: number): Promise<TransportRow[]> {
      return db
        .select()
        .from(transports)
        .where(and(eq(transports.callId, callId), isNull(transports.closedAt)));
    },
    /** Hospitals that declined this call on one of its open transports: the suggestions leave them out. */
    async declinedBy(callId: number): Promise<number[]> {
      const rows = await this.activeForCall(callId);
      return rows.flatMap((t) => (t.acceptance === 'declined' && t.hospitalId !== null ? [t.hospitalId] : []));
    },
    async forCalls(callIds: number[]): Promise<TransportRow[]> {
      if (callIds.length === 0) return [];
      return db.select().from(transports).where(inArray(transports.callId, callIds));
    },
    /** Active transports plus those closed since `closedSince`, optionally for one hospital. */
    async listLive(closedSince: Date, hospitalId?: number): Promise<TransportRow[]> {
      const live = or(isNull(transports.closedAt), gte(transports.closedAt, closedSince));
      return db
        .select()
        .from(transports)
        .where(hospitalId === undefined ? live : and(live, eq(transports.hospitalId, hospitalId)))
        .orderBy(transports.id);
    },
    /** The job each of these units is on now: its open transport and the call's transfer parties. */
    async jobsOfUnits(unitIds: readonly number[]): Promise<UnitJob[]> {
      if (unitIds.length === 0) return [];
      return db
        .select({
          unitId: transports.unitId,
          hospitalId: transports.hospitalId,
          closedAt: transports.closedAt,
          handedOverAt: transports.handedOverAt,
          sourceHospitalId: calls.sourceHospitalId,
          transferToHospitalId: calls.transferToHospitalId,
        })
        .from(transports)
        .innerJoin(calls, eq(calls.id, transports.callId))
        .where(and(sql`${transports.unitId} = any(${intArray(unitIds)}::int[])`, isNull(transports.closedAt)));
    },
    /** What offloadAtHospitals needs: ambulances at a door now (arrived, open, not handed over) and handovers since `handedOverSince`. */
    async listForOffload(handedOverSince: Date): Promise<Pick<TransportRow, 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>[]> {
      return db
        .select({ hospitalId: transports.hospitalId, arrivedAt: transports.arrivedAt, handedOverAt: transports.handedOverAt, closedAt: transports.closedAt })
        .from(transports)
        .where(
          and(
            isNotNull(transports.hospitalId),
            isNotNull(transports.arrivedAt),
            or(and(isNull(transports.handedOverAt), isNull(transports.closedAt)), gte(transports.handedOverAt, handedOverSince)),
          ),
        );
    },
    /** Patients sent to a hospital since `since`, with their class, for the care they have been promised (promisedCare). */
    async listSentSince(since: Date): Promise<{ hospitalId: number; clinicalClass: string; sentAt: Date }[]> {
      const rows = await db
        .select({ hospitalId: transports.hospitalId, clinicalClass: calls.clinicalClass, sentAt: transports.assignedAt })
        .from(transports)
        .innerJoin(calls, eq(calls.id, transports.callId))
        .where(
          and(
            isNotNull(transports.hospitalId),
            gte(transports.assignedAt, since),
            // A declined or cancelled patient holds no bed there.
            or(isNull(transports.acceptance), notInArray(transports.acceptance, ['declined', 'cancelled'])),
          ),
        );
      return rows.flatMap((r) => (r.hospitalId === null ? [] : [{ hospitalId: r.hospitalId, clinicalClass: r.clinicalClass, sentAt: r.sentAt }]));
    },
    async listActive(): Promise<TransportRow[]> {
      return db.select().from(transports).where(isNull(transports.closedAt));
    },
  };
}
