/** Ambulance stations: where units are based. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { stations } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type StationRow = typeof stations.$inferSelect;
export type NewStationRow = typeof stations.$inferInsert;

export function createStationRepo(db: Executor) {
  return {
    async get(id: number): Promise<StationRow | undefined> {
      const [row] = await db.select().from(stations).where(eq(stations.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<StationRow | undefined> {
      const [row] = await db.select().from(stations).where(eq(stations.id, id)).for('no key update');
      return row;
    },
    async insert(values: NewStationRow): Promise<StationRow> {
      const [row] = await db.insert(stations).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewStationRow>): Promise<StationRow> {
      const [row] = await db
        .update(stations)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(stations.id, id))
        .returning();
      if (!row) throw new Error(`station ${id} vanished`);
      return row;
    },
  };
}
