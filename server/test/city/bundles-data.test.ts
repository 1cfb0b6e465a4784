/**
 * The shipped city bundles' data files (server/cities/<id>/, format: docs/city-bundle.md), read as
 * files: exact columns, every point inside the city's outline, unique codes and call signs, units at
 * known stations, the fleet norm, Huairen's 10 % severe-bed rule, gazetteers of >= 300 places.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HOSPITAL_KINDS, PLACE_KINDS } from '@dispatch/shared';
import { cityFeatureOf, insideFeature, Outline, type OutlineFeature } from '../../src/city/outline.ts';
import { readBundle } from '../../src/city/readBundle.ts';
import { formatBundleError } from '../../src/city/validateBundle.ts';

const CITIES = resolve(import.meta.dirname, '../../cities');

const COLUMNS = {
  stations: ['code', 'name_zh', 'name_en', 'lon', 'lat'],
  hospitals: ['code', 'name_zh', 'name_en', 'kind', 'lon', 'lat', 'open_beds', 'icu_beds', 'icu_convertible', 'ventilators', 'station_code'],
  units: ['call_sign', 'kind', 'station_code', 'has_terminal'],
  places: ['name', 'aliases', 'kind', 'town', 'setting', 'lon', 'lat'],
} as const;
type Table = keyof typeof COLUMNS;
type Row = Record<string, string>;

function readTable(id: string, table: Table): { header: string[]; rows: Row[] } | undefined {
  const path = resolve(CITIES, id, `${table}.csv`);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

interface Bundle {
  id: string;
  adcode: string;
  /** Files this branch must ship for the bundle; the others are checked when present. */
  required: Table[];
}
const BUNDLES: Bundle[] = [
  { id: 'huairen', adcode: '140624', required: ['stations', 'hospitals', 'units', 'places'] },
  { id: 'cixi', adcode: '330282', required: ['places'] },
];

/** The city's own feature of the bundle's outline, read with the importer's own schema. */
function outlineOf(b: Bundle): OutlineFeature | undefined {
  const outline = Outline.parse(JSON.parse(readFileSync(resolve(CITIES, b.id, 'outline.geojson'), 'utf8')));
  return cityFeatureOf(outline, b.adcode);
}

const num = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? Number(s) : NaN);

describe.each(BUNDLES)('city bundle $id', (b) => {
  const cityFeature = outlineOf(b);
  const tables = Object.fromEntries((Object.keys(COLUMNS) as Table[]).map((t) => [t, readTable(b.id, t)])) as Record<Table, ReturnType<typeof readTable>>;
  const cityPath = resolve(CITIES, b.id, 'city.json');
  const city = existsSync(cityPath)
    ? (JSON.parse(readFileSync(cityPath, 'utf8')) as { adcode: string; population: number; residentsPerAmbulance: number; rules: { targets: Record<string, { measure: string; pct: number }> } })
    : undefined;

  it('ships its required files, each with exactly the specified columns', () => {
    for (const t of b.required) expect(tables[t], `${b.id}/${t}.csv`).toBeDefined();
    for (const t of Object.keys(COLUMNS) as Table[]) {
      const tab = tables[t];
      if (!tab) continue;
      expect([...tab.header].sort(), `${b.id}/${t}.csv header`).toEqual([...COLUMNS[t]].sort());
      for (const [i, r] of tab.rows.entries()) expect(Object.keys(r).length, `${t}.csv line ${i + 2}`).toBe(COLUMNS[t].length);
    }
  });

  it('places every station, hospital and place inside the city outline', () => {
    expect(cityFeature).toBeDefined();
    const outside: string[] = [];
    for (const t of ['stations', 'hospitals', 'places'] as const) {
      for (const [i, r] of (tables[t]?.rows ?? []).entries()) {
        const lon = num(r.lon);
        const lat = num(r.lat);
        if (!Number.isFinite(lon) || !Number.isFinite(lat) || !cityFeature || !insideFeature(cityFeature, lon, lat)) outside.push(`${t}.csv line ${i + 2}: ${r.name ?? r.name_zh} (${r.lon}, ${r.lat})`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('has unique, well-formed codes and call signs; units and hospitals name known stations', () => {
    const stations = tables.stations?.rows ?? [];
    const hospitals = tables.hospitals?.rows ?? [];
    const units = tables.units?.rows ?? [];
    const codes = stations.map((s) => s.code!);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9-]{2,16}$/);
    const hcodes = hospitals.map((h) => h.code!);
    expect(new Set(hcodes).size).toBe(hcodes.length);
    for (const c of hcodes) expect(c).toMatch(/^[A-Z0-9-]{2,16}$/);
    const signs = units.map((u) => u.call_sign!);
    expect(new Set(signs).size).toBe(signs.length);
    for (const s of signs) expect(s).toMatch(/^[A-Za-z0-9-]{2,16}$/);
    const known = new Set(codes);
    for (const u of units) {
      expect(known.has(u.station_code!), `unit ${u.call_sign} at ${u.station_code}`).toBe(true);
      expect(['critical_care', 'standard']).toContain(u.kind);
      expect(['true', 'false']).toContain(u.has_terminal);
    }
    for (const h of hospitals) {
      if (h.station_code) expect(known.has(h.station_code), `hospital ${h.code} station ${h.station_code}`).toBe(true);
      expect(HOSPITAL_KINDS).toContain(h.kind);
      for (const k of ['open_beds', 'icu_beds', 'icu_convertible', 'ventilators'] as const) {
        expect(Number.isInteger(num(h[k])) && num(h[k]) >= 0, `${h.code} ${k}=${h[k]}`).toBe(true);
      }
      expect(num(h.icu_beds)).toBeLessThanOrEqual(num(h.open_beds));
    }
  });

  it('meets the fleet norm (units >= population / residents per ambulance)', () => {
    if (!city || !tables.units) return;
    expect(tables.units.rows.length).toBeGreaterThanOrEqual(Math.ceil(city.population / city.residentsPerAmbulance));
    expect(tables.units.rows.filter((u) => u.kind === 'critical_care').length).toBeGreaterThan(0);
  });

  it('ships a gazetteer of at least 300 places, each in a town of its own list', () => {
    const places = tables.places!.rows;
    expect(places.length).toBeGreaterThanOrEqual(300);
    const towns = new Set(places.filter((p) => p.kind === 'town' || p.kind === 'subdistrict').map((p) => p.name));
    expect(towns.size).toBeGreaterThanOrEqual(10);
    const keys = new Set<string>();
    for (const p of places) {
      expect(PLACE_KINDS).toContain(p.kind);
      expect(['urban', 'rural']).toContain(p.setting);
      expect(towns.has(p.town!), `${p.name}: town ${p.town}`).toBe(true);
      expect(p.name!.trim()).not.toBe('');
      for (const a of p.aliases ? p.aliases.split('|') : []) expect(a.trim(), `${p.name} alias`).not.toBe('');
      const key = `${p.name}|${p.town}`;
      expect(keys.has(key), `duplicate ${key}`).toBe(false);
      keys.add(key);
    }
  });
});

describe('Huairen bundle specifics', () => {
  const city = JSON.parse(readFileSync(resolve(CITIES, 'huairen/city.json'), 'utf8')) as {
    adcode: string; population: number; populationSource: string; normalCallsPerHour: number;
    rules: { targets: Record<string, { measure: string; pct: number }>; destinations: Record<string, string[]>; bedNeededOnly?: Record<string, string[]> };
    thresholds: { baselineCallsPerHour: number };
  };
  const hospitals = readTable('huairen', 'hospitals')!.rows;

  it('names the city 怀仁市 (formerly 怀仁县) in the outline, with neighbours', () => {
    const fc = JSON.parse(readFileSync(resolve(CITIES, 'huairen/outline.geojson'), 'utf8')) as Outline;
    expect(fc.type).toBe('FeatureCollection');
    const f = fc.features.find((x) => x.properties.adcode === city.adcode)!;
    expect(f.properties).toMatchObject({ name: '怀仁市', adcode: '140624', formerName: '怀仁县' });
    expect(fc.features.length).toBeGreaterThan(5);
    for (const x of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(x.geometry.type);
  });

  it("its designated hospital's severe-care beds reach 10 % of its treatment beds", () => {
    expect(city.rules.targets.designated).toMatchObject({ measure: 'severe_beds', pct: 10 });
    const designated = hospitals.filter((h) => h.kind === 'designated');
    expect(designated.map((h) => h.name_zh)).toEqual(['怀仁市人民医院']);
    for (const h of designated) expect(num(h.icu_beds) * 100).toBeGreaterThanOrEqual(10 * num(h.open_beds));
  });

  it("has the seed's facilities and sends asymptomatic patients who need a bed to the fangcang first, the others to the isolation site", () => {
    const names = hospitals.map((h) => h.name_zh!);
    for (const n of ['怀仁市中医医院', '弘文集中隔离医学观察点', '怀仁小峪医院', '怀仁王坪医院']) expect(names).toContain(n);
    expect(hospitals.filter((h) => h.kind === 'fangcang')).toHaveLength(2);
    expect(hospitals.find((h) => h.kind === 'isolation')?.open_beds).toBe('588');
    expect(hospitals.filter((h) => h.kind === 'township').length).toBeGreaterThanOrEqual(10);
    expect(city.rules.destinations.asymptomatic).toEqual(['fangcang', 'isolation']);
    expect(city.rules.bedNeededOnly).toEqual({ asymptomatic: ['fangcang'] });
    expect(city.thresholds.baselineCallsPerHour).toBe(city.normalCallsPerHour);
  });
});

describe('the shipped bundles pass the importer’s own validation', () => {
  for (const id of ['cixi', 'huairen']) {
    it(`${id}: no error, no warning`, async () => {
      const result = await readBundle(resolve(import.meta.dirname, '../../cities', id));
      expect(result.ok ? [] : result.errors.map(formatBundleError)).toEqual([]);
      expect(result.warnings).toEqual([]);
    });
  }
});
