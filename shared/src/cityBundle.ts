/**
 * The city bundle (docs/city-bundle.md): city.json's schema and the CSV rows' schemas. Cells arrive as
 * text; each row schema turns them into typed values and names the column of every mistake (the zod
 * issue's path is the header name), so the server can report `file:line:column: message`.
 */
import { z } from 'zod';
import { ThresholdsBody } from './api.ts';
import { CLINICAL_CLASSES, HOSPITAL_KINDS, PLACE_KINDS, PLACE_SETTINGS, UNIT_KINDS } from './model.ts';
import { TARGET_MEASURES } from './domain/ruleProfile.ts';
import { isWellFormedText } from './domain/plausibility.ts';

/** The files of a bundle, in the order they are read and reported. */
export const BUNDLE_FILES = ['city.json', 'outline.geojson', 'stations.csv', 'hospitals.csv', 'units.csv', 'places.csv'] as const;
/** Base-map layers a bundle may add: lakes, rivers, sea (with label points) and main roads. */
export const OPTIONAL_BUNDLE_FILES = ['water.geojson', 'roads.geojson'] as const;
export type BundleFile = (typeof BUNDLE_FILES)[number] | (typeof OPTIONAL_BUNDLE_FILES)[number];
/** Every file name an import reads. */
export const ALL_BUNDLE_FILES: readonly BundleFile[] = [...BUNDLE_FILES, ...OPTIONAL_BUNDLE_FILES];

/** `kind` of a water.geojson feature (the base map styles each). */
export const WATER_KINDS = ['sea', 'sea_label', 'lake', 'reservoir', 'river', 'canal'] as const;
/** `kind` of a roads.geojson feature. */
export const ROAD_KINDS = ['expressway', 'trunk', 'primary'] as const;

/** Largest bed, ICU or ventilator count a hospital row may state (as the admin API's counts). */
export const MAX_BUNDLE_COUNT = 100_000;

const wellFormed = (s: string) => isWellFormedText(s);
const label = (max: number) => z.string().trim().min(1).max(max).refine(wellFormed, 'contains an unpaired surrogate');
const pct = z.number().min(0).max(100);

export const CityTarget = z.strictObject({
  measure: z.enum(TARGET_MEASURES),
  pct,
  convertiblePct: pct.nullable(),
});
export type CityTarget = z.infer<typeof CityTarget>;

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** city.json: who the city is, how big, and the rules its hospitals and fleet are held to. */
export const CityManifest = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,32}$/, 'lower-case letters, digits and -, 2 to 32'),
  name: z.strictObject({ zh: label(80), en: label(120) }),
  adcode: z.string().regex(/^\d{6}$/, 'a six-digit administrative code'),
  population: z.number().int().min(1).max(100_000_000),
  populationSource: label(500),
  timeZone: z.string().refine(validTimeZone, 'not an IANA time zone'),
  normalCallsPerHour: z.number().positive().max(100_000),
  surgePlanMultiple: z.number().min(1).max(50),
  residentsPerAmbulance: z.number().int().min(1).max(10_000_000),
  rules: z
    .strictObject({
      targets: z.partialRecord(z.enum(HOSPITAL_KINDS), CityTarget),
      destinations: z.record(z.enum(CLINICAL_CLASSES), z.array(z.enum(HOSPITAL_KINDS)).min(1)),
      bedNeededOnly: z.partialRecord(z.enum(CLINICAL_CLASSES), z.array(z.enum(HOSPITAL_KINDS)).min(1)).optional(),
    })
    .superRefine((rules, ctx) => {
      // A bed-only kind is a restriction of the class's destinations, which also give its place in the order.
      for (const cls of CLINICAL_CLASSES) {
        for (const [i, kind] of (rules.bedNeededOnly?.[cls] ?? []).entries()) {
          if (!rules.destinations[cls].includes(kind)) {
            ctx.addIssue({ code: 'custom', path: ['bedNeededOnly', cls, i], message: `"${kind}" is not in destinations.${cls}` });
          }
        }
      }
    }),
  thresholds: ThresholdsBody.strict().default({}),
});
export type CityManifest = z.infer<typeof CityManifest>;

// ---- CSV cells ----------------------------------------------------------------------------------

const EMPTY = 'is empty; a value is required';
const required = z.string().trim().min(1, EMPTY);
const textCell = (max: number) => required.max(max, `longer than ${max} characters`);
const numberCell = required.regex(/^[+-]?(\d+(\.\d*)?|\.\d+)$/, 'not a number').transform(Number);
const lonCell = numberCell.pipe(z.number().min(-180, 'longitude below -180').max(180, 'longitude above 180'));
const latCell = numberCell.pipe(z.number().min(-90, 'latitude below -90').max(90, 'latitude above 90'));
const countCell = required
  .regex(/^[+-]?\d+(\.\d*)?$/, 'not a number')
  .transform(Number)
  .pipe(z.number().int('not a whole number').min(0, 'must not be negative').max(MAX_BUNDLE_COUNT, `above ${MAX_BUNDLE_COUNT}`));
const enumCell = <T extends readonly [string, ...string[]]>(values: T) =>
  required.pipe(z.enum(values, { error: (issue) => `"${String(issue.input)}" is not one of ${values.join(', ')}` }));
const optional = (cell: z.ZodType<string, string>) =>
  z
    .string()
    .trim()
    .transform((s) => (s === '' ? null : s))
    .pipe(cell.nullable());
const stationCode = z.string().regex(/^[A-Z0-9-]{2,16}$/, 'a code is 2 to 16 of A-Z, 0-9, -');
const boolCell = required.pipe(
  z.enum(['true', 'false'], { error: (issue) => `"${String(issue.input)}" is not true or false` }).transform((v) => v === 'true'),
);

/** stations.csv: one ambulance station per row. */
export const STATION_COLUMNS = ['code', 'name_zh', 'name_en', 'lon', 'lat'] as const;
export const StationRow = z.object({
  code: required.pipe(stationCode),
  name_zh: textCell(80),
  name_en: textCell(120),
  lon: lonCell,
  lat: latCell,
});
export type StationRow = z.infer<typeof StationRow>;

/** hospitals.csv: one facility per row with the capacity it opens with. */
export const HOSPITAL_COLUMNS = ['code', 'name_zh', 'name_en', 'kind', 'lon', 'lat', 'open_beds', 'icu_beds', 'icu_convertible', 'ventilators', 'station_code'] as const;
export const HospitalRow = z.object({
  code: required.pipe(stationCode),
  name_zh: textCell(80),
  name_en: textCell(120),
  kind: enumCell(HOSPITAL_KINDS),
  lon: lonCell,
  lat: latCell,
  open_beds: countCell,
  icu_beds: countCell,
  icu_convertible: countCell,
  ventilators: countCell,
  station_code: optional(stationCode),
});
export type HospitalRow = z.infer<typeof HospitalRow>;

/** units.csv: one ambulance per row, based at a station of stations.csv. */
export const UNIT_COLUMNS = ['call_sign', 'kind', 'station_code', 'has_terminal'] as const;
export const UnitRow = z.object({
  call_sign: required.pipe(z.string().regex(/^[A-Za-z0-9-]{2,16}$/, 'a call sign is 2 to 16 of A-Z, a-z, 0-9, -')),
  kind: enumCell(UNIT_KINDS),
  station_code: required.pipe(stationCode),
  has_terminal: boolCell,
});
export type UnitRow = z.infer<typeof UnitRow>;

/** places.csv: the gazetteer the address search reads. */
export const PLACE_COLUMNS = ['name', 'aliases', 'kind', 'town', 'setting', 'lon', 'lat'] as const;
export const PlaceRow = z.object({
  name: textCell(120),
  aliases: z
    .string()
    .trim()
    .transform((s) => (s === '' ? [] : s.split('|').map((a) => a.trim()).filter((a) => a !== ''))),
  kind: enumCell(PLACE_KINDS),
  town: textCell(80),
  setting: enumCell(PLACE_SETTINGS),
  lon: lonCell,
  lat: latCell,
});
export type PlaceRow = z.infer<typeof PlaceRow>;

/** A mistake in a bundle, located as an editor shows it (line 1-based; column = header name or 1-based index). */
export interface BundleError {
  file: string;
  line: number | null;
  column: string | null;
  message: string;
}

/** What an import did, per kind of row, and what it left alone. */
export interface CityImportReport {
  city: { id: string; name: string; nameEn: string; adcode: string };
  stations: ImportCounts;
  hospitals: ImportCounts;
  units: ImportCounts;
  places: { replaced: number };
  warnings: string[];
  /** Rows in the database that the bundle does not name: not removed, left as they are. */
  notInBundle: { stations: string[]; hospitals: string[]; units: string[] };
  /** The event-log seqs this import wrote (null when it changed nothing). */
  seq: { from: number; to: number } | null;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The admin upload: each bundle file's text by its name. */
export const CityImportBody = z.object({ files: z.record(z.string(), z.string()) });
