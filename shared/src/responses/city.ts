/** Responses of /api/city: the loaded city and the base map's layers. */
import { z } from 'zod';
import { CLINICAL_CLASSES, HOSPITAL_KINDS } from '../model.ts';
import { TARGET_MEASURES } from '../domain/ruleProfile.ts';
import type { CityProfile } from '../city.ts';

const kinds = z.array(z.enum(HOSPITAL_KINDS)).readonly();

/** GET /api/city: who the city is, its calendar, bounds and rule profile. */
export const CityProfileSchema = z.strictObject({
  id: z.string().meta({ description: "The bundle's id; '' before any city is loaded" }),
  name: z.strictObject({ zh: z.string(), en: z.string() }),
  adcode: z.string(),
  population: z.number(),
  timeZone: z.string(),
  normalCallsPerHour: z.number(),
  surgePlanMultiple: z.number(),
  residentsPerAmbulance: z.number(),
  rules: z.strictObject({
    targets: z.partialRecord(z.enum(HOSPITAL_KINDS), z.strictObject({ measure: z.enum(TARGET_MEASURES), pct: z.number(), convertiblePct: z.number().nullable() })),
    destinations: z.record(z.enum(CLINICAL_CLASSES), kinds),
    bedNeededOnly: z.partialRecord(z.enum(CLINICAL_CLASSES), kinds).optional(),
  }),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).readonly().nullable().meta({ description: '[minLon, minLat, maxLon, maxLat]' }),
  mapKey: z.string(),
}) satisfies z.ZodType<CityProfile>;

/** GET /api/city/map/<layer>.geojson: a GeoJSON FeatureCollection (application/geo+json); properties differ per layer. */
export const MapLayerSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()),
      geometry: z.strictObject({ type: z.enum(['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
    }),
  ),
});
