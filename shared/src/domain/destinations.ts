/** Where a patient may be sent now: the city's rules, diversion, and the fallback when the designated hospital diverts. */
import type { ClinicalClass, Hospital } from '../model.ts';
import { hospitalKindsFor, hospitalMayTake } from './capability.ts';
import type { RuleProfile } from './ruleProfile.ts';

/** The patient as far as the destination rules care. */
export interface DestinationNeed {
  clinicalClass: ClinicalClass;
  /** Needs a bed (admission): opens the rule profile's `bedNeededOnly` kinds. */
  needsBed: boolean;
}

/** One hospital the patient may be sent to; `fallback` when only the diversion fallback allows it. */
export interface Destination<H> {
  hospital: H;
  diversion: boolean;
  fallback: boolean;
}

/** True while the ED diverts ambulances; a diversion with a past end time has lapsed. */
export function isOnDiversion(h: Pick<Hospital, 'edStatus' | 'diversionUntil'>, now: Date): boolean {
  if (h.edStatus !== 'diversion') return false;
  return h.diversionUntil === null || Date.parse(h.diversionUntil) > now.getTime();
}

/**
 * The hospitals a patient may be sent to now (the regular ones first). Normally: the kinds the city allows for the
 * class, a non-designated one for severe/critical only with a free ICU bed, and a diverting ED only for a
 * critical patient. When that leaves no open ED (the designated hospital diverts and no second-level one
 * has a free ICU bed), the allowed kinds without a free ICU bed come back as fallbacks, and, if even those
 * are missing, the diverting ones: a dispatcher must never be left with no destination while the city has
 * an allowed hospital.
 */
export function eligibleDestinations<H extends Hospital>(patient: DestinationNeed, hospitals: readonly H[], now: Date, rules: RuleProfile): Destination<H>[] {
  const kinds = hospitalKindsFor(patient.clinicalClass, rules, patient.needsBed);
  const critical = patient.clinicalClass === 'critical';
  const allowed = hospitals.filter((h) => kinds.includes(h.kind));
  const regular: Destination<H>[] = [];
  for (const h of allowed) {
    const diversion = isOnDiversion(h, now);
    if (hospitalMayTake(h, patient.clinicalClass, rules, patient.needsBed) && (!diversion || critical)) regular.push({ hospital: h, diversion, fallback: false });
  }
  if (regular.some((d) => !d.diversion)) return regular;

  const taken = new Set(regular.map((d) => d.hospital));
  const open = allowed.filter((h) => !taken.has(h) && !isOnDiversion(h, now)).map((h) => ({ hospital: h, diversion: false, fallback: true }));
  const out = [...regular, ...open];
  if (out.length > 0) return out;
  return allowed.map((h) => ({ hospital: h, diversion: true, fallback: true }));
}
