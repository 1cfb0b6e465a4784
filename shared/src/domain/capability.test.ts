import { describe, expect, it } from 'vitest';
import { hospitalKindsFor, hospitalMayTake, unitMayCarry } from './capability.ts';
import type { RuleProfile } from './ruleProfile.ts';
import { DEMO_RULES } from './testFactories.ts';

describe('capability', () => {
  it('lets only critical-care units carry severe and critical patients', () => {
    expect(unitMayCarry('standard', 'critical')).toBe(false);
    expect(unitMayCarry('standard', 'severe')).toBe(false);
    expect(unitMayCarry('standard', 'common')).toBe(true);
    expect(unitMayCarry('critical_care', 'critical')).toBe(true);
    expect(unitMayCarry('critical_care', 'mild')).toBe(true);
  });

  it('lists hospital kinds per class', () => {
    expect(hospitalKindsFor('critical', DEMO_RULES, false)).toEqual(['designated', 'second_level']);
    expect(hospitalKindsFor('common', DEMO_RULES, false)).not.toContain('designated');
    expect(hospitalKindsFor('mild', DEMO_RULES, false)).toContain('township');
    expect(hospitalKindsFor('asymptomatic', DEMO_RULES, false)).toEqual(['isolation']);
  });

  it('sends the sickest to designated, or second_level only with a free ICU bed', () => {
    expect(hospitalMayTake({ kind: 'designated', icuOpen: 40, icuOccupied: 40 }, 'critical', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'second_level', icuOpen: 8, icuOccupied: 7 }, 'severe', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'second_level', icuOpen: 8, icuOccupied: 8 }, 'severe', DEMO_RULES, false)).toBe(false);
    expect(hospitalMayTake({ kind: 'sub_designated', icuOpen: 8, icuOccupied: 0 }, 'critical', DEMO_RULES, false)).toBe(false);
    expect(hospitalMayTake({ kind: 'township', icuOpen: 0, icuOccupied: 0 }, 'severe', DEMO_RULES, false)).toBe(false);
  });

  it('keeps designated for the sickest and townships for common and mild', () => {
    expect(hospitalMayTake({ kind: 'designated', icuOpen: 40, icuOccupied: 0 }, 'common', DEMO_RULES, false)).toBe(false);
    expect(hospitalMayTake({ kind: 'township', icuOpen: 0, icuOccupied: 0 }, 'common', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'fangcang', icuOpen: 0, icuOccupied: 0 }, 'mild', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'second_level', icuOpen: 0, icuOccupied: 0 }, 'mild', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'township', icuOpen: 0, icuOccupied: 0 }, 'asymptomatic', DEMO_RULES, false)).toBe(false);
    expect(hospitalMayTake({ kind: 'isolation', icuOpen: 0, icuOccupied: 0 }, 'asymptomatic', DEMO_RULES, false)).toBe(true);
    expect(hospitalMayTake({ kind: 'isolation', icuOpen: 0, icuOccupied: 0 }, 'mild', DEMO_RULES, false)).toBe(false);
  });

  it('takes destinations from the city’s profile: Huairen’s fangcang admits an asymptomatic patient only when they need a bed', () => {
    const huairen: RuleProfile = {
      ...DEMO_RULES,
      destinations: { ...DEMO_RULES.destinations, asymptomatic: ['fangcang', 'isolation'] },
      bedNeededOnly: { asymptomatic: ['fangcang'] },
    };
    const fangcang = { kind: 'fangcang' as const, icuOpen: 0, icuOccupied: 0 };
    expect(hospitalMayTake(fangcang, 'asymptomatic', DEMO_RULES, true)).toBe(false);
    expect(hospitalMayTake(fangcang, 'asymptomatic', huairen, true)).toBe(true);
    expect(hospitalMayTake(fangcang, 'asymptomatic', huairen, false)).toBe(false);
    // The fangcang still takes mild patients whether or not they need a bed: the restriction is per class.
    expect(hospitalMayTake(fangcang, 'mild', huairen, false)).toBe(true);
    expect(hospitalKindsFor('asymptomatic', huairen, true)).toEqual(['fangcang', 'isolation']);
    expect(hospitalKindsFor('asymptomatic', huairen, false)).toEqual(['isolation']);
  });

  it('gives an unknown class no destination instead of throwing', () => {
    const hostile = 'walking_wounded' as unknown as 'mild';
    expect(hospitalKindsFor(hostile, DEMO_RULES, false)).toEqual([]);
    expect(hospitalKindsFor('toString' as unknown as 'mild', DEMO_RULES, false)).toEqual([]);
    expect(hospitalMayTake({ kind: 'township', icuOpen: 0, icuOccupied: 0 }, hostile, DEMO_RULES, true)).toBe(false);
  });
});
