/** Small helpers shared by the bundle generators: RFC 4180 CSV writing, outline loading, point-in-outline. */
import { readFileSync, writeFileSync } from 'node:fs';

type Cell = string | number | boolean | null | undefined;

const cell = (v: Cell): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Writes a UTF-8 CSV (LF line ends, no BOM) with exactly `columns` as its header. */
export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, Cell>[]): void {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  writeFileSync(path, lines.join('\n') + '\n');
}

export type Ring = [number, number][];
/** Polygons of one area: each polygon is [outer, ...holes]. */
export type Area = Ring[][];

/** The polygons of the feature with `adcode` in an outline.geojson FeatureCollection. */
export function loadArea(path: string, adcode: string): Area {
  const fc = JSON.parse(readFileSync(path, 'utf8')) as {
    features: { properties: { adcode: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  const f = fc.features.find((x) => String(x.properties.adcode) === adcode);
  if (!f) throw new Error(`${path}: no feature with adcode ${adcode}`);
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]);
}

/** scripts/lib/cixi-outline.json ({ rings }) as an Area (outer rings only, as the demo uses it). */
export function loadRingsArea(path: string): Area {
  const o = JSON.parse(readFileSync(path, 'utf8')) as { rings: Ring[] };
  return o.rings.map((r) => [r]);
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when (lon, lat) is inside one of the area's polygons and not in one of its holes. */
export function inArea(area: Area, lon: number, lat: number): boolean {
  return area.some(([outer, ...holes]) => !!outer && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

/** Distance in degrees from (lon, lat) to the nearest edge of the area (for keeping points off the border). */
export function edgeDistance(area: Area, lon: number, lat: number, cosLat: number): number {
  let best = Infinity;
  for (const poly of area) for (const ring of poly) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j]![0] * cosLat, ay = ring[j]![1];
      const bx = ring[i]![0] * cosLat, by = ring[i]![1];
      const px = lon * cosLat, py = lat;
      const dx = bx - ax, dy = by - ay;
      const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1e-18)));
      best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
    }
  }
  return best;
}

/** The same seeded PRNG as the demo (mulberry32), so generated data is deterministic. */
export { seededRandom } from '../../server/src/demo/random.ts';
