/**
 * Writes server/cities/huairen/{city.json,stations.csv,hospitals.csv,units.csv} (format:
 * docs/city-bundle.md) from the literals in scripts/lib/huairen-data.ts, and checks every point lies
 * inside Huairen's outline (run scripts/make-city-outline.ts first). Deterministic. Run from the repo root:
 *   pnpm exec tsx scripts/make-huairen-bundle.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { edgeDistance, inArea, loadArea, writeCsv } from './lib/bundle-io.ts';
import { HUAIREN_FLEET, HUAIREN_HOSPITALS, HUAIREN_STATIONS, HUAIREN_TOWNS, type HuairenHospital } from './lib/huairen-data.ts';

const dir = resolve(import.meta.dirname, '../server/cities/huairen');
const area = loadArea(resolve(dir, 'outline.geojson'), '140624');

// Seventh national census (2020): 34.85万 residents.
const POPULATION = 348_500;
const RESIDENTS_PER_AMBULANCE = 30_000;
// Cixi: 1.85 M residents, 40 calls/h; scaled by population: 40 * 348,500 / 1,850,000 = 7.5 -> 8.
const NORMAL_CALLS_PER_HOUR = Math.round((40 * POPULATION) / 1_850_000);

const city = {
  id: 'huairen',
  name: { zh: '怀仁市', en: 'Huairen' },
  adcode: '140624',
  population: POPULATION,
  populationSource:
    'Seventh national population census (2020, published May 2021): 34.85万 (348,500, rounded to the published figure), as reported e.g. at https://bdditu.com/shuozhouditu/huairenxian.html',
  timeZone: 'Asia/Shanghai',
  normalCallsPerHour: NORMAL_CALLS_PER_HOUR,
  surgePlanMultiple: 5,
  residentsPerAmbulance: RESIDENTS_PER_AMBULANCE,
  rules: {
    targets: {
      designated: { measure: 'severe_beds', pct: 10, convertiblePct: null },
      second_level: { measure: 'icu_beds', pct: 2, convertiblePct: null },
    },
    destinations: {
      critical: ['designated'],
      severe: ['designated', 'second_level'],
      common: ['sub_designated', 'fangcang', 'second_level'],
      mild: ['sub_designated', 'fangcang', 'second_level'],
      asymptomatic: ['fangcang', 'isolation'],
    },
    // Seed 000: the fangcang admits asymptomatic patients "有住院需求" (who need a bed); the others go to the
    // Hongwen isolation site, which has rooms, not beds. The fangcang is first for those who need a bed.
    bedNeededOnly: { asymptomatic: ['fangcang'] },
  },
  // 15 ambulances: the alert for too few free units fires at 3, not at the default sized for a large city's fleet.
  thresholds: { baselineCallsPerHour: NORMAL_CALLS_PER_HOUR, minFreeUnits: 3 },
};

/** One township health centre per town / township, next to the seat; five have an ambulance station. */
const townshipStation = new Map(
  HUAIREN_STATIONS.filter((s) => s.code !== 'HR-S-RMYY' && s.code !== 'HR-S-ZYY').map((s) => [`${s.lon},${s.lat}`, s.code]),
);
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const townships: HuairenHospital[] = HUAIREN_TOWNS.map((t, i) => {
  const lon = r4(t.lon + 0.0012);
  const lat = r4(t.lat + 0.0006);
  return {
    code: `HR-T${String(i + 1).padStart(2, '0')}`,
    name: `${t.name}卫生院`,
    nameEn: `${t.nameEn} Township Health Centre`,
    kind: 'township',
    lon,
    lat,
    openBeds: [40, 30, 35, 30, 20, 25, 20, 25, 30, 20][i]!,
    icuBeds: 0,
    icuConvertible: 0,
    ventilators: 0,
    stationCode: townshipStation.get(`${lon},${lat}`),
    town: t.name,
  };
});
const hospitals = [...HUAIREN_HOSPITALS, ...townships];

// ---- checks ----
const problems: string[] = [];
const cosLat = Math.cos((39.8 * Math.PI) / 180);
for (const p of [...HUAIREN_STATIONS, ...hospitals]) {
  if (!inArea(area, p.lon, p.lat)) problems.push(`${p.code} ${p.name} (${p.lon}, ${p.lat}) is outside Huairen`);
  else if (edgeDistance(area, p.lon, p.lat, cosLat) < 0.005) problems.push(`${p.code} ${p.name} is within 500 m of the border`);
}
const stationCodes = new Set(HUAIREN_STATIONS.map((s) => s.code));
for (const h of hospitals) if (h.stationCode && !stationCodes.has(h.stationCode)) problems.push(`${h.code}: unknown station ${h.stationCode}`);
for (const s of HUAIREN_STATIONS) if (!hospitals.some((h) => h.stationCode === s.code)) problems.push(`station ${s.code} is at no hospital`);
const designated = hospitals.filter((h) => h.kind === 'designated');
if (designated.length !== 1 || designated[0]!.icuBeds * 10 < designated[0]!.openBeds) problems.push('designated hospital misses the 10 % severe-bed rule');

const units = HUAIREN_FLEET.flatMap(([station, standard, critical]) => [
  ...Array<string>(critical).fill('critical_care'),
  ...Array<string>(standard).fill('standard'),
].map((kind) => ({ station, kind }))).map((u, i) => ({
  call_sign: `HR-${String(i + 1).padStart(2, '0')}`,
  kind: u.kind,
  station_code: u.station,
  // Two standard township units (Maojiazao, Haibeitou) report by radio: no in-cab terminal.
  has_terminal: !(i + 1 === 13 || i + 1 === 14),
}));
if (units.length < Math.ceil(POPULATION / RESIDENTS_PER_AMBULANCE)) problems.push(`fleet ${units.length} below 1 per ${RESIDENTS_PER_AMBULANCE}`);
if (units.filter((u) => u.kind === 'critical_care').length < 4) problems.push('fewer than 4 critical-care units');
if (problems.length) throw new Error(problems.join('\n'));

// ---- write ----
writeFileSync(resolve(dir, 'city.json'), JSON.stringify(city, null, 2) + '\n');
writeCsv(resolve(dir, 'stations.csv'), ['code', 'name_zh', 'name_en', 'lon', 'lat'],
  HUAIREN_STATIONS.map((s) => ({ code: s.code, name_zh: s.name, name_en: s.nameEn, lon: s.lon, lat: s.lat })));
writeCsv(resolve(dir, 'hospitals.csv'),
  ['code', 'name_zh', 'name_en', 'kind', 'lon', 'lat', 'open_beds', 'icu_beds', 'icu_convertible', 'ventilators', 'station_code'],
  hospitals.map((h) => ({
    code: h.code, name_zh: h.name, name_en: h.nameEn, kind: h.kind, lon: h.lon, lat: h.lat, open_beds: h.openBeds,
    icu_beds: h.icuBeds, icu_convertible: h.icuConvertible, ventilators: h.ventilators, station_code: h.stationCode ?? '',
  })));
writeCsv(resolve(dir, 'units.csv'), ['call_sign', 'kind', 'station_code', 'has_terminal'], units);
console.log(`huairen: ${HUAIREN_STATIONS.length} stations, ${hospitals.length} hospitals, ${units.length} units, ${NORMAL_CALLS_PER_HOUR} calls/h`);
