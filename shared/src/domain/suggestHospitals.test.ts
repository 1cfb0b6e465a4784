import { describe, expect, it } from 'vitest';
import type { Hospital } from '../model.ts';
import type { TravelTimeEstimator } from './geo.ts';
import { isOnDiversion } from './destinations.ts';
import type { RuleProfile } from './ruleProfile.ts';
import type { OffloadAtHospital } from './offload.ts';
import type { SuggestContext } from './suggestHospitals.ts';
import { nearestCapableHospital, suggestHospitals } from './suggestHospitals.ts';
import { buildHospital, CIXI_CENTRE, DEMO_RULES, FACTORY_NOW } from './testFactories.ts';

// One minute per 0.001° of longitude, so each test sets travel times exactly.
const lonMinutes: TravelTimeEstimator = { name: 'test', minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000 };
const at = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const ctx = (over: Partial<SuggestContext> = {}): SuggestContext => ({
  now: FACTORY_NOW,
  estimator: lonMinutes,
  offload: new Map(),
  staleAfterMinutes: 60,
  rules: DEMO_RULES,
  ...over,
});
const patient = (clinicalClass: 'critical' | 'severe' | 'common' | 'asymptomatic', needsBed = false) => ({ ...CIXI_CENTRE, clinicalClass, needsBed });
const door = (o: Partial<OffloadAtHospital>): OffloadAtHospital => ({ atDoor: 0, longestWaitMinutes: 0, medianLastHourMinutes: null, ...o });
const ids = (r: { hospitalId: number }[]) => r.map((s) => s.hospitalId);
const ago = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();
// Plenty of beds (≥ 50 free) and ICU (≥ 5 free) so only the factor under test differs.
const roomy = (o: Partial<Hospital>): Hospital =>
  buildHospital({ openBeds: 500, occupiedBeds: 100, icuOpen: 20, icuOccupied: 5, ...o });

describe('suggestHospitals', () => {
  it('does not count an ICU bed promised to a patient already sent there as free', () => {
    // The designated hospital is 4 min away with its last free ICU bed; a second-level one 20 min away has two.
    const near = buildHospital({ id: 1, kind: 'designated', ...at(4), icuOpen: 40, icuOccupied: 39, ventilatorsFree: 5 });
    const far = roomy({ id: 2, kind: 'second_level', ...at(20), icuOpen: 10, icuOccupied: 8, ventilatorsFree: 5 });
    expect(ids(suggestHospitals(patient('severe'), [near, far], ctx()))[0]).toBe(1);
    // A severe patient was sent to it a minute after its figure: the bed is taken, the next one goes on.
    const promised = new Map([[1, { icu: 1, ventilators: 0 }]]);
    const [top, second] = suggestHospitals(patient('severe'), [near, far], ctx({ promised }));
    expect(top?.hospitalId).toBe(2);
    expect(second?.factors).toMatchObject({ freeIcu: 0, icuPromised: 1 });
    expect(second?.warnings).toContain('no_free_icu');
  });

  it('scores a hospital as the documented sum of contributions', () => {
    const h = buildHospital({ id: 1, kind: 'second_level', ...at(12), openBeds: 300, occupiedBeds: 280, icuOpen: 10, icuOccupied: 8, ventilatorsFree: 1 });
    const [s] = suggestHospitals(patient('severe'), [h], ctx({ offload: new Map([[1, door({ atDoor: 2, longestWaitMinutes: 20, medianLastHourMinutes: 30 })]]) }));
    expect(s?.factors).toEqual({
      travelMinutes: 12, freeBeds: 20, freeIcu: 2, ventilatorsFree: 1, icuPromised: 0, ventilatorsPromised: 0, atDoor: 2, longestWaitMinutes: 20, medianLastHourMinutes: 30,
      diversion: false, edSaturated: false, stale: false, preferenceRank: 1,
    });
    // second_level is the demo's second choice for a severe patient (after designated): 8 points.
    expect(s?.contributions).toEqual({
      travel: -12, beds: 4, icu: 12, ventilator: 0, noFreeIcu: 0, noFreeVentilator: 0,
      atDoor: -4, doorWait: -10, handoverMedian: -15, diversion: 0, stale: 0, preference: -8,
    });
    expect(s?.score).toBe(-33);
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
    const huairen: RuleProfile = {
      ...DEMO_RULES,
      destinations: { ...DEMO_RULES.destinations, asymptomatic: ['fangcang', 'isolation'] },
      bedNeededOnly: { asymptomatic: ['fangcang'] },
    };
    const hs = [roomy({ id: 1, kind: 'isolation', ...at(3) }), roomy({ id: 2, kind: 'fangcang', ...at(9) })];
    const r = suggestHospitals(patient('asymptomatic', true), hs, ctx({ rules: huairen }));
    expect(ids(r)).toEqual([2, 1]);
    expect(r.map((s) => s.contributions.preference)).toEqual([0, -8]);
    // Without a need for a bed the fangcang is never offered, and the isolation site is the first choice.
    const rooms = suggestHospitals(patient('asymptomatic', false), hs, ctx({ rules: huairen }));
    expect(ids(rooms)).toEqual([1]);
    expect(rooms[0]?.contributions.preference).toBe(0);
    // Much nearer still wins: the preference is a weight, not a wall.
    const far = [roomy({ id: 1, kind: 'isolation', ...at(3) }), roomy({ id: 2, kind: 'fangcang', ...at(20) })];
    expect(suggestHospitals(patient('asymptomatic', true), far, ctx({ rules: huairen }))[0]?.hospitalId).toBe(1);
  });

  it('ranks nearer first when all else is equal, and penalises the wait at the door more than the count', () => {
    const hs = [roomy({ id: 1, kind: 'second_level', ...at(12) }), roomy({ id: 2, kind: 'second_level', ...at(8) })];
    expect(ids(suggestHospitals(patient('common'), hs, ctx()))).toEqual([2, 1]);
    // One ambulance there for a minute costs 2.5 points: 8 minutes away still beats 12.
    expect(ids(suggestHospitals(patient('common'), hs, ctx({ offload: new Map([[2, door({ atDoor: 1, longestWaitMinutes: 1 })]]) })))).toEqual([2, 1]);
    // The same one ambulance held 20 minutes costs 12 points: 12 minutes away wins.
    const held = suggestHospitals(patient('common'), hs, ctx({ offload: new Map([[2, door({ atDoor: 1, longestWaitMinutes: 20 })]]) }));
    expect(ids(held)).toEqual([1, 2]);
    expect(held[1]?.contributions).toMatchObject({ atDoor: -2, doorWait: -10, handoverMedian: 0 });
    // No one at the door now, but the last hour's handovers took 40 minutes (median): 20 points.
    const slow = suggestHospitals(patient('common'), hs, ctx({ offload: new Map([[2, door({ medianLastHourMinutes: 40 })]]) }));
    expect(ids(slow)).toEqual([1, 2]);
    expect(slow[1]?.contributions.handoverMedian).toBe(-20);
  });

  it('sends a severe patient to a free ICU bed up to icuExtraMinutes further rather than to the full designated hospital (issue 14)', () => {
    const full = roomy({ id: 1, kind: 'designated', ...at(4), icuOpen: 40, icuOccupied: 40 });
    const withBeds = (minutes: number) => roomy({ id: 2, kind: 'second_level', ...at(minutes), icuOpen: 10, icuOccupied: 7 });
    const r = suggestHospitals(patient('severe'), [full, withBeds(24)], ctx());
    expect(ids(r)).toEqual([2, 1]);
    // The full designated hospital stays in the list, below, with the penalty shown:
    // 30 + 10 (beds) + 8 (rank) + 87 (the most a door costs: 12 + 45 + 30) + 15 (saturated) + 1.
    expect(r[1]?.contributions.noFreeIcu).toBe(-151);
    expect(r[1]?.warnings).toEqual(['no_free_icu']);
    // Exactly 30 minutes further still wins, whatever the weights (the penalty follows icuExtraMinutes).
    expect(ids(suggestHospitals(patient('severe'), [full, withBeds(34)], ctx()))).toEqual([2, 1]);
    expect(ids(suggestHospitals(patient('severe'), [full, withBeds(14)], ctx({ weights: { icuExtraMinutes: 10, bedPoints: 3 } })))).toEqual([2, 1]);
    // However long the wait at its door, within the extra time the free bed wins.
    const queue = new Map([[2, door({ atDoor: 9, longestWaitMinutes: 240, medianLastHourMinutes: 180 })]]);
    expect(ids(suggestHospitals(patient('severe'), [full, withBeds(34)], ctx({ offload: queue })))).toEqual([2, 1]);
    // Far beyond the extra time the nearer full hospital may win again.
    expect(ids(suggestHospitals(patient('severe'), [full, withBeds(200)], ctx()))).toEqual([1, 2]);
  });

  it('scores the worked example of docs/suggestions.md as written there', () => {
    const peoples = buildHospital({ id: 1, kind: 'designated', ...at(4), openBeds: 1500, occupiedBeds: 1200, icuOpen: 40, icuOccupied: 40 });
    const no2 = buildHospital({ id: 2, kind: 'second_level', ...at(24), openBeds: 600, occupiedBeds: 560, icuOpen: 12, icuOccupied: 9 });
    const offload = new Map([
      [1, door({ atDoor: 2, longestWaitMinutes: 35, medianLastHourMinutes: 28 })],
      [2, door({ medianLastHourMinutes: 12 })],
    ]);
    const [first, second] = suggestHospitals(patient('severe'), [peoples, no2], ctx({ offload }));
    expect(first?.hospitalId).toBe(2);
    expect(first?.contributions).toMatchObject({ travel: -24, beds: 8, icu: 18, noFreeIcu: 0, atDoor: 0, doorWait: 0, handoverMedian: -6, preference: -8 });
    expect(first?.score).toBe(-12);
    expect(second?.contributions).toMatchObject({ travel: -4, beds: 10, icu: 0, noFreeIcu: -151, atDoor: -4, doorWait: -17.5, handoverMedian: -14, preference: 0 });
    expect(second?.score).toBe(-180.5);
  });

  it('sends a critical patient to a free ventilator up to icuExtraMinutes further', () => {
    const noVentilator = roomy({ id: 1, kind: 'designated', ...at(5), ventilatorsFree: 0 });
    const ventilator = roomy({ id: 2, kind: 'second_level', ...at(35), ventilatorsFree: 2 });
    const r = suggestHospitals(patient('critical'), [noVentilator, ventilator], ctx());
    expect(ids(r)).toEqual([2, 1]);
    expect(r[0]?.contributions.ventilator).toBe(8);
    expect(r[0]?.factors.ventilatorsFree).toBe(2);
    expect(r[1]?.contributions.noFreeVentilator).toBe(-181);
    expect(r[1]?.warnings).toEqual(['no_free_ventilator']);
    // A severe patient is not scored on ventilators.
    const severe = suggestHospitals(patient('severe'), [noVentilator, ventilator], ctx());
    expect(ids(severe)).toEqual([1, 2]);
    expect(severe.every((s) => s.contributions.ventilator === 0 && s.contributions.noFreeVentilator === 0)).toBe(true);
  });

  it('counts a stale figure as unknown: no bonus, and for the sickest no known ICU bed', () => {
    const stale = roomy({ id: 1, kind: 'second_level', ...at(5), capacityUpdatedAt: ago(90) });
    const fresh = roomy({ id: 2, kind: 'second_level', ...at(30), icuOpen: 10, icuOccupied: 9 });
    const r = suggestHospitals(patient('severe'), [stale, fresh], ctx());
    expect(ids(r)).toEqual([2, 1]);
    expect(r[1]?.contributions).toMatchObject({ beds: 0, icu: 0, noFreeIcu: -151, stale: -10 });
    // The figure is unknown, not zero: the warning says stale, not "no free ICU".
    expect(r[1]?.warnings).toEqual(['stale_capacity']);
    expect(r[1]?.factors).toMatchObject({ stale: true, freeIcu: 15 });
  });

  it('falls back to the other allowed hospitals when the designated hospital diverts and no ICU bed is free', () => {
    const diverting = roomy({ id: 1, kind: 'designated', ...at(4), edStatus: 'diversion', diversionUntil: null });
    const fullNear = roomy({ id: 2, kind: 'second_level', ...at(10), icuOpen: 8, icuOccupied: 8 });
    const fullFar = roomy({ id: 3, kind: 'second_level', ...at(20), icuOpen: 8, icuOccupied: 8 });
    const severe = suggestHospitals(patient('severe'), [diverting, fullFar, fullNear], ctx());
    expect(ids(severe)).toEqual([2, 3]);
    expect(severe.map((s) => s.warnings)).toEqual([
      ['designated_diverting_fallback', 'no_free_icu'],
      ['designated_diverting_fallback', 'no_free_icu'],
    ]);
    // A critical patient keeps the diverting designated hospital (not a fallback) beside the fallbacks.
    const critical = suggestHospitals(patient('critical'), [diverting, fullFar, fullNear], ctx());
    expect(ids(critical).sort()).toEqual([1, 2, 3]);
    expect(critical.find((s) => s.hospitalId === 1)?.warnings).toEqual(['diversion_override']);
    expect(critical.find((s) => s.hospitalId === 2)?.warnings).toContain('designated_diverting_fallback');
    // No fallback while a second-level hospital has a free bed.
    const free = roomy({ id: 4, kind: 'second_level', ...at(40) });
    expect(ids(suggestHospitals(patient('severe'), [diverting, fullNear, free], ctx()))).toEqual([4]);
    // When the diverting one is the only allowed hospital it is still offered, never an empty list.
    const alone = suggestHospitals(patient('severe'), [diverting], ctx());
    expect(ids(alone)).toEqual([1]);
    expect(alone[0]?.warnings).toEqual(['diversion_override', 'designated_diverting_fallback']);
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
    expect(r[1]?.contributions.beds).toBe(0);
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
    // 30 minutes + 10 (beds) + 12 (ventilators) + 8 (rank) + 87 (door) + 15 (saturated) + 1.
    expect(s?.contributions.noFreeIcu).toBe(-163);
  });

  it('takes custom weights', () => {
    const h = roomy({ id: 1, kind: 'second_level', ...at(10) });
    const [s] = suggestHospitals(patient('common'), [h], ctx({ weights: { travelPerMinute: 2, bedPoints: 0 } }));
    expect(s?.contributions.travel).toBe(-20);
    expect(s?.contributions.beds).toBe(0);
  });
});

describe('suggestHospitals on hostile input', () => {
  it('leaves out hospitals it cannot place or classify, without throwing or moving the others', () => {
    const good = [roomy({ id: 1, kind: 'second_level', ...at(10) }), roomy({ id: 2, kind: 'second_level', ...at(8) }), roomy({ id: 7, kind: 'township', ...at(9) })];
    const clean = ids(suggestHospitals(patient('common'), good, ctx()));
    const mixed = [
      roomy({ id: 3, kind: 'second_level', lon: Number.NaN }),
      good[0],
      roomy({ id: 4, kind: 'second_level', lat: Number.POSITIVE_INFINITY }),
      roomy({ id: 5, kind: 'mega_hospital' as unknown as 'second_level', ...at(1) }),
      good[1],
      roomy({ id: 6, kind: 'second_level', ...at(1), edStatus: 'closed' as unknown as 'open' }),
      roomy({ id: 2, kind: 'second_level', ...at(1) }),
      { ...roomy({ kind: 'second_level', ...at(1) }), id: Number.NaN },
      good[2],
    ].filter((h): h is Hospital => h !== undefined);
    expect(ids(suggestHospitals(patient('common'), mixed, ctx()))).toEqual(clean);
  });

  it('never offers a bed from an unreadable count, and gives an unplaceable or unknown patient no list', () => {
    const nanIcu = roomy({ id: 1, kind: 'designated', ...at(5), icuOccupied: Number.NaN });
    const [s] = suggestHospitals(patient('severe'), [nanIcu], ctx());
    expect(s?.factors.freeIcu).toBe(0);
    expect(s?.warnings).toContain('no_free_icu');
    const negative = roomy({ id: 2, kind: 'second_level', ...at(5), icuOpen: -3, icuOccupied: -9 });
    // Negative ICU counts are no free bed: offered only as the fallback, never as a hospital with a bed.
    const [n] = suggestHospitals(patient('severe'), [negative], ctx());
    expect(n?.factors.freeIcu).toBe(0);
    expect(n?.warnings).toEqual(['designated_diverting_fallback', 'no_free_icu']);
    expect(suggestHospitals({ ...patient('common'), lon: Number.NaN }, [roomy({ kind: 'second_level' })], ctx())).toEqual([]);
    expect(suggestHospitals({ ...patient('common'), clinicalClass: 'walking' as unknown as 'common' }, [roomy({ kind: 'second_level' })], ctx())).toEqual([]);
  });

  it('reads hostile offload figures as no wait', () => {
    const h = roomy({ id: 1, kind: 'second_level', ...at(5) });
    const [s] = suggestHospitals(patient('common'), [h], ctx({ offload: new Map([[1, { atDoor: -2, longestWaitMinutes: Number.NaN, medianLastHourMinutes: Number.POSITIVE_INFINITY }]]) }));
    expect(s?.factors).toMatchObject({ atDoor: 0, longestWaitMinutes: 0, medianLastHourMinutes: null });
    expect(s?.contributions).toMatchObject({ atDoor: 0, doorWait: 0, handoverMedian: 0 });
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
