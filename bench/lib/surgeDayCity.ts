/**
 * The surge day's city and calls: the Cixi bundle (server/cities/cixi/) read and checked as the demo reads
 * it, with demo.json's starting occupancy, and a seeded day of calls drawn with the demo's own call mix and
 * call places (server/src/demo/sim/callMix.ts, cityModel.ts). No server, no database.
 */
import { DEFAULT_THRESHOLDS, type ClinicalClass, type Hospital, type RiskTier, type RuleProfile, type UnitKind } from '@dispatch/shared';
import { loadDemoCity } from '../../server/src/demo/bundle.ts';
import { drawCall, type CallKindDrawn, type RecentCaller } from '../../server/src/demo/sim/callMix.ts';
import { simCityOf, type SimCity } from '../../server/src/demo/sim/cityModel.ts';
import { seededRandom } from '../../server/src/demo/random.ts';

export interface SurgeUnit {
  id: number;
  callSign: string;
  kind: UnitKind;
  /** Where it starts and returns to. */
  station: { lon: number; lat: number };
}

export interface SurgeCity {
  id: string;
  /** The hospitals as the day opens (true figures; ids 1..n in hospitals.csv order). */
  hospitals: readonly Hospital[];
  units: readonly SurgeUnit[];
  rules: RuleProfile;
  normalCallsPerHour: number;
  surgePlanMultiple: number;
  staleCapacityMinutes: number;
  sim: SimCity;
}

/** 00:00 on a late-December day of the 2022 surge, Cixi time. */
export const DAY_START_MS = Date.parse('2022-12-27T00:00:00+08:00');

/** Reads server/cities/<id>/ and its demo.json. */
export async function loadSurgeCity(id = 'cixi'): Promise<SurgeCity> {
  const demo = await loadDemoCity(id);
  const { bundle, extras } = demo;
  const stations = new Map(bundle.stations.map((s) => [s.code, s]));
  const startedAt = new Date(DAY_START_MS).toISOString();
  const hospitals: Hospital[] = bundle.hospitals.map((h, i) => {
    const start = extras.hospitals[h.code];
    return {
      id: i + 1,
      code: h.code,
      name: h.name_zh,
      nameEn: h.name_en,
      kind: h.kind,
      lon: h.lon,
      lat: h.lat,
      stationId: null,
      openBeds: h.open_beds,
      occupiedBeds: start?.occupiedBeds ?? 0,
      icuOpen: h.icu_beds,
      icuOccupied: start?.icuOccupied ?? 0,
      icuConvertible: h.icu_convertible,
      // As the importer does it (server/src/commands/importCity.ts): every ventilator starts free.
      ventilatorsFree: h.ventilators,
      edStatus: start?.edStatus ?? 'open',
      diversionUntil: null,
      feverClinicWaitMin: start?.feverClinicWaitMin ?? 0,
      capacityUpdatedAt: startedAt,
      capacityUpdatedBy: 'sim',
      version: 1,
    };
  });
  const units: SurgeUnit[] = bundle.units.map((u, i) => {
    const s = stations.get(u.station_code);
    if (!s) throw new Error(`unit ${u.call_sign}: no station ${u.station_code}`);
    return { id: i + 1, callSign: u.call_sign, kind: u.kind, station: { lon: s.lon, lat: s.lat } };
  });
  return {
    id,
    hospitals,
    units,
    rules: bundle.manifest.rules,
    normalCallsPerHour: bundle.manifest.normalCallsPerHour,
    surgePlanMultiple: bundle.manifest.surgePlanMultiple,
    // A city without its own threshold uses the console's default, as the server does.
    staleCapacityMinutes: bundle.manifest.thresholds.staleCapacityMinutes ?? DEFAULT_THRESHOLDS.staleCapacityMinutes,
    sim: simCityOf(bundle, extras),
  };
}

/** One call of the day, with everything random about it drawn in advance so every policy meets the same day. */
export interface DayCall {
  id: number;
  kind: CallKindDrawn;
  /** Minutes after DAY_START_MS. */
  atMinute: number;
  lon: number;
  lat: number;
  clinicalClass: ClinicalClass;
  age: number | null;
  riskTier: RiskTier | null;
  flags: { nursingHome: boolean; pregnant: boolean; needsBed: boolean };
  /** Minutes the crew spends on scene. */
  sceneMinutes: number;
  /** Uniform draws, used by the engine: the handover's spread, whether a common or mild patient is admitted, the ward stay. */
  handoverDraw: number;
  admitDraw: number;
  wardStayHours: number;
}

/**
 * A seeded day: Poisson arrivals at the city's normal rate × its surge plan multiple for `hours`, each drawn
 * by the demo's `drawCall` (surge shares: most calls are advice or repeats, which need no ambulance).
 * Inter-facility transfers are left out: the simulator's transfers name their destination, no policy picks it.
 */
export function drawSurgeDay(city: SurgeCity, seed: number, hours: number): DayCall[] {
  const rand = seededRandom(seed);
  const extra = seededRandom(seed ^ 0x5eed);
  const perMinute = (city.normalCallsPerHour * city.surgePlanMultiple) / 60;
  const calls: DayCall[] = [];
  const recent: (RecentCaller & { atMinute: number })[] = [];
  for (let t = -Math.log(1 - rand()) / perMinute; t < hours * 60; t += -Math.log(1 - rand()) / perMinute) {
    while (recent.length > 0 && (recent[0]?.atMinute ?? t) < t - 60) recent.shift();
    const drawn = drawCall(rand, { city: city.sim, surge: true, recent });
    const { input } = drawn;
    if (drawn.kind === 'emergency') {
      recent.push({ phone: input.callerPhone, at: { lon: input.lon, lat: input.lat }, address: input.address, patient: { age: input.age, riskTier: input.riskTier, flags: input.flags, clinicalClass: input.clinicalClass }, atMinute: t });
    }
    calls.push({
      id: calls.length + 1,
      kind: drawn.kind,
      atMinute: t,
      lon: input.lon,
      lat: input.lat,
      clinicalClass: input.clinicalClass,
      age: input.age,
      riskTier: input.riskTier,
      flags: input.flags,
      sceneMinutes: 10 + extra() * 15,
      handoverDraw: extra(),
      admitDraw: extra(),
      wardStayHours: 12 + extra() * 108,
    });
  }
  return calls;
}
