/**
 * Property tests over seeded random situations (docs/suggestions.md): the queue's strict total
 * order, monotonic ageing, the unit ranking's order and monotonicity in distance, and hostile rows that
 * neither throw nor move the sound ones. Same seeds every run, so a failure names a reproducible case.
 */
import { describe, expect, it } from 'vitest';
import { CLINICAL_CLASSES, type Call, type ClinicalClass, type Unit } from '../model.ts';
import { createStraightLineEstimator } from './geo.ts';
import { queueOrderAt, screenQueue } from './priority.ts';
import { recommendUnits } from './recommendUnits.ts';
import { buildCall, buildUnit, CIXI_CENTRE, FACTORY_NOW, seededRandom } from './testFactories.ts';

const NOW = FACTORY_NOW.getTime();
const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);

function randomCall(r: () => number, id: number): Call {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  // Few distinct values so ties on every key are frequent and the tie-breaks are exercised.
  return buildCall({
    id,
    clinicalClass: pick(CLINICAL_CLASSES),
    age: pick([null, 30, 69, 70, 85]),
    flags: { nursingHome: r() < 0.3, pregnant: r() < 0.2, needsBed: false },
    riskTier: pick([null, 'red', 'yellow', 'green'] as const),
    receivedAt: new Date(NOW - pick([0, 5, 29.5, 30, 60, 90, 180, 240]) * 60_000).toISOString(),
  });
}

function hostileCall(r: () => number, id: number): Call {
  const c = randomCall(r, id);
  switch (Math.floor(r() * 5)) {
    case 0:
      return { ...c, clinicalClass: 'urgent' as ClinicalClass };
    case 1:
      return { ...c, age: Number.NaN };
    case 2:
      return { ...c, receivedAt: 'not a time' };
    case 3:
      return { ...c, receivedAt: '9999-01-01T00:00:00Z' };
    default:
      return { ...c, flags: undefined as unknown as Call['flags'], riskTier: 'purple' as never };
  }
}

describe('queue order (property)', () => {
  it('is a strict total order over 20,000 random triples: antisymmetric, transitive, total', () => {
    const r = seededRandom(14);
    // Violations are collected and checked once: an expect per comparison would dominate the run time.
    const broken: string[] = [];
    let compared = 0;
    for (let n = 0; n < 20_000; n++) {
      const now = NOW + Math.floor(r() * 120) * 60_000;
      const order = queueOrderAt(now);
      const abc = [randomCall(r, 1), randomCall(r, 2), randomCall(r, 3)];
      for (const x of abc) {
        for (const y of abc) {
          if (x === y) continue;
          compared++;
          const xy = order(x, y);
          if (sign(xy) !== -sign(order(y, x))) broken.push(`antisymmetry #${n}`);
          // Distinct calls never tie.
          if (xy === 0) broken.push(`totality #${n}`);
          for (const z of abc) if (xy < 0 && order(y, z) < 0 && !(order(x, z) < 0)) broken.push(`transitivity #${n}`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(compared).toBe(120_000);
  });

  it('stays total and antisymmetric with hostile calls mixed in (no NaN in the comparison)', () => {
    const r = seededRandom(15);
    const order = queueOrderAt(NOW);
    for (let n = 0; n < 5_000; n++) {
      const a = hostileCall(r, 1);
      const b = r() < 0.5 ? hostileCall(r, 2) : randomCall(r, 2);
      expect(sign(order(a, b))).toBe(-sign(order(b, a)));
      expect(order(a, b)).not.toBe(0);
    }
  });

  it('ages monotonically: a longer wait, all else equal, never sorts later against any other call', () => {
    const r = seededRandom(16);
    for (let n = 0; n < 10_000; n++) {
      const now = NOW + Math.floor(r() * 240) * 60_000;
      const order = queueOrderAt(now);
      const c = randomCall(r, 1);
      const longer = { ...c, receivedAt: new Date(Date.parse(c.receivedAt) - (1 + Math.floor(r() * 200)) * 60_000).toISOString() };
      const other = randomCall(r, 2);
      expect(sign(order(longer, other))).toBeLessThanOrEqual(sign(order(c, other)));
    }
  });

  it('never throws and never reorders the readable calls when hostile ones are mixed in (2,000 queues)', () => {
    const r = seededRandom(17);
    for (let n = 0; n < 2_000; n++) {
      const order = queueOrderAt(NOW);
      const sound = Array.from({ length: 2 + Math.floor(r() * 12) }, (_, i) => randomCall(r, i + 1));
      const mixed = [...sound];
      const hostile = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => hostileCall(r, 100 + i));
      for (const h of hostile) mixed.splice(Math.floor(r() * (mixed.length + 1)), 0, h);
      const expected = [...sound].sort(order);
      expect([...mixed].sort(order).filter((c) => sound.includes(c))).toEqual(expected);
      const screened = screenQueue(mixed, NOW);
      expect(screened.valid.sort(order)).toEqual(expected);
      expect(screened.skipped.map((s) => s.id).sort()).toEqual(hostile.map((h) => h.id).sort());
    }
  });
});

const estimator = createStraightLineEstimator();
const STATUSES = ['available', 'available', 'returning', 'returning', 'en_route', 'on_scene', 'transporting', 'at_hospital', 'out_of_service'] as const;

function randomFleet(r: () => number, size: number): Unit[] {
  return Array.from({ length: size }, (_, i) =>
    buildUnit({
      id: i + 1,
      kind: r() < 0.3 ? 'critical_care' : 'standard',
      status: STATUSES[Math.floor(r() * STATUSES.length)] ?? 'available',
      // Positions on a coarse grid, so equal ETAs (and their tie-breaks) happen often.
      lon: CIXI_CENTRE.lon + (Math.floor(r() * 21) - 10) * 0.01,
      lat: CIXI_CENTRE.lat + (Math.floor(r() * 21) - 10) * 0.01,
    }),
  );
}

function hostileUnits(r: () => number, fleet: readonly Unit[]): Unit[] {
  const base = buildUnit({ id: 900 });
  const copyOf = fleet[Math.floor(r() * fleet.length)];
  return [
    { ...base, id: 901, lon: Number.NaN },
    { ...base, id: 902, lat: Number.NEGATIVE_INFINITY },
    { ...base, id: 903, lon: undefined as unknown as number },
    { ...base, id: 904, kind: 'drone' as never },
    { ...base, id: 905, status: 'lost' as never },
    { ...base, id: Number.NaN },
    ...(copyOf ? [{ ...copyOf, lon: CIXI_CENTRE.lon, lat: CIXI_CENTRE.lat }] : []),
  ].filter(() => r() < 0.7);
}

const randomPatient = (r: () => number) => ({
  lon: CIXI_CENTRE.lon + (r() - 0.5) * 0.1,
  lat: CIXI_CENTRE.lat + (r() - 0.5) * 0.1,
  clinicalClass: CLINICAL_CLASSES[Math.floor(r() * CLINICAL_CLASSES.length)] ?? 'common',
});

describe('unit ranking (property)', () => {
  it('ranks by ETA, available before returning at the same ETA, returning units by their ETA from where they are (3,000 fleets)', () => {
    const r = seededRandom(24);
    const broken: string[] = [];
    for (let n = 0; n < 3_000; n++) {
      const fleet = randomFleet(r, 5 + Math.floor(r() * 30));
      const p = randomPatient(r);
      const { units } = recommendUnits(p, fleet, estimator, { limit: fleet.length });
      for (let i = 1; i < units.length; i++) {
        const [prev, cur] = [units[i - 1], units[i]];
        if (!prev || !cur) continue;
        if (cur.etaMinutes < prev.etaMinutes) broken.push(`eta order #${n}`);
        if (cur.etaMinutes === prev.etaMinutes && cur.status === 'available' && prev.status !== 'available') broken.push(`returning before available #${n}`);
      }
      for (const u of units) {
        const live = fleet.find((f) => f.id === u.unitId);
        if (!live || !['available', 'returning'].includes(live.status)) broken.push(`not sendable #${n}`);
        else if (u.etaMinutes !== Math.round(estimator.minutes(live, p, p.clinicalClass) * 10) / 10) broken.push(`eta not from live position #${n}`);
        if (u.reasons.includes('returning') !== (u.status === 'returning')) broken.push(`returning reason #${n}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('is monotonic in distance: moving a unit farther never moves it up the list (3,000 moves)', () => {
    const r = seededRandom(25);
    for (let n = 0; n < 3_000; n++) {
      const fleet = randomFleet(r, 5 + Math.floor(r() * 20));
      const p = randomPatient(r);
      const before = recommendUnits(p, fleet, estimator, { limit: fleet.length }).units;
      const target = before[Math.floor(r() * before.length)];
      if (!target) continue;
      const k = 1.1 + r() * 3;
      const moved = fleet.map((u) => (u.id === target.unitId ? { ...u, lon: p.lon + (u.lon - p.lon) * k, lat: p.lat + (u.lat - p.lat) * k } : u));
      const after = recommendUnits(p, moved, estimator, { limit: fleet.length }).units;
      const was = before.findIndex((u) => u.unitId === target.unitId);
      const now = after.findIndex((u) => u.unitId === target.unitId);
      expect(now).toBeGreaterThanOrEqual(was);
    }
  });

  it('never throws and gives the same answer for the sound units when hostile rows are mixed in (3,000 fleets)', () => {
    const r = seededRandom(26);
    for (let n = 0; n < 3_000; n++) {
      const fleet = randomFleet(r, 3 + Math.floor(r() * 20));
      const hostile = hostileUnits(r, fleet);
      // Hostile rows anywhere, except that a duplicate comes after its original (the first sound row with an id wins).
      const mixed: Unit[] = [...fleet];
      for (const h of hostile) {
        const original = mixed.findIndex((u) => u.id === h.id);
        const from = original + 1;
        mixed.splice(from + Math.floor(r() * (mixed.length - from + 1)), 0, h);
      }
      const p = randomPatient(r);
      const opts = { limit: 8, now: FACTORY_NOW };
      const clean = recommendUnits(p, fleet, estimator, opts);
      const dirty = recommendUnits(p, mixed, estimator, opts);
      expect({ ...dirty, skipped: [] }).toEqual({ ...clean, skipped: [] });
      expect(dirty.skipped).toHaveLength(hostile.length);
    }
  });
});
