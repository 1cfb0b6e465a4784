/** City-configurable thresholds, stored as one settings row. */
import { eq } from 'drizzle-orm';
import { DEFAULT_THRESHOLDS, type Thresholds } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { settings } from '../db/schema.ts';

export const THRESHOLDS_KEY = 'thresholds';
/** The loaded city's manifest, bounds and map digest (city/current.ts reads it, the import writes it). */
export const CITY_KEY = 'city';
/** The loaded city's base map (outline, water, roads): large, read by the map routes only. */
export const CITY_MAP_KEY = 'city.map';

export async function readThresholds(db: Executor): Promise<Thresholds> {
  const [row] = await db.select().from(settings).where(eq(settings.key, THRESHOLDS_KEY));
  return { ...DEFAULT_THRESHOLDS, ...((row?.value as Partial<Thresholds> | undefined) ?? {}) };
}

export async function writeThresholds(db: Executor, value: Thresholds): Promise<void> {
  await db
    .insert(settings)
    .values({ key: THRESHOLDS_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}
