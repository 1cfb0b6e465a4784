import { describe, expect, it } from 'vitest';
import type { TravelTimeEstimator } from './geo.ts';
import { createStraightLineEstimator } from './geo.ts';
import { recommendUnits } from './recommendUnits.ts';
import { buildUnit, CIXI_CENTRE, FACTORY_NOW } from './testFactories.ts';
import type { UnitJob } from './unitFreeEstimate.ts';

// One minute per 0.001° of longitude, so each test sets ETAs exactly.
const lonMinutes: TravelTimeEstimator = {
  name: 'test',
  minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000,
};
const at = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const patient = (clinicalClass: 'critical' | 'severe' | 'common') => ({ ...CIXI_CENTRE, clinicalClass });

describe('recommendUnits', () => {
  it('ranks available units by ETA and skips busy ones', () => {
    const units = [
      buildUnit({ id: 1, ...at(9) }),
      buildUnit({ id: 2, ...at(3) }),
      buildUnit({ id: 3, ...at(1), status: 'en_route' }),
      buildUnit({ id: 4, ...at(6) }),
      buildUnit({ id: 5, ...at(2), status: 'out_of_service' }),
    ];
    const recs = recommendUnits(patient('common'), units, lonMinutes).units;
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
    const recs = recommendUnits(patient('critical'), units, lonMinutes).units;
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
    const recs = recommendUnits(patient('common'), units, lonMinutes).units;
    expect(recs.map((r) => r.unitId)).toEqual([7, 9, 1]);
    expect(recs[0]?.reasons).toContain('keeps_critical_care_free');
  });

  it('keeps id order between equally close critical-care units for a critical patient', () => {
    const units = [buildUnit({ id: 8, ...at(5), kind: 'critical_care' }), buildUnit({ id: 2, ...at(5), kind: 'critical_care' })];
    expect(recommendUnits(patient('critical'), units, lonMinutes).units.map((r) => r.unitId)).toEqual([2, 8]);
  });

  it('honours the limit and returns the true top when units arrive in any order', () => {
    const units = Array.from({ length: 50 }, (_, i) => buildUnit({ id: i + 1, ...at(((i * 37) % 50) + 1) }));
    const recs = recommendUnits(patient('common'), units, lonMinutes, { limit: 3 }).units;
    expect(recs.map((r) => r.etaMinutes)).toEqual([1, 2, 3]);
    expect(recommendUnits(patient('common'), units, lonMinutes, { limit: 0 }).units).toEqual([]);
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
    const recs = recommendUnits(patient('critical'), units, est, { limit: 5 }).units;
    const expected = units
      .filter((u) => u.status === 'available' && u.kind === 'critical_care')
      .map((u) => ({ id: u.id, eta: Math.round(est.minutes(u, patient('critical'), 'critical') * 10) / 10 }))
      .sort((a, b) => a.eta - b.eta || a.id - b.id)
      .slice(0, 5);
    expect(recs.map((r) => r.etaMinutes)).toEqual(expected.map((e) => e.eta));
    expect(recs.every((r) => r.kind === 'critical_care' && r.status === 'available')).toBe(true);
  });

  it('offers a returning unit from where it is now, marked returning, after an available unit with the same ETA', () => {
    const units = [
      buildUnit({ id: 1, ...at(4), status: 'returning' }),
      buildUnit({ id: 2, ...at(4) }),
      buildUnit({ id: 3, ...at(2), status: 'returning' }),
    ];
    const recs = recommendUnits(patient('common'), units, lonMinutes).units;
    expect(recs.map((r) => [r.unitId, r.etaMinutes, r.status])).toEqual([
      [3, 2, 'returning'],
      [2, 4, 'available'],
      [1, 4, 'returning'],
    ]);
    expect(recs[0]?.reasons).toEqual(['standard_ok', 'returning', 'nearest']);
    expect(recs[2]?.reasons).toContain('returning');
  });

  it('with no critical-care unit free for a severe patient: says so, offers the nearest standard unit as first responder and the earliest busy critical-care unit', () => {
    const hospital = at(30);
    const jobs = new Map<number, UnitJob>([
      [10, { scene: at(5), destination: hospital, carrying: 'severe' }],
      [11, { scene: at(5), destination: hospital, carrying: 'critical' }],
    ]);
    const units = [
      buildUnit({ id: 1, ...at(6), kind: 'standard' }),
      buildUnit({ id: 2, ...at(3), kind: 'standard', status: 'returning' }),
      buildUnit({ id: 3, ...at(1), kind: 'standard', status: 'on_scene' }),
      // Transporting, 10 min from its hospital: free in 10 + 20 handover, then 30 min back to this patient.
      buildUnit({ id: 10, ...at(20), kind: 'critical_care', status: 'transporting' }),
      // At the door for 15 of the typical 20 minutes, 30 minutes away: 5 + 30.
      buildUnit({ id: 11, ...hospital, kind: 'critical_care', status: 'at_hospital', statusSince: new Date(FACTORY_NOW.getTime() - 15 * 60_000).toISOString() }),
      buildUnit({ id: 12, ...at(9), kind: 'critical_care', status: 'out_of_service' }),
    ];
    const s = recommendUnits(patient('severe'), units, lonMinutes, { now: FACTORY_NOW, jobs });
    expect(s.units).toEqual([]);
    expect(s.noCriticalCareFree).toBe(true);
    expect(s.firstResponder).toMatchObject({ unitId: 2, kind: 'standard', etaMinutes: 3, reasons: ['first_responder', 'returning'] });
    expect(s.earliestCriticalCare).toMatchObject({ unitId: 11, status: 'at_hospital', freeInMinutes: 5, etaMinutes: 35 });
    expect(s.skipped).toEqual([]);
  });

  it('does not raise the alarm when a returning critical-care unit may be re-tasked, nor for a common patient', () => {
    const units = [buildUnit({ id: 1, ...at(3), kind: 'standard' }), buildUnit({ id: 2, ...at(8), kind: 'critical_care', status: 'returning' })];
    const severe = recommendUnits(patient('severe'), units, lonMinutes);
    expect(severe.noCriticalCareFree).toBe(false);
    expect(severe.units.map((r) => r.unitId)).toEqual([2]);
    expect(severe.firstResponder).toBeNull();
    const common = recommendUnits(patient('common'), [buildUnit({ id: 3, ...at(3), status: 'en_route' })], lonMinutes);
    expect(common).toMatchObject({ units: [], noCriticalCareFree: false, firstResponder: null, earliestCriticalCare: null });
  });

  it('leaves out and reports hostile rows without throwing or reordering the sound ones', () => {
    const sound = [buildUnit({ id: 1, ...at(5) }), buildUnit({ id: 2, ...at(2) }), buildUnit({ id: 3, ...at(7) })];
    const hostile = [
      buildUnit({ id: 20, lon: Number.NaN }),
      buildUnit({ id: 21, lat: Number.POSITIVE_INFINITY }),
      buildUnit({ id: 22, lon: undefined as unknown as number }),
      buildUnit({ id: 23, kind: 'helicopter' as never, ...at(0) }),
      buildUnit({ id: 24, status: 'parked' as never, ...at(0) }),
      buildUnit({ id: 2, ...at(0) }),
      buildUnit({ id: -1, ...at(0) }),
    ];
    const clean = recommendUnits(patient('common'), sound, lonMinutes);
    const mixed = recommendUnits(patient('common'), [hostile[0], sound[0], ...hostile.slice(1, 4), sound[1], sound[2], ...hostile.slice(4)].filter((u) => u !== undefined), lonMinutes);
    expect(mixed.units).toEqual(clean.units);
    expect(mixed.skipped).toEqual([
      { id: 20, reason: 'bad_position' },
      { id: 21, reason: 'bad_position' },
      { id: 22, reason: 'bad_position' },
      { id: 23, reason: 'unknown_kind' },
      { id: 24, reason: 'unknown_status' },
      { id: 2, reason: 'duplicate_id' },
      { id: -1, reason: 'bad_id' },
    ]);
    expect(recommendUnits({ lon: Number.NaN, lat: 30, clinicalClass: 'common' }, sound, lonMinutes).units).toEqual([]);
  });
});
