/**
 * A synthetic city bundle (docs/city-bundle.md) of any size, generated deterministically from Huairen's
 * city.json and outline.geojson: every station, hospital and place is drawn inside the city's feature with
 * the importer's own point-in-polygon (server/src/city/outline.ts), so the bundle passes validation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HOSPITAL_COLUMNS, HOSPITAL_KINDS, PLACE_COLUMNS, STATION_COLUMNS, UNIT_COLUMNS, type PlaceKind } from '@dispatch/shared';
import { Outline, cityFeatureOf, insideFeature } from '../../server/src/city/outline.ts';
import { seededRandom } from '../../server/src/demo/random.ts';

const BASE = path.resolve(import.meta.dirname, '../../server/cities/huairen');

export interface BundleSize {
  stations: number;
  hospitals: number;
  units: number;
  places: number;
}

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

export interface GeneratedBundle {
  manifest: Record<string, unknown>;
  outlineText: string;
  stations: Row[];
  hospitals: Row[];
  units: Row[];
  places: Row[];
}

const cell = (v: Cell): string => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (columns: readonly string[], rows: readonly Row[]) => [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? null)).join(','))].join('\n') + '\n';

const A = ['五', '六', '七', '潮', '海', '新', '东', '西', '南', '北', '长', '胜', '周', '陈', '徐', '沈', '蒋', '孙', '王', '李', '张', '刘', '杨', '黄', '赵', '吴', '郑', '谢', '韩', '唐'];
const B = ['塘', '浦', '桥', '湾', '江', '家', '灶', '丰', '星', '海', '兴', '河', '庄', '岙', '山', '林', '田', '埠', '堰', '墩', '港', '岭', '园', '岗'];
const C = ['', '新', '东', '西', '南', '北', '前', '后', '上', '下'];
const INSIDE: [PlaceKind, string][] = [['village', '村'], ['community', '社区'], ['street', '路'], ['landmark', '公园'], ['nursing_home', '敬老院'], ['hospital', '卫生院']];

/** The bundle's rows, in memory; `writeBundle` puts them in a folder. Same seed, same bundle, byte for byte. */
export function generateBundle(size: BundleSize, seed = 11): GeneratedBundle {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const manifest = JSON.parse(fs.readFileSync(path.join(BASE, 'city.json'), 'utf8')) as Record<string, unknown> & { adcode: string };
  const outlineText = fs.readFileSync(path.join(BASE, 'outline.geojson'), 'utf8');
  const city = cityFeatureOf(Outline.parse(JSON.parse(outlineText)), manifest.adcode);
  if (!city) throw new Error(`huairen outline has no feature ${manifest.adcode}`);
  manifest.id = 'bench-city';
  // The fleet norm (one ambulance per residentsPerAmbulance) only asks for at least ceil(population / it)
  // units; 2,000 units satisfy Huairen's 348,500 residents already, so the population stays as it is.

  const rings = city.geometry.type === 'Polygon' ? [city.geometry.coordinates] : city.geometry.coordinates;
  const all = rings.flat(2);
  const [minLon, maxLon] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  const [minLat, maxLat] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  /** A point inside the city as the CSV will hold it (5 decimals), tested after rounding. */
  const point = (near?: { lon: number; lat: number }, spread = 0.03): { lon: number; lat: number } => {
    for (;;) {
      const lon = near ? near.lon + (random() - 0.5) * spread : minLon + random() * (maxLon - minLon);
      const lat = near ? near.lat + (random() - 0.5) * spread : minLat + random() * (maxLat - minLat);
      const p = { lon: Number(lon.toFixed(5)), lat: Number(lat.toFixed(5)) };
      if (insideFeature(city, p.lon, p.lat)) return p;
    }
  };

  const stations: Row[] = [];
  for (let i = 1; i <= size.stations; i++) {
    const n = String(i).padStart(3, '0');
    stations.push({ code: `BS-${n}`, name_zh: `测试急救站${n}`, name_en: `Bench station ${n}`, ...point() });
  }
  const hospitals: Row[] = [];
  for (let i = 1; i <= size.hospitals; i++) {
    const n = String(i).padStart(3, '0');
    const openBeds = 20 + Math.floor(random() * 600);
    const icu = Math.floor(openBeds * random() * 0.1);
    // Half the hospitals host a station, as the bundle's optional station_code allows.
    const station = i % 2 === 0 ? stations[(i - 1) % stations.length] : undefined;
    hospitals.push({
      code: `BH-${n}`,
      name_zh: `测试医院${n}`,
      name_en: `Bench hospital ${n}, ward "${(i % 7) + 1}"`,
      kind: HOSPITAL_KINDS[i % HOSPITAL_KINDS.length] ?? 'township',
      ...point(),
      open_beds: openBeds,
      icu_beds: icu,
      icu_convertible: Math.floor(icu / 2),
      ventilators: Math.floor(random() * 20),
      station_code: station ? String(station.code) : null,
    });
  }
  const units: Row[] = [];
  for (let i = 1; i <= size.units; i++) {
    units.push({ call_sign: `BU-${String(i).padStart(4, '0')}`, kind: i % 5 === 0 ? 'critical_care' : 'standard', station_code: String(stations[(i - 1) % stations.length]?.code), has_terminal: i % 7 !== 0 });
  }
  const towns: { name: string; lon: number; lat: number }[] = [];
  const places: Row[] = [];
  const townCount = Math.max(1, Math.min(40, Math.floor(size.places / 500)));
  for (let i = 0; i < townCount; i++) {
    const name = `${pick(A)}${pick(B)}${i < 5 ? '街道' : '镇'}`;
    const at = point();
    towns.push({ name, ...at });
    places.push({ name, aliases: `${name.slice(0, 2)}|T${i}`, kind: i < 5 ? 'subdistrict' : 'town', town: name, setting: i < 5 ? 'urban' : 'rural', ...at });
  }
  while (places.length < size.places) {
    const town = pick(towns);
    const [kind, suffix] = random() < 0.7 ? (['village', '村'] as [PlaceKind, string]) : pick(INSIDE);
    const name = pick(A) + pick(B) + pick(C) + suffix;
    places.push({ name, aliases: random() < 0.2 ? name.slice(0, 2) : '', kind, town: town.name, setting: kind === 'village' ? 'rural' : 'urban', ...point(town, 0.05) });
  }
  return { manifest, outlineText, stations, hospitals, units, places };
}

/** The same bundle with every tenth hospital's open beds and every tenth unit's terminal changed. */
export function changeTenth(b: GeneratedBundle): GeneratedBundle {
  return {
    ...b,
    hospitals: b.hospitals.map((h, i) => (i % 10 === 0 ? { ...h, open_beds: Number(h.open_beds) + 10 } : h)),
    units: b.units.map((u, i) => (i % 10 === 0 ? { ...u, has_terminal: !u.has_terminal } : u)),
  };
}

/** Writes the six bundle files into `folder` (created). */
export function writeBundle(folder: string, b: GeneratedBundle): void {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'city.json'), JSON.stringify(b.manifest, null, 2) + '\n');
  fs.writeFileSync(path.join(folder, 'outline.geojson'), b.outlineText);
  fs.writeFileSync(path.join(folder, 'stations.csv'), csv(STATION_COLUMNS, b.stations));
  fs.writeFileSync(path.join(folder, 'hospitals.csv'), csv(HOSPITAL_COLUMNS, b.hospitals));
  fs.writeFileSync(path.join(folder, 'units.csv'), csv(UNIT_COLUMNS, b.units));
  fs.writeFileSync(path.join(folder, 'places.csv'), csv(PLACE_COLUMNS, b.places));
}
