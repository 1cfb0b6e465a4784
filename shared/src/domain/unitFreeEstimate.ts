/**
 * When a busy unit is likely to be free again, and how soon after that it could reach a new patient.
 * Used when no critical-care unit is free: the dispatcher sees which one to expect, and when.
 * The estimate is deliberately simple and its assumptions are named: it is a planning figure, not a promise.
 */
import type { ClinicalClass, LonLat, UnitStatus } from '../model.ts';
import type { TravelTimeEstimator } from './geo.ts';
import { isPlausiblePosition, type UnitLike } from './unitScreening.ts';

/**
 * Arrival at the ED to handover. The national standard asks for handover within 30 min for 90% of
 * patients, so a typical one is shorter; 20 min is the middle of that range in a surge.
 */
export const TYPICAL_HANDOVER_MINUTES = 20;
/** Arrival on scene to leaving with a severe patient: assessment, stabilisation, carrying down and loading. */
export const TYPICAL_SCENE_MINUTES = 15;
/** Scene to hospital when the destination is not chosen yet: the order of a cross-town run in a county-level city. */
export const TYPICAL_TRANSPORT_MINUTES = 15;
/** The class assumed on board when the job's patient is unknown: critical-care units mostly carry severe patients. */
const ASSUMED_CARRIED_CLASS: ClinicalClass = 'severe';

/** What a busy unit is doing: where its patient is and where it is taking them (null when not known). */
export interface UnitJob {
  scene: LonLat | null;
  destination: LonLat | null;
  carrying: ClinicalClass | null;
}

/** A busy unit's expected release and its reach to the new patient, in minutes from now (0.1 min). */
export interface UnitFreeEstimate {
  unitId: number;
  callSign: string;
  kind: UnitLike['kind'];
  status: UnitStatus;
  /** Minutes until it is expected to be free (handover done, or scene cleared). */
  freeInMinutes: number;
  /** freeInMinutes plus the drive from where it will be free to this patient. */
  etaMinutes: number;
  /** Machine codes: which assumptions went in (typical_handover, typical_scene, typical_transport). */
  assumptions: string[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const usable = (p: LonLat | null | undefined): p is LonLat => p !== null && p !== undefined && isPlausiblePosition(p);

/** Minutes already spent in the current status; 0 when statusSince is missing or unreadable (so the full typical time is left). */
function minutesInStatus(statusSince: string | undefined, now: Date): number {
  const since = statusSince === undefined ? Number.NaN : Date.parse(statusSince);
  const m = (now.getTime() - since) / 60_000;
  return Number.isFinite(m) && m > 0 ? m : 0;
}

/** Expected release of a busy unit, or null for a unit that is not on a job (available, returning, out of service, unknown). */
export function estimateUnitFree(
  unit: UnitLike,
  job: UnitJob | undefined,
  patient: LonLat & { clinicalClass: ClinicalClass },
  now: Date,
  estimator: TravelTimeEstimator,
): UnitFreeEstimate | null {
  if (!isPlausiblePosition(unit)) return null;
  const carrying = job?.carrying ?? ASSUMED_CARRIED_CLASS;
  const scene = usable(job?.scene) ? job.scene : null;
  const destination = usable(job?.destination) ? job.destination : null;
  const elapsed = minutesInStatus(unit.statusSince, now);
  const assumptions: string[] = [];
  const drive = (from: LonLat, to: LonLat, cls: ClinicalClass) => estimator.minutes(from, to, cls);
  const transportFrom = (from: LonLat): number => {
    if (destination) return drive(from, destination, carrying);
    assumptions.push('typical_transport');
    return TYPICAL_TRANSPORT_MINUTES;
  };
  const handover = (left: number): number => {
    assumptions.push('typical_handover');
    return Math.max(0, left);
  };
  const sceneLeft = (left: number): number => {
    assumptions.push('typical_scene');
    return Math.max(0, left);
  };

  let freeIn: number;
  switch (unit.status) {
    case 'dispatched':
    case 'en_route': {
      if (!scene) assumptions.push('typical_transport');
      const toScene = scene ? drive(unit, scene, carrying) : TYPICAL_TRANSPORT_MINUTES;
      freeIn = toScene + sceneLeft(TYPICAL_SCENE_MINUTES) + transportFrom(scene ?? unit) + handover(TYPICAL_HANDOVER_MINUTES);
      break;
    }
    case 'on_scene':
      freeIn = sceneLeft(TYPICAL_SCENE_MINUTES - elapsed) + transportFrom(scene ?? unit) + handover(TYPICAL_HANDOVER_MINUTES);
      break;
    case 'transporting':
      // Without a destination the typical run is counted from when transport began.
      freeIn = (destination ? drive(unit, destination, carrying) : Math.max(0, transportFrom(unit) - elapsed)) + handover(TYPICAL_HANDOVER_MINUTES);
      break;
    case 'at_hospital':
      freeIn = handover(TYPICAL_HANDOVER_MINUTES - elapsed);
      break;
    default:
      return null;
  }
  // Where it will be when free: the hospital it hands over at, else where it is now.
  const freeAt = unit.status === 'at_hospital' ? unit : (destination ?? unit);
  const eta = freeIn + drive(freeAt, patient, patient.clinicalClass);
  if (!Number.isFinite(eta)) return null;
  return {
    unitId: unit.id,
    callSign: unit.callSign,
    kind: unit.kind,
    status: unit.status,
    freeInMinutes: round1(freeIn),
    etaMinutes: round1(eta),
    assumptions: [...new Set(assumptions)],
  };
}
