/** Alerts raised by the surge monitor. */
import { and, eq, gte, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { alerts } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type NewAlertRow = typeof alerts.$inferInsert;

/** Open alerts plus those cleared since `since`. */
export async function listLiveAlerts(db: Executor, since: Date): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(or(isNull(alerts.clearedAt), gte(alerts.clearedAt, since)))
    .orderBy(alerts.id);
}

export function createAlertRepo(db: Executor) {
  return {
    async listOpen(): Promise<AlertRow[]> {
      return db.select().from(alerts).where(isNull(alerts.clearedAt)).orderBy(alerts.id);
    },
    async getForUpdate(id: number): Promise<AlertRow | undefined> {
      const [row] = await db.select().from(alerts).where(eq(alerts.id, id)).for('no key update');
      return row;
    },
    async insert(values: NewAlertRow): Promise<AlertRow> {
      const [row] = await db.insert(alerts).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewAlertRow>): Promise<AlertRow> {
      const [row] = await db
        .update(alerts)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(alerts.id, id))
        .returning();
      if (!row) throw new Error(`alert ${id} vanished`);
      return row;
    },
    /** Alerts that were open at some moment of [from, to): raised before `to`, not cleared before `from`. */
    async listOverlapping(from: Date, to: Date): Promise<AlertRow[]> {
      return db
        .select()
        .from(alerts)
        .where(and(lt(alerts.raisedAt, to), or(isNull(alerts.clearedAt), gte(alerts.clearedAt, from))))
        .orderBy(alerts.id);
    },
  };
}
