/**
 * A city's rule profile (DOMAIN.md rules 1 and 5): which hospital kinds take which clinical class, and
 * the bed targets per hospital kind. It comes from the city bundle's `rules` (docs/city-bundle.md);
 * every rule that used to be a constant takes it as an argument.
 */
import type { ClinicalClass, HospitalKind } from '../model.ts';

/** `icu_beds`: ICU beds as % of open beds (seed 002). `severe_beds`: severe-care beds as % of treatment beds (seed 000); both counted in the hospital's ICU beds. */
export const TARGET_MEASURES = ['icu_beds', 'severe_beds'] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

/** A bed target of one hospital kind, in percent of its open beds; convertiblePct for beds that can be turned into ICU beds. */
export interface BedTarget {
  measure: TargetMeasure;
  pct: number;
  convertiblePct: number | null;
}

export interface RuleProfile {
  /** A kind without an entry has no target. */
  targets: Partial<Record<HospitalKind, BedTarget>>;
  /** Hospital kinds that may take each class, in order of preference. */
  destinations: Readonly<Record<ClinicalClass, readonly HospitalKind[]>>;
  /**
   * Kinds of `destinations` that take the class only for a patient who needs a bed (admission): Huairen's
   * fangcang admits asymptomatic patients "有住院需求" (seed 000), the others go to the isolation site.
   */
  bedNeededOnly?: Partial<Record<ClinicalClass, readonly HospitalKind[]>>;
}
