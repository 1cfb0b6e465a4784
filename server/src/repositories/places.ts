/** The gazetteer of the loaded city (the bundle's places.csv), for the address search. */
import { asc } from 'drizzle-orm';
import { PLACE_KINDS, PLACE_SETTINGS, type Place, type PlaceKind, type PlaceSetting } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { places } from '../db/schema.ts';

const isKind = (k: string): k is PlaceKind => (PLACE_KINDS as readonly string[]).includes(k);
const isSetting = (s: string): s is PlaceSetting => (PLACE_SETTINGS as readonly string[]).includes(s);

/** Every place; a row with a kind or setting this version does not know is left out (the import validated them). */
export async function listPlaces(db: Executor): Promise<Place[]> {
  const rows = await db.select().from(places).orderBy(asc(places.id));
  return rows.flatMap((r) =>
    isKind(r.kind) && isSetting(r.setting) ? [{ name: r.name, aliases: r.aliases, kind: r.kind, town: r.town, setting: r.setting, lon: r.lon, lat: r.lat }] : [],
  );
}
