import { describe, expect, it } from 'vitest';
import {
  CITY,
  DEMO_HOSPITALS,
  DEMO_PLACES,
  DEMO_STATIONS,
  DEMO_UNITS,
  addressNear,
  isOnLand,
  randomPointOnLand,
  seededRandom,
} from './city.ts';

describe('demo city: Cixi', () => {
  it('puts every station, hospital and place inside the Cixi outline', () => {
    for (const p of [...DEMO_STATIONS, ...DEMO_HOSPITALS, ...DEMO_PLACES]) {
      expect(isOnLand(p.lon, p.lat), p.name).toBe(true);
    }
  });

  it('rejects points in Hangzhou Bay and in neighbouring Yuyao', () => {
    expect(isOnLand(121.4, 30.42)).toBe(false); // Hangzhou Bay
    expect(isOnLand(121.1, 30.1)).toBe(false); // Yuyao
    expect(isOnLand(CITY.center.lon, CITY.center.lat)).toBe(true);
  });

  it('meets the fleet norm (1 unit per 30,000 residents) with unique call signs', () => {
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(Math.ceil(CITY.population / 30_000));
    expect(new Set(DEMO_UNITS.map((u) => u.callSign)).size).toBe(DEMO_UNITS.length);
    const cc = DEMO_UNITS.filter((u) => u.kind === 'critical_care').length;
    expect(cc).toBeGreaterThanOrEqual(12);
    expect(cc).toBeLessThan(DEMO_UNITS.length / 2);
    const stationKeys = new Set(DEMO_STATIONS.map((s) => s.key));
    expect(stationKeys.size).toBe(DEMO_STATIONS.length);
    for (const u of DEMO_UNITS) {
      expect(stationKeys.has(u.stationKey), u.callSign).toBe(true);
      expect(u.crew.driver && u.crew.doctor && u.crew.nurse).toBeTruthy();
    }
    const noTerminal = DEMO_UNITS.filter((u) => !u.hasTerminal).length;
    expect(noTerminal).toBeGreaterThan(0);
    expect(noTerminal).toBeLessThanOrEqual(DEMO_UNITS.length * 0.15);
  });

  it('has the hospital mix of the seeds', () => {
    const byKind = (k: string) => DEMO_HOSPITALS.filter((h) => h.kind === k);
    expect(new Set(DEMO_HOSPITALS.map((h) => h.code)).size).toBe(DEMO_HOSPITALS.length);
    for (const h of DEMO_HOSPITALS) expect(h.code).toMatch(/^H\d{2}$/);

    const [designated, ...moreDesignated] = byKind('designated');
    expect(moreDesignated).toHaveLength(0);
    expect(designated!.openBeds).toBeGreaterThanOrEqual(1400);
    expect(designated!.icuOpen).toBe(40);

    expect(byKind('second_level').length).toBeGreaterThanOrEqual(4);
    expect(byKind('township').length).toBeGreaterThanOrEqual(16);
    expect(byKind('township').length).toBeLessThanOrEqual(20);
    for (const t of byKind('township')) {
      expect(t.icuOpen).toBe(0);
      expect(t.openBeds).toBeGreaterThanOrEqual(20);
      expect(t.openBeds).toBeLessThanOrEqual(60);
    }
    expect(byKind('sub_designated')).toHaveLength(1);
    const iso = byKind('isolation');
    expect(iso).toHaveLength(1);
    expect(iso[0]!.openBeds).toBe(588);

    const stationKeys = new Set(DEMO_STATIONS.map((s) => s.key));
    for (const h of DEMO_HOSPITALS) {
      expect(h.occupiedBeds).toBeLessThanOrEqual(h.openBeds);
      expect(h.icuOccupied).toBeLessThanOrEqual(h.icuOpen);
      expect(h.feverClinicWaitMin).toBeGreaterThanOrEqual(10);
      expect(h.feverClinicWaitMin).toBeLessThanOrEqual(90);
      if (h.stationKey) expect(stationKeys.has(h.stationKey), h.code).toBe(true);
    }
  });

  it('draws random call locations on land, deterministically', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 200; i++) {
      const p = randomPointOnLand(a);
      expect(isOnLand(p.lon, p.lat)).toBe(true);
      expect(randomPointOnLand(b)).toEqual(p);
    }
  });

  it('writes plausible addresses', () => {
    const rand = seededRandom(1);
    for (let i = 0; i < 50; i++) {
      const addr = addressNear(randomPointOnLand(rand), rand);
      expect(addr).toMatch(/^\S+(街道|镇|新区|镇天元|镇鸣鹤) \S+ .*\d+号/);
    }
  });
});
