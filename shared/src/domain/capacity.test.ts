import { describe, expect, it } from 'vitest';
import { bedOccupancyPct, errorField, freeBeds, freeIcu, icuOccupancyPct, isCapacityStale, validateCapacity } from './capacity.ts';
import { buildHospital, FACTORY_NOW } from './testFactories.ts';

describe('validateCapacity', () => {
  it('accepts a consistent report', () => {
    const h = buildHospital();
    expect(validateCapacity(h)).toEqual({ ok: true, value: h });
  });

  it('refuses more occupied beds than open ones, naming the field first', () => {
    const r = validateCapacity(buildHospital({ openBeds: 1500, occupiedBeds: 1501 }));
    expect(r).toEqual({
      ok: false,
      error: { code: 'INVALID_CAPACITY', message: 'occupiedBeds: cannot exceed openBeds (1500)', current: 1501 },
    });
    if (!r.ok) expect(errorField(r.error)).toBe('occupiedBeds');
  });

  it('refuses more occupied ICU beds than open ones', () => {
    const r = validateCapacity(buildHospital({ icuOpen: 40, icuOccupied: 41 }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('icuOccupied: cannot exceed icuOpen (40)');
  });

  it.each([
    ['openBeds', -1],
    ['icuConvertible', 2.5],
    ['ventilatorsFree', Number.NaN],
  ] as const)('refuses %s = %s', (field, value) => {
    const r = validateCapacity(buildHospital({ [field]: value }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_CAPACITY');
      expect(r.error.message).toBe(`${field}: must be a non-negative integer`);
      expect(errorField(r.error)).toBe(field);
    }
  });

  it('refuses an unreadable diversion end', () => {
    const r = validateCapacity(buildHospital({ edStatus: 'diversion', diversionUntil: 'soon' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(errorField(r.error)).toBe('diversionUntil');
  });
});

describe('capacity figures', () => {
  it('goes stale strictly after the threshold', () => {
    const at = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();
    expect(isCapacityStale(at(60), FACTORY_NOW, 60)).toBe(false);
    expect(isCapacityStale(at(61), FACTORY_NOW, 60)).toBe(true);
    expect(isCapacityStale('garbage', FACTORY_NOW, 60)).toBe(true);
  });

  it('computes free beds and occupancy without negatives or division by zero', () => {
    const h = buildHospital({ openBeds: 1500, occupiedBeds: 1200, icuOpen: 40, icuOccupied: 36 });
    expect(freeBeds(h)).toBe(300);
    expect(freeIcu(h)).toBe(4);
    expect(icuOccupancyPct(h)).toBe(90);
    expect(bedOccupancyPct(h)).toBe(80);
    expect(freeIcu({ icuOpen: 2, icuOccupied: 5 })).toBe(0);
    expect(icuOccupancyPct({ icuOpen: 0, icuOccupied: 0 })).toBe(0);
    expect(bedOccupancyPct({ openBeds: 0, occupiedBeds: 0 })).toBe(0);
  });
});
