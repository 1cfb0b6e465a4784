/**
 * A city's rule profile (DOMAIN.md rules 1 and 5): which hospital kinds take which clinical class, and
 * the bed targets per hospital kind. It comes from the city bundle's `rules` (docs/city-bundle.md);
 * every rule that used to be a constant takes it as an argument.
 */
import type { ClinicalClass, HospitalKind } from '../model.ts';

/** `icu_beds`: ICU beds as % of open beds. `severe_beds`: severe-care beds as % of treatment beds; both counted in the hospital's ICU beds. */
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
}

/**
 * The rules of the default demo city (seed 002), used until a city's own profile is loaded. The
 * designated hospital is kept for the sickest, so it is not suggested for common/mild; township centres
 * opened oxygen areas in the surge, which is enough for common and mild only.
 */
export const DEMO_RULES: RuleProfile = {
  targets: {
    designated: { measure: 'icu_beds', pct: 4, convertiblePct: 4 },
    second_level: { measure: 'icu_beds', pct: 2, convertiblePct: null },
    sub_designated: { measure: 'icu_beds', pct: 2, convertiblePct: null },
  },
  destinations: {
    critical: ['designated', 'second_level'],
    severe: ['designated', 'second_level'],
    common: ['sub_designated', 'fangcang', 'second_level', 'township'],
    mild: ['sub_designated', 'fangcang', 'second_level', 'township'],
    asymptomatic: ['isolation'],
  },
};
