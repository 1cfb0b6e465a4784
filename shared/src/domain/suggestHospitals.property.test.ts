/**
 * Properties of the hospital suggestion over thousands of seeded random situations (issue 14). Each case
 * is a city of 2 to 9 hospitals on a line east of the patient (one minute per 0.001° of longitude), with
 * random kinds, capacity, freshness, ED status and doors. A failure prints the seed and the case number.
 */
import { describe, expect, it } from 'vitest';
import type { ClinicalClass, Hospital, HospitalKind } from '../model.ts';
import type { TravelTimeEstimator } from './geo.ts';
import type { OffloadAtHospital } from './offload.ts';
import type { HospitalSuggestion, SuggestContext, SuggestPatient } from './suggestHospitals.ts';
import { DEFAULT_SUGGEST_WEIGHTS, suggestHospitals } from './suggestHospitals.ts';
import { buildHospital, CIXI_CENTRE, DEMO_RULES, FACTORY_NOW, seededRandom } from './testFactories.ts';

const SEED = 20_221_209;
const CASES = 3000;
const X = DEFAULT_SUGGEST_WEIGHTS.icuExtraMinutes;

const prng = seededRandom;

const lonMinutes: TravelTimeEstimator = { name: 'test', minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000 };
const KINDS: readonly HospitalKind[] = ['designated', 'second_level', 'sub_designated', 'township', 'fangcang', 'isolation'];
const CLASSES: readonly ClinicalClass[] = ['critical', 'severe', 'common', 'mild', 'asymptomatic'];

interface Situation {
  patient: SuggestPatient;
  hospitals: Hospital[];
  ctx: SuggestContext;
}

function draw(rand: () => number, classes: readonly ClinicalClass[]): Situation {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const n = 2 + int(8);
  const hospitals: Hospital[] = [];
  const offload = new Map<number, OffloadAtHospital>();
  for (let id = 1; id <= n; id++) {
    // Designated and second-level hospitals are common so the sickest have choices to be ranked.
    const kind = rand() < 0.6 ? pick(['designated', 'second_level'] as const) : pick(KINDS);
    const openBeds = int(200);
    const icuOpen = int(12);
    const edRoll = rand();
    hospitals.push(
      buildHospital({
        id,
        kind,
        lon: CIXI_CENTRE.lon + (1 + int(900)) / 10 / 1000,
        lat: CIXI_CENTRE.lat,
        openBeds,
        occupiedBeds: rand() < 0.3 ? openBeds : int(openBeds + 1),
        icuOpen,
        icuOccupied: rand() < 0.4 ? icuOpen : int(icuOpen + 1),
        ventilatorsFree: rand() < 0.4 ? 0 : int(6),
        edStatus: edRoll < 0.1 ? 'diversion' : edRoll < 0.25 ? 'saturated' : 'open',
        diversionUntil: null,
        capacityUpdatedAt: new Date(FACTORY_NOW.getTime() - (rand() < 0.15 ? 120 : int(50)) * 60_000).toISOString(),
      }),
    );
    if (rand() < 0.5) {
      // Past the caps (6 ambulances, 90 and 60 minutes) too, so the bound on the door's cost is put to the test.
      const atDoor = int(10);
      offload.set(id, { atDoor, longestWaitMinutes: atDoor === 0 ? 0 : int(1800) / 10, medianLastHourMinutes: rand() < 0.3 ? null : int(1200) / 10 });
    }
  }
  return {
    patient: { ...CIXI_CENTRE, clinicalClass: pick(classes), needsBed: rand() < 0.5 },
    hospitals,
    ctx: { now: FACTORY_NOW, estimator: lonMinutes, offload, staleAfterMinutes: 60, rules: DEMO_RULES },
  };
}

const ALL = 100;
const icuKnown = (s: HospitalSuggestion) => !s.factors.stale && s.factors.freeIcu > 0;
const ventilatorKnown = (s: HospitalSuggestion) => !s.factors.stale && s.factors.ventilatorsFree > 0;

function forCases(classes: readonly ClinicalClass[], check: (s: Situation, i: number) => void): void {
  const rand = prng(SEED);
  for (let i = 0; i < CASES; i++) check(draw(rand, classes), i);
}

describe('suggestHospitals properties', () => {
  it('ICU dominance: for severe and critical, a hospital with a free, fresh ICU bed and an ED not on diversion ranks above one without, whatever its door, whenever it is at most icuExtraMinutes further (for critical: and it is no worse off in ventilators)', () => {
    let pairs = 0;
    forCases(['severe', 'critical'], ({ patient, hospitals, ctx }, i) => {
      const ranked = suggestHospitals(patient, hospitals, ctx, ALL);
      ranked.forEach((a, ia) =>
        ranked.forEach((b, ib) => {
          if (!icuKnown(a) || icuKnown(b)) return;
          if (a.factors.travelMinutes > b.factors.travelMinutes + X || a.factors.diversion) return;
          if (patient.clinicalClass === 'critical' && !ventilatorKnown(a) && ventilatorKnown(b)) return;
          pairs++;
          expect(ia, `case ${i}: ${a.hospitalId} (ICU) vs ${b.hospitalId}`).toBeLessThan(ib);
        }),
      );
    });
    // The property must have been put to the test, not vacuously true.
    expect(pairs).toBeGreaterThan(1000);
  });

  it('top pick: for severe and critical it has a free, fresh ICU bed whenever an allowed hospital with one, not on diversion, lies within icuExtraMinutes of it', () => {
    forCases(['severe', 'critical'], ({ patient, hospitals, ctx }, i) => {
      const ranked = suggestHospitals(patient, hospitals, ctx, ALL);
      const top = ranked[0];
      if (top === undefined || icuKnown(top)) return;
      const better = ranked.find(
        (a) => icuKnown(a) && !a.factors.diversion && a.factors.travelMinutes <= top.factors.travelMinutes + X && (patient.clinicalClass !== 'critical' || ventilatorKnown(a) || !ventilatorKnown(top)),
      );
      expect(better, `case ${i}`).toBeUndefined();
    });
  });

  it('ventilator dominance: for critical, a hospital with a free ICU bed and a free ventilator, not on diversion, ranks above one with an ICU bed but no ventilator within icuExtraMinutes', () => {
    let pairs = 0;
    forCases(['critical'], ({ patient, hospitals, ctx }, i) => {
      const ranked = suggestHospitals(patient, hospitals, ctx, ALL);
      ranked.forEach((a, ia) =>
        ranked.forEach((b, ib) => {
          if (!icuKnown(a) || !ventilatorKnown(a) || !icuKnown(b) || ventilatorKnown(b)) return;
          if (a.factors.travelMinutes > b.factors.travelMinutes + X || a.factors.diversion) return;
          pairs++;
          expect(ia, `case ${i}: ${a.hospitalId} vs ${b.hospitalId}`).toBeLessThan(ib);
        }),
      );
    });
    expect(pairs).toBeGreaterThan(200);
  });

  const improvements: [string, (h: Hospital, o: OffloadAtHospital | undefined) => [Hospital, OffloadAtHospital | undefined]][] = [
    ['more free beds', (h, o) => [{ ...h, occupiedBeds: Math.max(0, h.occupiedBeds - 7) }, o]],
    ['more free ICU beds', (h, o) => [{ ...h, icuOpen: h.icuOpen + 1 }, o]],
    ['more free ventilators', (h, o) => [{ ...h, ventilatorsFree: h.ventilatorsFree + 1 }, o]],
    ['shorter travel', (h, o) => [{ ...h, lon: CIXI_CENTRE.lon + (h.lon - CIXI_CENTRE.lon) / 2 }, o]],
    ['shorter door wait', (h, o) => [h, o && { ...o, longestWaitMinutes: o.longestWaitMinutes / 2 }]],
    ['shorter median handover', (h, o) => [h, o && { ...o, medianLastHourMinutes: o.medianLastHourMinutes === null ? null : o.medianLastHourMinutes / 3 }]],
  ];
  it.each(improvements)('monotonicity, %s: never lowers the hospital’s score nor drops it below one it was above', (_name, improve) => {
    let raised = 0;
    forCases(CLASSES, ({ patient, hospitals, ctx }, i) => {
      const before = suggestHospitals(patient, hospitals, ctx, ALL);
      const target = before[i % Math.max(1, before.length)];
      if (target === undefined) return;
      const h = hospitals.find((x) => x.id === target.hospitalId);
      if (h === undefined) return;
      const [better, door] = improve(h, ctx.offload.get(h.id));
      const offload = new Map(ctx.offload);
      if (door) offload.set(h.id, door);
      const after = suggestHospitals(patient, hospitals.map((x) => (x.id === h.id ? better : x)), { ...ctx, offload }, ALL);
      const now = after.find((s) => s.hospitalId === h.id);
      expect(now, `case ${i}`).toBeDefined();
      if (now === undefined) return;
      expect(now.score, `case ${i}`).toBeGreaterThanOrEqual(target.score);
      if (now.score > target.score) raised++;
      const rank = (r: HospitalSuggestion[], id: number) => r.findIndex((s) => s.hospitalId === id);
      for (const below of before.slice(before.indexOf(target) + 1)) {
        const j = rank(after, below.hospitalId);
        if (j >= 0) expect(rank(after, h.id), `case ${i}: ${h.id} above ${below.hospitalId}`).toBeLessThan(j);
      }
    });
    // Each improvement must actually move scores in some cases, or the check proves nothing.
    expect(raised).toBeGreaterThan(50);
  });

  it('hostile hospitals mixed in never throw and never reorder the valid ones', () => {
    const rand = prng(SEED + 1);
    const hostiles: ((id: number, copyOf: Hospital) => Hospital)[] = [
      (id) => buildHospital({ id, lon: Number.NaN }),
      (id) => buildHospital({ id, lat: undefined as unknown as number }),
      (id) => buildHospital({ id, lon: Number.POSITIVE_INFINITY }),
      (id) => buildHospital({ id, kind: 'field_hospital' as unknown as HospitalKind }),
      (id) => buildHospital({ id, edStatus: 'closed' as unknown as 'open' }),
      (_id) => ({ ...buildHospital(), id: Number.NaN }),
      (_id) => ({ ...buildHospital(), id: undefined as unknown as number }),
      // A second copy of a valid hospital, later in the list, with better figures: the first copy stands.
      (_id, copyOf) => ({ ...copyOf, lon: CIXI_CENTRE.lon, icuOccupied: 0, occupiedBeds: 0 }),
    ];
    for (let i = 0; i < CASES; i++) {
      const { patient, hospitals, ctx } = draw(rand, CLASSES);
      const clean = suggestHospitals(patient, hospitals, ctx, ALL).map((s) => s.hospitalId);
      const mixed = [...hospitals];
      const extra = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < extra; k++) {
        const make = hostiles[Math.floor(rand() * hostiles.length)];
        const copyOf = hospitals[Math.floor(rand() * hospitals.length)];
        if (make === undefined || copyOf === undefined) continue;
        const bad = make(1000 + k, copyOf);
        // Duplicates go after their original; the others anywhere.
        const from = bad.id === copyOf.id ? mixed.indexOf(copyOf) + 1 : 0;
        mixed.splice(from + Math.floor(rand() * (mixed.length - from + 1)), 0, bad);
      }
      let got: number[] = [];
      expect(() => {
        got = suggestHospitals(patient, mixed, ctx, ALL).map((s) => s.hospitalId);
      }, `case ${i}`).not.toThrow();
      expect(got, `case ${i}`).toEqual(clean);
    }
  });

  it('an unknown class or an unplaceable patient never throws', () => {
    forCases(CLASSES, ({ patient, hospitals, ctx }, i) => {
      const odd = [{ ...patient, clinicalClass: 'unknown' as ClinicalClass }, { ...patient, lon: Number.NaN }, { ...patient, lat: undefined as unknown as number }];
      for (const p of odd) expect(suggestHospitals(p, hospitals, ctx, ALL), `case ${i}`).toEqual([]);
    });
  });
});
