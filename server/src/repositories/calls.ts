/** Calls table access. */
import { and, eq, gte, inArray, isNull, or, desc, sql } from 'drizzle-orm';
import { CLOSED_CALL_STATUSES } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { calls } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type CallRow = typeof calls.$inferSelect;
export type NewCallRow = typeof calls.$inferInsert;

export function createCallRepo(db: Executor) {
  return {
    async get(id: number): Promise<CallRow | undefined> {
      const [row] = await db.select().from(calls).where(eq(calls.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<CallRow | undefined> {
      const [row] = await db.select().from(calls).where(eq(calls.id, id)).for('no key update');
      return row;
    },
    async insert(values: NewCallRow): Promise<CallRow> {
      const [row] = await db.insert(calls).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewCallRow>): Promise<CallRow> {
      const [row] = await db
        .update(calls)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(calls.id, id))
        .returning();
      if (!row) throw new Error(`call ${id} vanished`);
      return row;
    },
    /** Open calls plus those closed since `closedSince` (the queue and its recent tail). */
    async listLive(closedSince: Date): Promise<CallRow[]> {
      return db
        .select()
        .from(calls)
        .where(or(isNull(calls.closedAt), gte(calls.closedAt, closedSince)))
        .orderBy(calls.id);
    },
    async listByIds(ids: number[]): Promise<CallRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(calls).where(inArray(calls.id, ids));
    },
    async receivedSince(since: Date): Promise<CallRow[]> {
      return db.select().from(calls).where(gte(calls.receivedAt, since)).orderBy(desc(calls.receivedAt));
    },
    /** Calls from this number received since `since`, whatever spelling the caller's phone was typed in. */
    async fromNumber(spellings: readonly string[], since: Date): Promise<CallRow[]> {
      if (spellings.length === 0) return [];
      return db
        .select()
        .from(calls)
        .where(and(inArray(sql`regexp_replace(${calls.callerPhone}, '[^0-9+]', '', 'g')`, [...spellings]), gte(calls.receivedAt, since)))
        .orderBy(desc(calls.receivedAt))
        .limit(50);
    },
    async listOpen(): Promise<CallRow[]> {
      return db.select().from(calls).where(isNull(calls.closedAt));
    },
    async countOpenByStatus(status: string): Promise<number> {
      const rows = await db.select({ id: calls.id }).from(calls).where(and(eq(calls.status, status), isNull(calls.closedAt)));
      return rows.length;
    },
  };
}

export const isClosedStatus = (s: string) => (CLOSED_CALL_STATUSES as readonly string[]).includes(s);
