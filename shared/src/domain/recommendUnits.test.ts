import { describe, expect, it } from 'vitest';
import type { TravelTimeEstimator } from './geo.ts';
import { createStraightLineEstimator } from './geo.ts';
import { recommendUnits } from './recommendUnits.ts';
import { buildUnit, CIXI_CENTRE } from './testFactories.ts';

// One minute per 0.001° of longitude, so each test sets ETAs exactly.
const lonMinutes: TravelTimeEstimator = {
  name: 'test',
  minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000,
};
const at = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const patient = (clinicalClass: 'critical' | 'common') => ({ ...CIXI_CENTRE, clinicalClass });

describe('recommendUnits', () => {
  it('ranks available units by ETA and skips busy ones', () => {
    const units = [
      buildUnit({ id: 1, ...at(9) }),
      buildUnit({ id: 2, ...at(3) }),
      buildUnit({ id: 3, ...at(1), status: 'en_route' }),
      buildUnit({ id: 4, ...at(6) }),
      buildUnit({ id: 5, ...at(2), status: 'out_of_service' }),
    ];
    const recs = recommendUnits(patient('common'), units, lonMinutes);
    expect(recs.map((r) => r.unitId)).toEqual([2, 4, 1]);
    expect(recs.map((r) => r.etaMinutes)).toEqual([3, 6, 9]);
    expect(recs[0]?.reasons).toEqual(['standard_ok', 'nearest']);
    expect(recs[0]?.distanceKm).toBeCloseTo(0.29, 2);
  });

  it('offers only critical-care units for a critical patient, with the reason', () => {
    const units = [
      buildUnit({ id: 1, ...at(1), kind: 'standard' }),
      buildUnit({ id: 2, ...at(4), kind: 'critical_care' }),
      buildUnit({ id: 3, ...at(2), kind: 'critical_care' }),
    ];
    const recs = recommendUnits(patient('critical'), units, lonMinutes);
    expect(recs.map((r) => r.unitId)).toEqual([3, 2]);
    expect(recs[0]?.reasons).toEqual(['critical_care_required', 'critical_care', 'nearest']);
    expect(recs[1]?.reasons).toEqual(['critical_care_required', 'critical_care']);
  });

  it('puts a standard unit before an equally close critical-care unit for a common patient, then by id', () => {
    const units = [
      buildUnit({ id: 1, ...at(5), kind: 'critical_care' }),
      buildUnit({ id: 9, ...at(5), kind: 'standard' }),
      buildUnit({ id: 7, ...at(5), kind: 'standard' }),
    ];
    const recs = recommendUnits(patient('common'), units, lonMinutes);
    expect(recs.map((r) => r.unitId)).toEqual([7, 9, 1]);
    expect(recs[0]?.reasons).toContain('keeps_critical_care_free');
  });

  it('keeps id order between equally close critical-care units for a critical patient', () => {
    const units = [buildUnit({ id: 8, ...at(5), kind: 'critical_care' }), buildUnit({ id: 2, ...at(5), kind: 'critical_care' })];
    expect(recommendUnits(patient('critical'), units, lonMinutes).map((r) => r.unitId)).toEqual([2, 8]);
  });

  it('honours the limit and returns the true top when units arrive in any order', () => {
    const units = Array.from({ length: 50 }, (_, i) => buildUnit({ id: i + 1, ...at(((i * 37) % 50) + 1) }));
    const recs = recommendUnits(patient('common'), units, lonMinutes, 3);
    expect(recs.map((r) => r.etaMinutes)).toEqual([1, 2, 3]);
    expect(recommendUnits(patient('common'), units, lonMinutes, 0)).toEqual([]);
  });

  // Speed is measured in bench/suggestions.ts; here the partial selection must match a full sort.
  it('over 2,000 units picks exactly what a full sort of eligible units would', () => {
    const est = createStraightLineEstimator();
    const units = Array.from({ length: 2000 }, (_, i) =>
      buildUnit({
        id: i + 1,
        kind: i % 4 === 0 ? 'critical_care' : 'standard',
        status: i % 3 === 0 ? 'en_route' : 'available',
        lon: 121 + ((i * 7919) % 1000) / 2000,
        lat: 30 + ((i * 104729) % 1000) / 3000,
      }),
    );
    const recs = recommendUnits(patient('critical'), units, est, 5);
    const expected = units
      .filter((u) => u.status === 'available' && u.kind === 'critical_care')
      .map((u) => ({ id: u.id, eta: Math.round(est.minutes(u, patient('critical'), 'critical') * 10) / 10 }))
      .sort((a, b) => a.eta - b.eta || a.id - b.id)
      .slice(0, 5);
    expect(recs.map((r) => r.etaMinutes)).toEqual(expected.map((e) => e.eta));
    expect(recs.every((r) => r.kind === 'critical_care' && r.status === 'available')).toBe(true);
  });
});
