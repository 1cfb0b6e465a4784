/**
 * The loaded city as every part of the product sees it (issue 11): who it is, how big, its calendar and its
 * rules. It comes from the last imported city bundle (docs/city-bundle.md); nothing here names a city.
 */
import type { CityManifest } from './cityBundle.ts';
import { CLINICAL_CLASSES, HOSPITAL_KINDS, type ClinicalClass, type HospitalKind } from './model.ts';
import type { RuleProfile } from './domain/ruleProfile.ts';
import type { BBox } from './domain/plausibility.ts';

export interface CityProfile {
  /** The bundle's id; '' before any city is loaded. */
  id: string;
  name: { zh: string; en: string };
  adcode: string;
  population: number;
  /** IANA zone of the city day (midnight to midnight city time). */
  timeZone: string;
  normalCallsPerHour: number;
  /** Call lines and seats must scale to this multiple of normal load. */
  surgePlanMultiple: number;
  /** The fleet norm: at least one ambulance per this many residents. */
  residentsPerAmbulance: number;
  rules: RuleProfile;
  /** [minLon, minLat, maxLon, maxLat] of the city's own outline; null before any city is loaded. */
  bbox: BBox | null;
  /** Changes whenever the base map's data changes: consoles reload the map layers when it does. */
  mapKey: string;
}

/** The loaded city as the log records an import of it (the settings row 'city'). */
export interface CityImported {
  manifest: CityManifest;
  places: number;
  /** The city feature's bounds, from outline.geojson. */
  bbox: BBox;
  /** A digest of the base-map layers stored with the import. */
  mapKey: string;
}

/**
 * Before a city is imported (a fresh database without the demo): no targets, every kind may take every class,
 * no bounds, no fleet norm. The consoles say that no city is loaded.
 */
export const NO_CITY: CityProfile = {
  id: '',
  name: { zh: '', en: '' },
  adcode: '',
  population: 0,
  timeZone: 'Asia/Shanghai',
  normalCallsPerHour: 1,
  surgePlanMultiple: 5,
  residentsPerAmbulance: 30_000,
  rules: {
    targets: {},
    destinations: Object.fromEntries(CLINICAL_CLASSES.map((c) => [c, [...HOSPITAL_KINDS]])) as Record<ClinicalClass, HospitalKind[]>,
  },
  bbox: null,
  mapKey: '',
};

export function cityProfileOf(imported: CityImported | null): CityProfile {
  if (!imported) return NO_CITY;
  const m = imported.manifest;
  return {
    id: m.id,
    name: m.name,
    adcode: m.adcode,
    population: m.population,
    timeZone: m.timeZone,
    normalCallsPerHour: m.normalCallsPerHour,
    surgePlanMultiple: m.surgePlanMultiple,
    residentsPerAmbulance: m.residentsPerAmbulance,
    rules: m.rules,
    bbox: imported.bbox,
    mapKey: imported.mapKey,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `at`, in minutes (east positive), from the platform's time-zone data. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const parts = formatterOf(timeZone).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}
