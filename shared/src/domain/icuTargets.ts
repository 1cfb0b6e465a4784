/** ICU bed targets per hospital kind (DOMAIN.md rule 5). */
import type { Hospital, HospitalKind } from '../model.ts';

/** Targets in percent of open beds; null = the seeds set no target for this kind. */
export const ICU_TARGETS: Readonly<Record<HospitalKind, { icuPct: number | null; convertiblePct: number | null }>> = {
  designated: { icuPct: 4, convertiblePct: 4 },
  second_level: { icuPct: 2, convertiblePct: null },
  sub_designated: { icuPct: 2, convertiblePct: null },
  township: { icuPct: null, convertiblePct: null },
  fangcang: { icuPct: null, convertiblePct: null },
  isolation: { icuPct: null, convertiblePct: null },
};

export interface IcuTargetCheck {
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

/** ICU and convertible-ICU ratios against the hospital kind's targets (null where no target applies). */
export function checkIcuTarget(h: Pick<Hospital, 'kind' | 'openBeds' | 'icuOpen' | 'icuConvertible'>): IcuTargetCheck {
  const t = ICU_TARGETS[h.kind];
  return {
    icuRatioPct: pct(h.icuOpen, h.openBeds),
    targetPct: t.icuPct,
    convertibleRatioPct: pct(h.icuConvertible, h.openBeds),
    convertibleTargetPct: t.convertiblePct,
    meetsIcu: meets(h.icuOpen, h.openBeds, t.icuPct),
    meetsConvertible: meets(h.icuConvertible, h.openBeds, t.convertiblePct),
  };
}
