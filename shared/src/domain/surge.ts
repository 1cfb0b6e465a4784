/**
 * The command group's "now" picture (DOMAIN.md rules 3–5 and 7): queue, load against the 5x plan,
 * units, offload delay, hospital pressure. Pure: the server loads rows, this counts them.
 */
import { UNIT_STATUSES, type Call, type Hospital, type Thresholds, type Transport, type Unit, type UnitStatus } from '../model.ts';
import { checkIcuTarget, type IcuTargetCheck } from './icuTargets.ts';
import type { RuleProfile } from './ruleProfile.ts';
import { fleetNorm, loadMultiple } from './load.ts';
import { median, percentile } from './offload.ts';

/** Call statuses that mean "still waiting for a unit". */
export const QUEUE_STATUSES = ['received', 'triaged', 'awaiting_unit'] as const;

export type PressureLevel = 'ok' | 'amber' | 'red';

export interface HospitalPressure {
  hospitalId: number;
  code: string;
  name: string;
  nameEn: string;
  kind: Hospital['kind'];
  icuOpen: number;
  icuOccupied: number;
  /** Occupied share of open ICU beds, percent; null without open ICU beds. */
  icuPct: number | null;
  openBeds: number;
  occupiedBeds: number;
  bedsPct: number | null;
  icu: IcuTargetCheck;
  /** Convertible ICU beds not yet opened as ICU: the reserve the command group can order open. */
  icuConvertibleClosed: number;
  edStatus: Hospital['edStatus'];
  diversionUntil: string | null;
  /** Units at the ED door now (arrived, not handed over) and the longest of their waits. */
  heldNow: number;
  longestHeldMin: number | null;
  handoversToday: number;
  offloadMedianTodayMin: number | null;
  capacityUpdatedAt: string;
  level: PressureLevel;
}

export interface NowStats {
  at: string;
  day: string;
  queue: { waiting: number; longestWaitMin: number | null };
  load: {
    /** Emergency calls received in the last 60 minutes, advice-only ones included (they hold a line and a seat). */
    callsLastHour: number;
    adviceLastHour: number;
    transfersLastHour: number;
    baselinePerHour: number;
    multiple: number;
    planMultiple: number;
    alertMultiple: number;
    callsToday: number;
    adviceToday: number;
  };
  units: {
    total: number;
    byStatus: Record<UnitStatus, number>;
    inService: number;
    busy: number;
    free: number;
    /** Busy share of the units in service, 0..1. */
    busyShare: number;
    criticalCareTotal: number;
    criticalCareFree: number;
  };
  offload: {
    heldNow: number;
    longestHeldMin: number | null;
    handoversToday: number;
    medianTodayMin: number | null;
    p90TodayMin: number | null;
    unitHoursLostToday: number;
    /** Up to five hospitals, the longest current wait first. */
    worstHospitals: { hospitalId: number; code: string; nameEn: string; heldNow: number; longestHeldMin: number | null; medianTodayMin: number | null }[];
  };
  hospitals: HospitalPressure[];
  city: { icuOpen: number; icuOccupied: number; icuPct: number | null; openBeds: number; occupiedBeds: number; bedsPct: number | null; icuConvertibleClosed: number };
  diversion: number[];
  fleet: { population: number; residentsPerUnit: number; required: number; actual: number; meets: boolean };
}

export interface NowInput {
  now: Date;
  /** Start of the city day (see cityDay.ts). */
  dayStart: Date;
  day: string;
  thresholds: Thresholds;
  population: number;
  /** The city's fleet norm: one ambulance per this many residents. */
  residentsPerUnit: number;
  /** The city's surge plan: lines and seats scale to this multiple of normal. */
  surgePlanMultiple: number;
  /** Every open call plus every call received since the earlier of dayStart and now − 1 h. */
  calls: readonly Pick<Call, 'kind' | 'status' | 'outcome' | 'receivedAt'>[];
  units: readonly Pick<Unit, 'kind' | 'status'>[];
  /** Active transports plus those closed since dayStart. */
  transports: readonly Pick<Transport, 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>[];
  hospitals: readonly Hospital[];
  /** The city's rule profile (bed targets). */
  rules: RuleProfile;
}

const HOUR_MS = 3600_000;
const minutesBetween = (fromIso: string, toMs: number) => Math.max(0, (toMs - Date.parse(fromIso)) / 60_000);
const pct = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);
const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const isQueued = (status: string) => (QUEUE_STATUSES as readonly string[]).includes(status);

/** Offload minutes of a transport handed over within [from, to); null otherwise. */
function handoverMinutes(t: NowInput['transports'][number], from: number, to: number): number | null {
  if (t.arrivedAt === null || t.handedOverAt === null) return null;
  const end = Date.parse(t.handedOverAt);
  return end >= from && end < to ? (end - Date.parse(t.arrivedAt)) / 60_000 : null;
}

const heldAtDoor = (t: NowInput['transports'][number]) => t.arrivedAt !== null && t.handedOverAt === null && t.closedAt === null;

/** Pressure colour of one hospital: ICU full, diversion or a long wait at the door is red. */
export function pressureLevel(
  h: { icuPct: number | null; bedsPct: number | null; edStatus: Hospital['edStatus']; longestHeldMin: number | null },
  th: Pick<Thresholds, 'icuOccupancyPct' | 'offloadAmberMinutes' | 'offloadRedMinutes'>,
): PressureLevel {
  const held = h.longestHeldMin ?? 0;
  if (h.edStatus === 'diversion' || (h.icuPct !== null && h.icuPct >= th.icuOccupancyPct) || held >= th.offloadRedMinutes) return 'red';
  // Ten points below the ICU alert line is the warning band; a ward 95% full is close to refusing.
  if (h.edStatus === 'saturated' || (h.icuPct !== null && h.icuPct >= th.icuOccupancyPct - 10) || (h.bedsPct ?? 0) >= 95 || held >= th.offloadAmberMinutes) return 'amber';
  return 'ok';
}

/** The whole "now" picture from current rows. */
export function computeNowStats(input: NowInput): NowStats {
  const nowMs = input.now.getTime();
  const dayStartMs = input.dayStart.getTime();
  const hourAgo = nowMs - HOUR_MS;
  const th = input.thresholds;

  const queued = input.calls.filter((c) => isQueued(c.status));
  const waits = queued.map((c) => minutesBetween(c.receivedAt, nowMs));
  const received = (c: NowInput['calls'][number], from: number) => {
    const t = Date.parse(c.receivedAt);
    return t >= from && t <= nowMs;
  };
  const lastHour = input.calls.filter((c) => received(c, hourAgo));
  const emergencyLastHour = lastHour.filter((c) => c.kind === 'emergency');
  const today = input.calls.filter((c) => c.kind === 'emergency' && received(c, dayStartMs));

  const byStatus = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])) as Record<UnitStatus, number>;
  for (const u of input.units) byStatus[u.status]++;
  const inService = input.units.length - byStatus.out_of_service;
  const free = byStatus.available;
  const busy = inService - free;

  const held = input.transports.filter(heldAtDoor);
  const heldMinutes = held.map((t) => minutesBetween(t.arrivedAt ?? '', nowMs));
  const todayOffloads = input.transports.map((t) => handoverMinutes(t, dayStartMs, nowMs + 1)).filter((m): m is number => m !== null);
  let lostMs = 0;
  for (const t of input.transports) {
    if (t.arrivedAt === null) continue;
    const start = Math.max(Date.parse(t.arrivedAt), dayStartMs);
    const end = Math.min(t.handedOverAt === null ? (t.closedAt === null ? nowMs : Date.parse(t.closedAt)) : Date.parse(t.handedOverAt), nowMs);
    if (end > start) lostMs += end - start;
  }

  const hospitals: HospitalPressure[] = input.hospitals.map((h) => {
    const own = input.transports.filter((t) => t.hospitalId === h.id);
    const ownHeld = own.filter(heldAtDoor).map((t) => minutesBetween(t.arrivedAt ?? '', nowMs));
    const ownOffloads = own.map((t) => handoverMinutes(t, dayStartMs, nowMs + 1)).filter((m): m is number => m !== null);
    const icuPct = pct(h.icuOccupied, h.icuOpen);
    const bedsPct = pct(h.occupiedBeds, h.openBeds);
    const longestHeldMin = ownHeld.length ? Math.max(...ownHeld) : null;
    return {
      hospitalId: h.id,
      code: h.code,
      name: h.name,
      nameEn: h.nameEn,
      kind: h.kind,
      icuOpen: h.icuOpen,
      icuOccupied: h.icuOccupied,
      icuPct: round1(icuPct),
      openBeds: h.openBeds,
      occupiedBeds: h.occupiedBeds,
      bedsPct: round1(bedsPct),
      icu: checkIcuTarget(h, input.rules),
      icuConvertibleClosed: h.icuConvertible,
      edStatus: h.edStatus,
      diversionUntil: h.diversionUntil,
      heldNow: ownHeld.length,
      longestHeldMin: round1(longestHeldMin),
      handoversToday: ownOffloads.length,
      offloadMedianTodayMin: round1(median(ownOffloads)),
      capacityUpdatedAt: h.capacityUpdatedAt,
      level: pressureLevel({ icuPct, bedsPct, edStatus: h.edStatus, longestHeldMin }, th),
    };
  });

  const worstHospitals = hospitals
    .filter((h) => h.heldNow > 0 || h.handoversToday > 0)
    .sort((a, b) => (b.longestHeldMin ?? -1) - (a.longestHeldMin ?? -1) || (b.offloadMedianTodayMin ?? -1) - (a.offloadMedianTodayMin ?? -1))
    .slice(0, 5)
    .map((h) => ({ hospitalId: h.hospitalId, code: h.code, nameEn: h.nameEn, heldNow: h.heldNow, longestHeldMin: h.longestHeldMin, medianTodayMin: h.offloadMedianTodayMin }));

  const sum = (f: (h: Hospital) => number) => input.hospitals.reduce((acc, h) => acc + f(h), 0);
  const icuOpen = sum((h) => h.icuOpen);
  const icuOccupied = sum((h) => h.icuOccupied);
  const openBeds = sum((h) => h.openBeds);
  const occupiedBeds = sum((h) => h.occupiedBeds);
  const fleet = fleetNorm(input.units.length, input.population, input.residentsPerUnit);

  return {
    at: input.now.toISOString(),
    day: input.day,
    queue: { waiting: queued.length, longestWaitMin: round1(waits.length ? Math.max(...waits) : null) },
    load: {
      callsLastHour: emergencyLastHour.length,
      adviceLastHour: emergencyLastHour.filter((c) => c.outcome === 'advice').length,
      transfersLastHour: lastHour.length - emergencyLastHour.length,
      baselinePerHour: th.baselineCallsPerHour,
      multiple: loadMultiple(emergencyLastHour.length, th.baselineCallsPerHour),
      planMultiple: input.surgePlanMultiple,
      alertMultiple: th.loadMultiple,
      callsToday: today.length,
      adviceToday: today.filter((c) => c.outcome === 'advice').length,
    },
    units: {
      total: input.units.length,
      byStatus,
      inService,
      busy,
      free,
      busyShare: inService > 0 ? Math.round((busy / inService) * 1000) / 1000 : 0,
      criticalCareTotal: input.units.filter((u) => u.kind === 'critical_care').length,
      criticalCareFree: input.units.filter((u) => u.kind === 'critical_care' && u.status === 'available').length,
    },
    offload: {
      heldNow: held.length,
      longestHeldMin: round1(heldMinutes.length ? Math.max(...heldMinutes) : null),
      handoversToday: todayOffloads.length,
      medianTodayMin: round1(median(todayOffloads)),
      p90TodayMin: round1(percentile(todayOffloads, 90)),
      unitHoursLostToday: Math.round((lostMs / HOUR_MS) * 100) / 100,
      worstHospitals,
    },
    hospitals,
    city: {
      icuOpen,
      icuOccupied,
      icuPct: round1(pct(icuOccupied, icuOpen)),
      openBeds,
      occupiedBeds,
      bedsPct: round1(pct(occupiedBeds, openBeds)),
      icuConvertibleClosed: sum((h) => h.icuConvertible),
    },
    diversion: input.hospitals.filter((h) => h.edStatus === 'diversion').map((h) => h.id),
    fleet: { population: input.population, residentsPerUnit: input.residentsPerUnit, ...fleet },
  };
}
