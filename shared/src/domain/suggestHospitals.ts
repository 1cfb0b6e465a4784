/** Ranks destination hospitals for a patient by a transparent score (DOMAIN.md "Suggestions"; docs/suggestions.md). */
import type { ClinicalClass, Hospital, LonLat } from '../model.ts';
import { freeBeds, freeIcu, isCapacityStale } from './capacity.ts';
import { hospitalKindsFor, hospitalMayTake, needsCriticalCare } from './capability.ts';
import { eligibleDestinations, isOnDiversion } from './destinations.ts';
import type { OffloadAtHospital } from './offload.ts';
import type { PromisedCare } from './promisedCare.ts';
import type { RuleProfile } from './ruleProfile.ts';
import { screenHospitals } from './screenHospitals.ts';
import type { TravelTimeEstimator } from './geo.ts';

export interface HospitalFactors {
  travelMinutes: number;
  freeBeds: number;
  /** The figure less what is promised to patients already sent (icuPromised). */
  freeIcu: number;
  /** The figure less what is promised to critical patients already sent (ventilatorsPromised). */
  ventilatorsFree: number;
  icuPromised: number;
  ventilatorsPromised: number;
  atDoor: number;
  longestWaitMinutes: number;
  medianLastHourMinutes: number | null;
  diversion: boolean;
  edSaturated: boolean;
  /** Capacity older than the threshold: the bed, ICU and ventilator figures count as unknown. */
  stale: boolean;
  /** Position of the hospital's kind in the city's list for the patient (0 = first choice). */
  preferenceRank: number;
}

/** Points each factor adds (+) or takes away (−); the score is their sum. `diversion` also carries the ED-saturated penalty. */
export interface HospitalContributions {
  travel: number;
  beds: number;
  icu: number;
  ventilator: number;
  noFreeIcu: number;
  noFreeVentilator: number;
  atDoor: number;
  doorWait: number;
  handoverMedian: number;
  diversion: number;
  stale: number;
  preference: number;
}

export interface HospitalSuggestion {
  hospitalId: number;
  name: string;
  /** Sum of the contributions; higher is better. */
  score: number;
  factors: HospitalFactors;
  contributions: HospitalContributions;
  /** Machine codes: diversion_override, designated_diverting_fallback, stale_capacity, no_free_icu, no_free_ventilator, ed_saturated. */
  warnings: string[];
}

/**
 * Score weights, in "minutes of travel" so they can be read against each other (docs/suggestions.md):
 * - travelPerMinute 1: one point lost per minute on the road.
 * - bedPoints 0.2 per free bed, capped at bedCap 50 (10 points): beyond that more beds tell nothing.
 * - icuPointsSickest 6 per free ICU bed, capped at icuCap 5 (30 points), for critical/severe only;
 *   icuPointsOthers 0 because a mild patient does not need one.
 * - ventilatorPoints 4 per free ventilator, capped at ventilatorCap 3 (12 points), for critical only.
 * - icuExtraMinutes 30: how much longer a severe/critical patient may ride to reach a free ICU bed (and,
 *   critical, a free ventilator), whatever the door there. The no_free_icu / no_free_ventilator penalties
 *   are derived from it (see noFreeIcuPenalty), so that holds by construction whatever the other weights are.
 * - atDoorPoints 2 per ambulance already held at the door (a minor term: the waits say more), up to atDoorCap 6.
 * - doorWaitPerMinute 0.5 per minute the longest-waiting ambulance has been held there now, up to
 *   doorWaitCapMinutes 90 (45 points): by then the ED is saturated whatever the exact figure.
 * - handoverMedianPerMinute 0.5 per minute of the last hour's median handover (what this one may expect), up
 *   to handoverMedianCapMinutes 60 (30 points). The caps keep the door's cost bounded, so the ICU penalties
 *   can cover it: a free ICU bed is not lost to a queue at its door.
 * - diversionPenalty 60: a diverting ED is only worth it when it is much closer (critical patients only).
 * - edSaturatedPenalty 15: saturated but still taking patients.
 * - stalePenalty 10: capacity older than staleAfterMinutes; its figures also earn no bonus.
 * - preferencePerRank 8 per step down the city's list of kinds for the class (RuleProfile.destinations is
 *   in order of preference): a second-choice kind must be 8 minutes closer, or much emptier, to win.
 */
export interface SuggestWeights {
  travelPerMinute: number;
  bedPoints: number;
  bedCap: number;
  icuPointsSickest: number;
  icuPointsOthers: number;
  icuCap: number;
  ventilatorPoints: number;
  ventilatorCap: number;
  icuExtraMinutes: number;
  atDoorPoints: number;
  atDoorCap: number;
  doorWaitPerMinute: number;
  doorWaitCapMinutes: number;
  handoverMedianPerMinute: number;
  handoverMedianCapMinutes: number;
  diversionPenalty: number;
  edSaturatedPenalty: number;
  stalePenalty: number;
  preferencePerRank: number;
}

export const DEFAULT_SUGGEST_WEIGHTS: Readonly<SuggestWeights> = {
  travelPerMinute: 1,
  bedPoints: 0.2,
  bedCap: 50,
  icuPointsSickest: 6,
  icuPointsOthers: 0,
  icuCap: 5,
  ventilatorPoints: 4,
  ventilatorCap: 3,
  icuExtraMinutes: 30,
  atDoorPoints: 2,
  atDoorCap: 6,
  doorWaitPerMinute: 0.5,
  doorWaitCapMinutes: 90,
  handoverMedianPerMinute: 0.5,
  handoverMedianCapMinutes: 60,
  diversionPenalty: 60,
  edSaturatedPenalty: 15,
  stalePenalty: 10,
  preferencePerRank: 8,
};

export interface SuggestContext {
  now: Date;
  estimator: TravelTimeEstimator;
  /** Hospital id → its door now and its last hour's handovers; a hospital not in the map has none. */
  offload: ReadonlyMap<number, OffloadAtHospital>;
  staleAfterMinutes: number;
  weights?: Partial<SuggestWeights>;
  /** The city's rule profile (which kinds take which class). */
  rules: RuleProfile;
  /** Hospital id → ICU beds and ventilators promised to patients sent after its last figure (promisedCare); none when absent. */
  promised?: ReadonlyMap<number, PromisedCare>;
}

/** The patient: where, how sick, and whether they need a bed (admission). */
export type SuggestPatient = LonLat & { clinicalClass: ClinicalClass; needsBed: boolean };

const NO_OFFLOAD: OffloadAtHospital = { atDoor: 0, longestWaitMinutes: 0, medianLastHourMinutes: null };

// `+ 0` turns -0 into 0 so a zero penalty compares and serialises as plain 0.
const round1 = (x: number): number => Math.round(x * 10) / 10 + 0;
// A hostile offload figure (NaN, negative) counts as no wait rather than as a bonus or a throw.
const nonNegative = (x: number | null | undefined): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);

/** Most points a preference rank can cost this patient: one step per kind after the first. */
function preferenceSpan(patient: SuggestPatient, w: SuggestWeights, rules: RuleProfile): number {
  return w.preferencePerRank * Math.max(0, hospitalKindsFor(patient.clinicalClass, rules, patient.needsBed).length - 1);
}

/** The most an ED's state short of diversion can cost a hospital: a capped door, a capped median, saturation. */
function boundedEdCost(w: SuggestWeights): number {
  return w.atDoorPoints * w.atDoorCap + w.doorWaitPerMinute * w.doorWaitCapMinutes + w.handoverMedianPerMinute * w.handoverMedianCapMinutes + w.edSaturatedPenalty;
}

/**
 * Penalty for a severe/critical patient's hospital with no known free ICU bed: icuExtraMinutes of travel,
 * plus every bounded bonus such a hospital can still earn (beds, for critical ventilators, the best rank),
 * plus the most the other's ED can cost it short of diversion, plus one point so that even the exact
 * limit (and rounding) goes to the hospital with the bed.
 */
export function noFreeIcuPenalty(w: SuggestWeights, critical: boolean, preferencePoints: number): number {
  return w.travelPerMinute * w.icuExtraMinutes + w.bedPoints * w.bedCap + (critical ? w.ventilatorPoints * w.ventilatorCap : 0) + preferencePoints + boundedEdCost(w) + 1;
}

/** Penalty for a critical patient's hospital with no known free ventilator, built as noFreeIcuPenalty is (its bounded bonuses: beds, ICU, rank). */
export function noFreeVentilatorPenalty(w: SuggestWeights, preferencePoints: number): number {
  return w.travelPerMinute * w.icuExtraMinutes + w.bedPoints * w.bedCap + w.icuPointsSickest * w.icuCap + preferencePoints + boundedEdCost(w) + 1;
}

/** Nearest hospital that may take the patient; with `now`, diverting EDs are skipped except for a critical patient. */
export function nearestCapableHospital<H extends Hospital>(
  patient: SuggestPatient,
  hospitals: readonly H[],
  estimator: TravelTimeEstimator,
  now: Date | undefined,
  rules: RuleProfile,
): { hospital: H; travelMinutes: number } | null {
  let best: { hospital: H; travelMinutes: number } | null = null;
  for (const h of screenHospitals(hospitals).valid) {
    if (!hospitalMayTake(h, patient.clinicalClass, rules, patient.needsBed)) continue;
    if (now !== undefined && patient.clinicalClass !== 'critical' && isOnDiversion(h, now)) continue;
    const travelMinutes = estimator.minutes(patient, h, patient.clinicalClass);
    if (!Number.isFinite(travelMinutes)) continue;
    if (best === null || travelMinutes < best.travelMinutes || (travelMinutes === best.travelMinutes && h.id < best.hospital.id)) {
      best = { hospital: h, travelMinutes };
    }
  }
  return best;
}

/**
 * Hospitals that may take the patient, best score first, each with its factors, contributions and warnings.
 * Hostile hospitals are left out (screenHospitals says which); a patient with no readable position or an
 * unknown class gets an empty list.
 */
export function suggestHospitals(patient: SuggestPatient, hospitals: readonly Hospital[], ctx: SuggestContext, limit = 5): HospitalSuggestion[] {
  if (limit <= 0 || !Number.isFinite(patient.lon) || !Number.isFinite(patient.lat)) return [];
  const w: SuggestWeights = { ...DEFAULT_SUGGEST_WEIGHTS, ...ctx.weights };
  const sickest = needsCriticalCare(patient.clinicalClass);
  const critical = patient.clinicalClass === 'critical';
  const kinds = hospitalKindsFor(patient.clinicalClass, ctx.rules, patient.needsBed);
  const span = preferenceSpan(patient, w, ctx.rules);
  const icuPenalty = noFreeIcuPenalty(w, critical, span);
  const ventilatorPenalty = noFreeVentilatorPenalty(w, span);

  const all: HospitalSuggestion[] = [];
  for (const { hospital: h, diversion, fallback } of eligibleDestinations(patient, screenHospitals(hospitals).valid, ctx.now, ctx.rules)) {
    const travelMinutes = ctx.estimator.minutes(patient, h, patient.clinicalClass);
    if (!Number.isFinite(travelMinutes)) continue;
    const offload = ctx.offload.get(h.id) ?? NO_OFFLOAD;
    // Beds already promised to patients on their way are not free, whatever the last figure says.
    const promised = ctx.promised?.get(h.id);
    const icuPromised = nonNegative(promised?.icu ?? 0);
    const ventilatorsPromised = nonNegative(promised?.ventilators ?? 0);
    const median = offload.medianLastHourMinutes;
    const factors: HospitalFactors = {
      travelMinutes: round1(travelMinutes),
      freeBeds: freeBeds(h),
      freeIcu: Math.max(0, freeIcu(h) - icuPromised),
      ventilatorsFree: Math.max(0, h.ventilatorsFree - ventilatorsPromised),
      icuPromised,
      ventilatorsPromised,
      atDoor: nonNegative(offload.atDoor),
      longestWaitMinutes: round1(nonNegative(offload.longestWaitMinutes)),
      medianLastHourMinutes: median === null || !Number.isFinite(median) ? null : round1(nonNegative(median)),
      diversion,
      edSaturated: h.edStatus === 'saturated',
      stale: isCapacityStale(h.capacityUpdatedAt, ctx.now, ctx.staleAfterMinutes),
      preferenceRank: Math.max(0, kinds.indexOf(h.kind)),
    };
    // A stale figure is unknown, not free: it earns nothing and, for the sickest, is no known ICU bed.
    const known = (n: number) => (factors.stale ? 0 : n);
    const icuKnown = known(factors.freeIcu) > 0;
    const ventilatorKnown = known(factors.ventilatorsFree) > 0;
    // A Record, not the interface, so Object.values below is typed number[].
    const contributions: Record<keyof HospitalContributions, number> = {
      travel: round1(-w.travelPerMinute * factors.travelMinutes),
      beds: round1(w.bedPoints * Math.min(known(factors.freeBeds), w.bedCap)),
      icu: round1((sickest ? w.icuPointsSickest : w.icuPointsOthers) * Math.min(known(factors.freeIcu), w.icuCap)),
      ventilator: round1(critical ? w.ventilatorPoints * Math.min(known(factors.ventilatorsFree), w.ventilatorCap) : 0),
      noFreeIcu: round1(sickest && !icuKnown ? -icuPenalty : 0),
      noFreeVentilator: round1(critical && !ventilatorKnown ? -ventilatorPenalty : 0),
      atDoor: round1(-w.atDoorPoints * Math.min(factors.atDoor, w.atDoorCap)),
      doorWait: round1(-w.doorWaitPerMinute * Math.min(factors.longestWaitMinutes, w.doorWaitCapMinutes)),
      handoverMedian: round1(-w.handoverMedianPerMinute * Math.min(factors.medianLastHourMinutes ?? 0, w.handoverMedianCapMinutes)),
      diversion: round1(-(diversion ? w.diversionPenalty : 0) - (factors.edSaturated ? w.edSaturatedPenalty : 0)),
      stale: round1(factors.stale ? -w.stalePenalty : 0),
      preference: round1(-w.preferencePerRank * factors.preferenceRank),
    };
    const score = round1(Object.values(contributions).reduce((sum, points) => sum + points, 0));

    const warnings: string[] = [];
    if (diversion) warnings.push('diversion_override');
    if (fallback) warnings.push('designated_diverting_fallback');
    if (factors.stale) warnings.push('stale_capacity');
    // With a stale figure the bed may or may not be there: stale_capacity says so, not a false "none free".
    if (sickest && !factors.stale && factors.freeIcu === 0) warnings.push('no_free_icu');
    if (critical && !factors.stale && factors.ventilatorsFree === 0) warnings.push('no_free_ventilator');
    if (factors.edSaturated) warnings.push('ed_saturated');

    all.push({ hospitalId: h.id, name: h.name, score, factors, contributions, warnings });
  }

  all.sort((a, b) => b.score - a.score || a.factors.travelMinutes - b.factors.travelMinutes || a.hospitalId - b.hospitalId);
  const top = all.slice(0, limit);

  // The nearest capable hospital is always shown, even when penalties push it down, so the
  // dispatcher can weigh minutes for a crashing patient against the score.
  let nearest: HospitalSuggestion | undefined;
  for (const s of all) {
    if (nearest === undefined || s.factors.travelMinutes < nearest.factors.travelMinutes) nearest = s;
  }
  if (nearest !== undefined && !top.includes(nearest)) top[top.length - 1] = nearest;
  return top;
}
