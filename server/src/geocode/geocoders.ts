/**
 * Which address search the intake form uses, chosen by GEOCODER, as the travel estimator is by
 * TRAVEL_ESTIMATOR. Every search goes through the Geocoder interface, so a real geocoding service
 * (a city's address database, a commercial API) is one more entry in GEOCODERS.
 */
import type { GeocodeCandidate, Place } from '@dispatch/shared';
import type { Env } from '../env.ts';
import { buildPlaceIndex, type PlaceIndex } from './placeIndex.ts';

export interface Geocoder {
  /** Ranked candidates for what the dispatcher typed, best first. */
  search(query: string, limit: number): Promise<GeocodeCandidate[]>;
  /** Read the places again (after an import); searches keep the old index until the new one is built. */
  reload(): Promise<void>;
}

/** Where the gazetteer's places come from (the demo city today, the city bundle's places table next). */
export type PlaceSource = () => Promise<Place[]>;

/** The gazetteer in memory: built on the first search, rebuilt on reload(). */
export function createGazetteerGeocoder(loadPlaces: PlaceSource): Geocoder {
  let index: Promise<PlaceIndex> | null = null;
  const build = () => loadPlaces().then(buildPlaceIndex);
  return {
    async search(query, limit) {
      index ??= build().catch((error: unknown) => {
        index = null;
        throw error;
      });
      return (await index).search(query, limit);
    },
    async reload() {
      const next = await build();
      index = Promise.resolve(next);
    },
  };
}

export const GEOCODERS = {
  gazetteer: (_env: Env, loadPlaces: PlaceSource) => createGazetteerGeocoder(loadPlaces),
} satisfies Record<string, (env: Env, loadPlaces: PlaceSource) => Geocoder>;

export type GeocoderName = keyof typeof GEOCODERS;

export function createGeocoder(env: Env, loadPlaces: PlaceSource): Geocoder {
  return GEOCODERS[env.GEOCODER](env, loadPlaces);
}
