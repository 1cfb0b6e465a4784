/**
 * Writes the Cixi city bundle (server/cities/cixi/, docs/city-bundle.md) from the demo's own data, so an
 * import of the bundle gives the stations, hospitals and units the demo seeds, figure for figure. Run from
 * the repo root:  pnpm exec tsx scripts/make-cixi-bundle.ts
 * Reads scripts/lib/cixi-data.ts and cixi-outline.json (the city, exactly as the old demo's isOnLand saw it) and
 * /work/shared/data/ningbo-districts.geojson (or $NINGBO_GEOJSON) for the neighbours. Also writes demo.json,
 * the demo extras (occupancy, crews, the demo nurses' hospitals, residents per town) the seed and simulator
 * read. places.csv is not written here (the gazetteer has its own author). Output is committed; re-running it gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_THRESHOLDS, type CityManifest } from '@dispatch/shared';
import { CITY, DEMO_HOSPITALS, DEMO_PLACES, DEMO_STATIONS, DEMO_UNITS } from './lib/cixi-data.ts';
import outline from './lib/cixi-outline.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'server/cities/cixi');
const src = process.env.NINGBO_GEOJSON ?? '/work/shared/data/ningbo-districts.geojson';
const ningbo = JSON.parse(readFileSync(src, 'utf8')) as { features: { properties: { name: string; adcode: string }; geometry: unknown }[] };

/** Cixi's neighbours on land and across the bay bridge's end: Yuyao, Zhenhai, Jiangbei. */
// Every other Ningbo district, as the demo's base map always drew them.
const NEIGHBOURS = ['330281', '330211', '330205', '330203', '330206', '330212', '330225', '330226', '330283'];

const manifest: CityManifest = {
  id: 'cixi',
  name: { zh: CITY.name, en: CITY.nameEn },
  adcode: outline.adcode,
  population: CITY.population,
  populationSource: 'the figure the demo has always assumed; Cixi reports about 1.85 million residents',
  timeZone: 'Asia/Shanghai',
  normalCallsPerHour: DEFAULT_THRESHOLDS.baselineCallsPerHour,
  surgePlanMultiple: 5,
  residentsPerAmbulance: 30_000,
  // The demo's rule profile is the one in shared/src/domain/ruleProfile.ts: one rule, one place.
  // The rule profile is kept in city.json itself (seed 002: 4 % + 4 % convertible ICU at the designated hospital,
  // 2 % at 2nd-level and sub-designated; kinds per class in order of preference): re-read, never retyped.
  rules: (JSON.parse(readFileSync(resolve(out, 'city.json'), 'utf8')) as CityManifest).rules,
  thresholds: { ...DEFAULT_THRESHOLDS },
};

const city = {
  type: 'Feature',
  properties: { name: outline.name, adcode: outline.adcode },
  // Each ring of the demo outline is land of its own (mainland and small outer rings), as isOnLand reads them.
  geometry: { type: 'MultiPolygon', coordinates: outline.rings.map((ring) => [ring]) },
};
const neighbours = NEIGHBOURS.map((adcode) => {
  const f = ningbo.features.find((x) => x.properties.adcode === adcode);
  if (!f) throw new Error(`no ${adcode} in ${src}`);
  return { type: 'Feature', properties: { name: f.properties.name, adcode }, geometry: f.geometry };
});

const cell = (v: string | number | boolean | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (header: readonly string[], rows: (string | number | boolean | null | undefined)[][]) =>
  [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';

// Station codes follow the seed's insert order, so a demo database (whose stations the migration named
// 'ST' + id) and an import of this bundle agree on every code.
const codeOf = new Map(DEMO_STATIONS.map((s, i) => [s.key, `ST${String(i + 1).padStart(2, '0')}`]));
const code = (key: string | undefined) => (key === undefined ? null : (codeOf.get(key) ?? `?${key}`));

writeFileSync(resolve(out, 'city.json'), JSON.stringify(manifest, null, 2) + '\n');
writeFileSync(resolve(out, 'outline.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [city, ...neighbours] }) + '\n');
writeFileSync(
  resolve(out, 'stations.csv'),
  csv(['code', 'name_zh', 'name_en', 'lon', 'lat'], DEMO_STATIONS.map((s) => [code(s.key), s.name, s.nameEn, s.lon, s.lat])),
);
writeFileSync(
  resolve(out, 'hospitals.csv'),
  csv(
    ['code', 'name_zh', 'name_en', 'kind', 'lon', 'lat', 'open_beds', 'icu_beds', 'icu_convertible', 'ventilators', 'station_code'],
    DEMO_HOSPITALS.map((h) => [h.code, h.name, h.nameEn, h.kind, h.lon, h.lat, h.openBeds, h.icuOpen, h.icuConvertible, h.ventilatorsFree, code(h.stationKey)]),
  ),
);
writeFileSync(
  resolve(out, 'units.csv'),
  csv(['call_sign', 'kind', 'station_code', 'has_terminal'], DEMO_UNITS.map((u) => [u.callSign, u.kind, code(u.stationKey), u.hasTerminal])),
);
// Demo extras: the demo's starting occupancy and crews as it seeded them; residents per town from its place
// weights (tens of thousands), the two former towns merged into larger ones counted with them.
const MERGED_INTO: Record<string, string> = { tianyuan: '周巷镇', minghe: '观海卫镇' };
const residents: Record<string, number> = {};
for (const p of DEMO_PLACES) {
  const town = MERGED_INTO[p.key] ?? p.name;
  residents[town] = (residents[town] ?? 0) + p.pop * 10_000;
}
const demo = {
  hospitals: Object.fromEntries(
    DEMO_HOSPITALS.map((h) => [h.code, { occupiedBeds: h.occupiedBeds, icuOccupied: h.icuOccupied, edStatus: h.edStatus, feverClinicWaitMin: h.feverClinicWaitMin }]),
  ),
  crews: Object.fromEntries(DEMO_UNITS.map((u) => [u.callSign, u.crew])),
  nurses: { nurse: 'H01', nurse2: 'H02' },
  residents,
};
writeFileSync(resolve(out, 'demo.json'), JSON.stringify(demo, null, 2) + '\n');
process.stdout.write(`wrote ${out}: ${DEMO_STATIONS.length} stations, ${DEMO_HOSPITALS.length} hospitals, ${DEMO_UNITS.length} units\n`);
