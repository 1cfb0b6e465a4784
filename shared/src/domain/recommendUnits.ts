/** Ranks units for a call by estimated time to the scene (DOMAIN.md "Suggestions"; docs/suggestions.md "Units"). */
import type { ClinicalClass, UnitKind, UnitStatus } from '../model.ts';
import { needsCriticalCare, unitMayCarry } from './capability.ts';
import type { TravelTimeEstimator } from './geo.ts';
import { haversineKm } from './geo.ts';
import { estimateUnitFree, type UnitFreeEstimate, type UnitJob } from './unitFreeEstimate.ts';
import { isPlausiblePosition, screenUnits, type SkippedUnit, type UnitLike } from './unitScreening.ts';

export interface UnitRecommendation {
  unitId: number;
  callSign: string;
  kind: UnitKind;
  status: UnitStatus;
  /** Rounded to 0.1 min, as shown; ties are judged on this value. */
  etaMinutes: number;
  /** Straight-line distance, rounded to 0.01 km. */
  distanceKm: number;
  /**
   * Machine codes the UI translates: critical_care_required, critical_care, standard_ok,
   * keeps_critical_care_free, nearest, returning, first_responder.
   */
  reasons: string[];
}

/** What the dispatcher is offered for one call. */
export interface UnitSuggestions {
  /** Units that may carry this patient and may be sent now (available, or returning to station), nearest first. */
  units: UnitRecommendation[];
  /** The patient needs a critical-care unit and none may be sent now. */
  noCriticalCareFree: boolean;
  /** When noCriticalCareFree: the nearest standard unit to go ahead, treat and wait; it does not transport. */
  firstResponder: UnitRecommendation | null;
  /** When noCriticalCareFree: the busy critical-care unit expected to reach this patient first. */
  earliestCriticalCare: UnitFreeEstimate | null;
  /** Rows that could not be ranked (hostile position, kind, status, id, or no ETA). */
  skipped: SkippedUnit[];
}

export interface RecommendUnitsOptions {
  /** How many units to offer (default 5). */
  limit?: number;
  /** The clock, for how long a busy unit has been in its status (default: the Unix epoch, i.e. no time spent). */
  now?: Date;
  /** What busy units are doing, by unit id, for the earliest-free estimate. */
  jobs?: ReadonlyMap<number, UnitJob>;
}

/** Units that may be given a new call: free at station, or re-tasked on the way back (a surge's usual case). */
const SENDABLE: ReadonlySet<UnitStatus> = new Set(['available', 'returning']);

interface Candidate {
  unit: UnitLike;
  eta: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

const NOTHING: Omit<UnitSuggestions, 'skipped'> = { units: [], noCriticalCareFree: false, firstResponder: null, earliestCriticalCare: null };

/** Best units that may carry the patient, nearest (by ETA) first, with the first-responder fallback for the sickest. */
export function recommendUnits(
  patient: { lon: number; lat: number; clinicalClass: ClinicalClass },
  rows: readonly UnitLike[],
  estimator: TravelTimeEstimator,
  opts: RecommendUnitsOptions = {},
): UnitSuggestions {
  const limit = opts.limit ?? 5;
  const { valid, skipped } = screenUnits(rows);
  // No place to measure from: nothing can be ranked, and nothing pretends to be nearest.
  if (limit <= 0 || !isPlausiblePosition(patient)) return { ...NOTHING, skipped };
  const sickest = needsCriticalCare(patient.clinicalClass);

  const sendable = valid.filter((u) => SENDABLE.has(u.status));
  // ETAs only for the units that can be offered: the fallback's standard units are timed only when it is needed.
  const timed = (us: readonly UnitLike[]): Candidate[] => {
    const out: Candidate[] = [];
    for (const unit of us) {
      const eta = round1(estimator.minutes(unit, patient, patient.clinicalClass));
      if (Number.isFinite(eta)) out.push({ unit, eta });
      else skipped.push({ id: unit.id, reason: 'no_eta' });
    }
    return out;
  };

  const top = topByEta(
    timed(sendable.filter((u) => unitMayCarry(u.kind, patient.clinicalClass))),
    limit,
    sickest,
  );
  const units = top.map((c, i) => {
    const reasons: string[] = [];
    if (sickest) reasons.push('critical_care_required');
    reasons.push(c.unit.kind === 'critical_care' ? 'critical_care' : 'standard_ok');
    // Says why an equally close critical-care unit was placed below this one.
    if (!sickest && c.unit.kind === 'standard' && top.some((o) => o.unit.kind === 'critical_care' && o.eta === c.eta)) {
      reasons.push('keeps_critical_care_free');
    }
    if (c.unit.status === 'returning') reasons.push('returning');
    if (i === 0) reasons.push('nearest');
    return present(c, patient, reasons);
  });

  if (!sickest || units.length > 0) return { ...NOTHING, units, skipped };

  // No critical-care unit may be sent: a standard crew on scene first beats a wait with nobody there.
  const [first] = topByEta(timed(sendable.filter((u) => u.kind === 'standard')), 1, true);
  const firstResponder = first ? present(first, patient, ['first_responder', ...(first.unit.status === 'returning' ? ['returning'] : [])]) : null;
  const now = opts.now ?? new Date(0);
  let earliest: UnitFreeEstimate | null = null;
  for (const unit of valid) {
    if (unit.kind !== 'critical_care') continue;
    const e = estimateUnitFree(unit, opts.jobs?.get(unit.id), patient, now, estimator);
    if (e && (!earliest || e.etaMinutes < earliest.etaMinutes || (e.etaMinutes === earliest.etaMinutes && e.unitId < earliest.unitId))) earliest = e;
  }
  return { units: [], noCriticalCareFree: true, firstResponder, earliestCriticalCare: earliest, skipped };
}

/**
 * The `limit` best candidates by a strict order: ETA; at the same ETA an available unit before a returning one
 * (it is at station, crew rested and restocked); then, for a patient a standard unit can carry, standard first so
 * the few critical-care units stay free for the next severe call; then id.
 * Partial selection into a small sorted buffer: O(n·limit) with no sort of the whole fleet.
 */
function topByEta(candidates: readonly Candidate[], limit: number, sickest: boolean): Candidate[] {
  const before = (a: Candidate, b: Candidate): boolean => {
    if (a.eta !== b.eta) return a.eta < b.eta;
    if (a.unit.status !== b.unit.status) return a.unit.status === 'available';
    if (!sickest && a.unit.kind !== b.unit.kind) return a.unit.kind === 'standard';
    return a.unit.id < b.unit.id;
  };
  const top: Candidate[] = [];
  for (const c of candidates) {
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
  return top;
}

function present(c: Candidate, patient: { lon: number; lat: number }, reasons: string[]): UnitRecommendation {
  return {
    unitId: c.unit.id,
    callSign: c.unit.callSign,
    kind: c.unit.kind,
    status: c.unit.status,
    etaMinutes: c.eta,
    distanceKm: round2(haversineKm(c.unit, patient)),
    reasons,
  };
}
