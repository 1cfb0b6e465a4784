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

const lineString = z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2) });
const multiLineString = z.strictObject({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)).min(1) });
const point = z.strictObject({ type: z.literal('Point'), coordinates: position });

/** water.geojson / roads.geojson: features of a known `kind`, with an optional zh / en name. */
export function mapLayerSchema(kinds: readonly [string, ...string[]]) {
  return z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.looseObject({ kind: z.enum(kinds), name: z.string().max(80).optional(), nameEn: z.string().max(120).optional() }),
        geometry: z.discriminatedUnion('type', [polygon, multiPolygon, lineString, multiLineString, point]),
      }),
    ).max(10_000),
  });
}
export type MapLayer = z.infer<ReturnType<typeof mapLayerSchema>>;

/** [minLon, minLat, maxLon, maxLat] of a feature's rings. */
export function bboxOf(feature: OutlineFeature): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const poly of polygons)
    for (const r of poly)
      for (const [lon, lat] of r) {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
  return box;
}
