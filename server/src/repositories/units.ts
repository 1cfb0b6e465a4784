/** Units table access, including the ordered batch write of AVL fixes. */
import { eq, inArray, sql } from 'drizzle-orm';
import type { PositionFixInput } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { units } from '../db/schema.ts';
import { bumpVersion } from './version.ts';

export type UnitRow = typeof units.$inferSelect;
export type NewUnitRow = typeof units.$inferInsert;

export function createUnitRepo(db: Executor) {
  return {
    async list(): Promise<UnitRow[]> {
      return db.select().from(units).orderBy(units.id);
    },
    async get(id: number): Promise<UnitRow | undefined> {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row;
    },
    async getForUpdate(id: number): Promise<UnitRow | undefined> {
      const [row] = await db.select().from(units).where(eq(units.id, id)).for('no key update');
      return row;
    },
    async listByIds(ids: number[]): Promise<UnitRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(units).where(inArray(units.id, ids));
    },
    async insert(values: NewUnitRow): Promise<UnitRow> {
      const [row] = await db.insert(units).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async update(id: number, patch: Partial<NewUnitRow>): Promise<UnitRow> {
      const [row] = await db
        .update(units)
        .set({ ...patch, version: bumpVersion() })
        .where(eq(units.id, id))
        .returning();
      if (!row) throw new Error(`unit ${id} vanished`);
      return row;
    },
    /**
     * Write the newest fix per unit in one statement. A fix older than the stored one is
     * ignored by the WHERE clause, so a late packet never moves a unit backwards.
     * Returns the ids whose position changed.
     */
    async applyFixes(fixes: readonly PositionFixInput[]): Promise<number[]> {
      if (fixes.length === 0) return [];
      // One JSON parameter, not six per fix: the statement text is the same for every batch (prepared once
      // per connection, not parsed and described again for each batch size), and building it costs nothing.
      const rows = fixes.map((f) => ({ id: f.unitId, lon: f.lon, lat: f.lat, heading: f.heading, speed: f.speedKmh, at: f.at }));
      const result = await db.execute<{ id: number }>(sql`
        update units set lon = v.lon, lat = v.lat, heading = v.heading, speed_kmh = v.speed, fix_at = to_timestamp(v.at / 1000)
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, lon float8, lat float8, heading float8, speed float8, at float8)
        where units.id = v.id and (units.fix_at is null or units.fix_at < to_timestamp(v.at / 1000))
        returning units.id`);
      return rowsOf<{ id: number }>(result).map((r) => Number(r.id));
    },
  };
}

/**
 * Ids as one PostgreSQL int[] parameter (`= any(${intArray(ids)}::int[])`): one statement text whatever the
 * count, where a list of parameters makes a new statement for every length. Only integers go in.
 */
export function intArray(ids: readonly number[]): string {
  return `{${ids.filter(Number.isInteger).join(',')}}`;
}

/** postgres-js returns an array, PGlite an object with rows. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: T[] }).rows;
  return rows ?? [];
}

/**
 * Forget stored fix times later than `latest`: left by fixes accepted before the fix window existed (a time
 * beyond a JavaScript Date, 'infinity', ten years ahead), they would make newest-wins ignore every real fix
 * of those units forever. The unit's next fix then applies. Returns the ids repaired.
 */
export async function clearFutureFixTimes(db: Executor, latest: Date): Promise<number[]> {
  const result = await db.execute(sql`update units set fix_at = null where fix_at > ${latest.toISOString()}::timestamptz returning id`);
  return rowsOf<{ id: number }>(result).map((r) => Number(r.id));
}
