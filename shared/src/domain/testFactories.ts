/** Test data builders: full valid model objects with overrides, for domain, server and client tests alike. */
import type { RuleProfile } from './ruleProfile.ts';
import { NO_CITY, type CityProfile } from '../city.ts';
import { DEFAULT_THRESHOLDS, type Call, type Hospital, type Transport, type Unit } from '../model.ts';
import { gzipSync } from 'fflate';
import { PROTOCOL_VERSION, type Snapshot } from '../realtime.ts';
import { SNAPSHOT_ENCODING, type SnapshotWire } from '../snapshotWire.ts';

/** The fixed clock the factories' timestamps are written against. */
export const FACTORY_NOW = new Date('2023-01-05T08:00:00.000Z');

/** Centre of the demo city (Cixi). */
export const CIXI_CENTRE = { lon: 121.27, lat: 30.17 } as const;

let nextId = 1;

/** Restarts default ids at 1, for tests that compare ids. */
export function resetFactoryIds(): void {
  nextId = 1;
}

const iso = (minutesBeforeNow: number): string => new Date(FACTORY_NOW.getTime() - minutesBeforeNow * 60_000).toISOString();

/** A common-class emergency call received 5 minutes before FACTORY_NOW, awaiting a unit. */
export function buildCall(overrides: Partial<Call> = {}): Call {
  const id = overrides.id ?? nextId++;
  return {
    id,
    number: `20230105-${String(id).padStart(4, '0')}`,
    kind: 'emergency',
    status: 'awaiting_unit',
    outcome: null,
    receivedAt: iso(5),
    statusSince: iso(3),
    callerPhone: '138 0000 0000',
    address: '慈溪市浒山街道新城大道北路 1 号',
    lon: CIXI_CENTRE.lon,
    lat: CIXI_CENTRE.lat,
    complaint: '发热三天，气促',
    clinicalClass: 'common',
    age: 58,
    riskTier: null,
    flags: { nursingHome: false, pregnant: false, needsBed: false },
    notes: '',
    sourceHospitalId: null,
    transferToHospitalId: null,
    mergedIntoId: null,
    lastContactAt: null,
    version: 1,
    ...overrides,
  };
}

/** An available standard unit parked at the city centre. */
export function buildUnit(overrides: Partial<Unit> = {}): Unit {
  const id = overrides.id ?? nextId++;
  return {
    id,
    callSign: `CX-${String(id).padStart(2, '0')}`,
    kind: 'standard',
    stationId: 1,
    status: 'available',
    statusSince: iso(30),
    callId: null,
    transportId: null,
    lon: CIXI_CENTRE.lon,
    lat: CIXI_CENTRE.lat,
    heading: 0,
    speedKmh: 0,
    fixAt: iso(0),
    crew: { driver: '王师傅', doctor: '李医生', nurse: '陈护士' },
    crewOnShift: [],
    hasTerminal: true,
    version: 1,
    ...overrides,
  };
}

/** A designated hospital like the People's Hospital (1,500 beds, 40 ICU), open, capacity updated at FACTORY_NOW. */
export function buildHospital(overrides: Partial<Hospital> = {}): Hospital {
  const id = overrides.id ?? nextId++;
  return {
    id,
    code: `H${id}`,
    name: '慈溪市人民医院',
    nameEn: "Cixi People's Hospital",
    kind: 'designated',
    lon: 121.248,
    lat: 30.18,
    stationId: null,
    openBeds: 1500,
    occupiedBeds: 1200,
    icuOpen: 40,
    icuOccupied: 30,
    icuConvertible: 60,
    ventilatorsFree: 5,
    edStatus: 'open',
    diversionUntil: null,
    feverClinicWaitMin: 20,
    capacityUpdatedAt: iso(0),
    capacityUpdatedBy: 'nurse1',
    version: 1,
    ...overrides,
  };
}

/** A transport just assigned (acceptance pending), not yet arrived. */
export function buildTransport(overrides: Partial<Transport> = {}): Transport {
  const id = overrides.id ?? nextId++;
  return {
    id,
    callId: 1,
    unitId: 1,
    hospitalId: 1,
    acceptance: 'pending',
    declineReason: null,
    declineNote: null,
    diversionOverride: false,
    assignedAt: iso(2),
    acceptedAt: null,
    arrivedAt: null,
    handedOverAt: null,
    closedAt: null,
    acknowledgedAt: null,
    vitals: null,
    version: 1,
    ...overrides,
  };
}

/** A dispatcher's empty snapshot at `seq`; pass the entities a test needs. */
export function buildSnapshot(seq: number, overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    protocol: PROTOCOL_VERSION,
    seq,
    serverTime: FACTORY_NOW.toISOString(),
    user: { id: 1, username: 'dispatcher', displayName: 'dispatcher', role: 'dispatcher', hospitalId: null },
    calls: [],
    units: [],
    transports: [],
    hospitals: [],
    stations: [],
    alerts: [],
    lines: [],
    seats: [],
    thresholds: DEFAULT_THRESHOLDS,
    city: DEMO_CITY_PROFILE,
    degraded: false,
    demo: null,
    ...overrides,
  };
}

/**
 * The Cixi demo bundle's rules (seed 002), as test fixtures; the product reads them from server/cities/cixi/city.json. The
 * designated hospital is kept for the sickest, so it is not suggested for common/mild; township centres
 * opened oxygen areas in the surge, which is enough for common and mild only.
 */
export const DEMO_RULES: RuleProfile = {
  targets: {
    designated: { measure: 'icu_beds', pct: 4, convertiblePct: 4 },
    second_level: { measure: 'icu_beds', pct: 2, convertiblePct: null },
    sub_designated: { measure: 'icu_beds', pct: 2, convertiblePct: null },
  },
  destinations: {
    critical: ['designated', 'second_level'],
    severe: ['designated', 'second_level'],
    common: ['sub_designated', 'fangcang', 'second_level', 'township'],
    mild: ['sub_designated', 'fangcang', 'second_level', 'township'],
    asymptomatic: ['isolation'],
  },
};

/** The Cixi demo as a loaded city, for tests (figures from server/cities/cixi/city.json). */
export const DEMO_CITY_PROFILE: CityProfile = {
  ...NO_CITY,
  id: 'cixi',
  name: { zh: '慈溪市', en: 'Cixi' },
  adcode: '330282',
  population: 1_850_000,
  normalCallsPerHour: 40,
  rules: DEMO_RULES,
  bbox: [121.04102, 30.03809, 121.63281, 30.50879],
  mapKey: 'test',
};

/** For seeded property tests: the same seed gives the same random situations on every run. */
export { seededRandom } from '../seededRandom.ts';

/** A snapshot as the server sends it (gzip-compressed JSON body, envelope per socket). */
export function snapshotWire(snapshot: Snapshot): SnapshotWire {
  const { user, serverTime, ...body } = snapshot;
  return { protocol: snapshot.protocol, seq: snapshot.seq, serverTime, user, encoding: SNAPSHOT_ENCODING, body: gzipSync(new TextEncoder().encode(JSON.stringify(body))) };
}
