/** Ranks destination hospitals for a patient by a transparent score (DOMAIN.md "Suggestions"). */
import type { ClinicalClass, Hospital, LonLat } from '../model.ts';
import { freeBeds, freeIcu, isCapacityStale } from './capacity.ts';
import { hospitalMayTake, needsCriticalCare } from './capability.ts';
import type { RuleProfile } from './ruleProfile.ts';
import type { TravelTimeEstimator } from './geo.ts';

export interface HospitalFactors {
  travelMinutes: number;
  freeBeds: number;
  freeIcu: number;
  offloadQueue: number;
  diversion: boolean;
  edSaturated: boolean;
  stale: boolean;
  /** Position of the hospital's kind in the city's list for the class (0 = first choice). */
  preferenceRank: number;
}

export interface HospitalSuggestion {
  hospitalId: number;
  name: string;
  /** Sum of the contributions; higher is better. */
  score: number;
  factors: HospitalFactors;
  /** Points each factor adds (+) or takes away (−); `diversion` also carries the ED-saturated penalty. */
  contributions: { travel: number; beds: number; icu: number; offload: number; diversion: number; stale: number; preference: number };
  /** Machine codes: diversion_override, stale_capacity, no_free_icu, ed_saturated. */
  warnings: string[];
}

/**
 * Score weights, in "minutes of travel" so they can be read against each other:
 * - travelPerMinute 1: one point lost per minute on the road.
 * - bedPoints 0.2 per free bed, capped at bedCap 50 (10 points): beyond that more beds tell nothing.
 * - icuPointsSickest 6 per free ICU bed, capped at icuCap 5 (30 points), for critical/severe only;
 *   icuPointsOthers 0 because a mild patient does not need one.
 * - offloadPerUnit 5 per ambulance already held at the door: each is about a quarter hour of lost stretcher.
 * - diversionPenalty 60: a diverting ED is only worth it when it is much closer (critical patients only).
 * - edSaturatedPenalty 15: saturated but still taking patients.
 * - stalePenalty 10: capacity older than staleAfterMinutes, so its bed figures cannot be trusted.
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
  offloadPerUnit: number;
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
  offloadPerUnit: 5,
  diversionPenalty: 60,
  edSaturatedPenalty: 15,
  stalePenalty: 10,
  preferencePerRank: 8,
};

export interface SuggestContext {
  now: Date;
  estimator: TravelTimeEstimator;
  /** Hospital id → units currently held at its door (arrived, not handed over). */
  offloadQueue: ReadonlyMap<number, number>;
  staleAfterMinutes: number;
  weights?: Partial<SuggestWeights>;
  /** The city's rule profile (which kinds take which class). */
  rules: RuleProfile;
}

type Patient = LonLat & { clinicalClass: ClinicalClass };

// `+ 0` turns -0 into 0 so a zero penalty compares and serialises as plain 0.
const round1 = (x: number): number => Math.round(x * 10) / 10 + 0;

/** True while the ED diverts ambulances; a diversion with a past end time has lapsed. */
export function isOnDiversion(h: Pick<Hospital, 'edStatus' | 'diversionUntil'>, now: Date): boolean {
  if (h.edStatus !== 'diversion') return false;
  return h.diversionUntil === null || Date.parse(h.diversionUntil) > now.getTime();
}

/** Nearest hospital that may take the class; with `now`, diverting EDs are skipped except for a critical patient. */
export function nearestCapableHospital<H extends Hospital>(
  patient: Patient,
  hospitals: readonly H[],
  estimator: TravelTimeEstimator,
  now: Date | undefined,
  rules: RuleProfile,
): { hospital: H; travelMinutes: number } | null {
  let best: { hospital: H; travelMinutes: number } | null = null;
  for (const h of hospitals) {
    if (!hospitalMayTake(h, patient.clinicalClass, rules)) continue;
    if (now !== undefined && patient.clinicalClass !== 'critical' && isOnDiversion(h, now)) continue;
    const travelMinutes = estimator.minutes(patient, h, patient.clinicalClass);
    if (best === null || travelMinutes < best.travelMinutes || (travelMinutes === best.travelMinutes && h.id < best.hospital.id)) {
      best = { hospital: h, travelMinutes };
    }
  }
  return best;
}

/** Hospitals that may take the patient, best score first, each with its factors, contributions and warnings. */
export function suggestHospitals(
  patient: Patient,
  hospitals: readonly Hospital[],
  ctx: SuggestContext,
  limit = 5,
): HospitalSuggestion[] {
  if (limit <= 0) return [];
  const w: SuggestWeights = { ...DEFAULT_SUGGEST_WEIGHTS, ...ctx.weights };
  const sickest = needsCriticalCare(patient.clinicalClass);
  const critical = patient.clinicalClass === 'critical';

  const all: HospitalSuggestion[] = [];
  for (const h of hospitals) {
    if (!hospitalMayTake(h, patient.clinicalClass, ctx.rules)) continue;
    const diversion = isOnDiversion(h, ctx.now);
    // Only a critical patient may be sent to a diverting ED: minutes matter more than the queue there.
    if (diversion && !critical) continue;

    const factors: HospitalFactors = {
      travelMinutes: round1(ctx.estimator.minutes(patient, h, patient.clinicalClass)),
      freeBeds: freeBeds(h),
      freeIcu: freeIcu(h),
      offloadQueue: ctx.offloadQueue.get(h.id) ?? 0,
      diversion,
      edSaturated: h.edStatus === 'saturated',
      stale: isCapacityStale(h.capacityUpdatedAt, ctx.now, ctx.staleAfterMinutes),
      preferenceRank: Math.max(0, ctx.rules.destinations[patient.clinicalClass].indexOf(h.kind)),
    };
    const icuPoints = sickest ? w.icuPointsSickest : w.icuPointsOthers;
    const contributions = {
      travel: round1(-w.travelPerMinute * factors.travelMinutes),
      beds: round1(w.bedPoints * Math.min(factors.freeBeds, w.bedCap)),
      icu: round1(icuPoints * Math.min(factors.freeIcu, w.icuCap)),
      offload: round1(-w.offloadPerUnit * factors.offloadQueue),
      diversion: round1(-(diversion ? w.diversionPenalty : 0) - (factors.edSaturated ? w.edSaturatedPenalty : 0)),
      stale: round1(factors.stale ? -w.stalePenalty : 0),
      preference: round1(-w.preferencePerRank * factors.preferenceRank),
    };
    const score = round1(
      contributions.travel + contributions.beds + contributions.icu + contributions.offload + contributions.diversion + contributions.stale + contributions.preference,
    );

    const warnings: string[] = [];
    if (diversion) warnings.push('diversion_override');
    if (factors.stale) warnings.push('stale_capacity');
    if (sickest && factors.freeIcu === 0) warnings.push('no_free_icu');
    if (factors.edSaturated) warnings.push('ed_saturated');

    all.push({ hospitalId: h.id, name: h.name, score, factors, contributions, warnings });
  }

  all.sort(
    (a, b) => b.score - a.score || a.factors.travelMinutes - b.factors.travelMinutes || a.hospitalId - b.hospitalId,
  );
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
