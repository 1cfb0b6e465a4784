import { describe, expect, it } from 'vitest';
import { bearingDeg, createStraightLineEstimator, haversineKm, interpolate } from './geo.ts';

describe('geo', () => {
  it('measures one degree of latitude as about 111.2 km', () => {
    expect(haversineKm({ lon: 121, lat: 30 }, { lon: 121, lat: 31 })).toBeCloseTo(111.195, 2);
    expect(haversineKm({ lon: 121.27, lat: 30.17 }, { lon: 121.27, lat: 30.17 })).toBe(0);
  });

  it('estimates straight line × 1.35 at class speed plus 1 min', () => {
    const est = createStraightLineEstimator();
    const a = { lon: 121, lat: 30 };
    const b = { lon: 121, lat: 30.1 };
    const km = haversineKm(a, b); // ≈ 11.12
    expect(est.minutes(a, b, 'critical')).toBeCloseTo(1 + ((km * 1.35) / 55) * 60, 6);
    expect(est.minutes(a, b, 'mild')).toBeCloseTo(1 + ((km * 1.35) / 38) * 60, 6);
    expect(est.minutes(a, b, 'critical')).toBeCloseTo(17.38, 1);
    expect(est.minutes(a, a, 'common')).toBe(1);
  });

  it('takes a custom road factor and speeds', () => {
    const est = createStraightLineEstimator({ roadFactor: 1, speedKmh: { common: 60 } });
    const a = { lon: 121, lat: 30 };
    const b = { lon: 121, lat: 31 };
    expect(est.minutes(a, b, 'common')).toBeCloseTo(1 + 111.195, 1);
    expect(est.minutes(a, b, 'severe')).toBeCloseTo(1 + (111.195 / 50) * 60, 1);
  });

  it('gives compass bearings', () => {
    expect(bearingDeg({ lon: 121, lat: 30 }, { lon: 121, lat: 31 })).toBeCloseTo(0, 6);
    expect(bearingDeg({ lon: 121, lat: 30 }, { lon: 122, lat: 30 })).toBeCloseTo(89.75, 1);
    expect(bearingDeg({ lon: 121, lat: 31 }, { lon: 121, lat: 30 })).toBeCloseTo(180, 6);
    expect(bearingDeg({ lon: 122, lat: 30 }, { lon: 121, lat: 30 })).toBeCloseTo(270.25, 1);
  });

  it('interpolates and clamps t', () => {
    const a = { lon: 121, lat: 30 };
    const b = { lon: 122, lat: 31 };
    expect(interpolate(a, b, 0.25)).toEqual({ lon: 121.25, lat: 30.25 });
    expect(interpolate(a, b, 2)).toEqual(b);
    expect(interpolate(a, b, -1)).toEqual(a);
  });
});
