/**
 * The loaded city's offline base map, served as GeoJSON layers to the consoles' MapLibre style
 * (client/public/basemap/style*.json): districts (the city and its neighbours, the city marked `focus`),
 * water and roads as the bundle gave them, and place labels made from the gazetteer.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MapLayerSchema, Place } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import { CITY_MAP_KEY } from '../repositories/settings.ts';
import { romanName } from '../geocode/placeIndex.ts';
import type { MapLayer, Outline } from './outline.ts';

/** The settings row CITY_MAP_KEY, written by the import. */
export interface CityMap {
  adcode: string;
  bbox: [number, number, number, number];
  outline: Outline;
  water: MapLayer | null;
  roads: MapLayer | null;
}

export const MAP_LAYERS = ['districts', 'water', 'roads', 'places'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

/** The shape GET /api/city/map/<layer> declares (shared/src/responses/city.ts). */
type FeatureCollection = z.output<typeof MapLayerSchema>;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export async function readCityMap(db: Executor): Promise<CityMap | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, CITY_MAP_KEY));
  return (row?.value as CityMap | undefined) ?? null;
}

/**
 * Label rank, as the style filters it: 0 the city, 1 urban sub-districts, 2 towns, 3 rural sub-districts
 * (villages, streets and the rest are for the address search, not the map).
 */
function rankOf(p: Place): number | null {
  if (p.kind === 'subdistrict') return p.setting === 'urban' ? 1 : 3;
  if (p.kind === 'town') return 2;
  return null;
}

/** One layer of the base map; an empty collection before any city is loaded. */
export function mapLayer(name: MapLayerName, map: CityMap | null, places: readonly Place[], cityName: { zh: string; en: string }): FeatureCollection {
  if (!map) return EMPTY;
  switch (name) {
    case 'districts':
      return {
        type: 'FeatureCollection',
        features: map.outline.features.map((f) => ({ ...f, properties: { nameEn: romanName(f.properties.name), ...f.properties, focus: f.properties.adcode === map.adcode } })),
      };
    case 'water':
      return map.water ?? EMPTY;
    case 'roads':
      return map.roads ?? EMPTY;
    case 'places': {
      const [x0, y0, x1, y1] = map.bbox;
      const labels = places.flatMap((p) => {
        const rank = rankOf(p);
        return rank === null ? [] : [{ type: 'Feature' as const, properties: { name: p.name, nameEn: p.aliases.find((a) => /^[\x20-\x7e]+$/.test(a)) ?? romanName(p.name), rank }, geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] } }];
      });
      // The city's own name sits where its urban places are, or mid-bounds without them.
      const urban = places.filter((p) => p.setting === 'urban' && (p.kind === 'subdistrict' || p.kind === 'town'));
      const centre = urban.length > 0 ? [mean(urban.map((p) => p.lon)), mean(urban.map((p) => p.lat)) + 0.03] : [(x0 + x1) / 2, (y0 + y1) / 2];
      return {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name: cityName.zh, nameEn: cityName.en, rank: 0 }, geometry: { type: 'Point', coordinates: centre } }, ...labels],
      };
    }
  }
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
