/** The city's figures and rules the commands and read models need (deps.city), in one place. */
import fs from 'node:fs';
import path from 'node:path';
import { CityManifest, type BBox } from '@dispatch/shared';
import type { CityFacts } from '../commands/deps.ts';
import { REPO_ROOT } from '../env.ts';
import { cityFeatureOf, Outline } from './outline.ts';

// TEMPORARY (issue 11): read from a shipped bundle folder until the loaded city runtime (the city in the
// database) supplies its own facts and bounding box. `id` is DEMO_CITY where the caller has the env.
const bundleFile = (id: string, file: string): unknown => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'server/cities', id, file), 'utf8'));
const manifestOf = (id: string) => CityManifest.parse(bundleFile(id, 'city.json'));

/** A shipped bundle's facts: what the server runs on until a loaded city bundle supplies its own. */
export function demoCityFacts(id = 'cixi'): CityFacts {
  const manifest = manifestOf(id);
  return { population: manifest.population, rules: manifest.rules };
}

/** [minLon, minLat, maxLon, maxLat] of a shipped bundle's city feature (its outline without the neighbours). */
export function demoCityBBox(id = 'cixi'): BBox {
  const feature = cityFeatureOf(Outline.parse(bundleFile(id, 'outline.geojson')), manifestOf(id).adcode);
  if (!feature) throw new Error(`server/cities/${id}: the outline has no feature for city.json's adcode`);
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of polygons.flat(2)) {
    if (x === undefined || y === undefined) continue;
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return [x0, y0, x1, y1];
}
