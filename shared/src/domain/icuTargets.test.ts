import { describe, expect, it } from 'vitest';
import { checkIcuTarget } from './icuTargets.ts';
import type { RuleProfile } from './ruleProfile.ts';
import { DEMO_RULES } from './testFactories.ts';

describe('checkIcuTarget', () => {
  it('meets the designated 4% targets exactly at the edge', () => {
    const c = checkIcuTarget({ kind: 'designated', openBeds: 1500, icuOpen: 60, icuConvertible: 60 }, DEMO_RULES);
    expect(c).toMatchObject({ targetPct: 4, convertibleTargetPct: 4, meetsIcu: true, meetsConvertible: true });
    expect(c.icuRatioPct).toBeCloseTo(4, 10);
  });

  it('misses the designated targets one bed below', () => {
    const c = checkIcuTarget({ kind: 'designated', openBeds: 1500, icuOpen: 59, icuConvertible: 59 }, DEMO_RULES);
    expect(c.meetsIcu).toBe(false);
    expect(c.meetsConvertible).toBe(false);
  });

  it('flags the seed People\'s Hospital (40 ICU of 1,500) as under target', () => {
    const c = checkIcuTarget({ kind: 'designated', openBeds: 1500, icuOpen: 40, icuConvertible: 80 }, DEMO_RULES);
    expect(c.icuRatioPct).toBeCloseTo(2.667, 3);
    expect(c.meetsIcu).toBe(false);
    expect(c.convertibleRatioPct).toBeCloseTo(5.333, 3);
    expect(c.meetsConvertible).toBe(true);
  });

  it('applies 2% to second_level and sub_designated with no convertible target', () => {
    expect(checkIcuTarget({ kind: 'second_level', openBeds: 500, icuOpen: 10, icuConvertible: 0 }, DEMO_RULES)).toEqual({
      measure: 'icu_beds',
      icuRatioPct: 2,
      targetPct: 2,
      convertibleRatioPct: 0,
      convertibleTargetPct: null,
      meetsIcu: true,
      meetsConvertible: null,
    });
    expect(checkIcuTarget({ kind: 'sub_designated', openBeds: 500, icuOpen: 9, icuConvertible: 0 }, DEMO_RULES).meetsIcu).toBe(false);
  });

  it('sets no target for township, fangcang and isolation', () => {
    for (const kind of ['township', 'fangcang', 'isolation'] as const) {
      const c = checkIcuTarget({ kind, openBeds: 100, icuOpen: 0, icuConvertible: 0 }, DEMO_RULES);
      expect(c.targetPct).toBeNull();
      expect(c.meetsIcu).toBeNull();
      expect(c.meetsConvertible).toBeNull();
    }
  });

  it('follows another city’s profile: Huairen’s designated severe-care beds ≥ 10 % of treatment beds', () => {
    const huairen: RuleProfile = { ...DEMO_RULES, targets: { designated: { measure: 'severe_beds', pct: 10, convertiblePct: null } } };
    const met = checkIcuTarget({ kind: 'designated', openBeds: 600, icuOpen: 60, icuConvertible: 0 }, huairen);
    expect(met).toMatchObject({ measure: 'severe_beds', targetPct: 10, meetsIcu: true, convertibleTargetPct: null, meetsConvertible: null });
    expect(checkIcuTarget({ kind: 'designated', openBeds: 600, icuOpen: 59, icuConvertible: 0 }, huairen).meetsIcu).toBe(false);
    // A kind the profile gives no target has none, whatever the demo's rules say.
    expect(checkIcuTarget({ kind: 'second_level', openBeds: 500, icuOpen: 0, icuConvertible: 0 }, huairen).targetPct).toBeNull();
  });

  it('does not divide by zero open beds', () => {
    const c = checkIcuTarget({ kind: 'designated', openBeds: 0, icuOpen: 0, icuConvertible: 0 }, DEMO_RULES);
    expect(c.icuRatioPct).toBe(0);
    expect(c.convertibleRatioPct).toBe(0);
  });
});
