/**
 * Reads a city bundle's file contents and returns the parsed bundle or every mistake in it, each located
 * as `{ file, line, column, message }` (docs/city-bundle.md). No IO: the folder reader (readBundle.ts) and
 * the admin upload both hand their bytes here, so both refuse the same bundles with the same words.
 */
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  ALL_BUNDLE_FILES,
  ROAD_KINDS,
  WATER_KINDS,
  CityManifest,
  HOSPITAL_COLUMNS,
  HospitalRow,
  PLACE_COLUMNS,
  PlaceRow,
  STATION_COLUMNS,
  StationRow,
  UNIT_COLUMNS,
  UnitRow,
  type BundleError,
  type BundleFile,
} from '@dispatch/shared';
import { Outline, cityFeatureOf, insideFeature, mapLayerSchema, type MapLayer, type OutlineFeature } from './outline.ts';

/** Largest file a bundle may hold: refused before it is read whole (a 20,000-place gazetteer is ~2 MB). */
export const MAX_BUNDLE_FILE_BYTES = 20 * 1024 * 1024;

/** A file as it arrives: its bytes, its text (the upload), or only its size when it was too large to read. */
export type BundleSource = Uint8Array | string | { tooLarge: number };

export interface CityBundle {
  manifest: CityManifest;
  outline: Outline;
  stations: (StationRow & { line: number })[];
  hospitals: (HospitalRow & { line: number })[];
  units: (UnitRow & { line: number })[];
  places: (PlaceRow & { line: number })[];
  /** Optional base-map layers; null when the bundle has none. */
  water: MapLayer | null;
  roads: MapLayer | null;
}

export type BundleResult = { ok: true; bundle: CityBundle; warnings: string[] } | { ok: false; errors: BundleError[]; warnings: string[] };


const utf8 = new TextDecoder('utf-8', { fatal: true });

class Errors {
  readonly list: BundleError[] = [];
  add(file: string, line: number | null, column: string | null, message: string): void {
    this.list.push({ file, line, column, message });
  }
}

/** Bytes or text to text: UTF-8 only, a leading BOM dropped, CRLF and CR made LF. Null when refused. */
function decode(file: BundleFile, source: BundleSource | undefined, errors: Errors): string | null {
  if (source === undefined) {
    errors.add(file, null, null, 'file is missing');
    return null;
  }
  if (typeof source === 'object' && 'tooLarge' in source) {
    errors.add(file, null, null, `file is ${(source.tooLarge / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BUNDLE_FILE_BYTES / 1024 / 1024} MB`);
    return null;
  }
  const size = typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength;
  if (size > MAX_BUNDLE_FILE_BYTES) {
    errors.add(file, null, null, `file is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_BUNDLE_FILE_BYTES / 1024 / 1024} MB`);
    return null;
  }
  let text: string;
  if (typeof source === 'string') text = source;
  else {
    try {
      text = utf8.decode(source);
    } catch {
      errors.add(file, lineOfBadByte(source), null, 'not UTF-8 text (save it as UTF-8; GBK is not read)');
      return null;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, '\n');
}

/** The line of the first byte sequence that is not UTF-8, so the report points at it. */
function lineOfBadByte(bytes: Uint8Array): number | null {
  let line = 1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) line++;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0) return line;
    if (n > 1) {
      try {
        utf8.decode(bytes.subarray(i, i + n));
      } catch {
        return line;
      }
    }
    i += n;
  }
  return null;
}

/** A zod issue path as a JSON path: `rules.targets.designated.pct`, `features[3].geometry`. */
function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}

function parseJson(file: BundleFile, text: string, errors: Errors): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : null;
    errors.add(file, line, null, `not valid JSON: ${message}`);
    return undefined;
  }
}

function readManifest(text: string | null, errors: Errors): CityManifest | null {
  if (text === null) return null;
  const json = parseJson('city.json', text, errors);
  if (json === undefined) return null;
  const parsed = CityManifest.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) errors.add('city.json', null, jsonPath(issue.path), issue.message);
  return null;
}

const WaterLayer = mapLayerSchema(WATER_KINDS);
const RoadLayer = mapLayerSchema(ROAD_KINDS);

/** An optional layer: absent is fine, present must be well-formed. */
function readMapLayer(file: 'water.geojson' | 'roads.geojson', text: string | null, errors: Errors): MapLayer | null {
  if (text === null) return null;
  const json = parseJson(file, text, errors);
  if (json === undefined) return null;
  const parsed = (file === 'water.geojson' ? WaterLayer : RoadLayer).safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, 20)) errors.add(file, null, jsonPath(issue.path), issue.message);
  return null;
}

function readOutline(text: string | null, errors: Errors): Outline | null {
  if (text === null) return null;
  const json = parseJson('outline.geojson', text, errors);
  if (json === undefined) return null;
  const parsed = Outline.safeParse(json);
  if (parsed.success) return parsed.data;
  // A broken polygon yields one issue per coordinate; the first few say enough.
  for (const issue of parsed.error.issues.slice(0, 20)) errors.add('outline.geojson', null, jsonPath(issue.path), issue.message);
  return null;
}

/**
 * One CSV file: header checked against the columns, every row through its schema. `seen` collects each
 * row's raw cells, good or bad, so a station whose row has a typo is still known to its units (one
 * mistake, one error, not one more per unit).
 */
function readCsv<T>(
  file: BundleFile,
  text: string | null,
  columns: readonly string[],
  schema: z.ZodType<T>,
  errors: Errors,
  seen: Record<string, string>[] = [],
): (T & { line: number })[] | null {
  if (text === null) return null;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines;
      errors.add(file, lines ?? null, null, `not readable as CSV: ${error.message}`);
      return null;
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) {
    errors.add(file, 1, null, `file is empty; it needs a header row: ${columns.join(',')}`);
    return null;
  }
  const header = head.record.map((h) => h.trim());
  let headerOk = true;
  header.forEach((name, i) => {
    if (name === '') errors.add(file, 1, String(i + 1), 'empty column name');
    else if (!columns.includes(name)) errors.add(file, 1, name, `unknown column (expected ${columns.join(', ')})`);
    else if (header.indexOf(name) !== i) errors.add(file, 1, name, `column appears twice (columns ${header.indexOf(name) + 1} and ${i + 1})`);
  });
  for (const column of columns) {
    if (!header.includes(column)) {
      errors.add(file, 1, column, 'missing column');
      headerOk = false;
    }
  }
  if (!headerOk) return null;
  const rows: (T & { line: number })[] = [];
  for (const { record, info } of body) {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const cells: Record<string, string> = {};
    header.forEach((name, i) => {
      if (columns.includes(name)) cells[name] = record[i] ?? '';
    });
    seen.push(cells);
    if (record.length !== header.length) {
      errors.add(file, line, null, `row has ${record.length} cells, the header has ${header.length}`);
      continue;
    }
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.add(file, line, String(issue.path[0] ?? ''), issue.message);
      continue;
    }
    rows.push({ ...parsed.data, line });
  }
  return rows;
}

/** Reports the second and later rows that repeat a key. */
function checkUnique<T extends { line: number }>(file: BundleFile, rows: readonly T[], column: string, key: (r: T) => string, what: string, errors: Errors): Map<string, T> {
  const first = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = first.get(k);
    if (seen) errors.add(file, r.line, column, `duplicate ${what} ${k} (first on line ${seen.line})`);
    else first.set(k, r);
  }
  return first;
}

function checkInside(file: BundleFile, rows: readonly { lon: number; lat: number; line: number }[], city: OutlineFeature, cityName: string, errors: Errors): void {
  for (const r of rows) {
    if (!insideFeature(city, r.lon, r.lat)) errors.add(file, r.line, 'lon', `point ${r.lon}, ${r.lat} is outside ${cityName}'s outline`);
  }
}

/** Everything the bundle says, checked within each file and across files. */
export function validateBundle(sources: Partial<Record<string, BundleSource>>): BundleResult {
  const errors = new Errors();
  const warnings: string[] = [];
  for (const name of Object.keys(sources)) {
    if (!(ALL_BUNDLE_FILES as readonly string[]).includes(name)) warnings.push(`${name}: not a bundle file, ignored`);
  }
  const text = (file: BundleFile) => decode(file, sources[file], errors);
  const optionalText = (file: BundleFile) => (sources[file] === undefined ? null : text(file));
  const manifest = readManifest(text('city.json'), errors);
  const outline = readOutline(text('outline.geojson'), errors);
  const stationCells: Record<string, string>[] = [];
  const stations = readCsv('stations.csv', text('stations.csv'), STATION_COLUMNS, StationRow, errors, stationCells);
  const hospitals = readCsv('hospitals.csv', text('hospitals.csv'), HOSPITAL_COLUMNS, HospitalRow, errors);
  const units = readCsv('units.csv', text('units.csv'), UNIT_COLUMNS, UnitRow, errors);
  const places = readCsv('places.csv', text('places.csv'), PLACE_COLUMNS, PlaceRow, errors);
  const water = readMapLayer('water.geojson', optionalText('water.geojson'), errors);
  const roads = readMapLayer('roads.geojson', optionalText('roads.geojson'), errors);

  if (stations) checkUnique('stations.csv', stations, 'code', (s) => s.code, 'station code', errors);
  const stationByCode = stations ? new Set(stationCells.map((c) => (c.code ?? '').trim())) : null;
  if (hospitals) {
    checkUnique('hospitals.csv', hospitals, 'code', (h) => h.code, 'hospital code', errors);
    for (const h of hospitals) {
      if (h.icu_beds > h.open_beds) errors.add('hospitals.csv', h.line, 'icu_beds', `${h.icu_beds} ICU beds is more than the ${h.open_beds} open beds`);
      if (h.station_code !== null && stationByCode && !stationByCode.has(h.station_code)) {
        errors.add('hospitals.csv', h.line, 'station_code', `unknown station ${h.station_code} (not in stations.csv)`);
      }
    }
  }
  if (units) {
    checkUnique('units.csv', units, 'call_sign', (u) => u.call_sign, 'call sign', errors);
    for (const u of units) {
      if (stationByCode && !stationByCode.has(u.station_code)) errors.add('units.csv', u.line, 'station_code', `unknown station ${u.station_code} (not in stations.csv)`);
    }
  }
  if (manifest && outline) {
    const city = cityFeatureOf(outline, manifest.adcode);
    if (!city) errors.add('outline.geojson', null, 'features', `no feature has adcode ${manifest.adcode} (city.json's adcode)`);
    else {
      const name = manifest.name.en;
      if (stations) checkInside('stations.csv', stations, city, name, errors);
      if (hospitals) checkInside('hospitals.csv', hospitals, city, name, errors);
      if (places) checkInside('places.csv', places, city, name, errors);
    }
  }
  if (manifest && units) {
    const norm = Math.ceil(manifest.population / manifest.residentsPerAmbulance);
    if (units.length < norm) {
      warnings.push(
        `units.csv: ${units.length} units is fewer than the fleet norm of ${norm} (1 per ${manifest.residentsPerAmbulance} residents of ${manifest.population})`,
      );
    }
  }
  if (errors.list.length > 0 || !manifest || !outline || !stations || !hospitals || !units || !places) {
    return { ok: false, errors: errors.list, warnings };
  }
  return { ok: true, bundle: { manifest, outline, stations, hospitals, units, places, water, roads }, warnings };
}

/** `file:line:column: message`, as compilers print it (a `-` where the line or column is unknown). */
export function formatBundleError(e: BundleError): string {
  return `${e.file}:${e.line ?? '-'}:${e.column ?? '-'}: ${e.message}`;
}
