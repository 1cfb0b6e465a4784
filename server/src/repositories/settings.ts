/** City-configurable thresholds, stored as one settings row. */
import { eq } from 'drizzle-orm';
import { DEFAULT_THRESHOLDS, type CityImported, type Thresholds } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { settings } from '../db/schema.ts';

export const THRESHOLDS_KEY = 'thresholds';

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

/** The loaded city (the last imported bundle's manifest and gazetteer size), or null before any import. */
export async function readCity(db: Executor): Promise<CityImported | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'city'));
  return (row?.value as CityImported | undefined) ?? null;
}
