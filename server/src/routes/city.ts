/**
 * The loaded city for the consoles: GET /api/city (figures, bounds, rules) and the offline base map's
 * layers, GET /api/city/map/<layer>.geojson, which the MapLibre style (client/public/basemap) points at.
 */
import { CityProfileSchema, MapLayerSchema } from '@dispatch/shared';
import { READ, replies } from '../plugins/openapi.ts';
import { z } from 'zod';
import type { App, AppContext } from '../context.ts';
import { MAP_LAYERS, mapLayer, readCityMap } from '../city/map.ts';
import { listPlaces } from '../repositories/places.ts';

const SIGNED_IN = ['dispatcher', 'nurse', 'command', 'admin'] as const;
/** `v`: the map digest the console asks with; any value is a cache key, none means "do not cache". */
const LayerQuery = z.object({ v: z.string().max(64).optional() });
const LayerParams = z.object({ layer: z.enum(MAP_LAYERS.map((l) => `${l}.geojson` as const) as [`${(typeof MAP_LAYERS)[number]}.geojson`]) });

export async function cityRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/city', { config: { roles: SIGNED_IN }, schema: { tags: ['city'], response: replies({ 200: CityProfileSchema }, READ) } }, async () => ctx.deps.city);

  app.get('/api/city/map/:layer', { config: { roles: SIGNED_IN }, schema: { tags: ['city'], params: LayerParams, querystring: LayerQuery, response: replies({ 200: { description: 'A GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: MapLayerSchema } } } }, [...READ, 400]) } }, async (req, reply) => {
    const name = MAP_LAYERS.find((l) => `${l}.geojson` === req.params.layer) ?? 'districts';
    const [map, places] = await Promise.all([readCityMap(ctx.deps.db), name === 'places' ? listPlaces(ctx.deps.db) : Promise.resolve([])]);
    // The style asks with ?v=<mapKey>: a new import is a new URL, so a long cache is safe.
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('cache-control', req.query.v ? 'private, max-age=86400' : 'no-cache')
      .send(mapLayer(name, map, places, ctx.deps.city.name));
  });
}
