/** Bed targets per hospital kind (DOMAIN.md rule 5), from the city's rule profile. */
import type { Hospital } from '../model.ts';
import { type RuleProfile, type TargetMeasure } from './ruleProfile.ts';

export interface IcuTargetCheck {
  /** What the target counts (ICU beds, or Huairen's severe-care beds); null where the kind has none. */
  measure: TargetMeasure | null;
  icuRatioPct: number;
  targetPct: number | null;
  convertibleRatioPct: number;
  convertibleTargetPct: number | null;
  meetsIcu: boolean | null;
  meetsConvertible: boolean | null;
}

const pct = (part: number, whole: number): number => (whole > 0 ? (part / whole) * 100 : 0);

// Compared as integers (beds × 100 ≥ target × open beds) so 60 of 1500 is exactly 4%, not a float's 3.9999.
const meets = (beds: number, openBeds: number, target: number | null): boolean | null =>
  target === null ? null : beds * 100 >= target * openBeds;

/** ICU (or severe-care) and convertible-ICU ratios against the hospital kind's targets in the city's rules (null where none applies). */
export function checkIcuTarget(h: Pick<Hospital, 'kind' | 'openBeds' | 'icuOpen' | 'icuConvertible'>, rules: RuleProfile): IcuTargetCheck {
  const t = rules.targets[h.kind];
  const targetPct = t?.pct ?? null;
  const convertibleTargetPct = t?.convertiblePct ?? null;
  return {
    measure: t?.measure ?? null,
    icuRatioPct: pct(h.icuOpen, h.openBeds),
    targetPct,
    convertibleRatioPct: pct(h.icuConvertible, h.openBeds),
    convertibleTargetPct,
    meetsIcu: meets(h.icuOpen, h.openBeds, targetPct),
    meetsConvertible: meets(h.icuConvertible, h.openBeds, convertibleTargetPct),
  };
}
