/** Ranks available units for a call by estimated time to the scene (DOMAIN.md "Suggestions"). */
import type { ClinicalClass, Unit, UnitKind, UnitStatus } from '../model.ts';
import { needsCriticalCare, unitMayCarry } from './capability.ts';
import type { TravelTimeEstimator } from './geo.ts';
import { haversineKm } from './geo.ts';

export interface UnitRecommendation {
  unitId: number;
  callSign: string;
  kind: UnitKind;
  status: UnitStatus;
  /** Rounded to 0.1 min, as shown; ties are judged on this value. */
  etaMinutes: number;
  /** Straight-line distance, rounded to 0.01 km. */
  distanceKm: number;
  /** Machine codes the UI translates: critical_care_required, critical_care, standard_ok, keeps_critical_care_free, nearest. */
  reasons: string[];
}

type UnitLike = Pick<Unit, 'id' | 'callSign' | 'kind' | 'status' | 'lon' | 'lat'>;

interface Candidate {
  unit: UnitLike;
  eta: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Best available units that may carry the patient, nearest (by ETA) first. */
export function recommendUnits(
  patient: { lon: number; lat: number; clinicalClass: ClinicalClass },
  units: readonly UnitLike[],
  estimator: TravelTimeEstimator,
  limit = 5,
): UnitRecommendation[] {
  if (limit <= 0) return [];
  const sickest = needsCriticalCare(patient.clinicalClass);
  // For a patient a standard unit can carry, an equally close standard unit goes first so the
  // few critical-care units stay free for the next severe call.
  const before = (a: Candidate, b: Candidate): boolean => {
    if (a.eta !== b.eta) return a.eta < b.eta;
    if (!sickest && a.unit.kind !== b.unit.kind) return a.unit.kind === 'standard';
    return a.unit.id < b.unit.id;
  };

  // Partial selection into a small sorted buffer: O(n·limit) with no sort of the whole fleet.
  const top: Candidate[] = [];
  for (const unit of units) {
    if (unit.status !== 'available' || !unitMayCarry(unit.kind, patient.clinicalClass)) continue;
    const c: Candidate = { unit, eta: round1(estimator.minutes(unit, patient, patient.clinicalClass)) };
    const last = top[top.length - 1];
    if (top.length >= limit && last !== undefined && !before(c, last)) continue;
    let i = top.length;
    while (i > 0) {
      const prev = top[i - 1];
      if (prev === undefined || !before(c, prev)) break;
      i--;
    }
    top.splice(i, 0, c);
    if (top.length > limit) top.pop();
  }

  return top.map((c, i) => {
    const reasons: string[] = [];
    if (sickest) reasons.push('critical_care_required');
    reasons.push(c.unit.kind === 'critical_care' ? 'critical_care' : 'standard_ok');
    // Says why an equally close critical-care unit was placed below this one.
    if (!sickest && c.unit.kind === 'standard' && top.some((o) => o.unit.kind === 'critical_care' && o.eta === c.eta)) {
      reasons.push('keeps_critical_care_free');
    }
    if (i === 0) reasons.push('nearest');
    return {
      unitId: c.unit.id,
      callSign: c.unit.callSign,
      kind: c.unit.kind,
      status: c.unit.status,
      etaMinutes: c.eta,
      distanceKm: round2(haversineKm(c.unit, patient)),
      reasons,
    };
  });
}
