/** outline.geojson: the city and its neighbours as GeoJSON polygons, and whether a point lies in the city. */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { z } from 'zod';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4, 'a ring needs at least 4 positions (closed)');
const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });

export const OutlineFeature = z.object({
  type: z.literal('Feature'),
  properties: z.looseObject({ name: z.string().min(1), adcode: z.string().regex(/^\d{6}$/, 'a six-digit administrative code') }),
  geometry: z.discriminatedUnion('type', [polygon, multiPolygon]),
});
export type OutlineFeature = z.infer<typeof OutlineFeature>;

export const Outline = z.object({ type: z.literal('FeatureCollection'), features: z.array(OutlineFeature).min(1) });
export type Outline = z.infer<typeof Outline>;

/** The feature that is the city itself (the others are its neighbours). */
export function cityFeatureOf(outline: Outline, adcode: string): OutlineFeature | undefined {
  return outline.features.find((f) => f.properties.adcode === adcode);
}

/** True when the point lies inside the feature (a point on its border counts as inside). */
export function insideFeature(feature: OutlineFeature, lon: number, lat: number): boolean {
  return booleanPointInPolygon([lon, lat], feature.geometry as Parameters<typeof booleanPointInPolygon>[1]);
}
