import { describe, expect, it } from 'vitest';
import type { Hospital } from '../model.ts';
import { screenHospitals } from './screenHospitals.ts';
import { buildHospital } from './testFactories.ts';

describe('screenHospitals', () => {
  it('reports each hostile hospital with its reason and keeps the rest in order', () => {
    const a = buildHospital({ id: 1 });
    const b = buildHospital({ id: 2 });
    const list: Hospital[] = [
      buildHospital({ id: 3, lon: Number.NaN }),
      a,
      { ...buildHospital(), id: 1.5 },
      buildHospital({ id: 4, kind: 'clinic' as unknown as 'township' }),
      b,
      buildHospital({ id: 5, edStatus: undefined as unknown as 'open' }),
      buildHospital({ id: 1, name: 'second copy' }),
      buildHospital({ id: 6, lat: undefined as unknown as number }),
    ];
    const r = screenHospitals(list);
    expect(r.valid).toEqual([a, b]);
    expect(r.skipped).toEqual([
      { hospitalId: 3, reason: 'invalid_position' },
      { hospitalId: null, reason: 'invalid_id' },
      { hospitalId: 4, reason: 'unknown_kind' },
      { hospitalId: 5, reason: 'unknown_ed_status' },
      { hospitalId: 1, reason: 'duplicate_id' },
      { hospitalId: 6, reason: 'invalid_position' },
    ]);
  });

  it('keeps a hospital with an unreadable count, at the value that offers no bed', () => {
    const r = screenHospitals([buildHospital({ id: 1, icuOpen: Number.NaN, icuOccupied: 3, occupiedBeds: -1, openBeds: 100, ventilatorsFree: Number.POSITIVE_INFINITY })]);
    expect(r.valid[0]).toMatchObject({ icuOpen: 0, occupiedBeds: 100, openBeds: 100, ventilatorsFree: 0 });
    expect(r.skipped.map((s) => s.reason)).toEqual(['invalid_count:icuOpen', 'invalid_count:ventilatorsFree', 'invalid_count:occupiedBeds']);
  });

  it('does not throw on holes in the list', () => {
    const holes = [undefined, null, buildHospital({ id: 9 })] as unknown as Hospital[];
    expect(screenHospitals(holes).valid.map((h) => h.id)).toEqual([9]);
  });
});
