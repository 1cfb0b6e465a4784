/**
 * The loaded city at run time: the profile every command and read model uses (deps.city), the bounds the
 * door checks coordinates against (limits.city) and the gazetteer of the address search. Read from the
 * database at start and again whenever the settings row 'city' changes version, which is how an import on
 * one instance reaches the others (PostgreSQL is the shared truth; a short poll, no process memory shared).
 */
import { eq } from 'drizzle-orm';
import { cityProfileOf, type CityImported, type CityProfile } from '@dispatch/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import { CITY_KEY } from '../repositories/settings.ts';

export interface LoadedCity {
  profile: CityProfile;
  /** The settings row's version; -1 when no city was ever imported. */
  version: number;
}

export async function readLoadedCity(db: Executor): Promise<LoadedCity> {
  const [row] = await db.select({ value: settings.value, version: settings.version }).from(settings).where(eq(settings.key, CITY_KEY));
  if (!row) return { profile: cityProfileOf(null), version: -1 };
  return { profile: cityProfileOf(row.value as unknown as CityImported), version: row.version };
}

export interface CityWatcher {
  /** Reads the city now and applies it if it changed; resolves when applied. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Polls the city row's version every `intervalMs` and calls `apply` with the new profile when it changed.
 * `apply` runs once at start as well.
 */
export function watchCity(opts: { db: Executor; intervalMs: number; apply: (city: CityProfile) => Promise<void> | void; log: FastifyBaseLogger }): CityWatcher {
  let version: number | null = null;
  let running: Promise<void> | null = null;
  const check = async () => {
    const loaded = await readLoadedCity(opts.db);
    if (loaded.version === version) return;
    await opts.apply(loaded.profile);
    if (version !== null) opts.log.info({ city: loaded.profile.id, version: loaded.version }, 'city reloaded');
    version = loaded.version;
  };
  // One check at a time: a slow database must not stack them up.
  const refresh = () => (running ??= check().finally(() => (running = null)));
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => opts.log.warn({ err }, 'city check failed'));
  }, opts.intervalMs);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
