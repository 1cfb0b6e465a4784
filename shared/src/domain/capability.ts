/** Who may carry and who may take which clinical class (DOMAIN.md rules 1 and 2); destinations come from the city's rule profile. */
import type { ClinicalClass, Hospital, HospitalKind, UnitKind } from '../model.ts';
import type { RuleProfile } from './ruleProfile.ts';

const NEEDS_CRITICAL_CARE: ReadonlySet<ClinicalClass> = new Set(['critical', 'severe']);

/** True when the class needs monitor, defibrillator and ventilator on board. */
export function needsCriticalCare(cls: ClinicalClass): boolean {
  return NEEDS_CRITICAL_CARE.has(cls);
}

/** Only critical-care units carry severe or critical patients. */
export function unitMayCarry(kind: UnitKind, cls: ClinicalClass): boolean {
  return kind === 'critical_care' || !needsCriticalCare(cls);
}

/**
 * Hospital kinds that may take a class, in the city's order of preference; the `bedNeededOnly` kinds only
 * for a patient who needs a bed. second_level for severe/critical still needs a free ICU bed.
 */
export function hospitalKindsFor(cls: ClinicalClass, rules: RuleProfile, needsBed: boolean): readonly HospitalKind[] {
  // An unknown class (a hostile or outdated value) has no destination rather than throwing.
  const all = Object.hasOwn(rules.destinations, cls) ? rules.destinations[cls] : [];
  const bedOnly = rules.bedNeededOnly?.[cls] ?? [];
  return needsBed || bedOnly.length === 0 ? all : all.filter((k) => !bedOnly.includes(k));
}

/** True when this hospital may take a patient of this class (who needs a bed or not) right now. */
export function hospitalMayTake(h: Pick<Hospital, 'kind' | 'icuOpen' | 'icuOccupied'>, cls: ClinicalClass, rules: RuleProfile, needsBed: boolean): boolean {
  if (!hospitalKindsFor(cls, rules, needsBed).includes(h.kind)) return false;
  // The designated hospital takes the sickest even when full; others only with an ICU bed to give.
  if (needsCriticalCare(cls) && h.kind !== 'designated') return h.icuOpen - h.icuOccupied > 0;
  return true;
}
