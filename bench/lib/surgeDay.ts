/**
 * The surge-day engine (issue 14, "Proof by simulation"): a seeded discrete-event day in the demo city,
 * in minutes from DAY_START_MS. Everything random is drawn with the day (surgeDayCity.ts), so the
 * destination policy is the only thing that differs between two runs of the same day. Pure: no IO.
 *
 * Rules of the simulated city, one place each (bench assumptions, not domain rules):
 * - Units: the first of shared recommendUnits, at the shared estimator's speed; after handover a unit
 *   drives back to its station and is offered again only there (recommendUnits offers available units).
 *   Waiting calls are served in the shared queue order (compareCallPriority).
 * - Destination: chosen when the crew leaves the scene, on the figures the hospitals last reported (every
 *   `reportEveryMinutes`, staggered per hospital) and the live door figures.
 * - Decline: the hospital answers the pre-arrival request before the ambulance leaves the scene, and takes
 *   the bed then (so two patients never count on one). A hospital other than the designated one declines
 *   when, by its true figures, it has no bed of
 *   the kind the patient needs (an ICU bed for severe and critical, a ward bed or isolation room for an
 *   admission). The designated hospital never declines the sickest: it is where they must go (DOMAIN.md
 *   rule 1). Each decline costs DECLINE_CALL_MINUTES on the phone, then the policy chooses again without the
 *   hospitals that declined; with nothing left, the sickest go to the designated hospital and the others to
 *   the nearest hospital of an allowed kind, which takes them without a bed (counted as overflow).
 * - Hospitals: admissions take an ICU bed (and, for critical, a ventilator when one is free) or a ward bed;
 *   ICU stays outlast the day; ward stays are drawn per call; walk-ins from the fever clinics fill wards
 *   faster than earlier patients leave; convertible ICU beds open one every ICU_CONVERSION_EVERY_MINUTES.
 * - Door: a few handover bays per hospital (handoverBays); each handover takes the demo nurses' offload
 *   time for the hospital's bed occupancy (server/src/demo/sim/edStaff.ts), so a crowded ED is slower.
 *   A door wait runs from arrival to handover (DOMAIN.md "offload delay").
 */
import { bedOccupancyPct, compareCallPriority, promisedCare, createStraightLineEstimator, freeIcu, hospitalKindsFor, hospitalMayTake, median, needsCriticalCare, percentile, type ClinicalClass, type Hospital, type HospitalKind, type UnitStatus } from '@dispatch/shared';
import { offloadMinutes as handoverMinutesAt } from '../../server/src/demo/sim/edStaff.ts';
import { EventQueue } from './eventQueue.ts';
import { DAY_START_MS, type DayCall, type SurgeCity, type SurgeUnit } from './surgeDayCity.ts';
import { firstRecommendedUnit, type DestinationPolicy, type OffloadAtHospital, type SurgePatient } from './surgeDayPolicies.ts';

export interface SurgeDayOptions {
  /** Minutes during which calls arrive; the run then goes on until every call is handed over or drainMinutes have passed. */
  dayMinutes: number;
  drainMinutes: number;
  reportEveryMinutes: number;
  icuExtraMinutes: number;
}

export const DEFAULT_SURGE_OPTIONS: Readonly<SurgeDayOptions> = { dayMinutes: 24 * 60, drainMinutes: 6 * 60, reportEveryMinutes: 30, icuExtraMinutes: 30 };
export const DECLINE_CALL_MINUTES = 2;
/** Share of each class's transported patients that is admitted; the rest are seen in the ED and go home. */
export const ADMITTED_SHARE: Readonly<Record<ClinicalClass, number>> = { critical: 1, severe: 1, common: 0.6, mild: 0.2, asymptomatic: 1 };
/** Per hour, in % of open beds: fever-clinic admissions, and discharges of the patients already in. */
export const WALK_IN_PCT_PER_HOUR = 0.8;
export const DISCHARGE_PCT_PER_HOUR = 0.4;
export const ICU_CONVERSION_EVERY_MINUTES = 120;
const WARD_TICK_MINUTES = 15;

/** Bays where a stretcher is handed over: one per 250 open beds, 1 to 6. */
export function handoverBays(h: Pick<Hospital, 'openBeds'>): number {
  return Math.max(1, Math.min(6, Math.ceil(h.openBeds / 250)));
}

type Bed = 'icu' | 'ward' | 'none';

interface Job {
  call: DayCall;
  patient: SurgePatient;
  bed: Bed;
  receivedAt: string;
  unit: UnitState | null;
  dispatchedAt: number | null;
  atSceneAt: number | null;
  arrivedAt: number | null;
  handedOverAt: number | null;
  hospital: HospitalState | null;
  /** When the destination was chosen (the bed promised), ISO; null before. */
  sentAt: string | null;
  declinedBy: number[];
  toFullIcu: boolean;
  avoidableSeen: boolean;
  avoidableTrue: boolean;
  /** The chosen hospital's own report showed no free ICU bed either. */
  knowingly: boolean;
  noVentilator: boolean;
  overflow: boolean;
}

interface UnitState extends SurgeUnit {
  status: UnitStatus;
  lon: number;
  lat: number;
  /** Counts trips back to station: a unit re-tasked on its way home must not be parked by the old trip's arrival. */
  homeTrip: number;
}

interface HospitalState {
  h: Hospital;
  reported: Hospital;
  bays: number;
  inBay: number;
  queue: Job[];
  /** Arrived, not handed over, in order of arrival. */
  present: Job[];
  handovers: { at: number; minutes: number }[];
  othersInWard: number;
  walkInCarry: number;
  dischargeCarry: number;
}

type Ev =
  | { kind: 'call'; job: Job }
  | { kind: 'atScene' | 'leaveScene' | 'atDoor' | 'handedOver'; job: Job }
  | { kind: 'home'; unit: UnitState; trip: number }
  | { kind: 'report' | 'wardTick' | 'convert' | 'discharge'; hospital: HospitalState };

/** One call's fate, for the tests and the JSON. */
export interface JobOutcome {
  callId: number;
  clinicalClass: ClinicalClass;
  unitId: number | null;
  hospitalId: number | null;
  declinedBy: number[];
  handedOverAt: number | null;
}

export interface SurgeDayFigures {
  policy: string;
  calls: number;
  emergencies: number;
  handedOver: number;
  openAtEnd: { awaitingUnit: number; withCrew: number; atDoor: number };
  sickestTransported: number;
  toFullIcu: number;
  /** Sickest to a full ICU while another allowed hospital within the extra time reported a free bed (the target). */
  toFullIcuWithFreeBedSeenWithinExtra: number;
  /** Of those, the ones where the chosen hospital had itself reported no free bed (no stale report misled the policy). */
  toFullIcuWithFreeBedSeenKnowingly: number;
  /** As the target's count, by the hospitals' true figures. */
  toFullIcuWithFreeBedTrueWithinExtra: number;
  criticalWithoutVentilator: number;
  declines: number;
  overflow: number;
  doorHours: number;
  /** Door hours per hospital code, for hospitals with any. */
  doorHoursByHospital: Record<string, number>;
  callToHandoverMedianMin: number | null;
  callToHandoverP90Min: number | null;
  responseMedianMin: number | null;
  endMinute: number;
  /** Lowest free and occupied counts seen over the run, raw (never clamped): all must stay >= 0. */
  lowest: { freeBeds: number; freeIcu: number; ventilatorsFree: number; occupiedBeds: number; icuOccupied: number };
}

const bedFor = (call: DayCall): Bed => (needsCriticalCare(call.clinicalClass) ? 'icu' : call.admitDraw < ADMITTED_SHARE[call.clinicalClass] ? 'ward' : 'none');
const round2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

/** Runs one day with one destination policy. The calls are not changed. */
export function runSurgeDay(city: SurgeCity, calls: readonly DayCall[], policy: DestinationPolicy, options: Partial<SurgeDayOptions> = {}): { figures: SurgeDayFigures; outcomes: JobOutcome[] } {
  const o: SurgeDayOptions = { ...DEFAULT_SURGE_OPTIONS, ...options };
  const estimator = createStraightLineEstimator();
  const endMinute = o.dayMinutes + o.drainMinutes;
  const events = new EventQueue<Ev>();
  const at = (t: number) => new Date(DAY_START_MS + t * 60_000);
  const lowest = { freeBeds: Infinity, freeIcu: Infinity, ventilatorsFree: Infinity, occupiedBeds: Infinity, icuOccupied: Infinity };
  const watch = (h: Hospital) => {
    lowest.freeBeds = Math.min(lowest.freeBeds, h.openBeds - h.occupiedBeds);
    lowest.freeIcu = Math.min(lowest.freeIcu, h.icuOpen - h.icuOccupied);
    lowest.ventilatorsFree = Math.min(lowest.ventilatorsFree, h.ventilatorsFree);
    lowest.occupiedBeds = Math.min(lowest.occupiedBeds, h.occupiedBeds);
    lowest.icuOccupied = Math.min(lowest.icuOccupied, h.icuOccupied);
  };

  const hospitals: HospitalState[] = city.hospitals.map((h, i) => {
    const state: HospitalState = { h: { ...h }, reported: { ...h }, bays: handoverBays(h), inBay: 0, queue: [], present: [], handovers: [], othersInWard: h.occupiedBeds, walkInCarry: 0, dischargeCarry: 0 };
    watch(state.h);
    events.push((i * 7) % o.reportEveryMinutes, { kind: 'report', hospital: state });
    events.push(WARD_TICK_MINUTES, { kind: 'wardTick', hospital: state });
    if (h.icuConvertible > 0) events.push(ICU_CONVERSION_EVERY_MINUTES, { kind: 'convert', hospital: state });
    return state;
  });
  const byId = new Map(hospitals.map((s) => [s.h.id, s]));
  const units: UnitState[] = city.units.map((u) => ({ ...u, status: 'available', lon: u.station.lon, lat: u.station.lat, homeTrip: 0 }));
  const jobs: Job[] = [];
  for (const call of calls) {
    if (call.kind !== 'emergency') continue;
    const job: Job = {
      call, bed: bedFor(call), receivedAt: at(call.atMinute).toISOString(),
      patient: { lon: call.lon, lat: call.lat, clinicalClass: call.clinicalClass, needsBed: bedFor(call) !== 'none' },
      unit: null, dispatchedAt: null, atSceneAt: null, arrivedAt: null, handedOverAt: null, hospital: null, sentAt: null, declinedBy: [],
      toFullIcu: false, avoidableSeen: false, avoidableTrue: false, knowingly: false, noVentilator: false, overflow: false,
    };
    jobs.push(job);
    events.push(call.atMinute, { kind: 'call', job });
  }
  let waiting: Job[] = [];
  let open = jobs.length;
  let declines = 0;
  let now = 0;

  const offloadNow = (): Map<number, OffloadAtHospital> => {
    const m = new Map<number, OffloadAtHospital>();
    for (const s of hospitals) {
      const first = s.present[0];
      const lastHour = s.handovers.filter((x) => x.at >= now - 60).map((x) => x.minutes);
      m.set(s.h.id, { atDoor: s.present.length, longestWaitMinutes: first?.arrivedAt != null ? now - first.arrivedAt : 0, medianLastHourMinutes: median(lastHour) });
    }
    return m;
  };

  const dispatchWaiting = () => {
    if (waiting.length === 0 || !units.some((u) => u.status === 'available' || u.status === 'returning')) return;
    waiting.sort((a, b) => compareCallPriority({ ...a.call, receivedAt: a.receivedAt }, { ...b.call, receivedAt: b.receivedAt }, at(now)));
    const still: Job[] = [];
    for (const job of waiting) {
      const id = firstRecommendedUnit(job.patient, units, estimator);
      const unit = id === null ? undefined : units.find((u) => u.id === id);
      if (!unit) {
        still.push(job);
        continue;
      }
      unit.status = 'dispatched';
      job.unit = unit;
      job.dispatchedAt = now;
      events.push(now + estimator.minutes(unit, job.patient, job.patient.clinicalClass), { kind: 'atScene', job });
    }
    waiting = still;
  };

  /** True when the hospital must say no to this patient by its true figures (the rule in the header). */
  const declinesPatient = (s: HospitalState, job: Job): boolean => {
    if (job.bed === 'none') return false;
    if (job.bed === 'icu') return s.h.kind !== 'designated' && freeIcu(s.h) === 0;
    return s.h.openBeds - s.h.occupiedBeds <= 0;
  };

  const nearestOfKinds = (job: Job, kinds: readonly HospitalKind[]): HospitalState | undefined => {
    let best: { s: HospitalState; minutes: number } | undefined;
    for (const s of hospitals) {
      if (!kinds.includes(s.h.kind)) continue;
      const minutes = estimator.minutes(job.patient, s.h, job.patient.clinicalClass);
      if (best === undefined || minutes < best.minutes) best = { s, minutes };
    }
    return best?.s;
  };

  const leaveScene = (job: Job) => {
    const cls = job.patient.clinicalClass;
    const offload = offloadNow();
    // Beds promised to patients sent after each hospital's last report, as the server derives them (promisedCare).
    const promised = promisedCare(
      jobs.flatMap((j) => (j.hospital && j.sentAt ? [{ hospitalId: j.hospital.h.id, clinicalClass: j.patient.clinicalClass, sentAt: j.sentAt }] : [])),
      new Map(hospitals.map((s) => [s.h.id, s.reported.capacityUpdatedAt])),
    );
    let chosen: HospitalState | undefined;
    for (;;) {
      const left = hospitals.filter((s) => !job.declinedBy.includes(s.h.id)).map((s) => s.reported);
      const pick = policy.choose({ now: at(now), patient: job.patient, hospitals: left, offload, promised, estimator, rules: city.rules, staleAfterMinutes: city.staleCapacityMinutes, icuExtraMinutes: o.icuExtraMinutes });
      const s = pick === null ? undefined : byId.get(pick.id);
      if (!s || job.declinedBy.includes(s.h.id)) break;
      if (!declinesPatient(s, job)) {
        chosen = s;
        break;
      }
      job.declinedBy.push(s.h.id);
      declines++;
    }
    const fallback = needsCriticalCare(cls) ? nearestOfKinds(job, ['designated']) : undefined;
    chosen ??= fallback ?? nearestOfKinds(job, hospitalKindsFor(cls, city.rules, job.patient.needsBed));
    if (!chosen) throw new Error(`no hospital of any kind for ${cls}`);
    const travel = estimator.minutes(job.patient, chosen.h, cls);
    if (job.bed === 'icu' && freeIcu(chosen.h) === 0) {
      job.toFullIcu = true;
      // The "with a free bed": an ICU bed, and for a critical patient a free ventilator as well.
      const within = (h: Hospital, free: number, ventilators: number) =>
        h.id !== chosen.h.id &&
        !job.declinedBy.includes(h.id) &&
        hospitalMayTake(h, cls, city.rules, job.patient.needsBed) &&
        free > 0 &&
        (cls !== 'critical' || ventilators > 0) &&
        estimator.minutes(job.patient, h, cls) <= travel + o.icuExtraMinutes;
      // "Seen" is what the console shows: the last report less the care promised since (the same for every policy).
      const seenFree = (s: HospitalState) => Math.max(0, freeIcu(s.reported) - (promised.get(s.h.id)?.icu ?? 0));
      const seenVentilators = (s: HospitalState) => Math.max(0, s.reported.ventilatorsFree - (promised.get(s.h.id)?.ventilators ?? 0));
      job.avoidableSeen = hospitals.some((s) => within(s.reported, seenFree(s), seenVentilators(s)));
      job.avoidableTrue = hospitals.some((s) => within(s.h, freeIcu(s.h), s.h.ventilatorsFree));
      job.knowingly = job.avoidableSeen && seenFree(chosen) === 0;
    }
    admit(chosen, job);
    job.hospital = chosen;
    job.sentAt = at(now).toISOString();
    if (job.unit) job.unit.status = 'transporting';
    events.push(now + job.declinedBy.length * DECLINE_CALL_MINUTES + travel, { kind: 'atDoor', job });
  };

  /** The bed is taken when the hospital accepts, before the ambulance arrives, so no two patients count on the same one. */
  const admit = (s: HospitalState, job: Job) => {
    const h = s.h;
    if (job.bed === 'icu') {
      if (h.icuOpen - h.icuOccupied > 0) h.icuOccupied++;
      // The designated hospital holds a sickest patient it has no ICU bed for on a ward bed, monitored.
      else if (h.openBeds - h.occupiedBeds > 0) h.occupiedBeds++;
      else job.overflow = true;
      if (job.patient.clinicalClass === 'critical') {
        if (h.ventilatorsFree > 0) h.ventilatorsFree--;
        else job.noVentilator = true;
      }
    } else if (job.bed === 'ward') {
      if (h.openBeds - h.occupiedBeds > 0) {
        h.occupiedBeds++;
        events.push(now + job.call.wardStayHours * 60, { kind: 'discharge', hospital: s });
      } else job.overflow = true;
    }
    watch(h);
  };

  const startHandovers = (s: HospitalState) => {
    while (s.inBay < s.bays && s.queue.length > 0) {
      const job = s.queue.shift();
      if (!job) break;
      s.inBay++;
      const u = job.call.handoverDraw;
      events.push(now + handoverMinutesAt(bedOccupancyPct(s.h), true, () => u), { kind: 'handedOver', job });
    }
  };

  for (let e = events.pop(); e !== undefined && e.at <= endMinute; e = events.pop()) {
    now = e.at;
    const ev = e.event;
    switch (ev.kind) {
      case 'call':
        waiting.push(ev.job);
        dispatchWaiting();
        break;
      case 'atScene':
        ev.job.atSceneAt = now;
        if (ev.job.unit) ev.job.unit.status = 'on_scene';
        events.push(now + ev.job.call.sceneMinutes, { kind: 'leaveScene', job: ev.job });
        break;
      case 'leaveScene':
        leaveScene(ev.job);
        break;
      case 'atDoor': {
        const s = ev.job.hospital;
        if (!s) break;
        ev.job.arrivedAt = now;
        if (ev.job.unit) ev.job.unit.status = 'at_hospital';
        s.present.push(ev.job);
        s.queue.push(ev.job);
        startHandovers(s);
        break;
      }
      case 'handedOver': {
        const { job } = ev;
        const s = job.hospital;
        if (!s || job.arrivedAt === null) break;
        job.handedOverAt = now;
        open--;
        s.inBay--;
        s.present = s.present.filter((j) => j !== job);
        s.handovers.push({ at: now, minutes: now - job.arrivedAt });
        if (job.unit) {
          // Returning units may be re-tasked from where they are (the shared recommendUnits offers them);
          // the simulation keeps them at the hospital until they reach their station.
          Object.assign(job.unit, { status: 'returning', lon: s.h.lon, lat: s.h.lat });
          job.unit.homeTrip += 1;
          events.push(now + estimator.minutes(s.h, job.unit.station, 'common'), { kind: 'home', unit: job.unit, trip: job.unit.homeTrip });
        }
        startHandovers(s);
        dispatchWaiting();
        break;
      }
      case 'home':
        if (ev.unit.status !== 'returning' || ev.unit.homeTrip !== ev.trip) break;
        Object.assign(ev.unit, { status: 'available', lon: ev.unit.station.lon, lat: ev.unit.station.lat });
        dispatchWaiting();
        break;
      case 'report': {
        const s = ev.hospital;
        s.reported = { ...s.h, edStatus: bedOccupancyPct(s.h) >= 95 ? 'saturated' : 'open', capacityUpdatedAt: at(now).toISOString(), version: s.reported.version + 1 };
        if (now + o.reportEveryMinutes <= endMinute) events.push(now + o.reportEveryMinutes, ev);
        break;
      }
      case 'wardTick': {
        const s = ev.hospital;
        const h = s.h;
        s.walkInCarry += (h.openBeds * WALK_IN_PCT_PER_HOUR * WARD_TICK_MINUTES) / 6000;
        s.dischargeCarry += (h.openBeds * DISCHARGE_PCT_PER_HOUR * WARD_TICK_MINUTES) / 6000;
        const leaving = Math.min(Math.floor(s.dischargeCarry), s.othersInWard, h.occupiedBeds);
        s.dischargeCarry -= Math.floor(s.dischargeCarry);
        h.occupiedBeds -= leaving;
        s.othersInWard -= leaving;
        const coming = Math.min(Math.floor(s.walkInCarry), h.openBeds - h.occupiedBeds);
        s.walkInCarry -= Math.floor(s.walkInCarry);
        h.occupiedBeds += Math.max(0, coming);
        s.othersInWard += Math.max(0, coming);
        watch(h);
        if (now + WARD_TICK_MINUTES <= endMinute) events.push(now + WARD_TICK_MINUTES, ev);
        break;
      }
      case 'convert': {
        const s = ev.hospital;
        if (s.h.icuConvertible > 0) {
          s.h.icuOpen++;
          s.h.icuConvertible--;
          watch(s.h);
          if (s.h.icuConvertible > 0 && now + ICU_CONVERSION_EVERY_MINUTES <= endMinute) events.push(now + ICU_CONVERSION_EVERY_MINUTES, ev);
        }
        break;
      }
      case 'discharge':
        ev.hospital.h.occupiedBeds--;
        watch(ev.hospital.h);
        break;
    }
    if (open === 0 && now >= o.dayMinutes) break;
  }

  const done = jobs.filter((j) => j.handedOverAt !== null);
  const sickest = jobs.filter((j) => j.bed === 'icu' && j.hospital !== null);
  const doorMinutes = jobs.reduce((sum, j) => (j.arrivedAt === null ? sum : sum + (j.handedOverAt ?? now) - j.arrivedAt), 0);
  const doorByHospital: Record<string, number> = {};
  for (const j of jobs) {
    if (j.arrivedAt === null || !j.hospital) continue;
    const code = j.hospital.h.code;
    doorByHospital[code] = (doorByHospital[code] ?? 0) + ((j.handedOverAt ?? now) - j.arrivedAt) / 60;
  }
  const toHandover = done.map((j) => (j.handedOverAt ?? 0) - j.call.atMinute);
  const figures: SurgeDayFigures = {
    policy: policy.name,
    calls: calls.length,
    emergencies: jobs.length,
    handedOver: done.length,
    openAtEnd: {
      awaitingUnit: jobs.filter((j) => j.unit === null).length,
      withCrew: jobs.filter((j) => j.unit !== null && j.arrivedAt === null).length,
      atDoor: jobs.filter((j) => j.arrivedAt !== null && j.handedOverAt === null).length,
    },
    sickestTransported: sickest.length,
    toFullIcu: sickest.filter((j) => j.toFullIcu).length,
    toFullIcuWithFreeBedSeenWithinExtra: sickest.filter((j) => j.avoidableSeen).length,
    toFullIcuWithFreeBedSeenKnowingly: sickest.filter((j) => j.knowingly).length,
    toFullIcuWithFreeBedTrueWithinExtra: sickest.filter((j) => j.avoidableTrue).length,
    criticalWithoutVentilator: sickest.filter((j) => j.noVentilator).length,
    declines,
    overflow: jobs.filter((j) => j.overflow).length,
    doorHours: round2(doorMinutes / 60) ?? 0,
    doorHoursByHospital: Object.fromEntries(Object.entries(doorByHospital).map(([code, hours]) => [code, round2(hours) ?? 0])),
    callToHandoverMedianMin: round2(median(toHandover)),
    callToHandoverP90Min: round2(percentile(toHandover, 90)),
    responseMedianMin: round2(median(jobs.flatMap((j) => (j.atSceneAt === null ? [] : [j.atSceneAt - j.call.atMinute])))),
    endMinute: Math.round(now),
    lowest,
  };
  const outcomes = jobs.map((j) => ({ callId: j.call.id, clinicalClass: j.call.clinicalClass, unitId: j.unit?.id ?? null, hospitalId: j.hospital?.h.id ?? null, declinedBy: j.declinedBy, handedOverAt: j.handedOverAt }));
  return { figures, outcomes };
}
