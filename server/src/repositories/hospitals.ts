/** Hospitals and stations. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { hospitals, stations } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type HospitalRow = typeof hospitals.$inferSelect;
export type NewHospitalRow = typeof hospitals.$inferInsert;

export function createHospitalRepo(db: Executor) {
  return {
    async list(): Promise<HospitalRow[]> {
      return db.select().from(hospitals).orderBy(hospitals.id);
    },
    async get(id: number): Promise<HospitalRow | undefined> {
      const [row] = await db.select().from(hospitals).where(eq(hospitals.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<HospitalRow | undefined> {
      const [row] = await db.select().from(hospitals).where(eq(hospitals.id, id)).for('no key update');
      return row;
    },
    async insert(values: NewHospitalRow): Promise<HospitalRow> {
      const [row] = await db.insert(hospitals).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewHospitalRow>): Promise<HospitalRow> {
      const [row] = await db
        .update(hospitals)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(hospitals.id, id))
        .returning();
      if (!row) throw new Error(`hospital ${id} vanished`);
      return row;
    },
    async listStations() {
      return db.select().from(stations).orderBy(stations.id);
    },
  };
}
