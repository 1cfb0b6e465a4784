/**
 * The destination policies the surge day compares, and the two adapters that are the bench's only calls
 * into the shared suggestions: `projectSuggestion` (suggestHospitals) and `firstRecommendedUnit`
 * (recommendUnits). Both shared functions are being reworked (issue 14); when their signatures change,
 * only these two adapters change.
 */
import {
  freeIcu,
  hospitalMayTake,
  needsCriticalCare,
  nearestCapableHospital,
  recommendUnits,
  suggestHospitals,
  type ClinicalClass,
  type Hospital,
  type PromisedCare,
  type RuleProfile,
  type TravelTimeEstimator,
  type Unit,
} from '@dispatch/shared';

/** What the console knows of a hospital's door, live from the event log (the shape issue 14 gives SuggestContext.offload). */
export interface OffloadAtHospital {
  /** Ambulances arrived and not yet handed over. */
  atDoor: number;
  /** The longest of their current waits, minutes; 0 when none waits. */
  longestWaitMinutes: number;
  /** Median arrival-to-handover minutes of the handovers of the last hour; null when there were none. */
  medianLastHourMinutes: number | null;
}

export interface SurgePatient {
  lon: number;
  lat: number;
  clinicalClass: ClinicalClass;
  /** True when the patient is to be admitted (an ICU bed for the sickest, a ward bed or an isolation room otherwise). */
  needsBed: boolean;
}

/** What a dispatcher sees when choosing: the hospitals' reported figures (without those that declined this patient) and the live door figures. */
export interface PolicyView {
  now: Date;
  patient: SurgePatient;
  hospitals: readonly Hospital[];
  offload: ReadonlyMap<number, OffloadAtHospital>;
  /** ICU beds and ventilators promised to patients sent after each hospital's last report. */
  promised: ReadonlyMap<number, PromisedCare>;
  estimator: TravelTimeEstimator;
  rules: RuleProfile;
  staleAfterMinutes: number;
  /** Extra minutes of travel a free ICU bed is worth (the `icuExtraMinutes` weight issue 14 adds; 30 by default). */
  icuExtraMinutes: number;
}

export interface DestinationPolicy {
  name: string;
  /** The first choice, or null when nothing is left to choose. */
  choose(view: PolicyView): Hospital | null;
}

/** The one call into suggestHospitals: the door figures, the patient's bed need and the extra-travel weight as the console has them. */
export function projectSuggestion(view: PolicyView): number | null {
  // Asked for the console's five, not one: with a limit of 1 the single place goes to the always-shown
  // nearest hospital, and the first suggestion would be the nearest, not the best score.
  const shown = suggestHospitals(
    view.patient,
    view.hospitals,
    { now: view.now, estimator: view.estimator, offload: view.offload, promised: view.promised, staleAfterMinutes: view.staleAfterMinutes, rules: view.rules, weights: { icuExtraMinutes: view.icuExtraMinutes } },
    5,
  );
  return shown[0]?.hospitalId ?? null;
}

/** The one call into recommendUnits: the id of its first recommendation, or null when no unit may go. */
export function firstRecommendedUnit(
  patient: { lon: number; lat: number; clinicalClass: ClinicalClass },
  units: readonly Pick<Unit, 'id' | 'callSign' | 'kind' | 'status' | 'lon' | 'lat'>[],
  estimator: TravelTimeEstimator,
): number | null {
  return recommendUnits(patient, units, estimator, { limit: 1 }).units[0]?.unitId ?? null;
}

const byId = (view: PolicyView, id: number | null): Hospital | null => (id === null ? null : (view.hospitals.find((h) => h.id === id) ?? null));

/** (a) The project's suggestions: the top of shared suggestHospitals. */
export const PROJECT_SUGGESTIONS: DestinationPolicy = {
  name: 'suggestions',
  choose: (view) => byId(view, projectSuggestion(view)),
};

/** (b) Baseline: the nearest hospital that may take the class (shared nearestCapableHospital). */
export const NEAREST_ALLOWED: DestinationPolicy = {
  name: 'nearest allowed',
  choose: (view) => nearestCapableHospital(view.patient, view.hospitals, view.estimator, view.now, view.rules)?.hospital ?? null,
};

/** (c) Baseline: for severe and critical the nearest allowed hospital reporting a free ICU bed, else as (b). */
export const NEAREST_FREE_ICU: DestinationPolicy = {
  name: 'nearest free ICU',
  choose: (view) => {
    if (needsCriticalCare(view.patient.clinicalClass)) {
      const withBed = view.hospitals.filter((h) => freeIcu(h) > 0 && hospitalMayTake(h, view.patient.clinicalClass, view.rules, view.patient.needsBed));
      const nearest = nearestCapableHospital(view.patient, withBed, view.estimator, view.now, view.rules);
      if (nearest) return nearest.hospital;
    }
    return NEAREST_ALLOWED.choose(view);
  },
};

export const SURGE_POLICIES: readonly DestinationPolicy[] = [PROJECT_SUGGESTIONS, NEAREST_ALLOWED, NEAREST_FREE_ICU];
