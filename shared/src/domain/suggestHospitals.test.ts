import { describe, expect, it } from 'vitest';
import type { Hospital } from '../model.ts';
import type { TravelTimeEstimator } from './geo.ts';
import type { SuggestContext } from './suggestHospitals.ts';
import { isOnDiversion, nearestCapableHospital, suggestHospitals } from './suggestHospitals.ts';
import { buildHospital, CIXI_CENTRE, DEMO_RULES, FACTORY_NOW } from './testFactories.ts';

// One minute per 0.001° of longitude, so each test sets travel times exactly.
const lonMinutes: TravelTimeEstimator = { name: 'test', minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000 };
const at = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const ctx = (over: Partial<SuggestContext> = {}): SuggestContext => ({
  now: FACTORY_NOW,
  estimator: lonMinutes,
  offloadQueue: new Map(),
  staleAfterMinutes: 60,
  rules: DEMO_RULES,
  ...over,
});
const patient = (clinicalClass: 'critical' | 'severe' | 'common' | 'asymptomatic') => ({ ...CIXI_CENTRE, clinicalClass });
const ago = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();
// Plenty of beds (≥ 50 free) and ICU (≥ 5 free) so only the factor under test differs.
const roomy = (o: Partial<Hospital>): Hospital =>
  buildHospital({ openBeds: 500, occupiedBeds: 100, icuOpen: 20, icuOccupied: 5, ...o });

describe('suggestHospitals', () => {
  it('scores a hospital as the documented sum of contributions', () => {
    const h = buildHospital({ id: 1, kind: 'second_level', ...at(12), openBeds: 300, occupiedBeds: 280, icuOpen: 10, icuOccupied: 8 });
    const [s] = suggestHospitals(patient('severe'), [h], ctx({ offloadQueue: new Map([[1, 2]]) }));
    expect(s?.factors).toEqual({ travelMinutes: 12, freeBeds: 20, freeIcu: 2, offloadQueue: 2, diversion: false, edSaturated: false, stale: false, preferenceRank: 1 });
    // second_level is the demo's second choice for a severe patient (after designated): 8 points.
    expect(s?.contributions).toEqual({ travel: -12, beds: 4, icu: 12, offload: -10, diversion: 0, stale: 0, preference: -8 });
    expect(s?.score).toBe(-14);
    expect(s?.warnings).toEqual([]);
  });

  it('offers only hospitals allowed for the class', () => {
    const hs = [
      roomy({ id: 1, kind: 'designated', ...at(5) }),
      roomy({ id: 2, kind: 'sub_designated', ...at(6) }),
      roomy({ id: 3, kind: 'township', ...at(3) }),
      roomy({ id: 4, kind: 'isolation', ...at(4) }),
      roomy({ id: 5, kind: 'second_level', ...at(7), icuOpen: 4, icuOccupied: 4 }),
    ];
    // The city's order of preference for common (sub_designated, fangcang, second_level, township) outweighs
    // the township's 3 minutes: 8 points a step down the list.
    expect(suggestHospitals(patient('common'), hs, ctx()).map((s) => s.hospitalId)).toEqual([2, 5, 3]);
    expect(suggestHospitals(patient('critical'), hs, ctx()).map((s) => s.hospitalId)).toEqual([1]);
    expect(suggestHospitals(patient('asymptomatic'), hs, ctx()).map((s) => s.hospitalId)).toEqual([4]);
  });

  it('follows the city’s order of kinds: in Huairen an asymptomatic patient who needs a bed goes to the fangcang, not the nearer isolation site', () => {
    const huairen = { ...DEMO_RULES, destinations: { ...DEMO_RULES.destinations, asymptomatic: ['fangcang', 'isolation'] as const } };
    const hs = [roomy({ id: 1, kind: 'isolation', ...at(3) }), roomy({ id: 2, kind: 'fangcang', ...at(9) })];
    const r = suggestHospitals(patient('asymptomatic'), hs, ctx({ rules: huairen }));
    expect(r.map((s) => s.hospitalId)).toEqual([2, 1]);
    expect(r.map((s) => s.contributions.preference)).toEqual([0, -8]);
    // Much nearer still wins: the preference is a weight, not a wall.
    const far = [roomy({ id: 1, kind: 'isolation', ...at(3) }), roomy({ id: 2, kind: 'fangcang', ...at(20) })];
    expect(suggestHospitals(patient('asymptomatic'), far, ctx({ rules: huairen }))[0]?.hospitalId).toBe(1);
  });

  it('ranks nearer first when all else is equal, and penalises the offload queue', () => {
    const hs = [roomy({ id: 1, kind: 'second_level', ...at(10) }), roomy({ id: 2, kind: 'second_level', ...at(8) })];
    expect(suggestHospitals(patient('common'), hs, ctx()).map((s) => s.hospitalId)).toEqual([2, 1]);
    // Three ambulances held at hospital 2 cost 15 points: 10 minutes away wins.
    expect(suggestHospitals(patient('common'), hs, ctx({ offloadQueue: new Map([[2, 3]]) })).map((s) => s.hospitalId)).toEqual([1, 2]);
  });

  it('weights free ICU heavily for the sickest only', () => {
    const hs = [
      roomy({ id: 1, kind: 'second_level', ...at(10), icuOpen: 10, icuOccupied: 9 }),
      roomy({ id: 2, kind: 'second_level', ...at(20), icuOpen: 10, icuOccupied: 5 }),
    ];
    const severe = suggestHospitals(patient('severe'), hs, ctx());
    expect(severe.map((s) => s.hospitalId)).toEqual([2, 1]); // +30 − 20 beats +6 − 10
    expect(severe.map((s) => s.contributions.icu)).toEqual([30, 6]);
    const common = suggestHospitals(patient('common'), hs, ctx());
    expect(common.map((s) => s.hospitalId)).toEqual([1, 2]);
    expect(common.every((s) => s.contributions.icu === 0)).toBe(true);
  });

  it('penalises and warns about stale capacity', () => {
    const fresh = roomy({ id: 1, kind: 'second_level', ...at(10), capacityUpdatedAt: ago(30) });
    const stale = roomy({ id: 2, kind: 'second_level', ...at(5), capacityUpdatedAt: ago(90) });
    const r = suggestHospitals(patient('common'), [fresh, stale], ctx());
    expect(r.map((s) => s.hospitalId)).toEqual([1, 2]);
    expect(r[1]?.contributions.stale).toBe(-10);
    expect(r[1]?.warnings).toEqual(['stale_capacity']);
    expect(r[0]?.warnings).toEqual([]);
  });

  it('excludes diverting EDs except for a critical patient, who keeps them with a warning', () => {
    const diverting = roomy({ id: 1, kind: 'designated', ...at(4), edStatus: 'diversion', diversionUntil: null });
    const other = roomy({ id: 2, kind: 'second_level', ...at(30) });
    expect(suggestHospitals(patient('severe'), [diverting, other], ctx()).map((s) => s.hospitalId)).toEqual([2]);
    const crit = suggestHospitals(patient('critical'), [diverting, other], ctx());
    expect(crit.map((s) => s.hospitalId)).toEqual([2, 1]);
    expect(crit[1]?.warnings).toEqual(['diversion_override']);
    expect(crit[1]?.contributions.diversion).toBe(-60);
    expect(crit[1]?.factors.diversion).toBe(true);
  });

  it('ignores a diversion whose end time has passed', () => {
    const lapsed = roomy({ id: 1, kind: 'second_level', edStatus: 'diversion', diversionUntil: ago(1) });
    expect(isOnDiversion(lapsed, FACTORY_NOW)).toBe(false);
    expect(isOnDiversion({ edStatus: 'diversion', diversionUntil: ago(-30) }, FACTORY_NOW)).toBe(true);
    expect(suggestHospitals(patient('common'), [lapsed], ctx())).toHaveLength(1);
  });

  it('always lists the nearest capable hospital for a critical patient, even past the limit', () => {
    const nearestDiverting = roomy({ id: 1, kind: 'designated', ...at(2), edStatus: 'diversion' });
    const others = [2, 3, 4].map((id) => roomy({ id, kind: 'second_level', ...at(10 + id) }));
    const r = suggestHospitals(patient('critical'), [nearestDiverting, ...others], ctx(), 2);
    expect(r.map((s) => s.hospitalId)).toEqual([2, 1]);
  });

  it('warns about a full ICU and a saturated ED', () => {
    const h = roomy({ id: 1, kind: 'designated', ...at(5), icuOpen: 40, icuOccupied: 40, edStatus: 'saturated' });
    const [s] = suggestHospitals(patient('critical'), [h], ctx());
    expect(s?.warnings).toEqual(['no_free_icu', 'ed_saturated']);
    expect(s?.contributions.diversion).toBe(-15);
    expect(s?.contributions.icu).toBe(0);
  });

  it('takes custom weights', () => {
    const h = roomy({ id: 1, kind: 'second_level', ...at(10) });
    const [s] = suggestHospitals(patient('common'), [h], ctx({ weights: { travelPerMinute: 2, bedPoints: 0 } }));
    expect(s?.contributions.travel).toBe(-20);
    expect(s?.contributions.beds).toBe(0);
  });
});

describe('nearestCapableHospital', () => {
  it('returns the nearest hospital that may take the class', () => {
    const hs = [
      roomy({ id: 1, kind: 'township', ...at(1) }),
      roomy({ id: 2, kind: 'designated', ...at(9), edStatus: 'diversion' }),
      roomy({ id: 3, kind: 'second_level', ...at(6) }),
    ];
    expect(nearestCapableHospital(patient('severe'), hs, lonMinutes, undefined, DEMO_RULES)?.hospital.id).toBe(3);
    expect(nearestCapableHospital(patient('common'), hs, lonMinutes, undefined, DEMO_RULES)?.travelMinutes).toBeCloseTo(1, 6);
    expect(nearestCapableHospital(patient('asymptomatic'), hs, lonMinutes, undefined, DEMO_RULES)).toBeNull();
    const noIcu = [roomy({ id: 2, kind: 'designated', ...at(9), edStatus: 'diversion' })];
    expect(nearestCapableHospital(patient('severe'), noIcu, lonMinutes, FACTORY_NOW, DEMO_RULES)).toBeNull();
    expect(nearestCapableHospital(patient('critical'), noIcu, lonMinutes, FACTORY_NOW, DEMO_RULES)?.hospital.id).toBe(2);
  });
});
