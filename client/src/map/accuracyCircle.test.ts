import { describe, expect, it } from 'vitest';
import { haversineKm } from '@dispatch/shared';
import { circlePolygon, zoomToShowRadius } from './features.ts';

describe("the caller's accuracy circle", () => {
  it('is a closed ring whose every vertex lies the radius away from the caller', () => {
    const centre = { lon: 121.2466, lat: 30.1729 };
    const ring = circlePolygon(centre, 400).geometry.coordinates[0] ?? [];
    expect(ring).toHaveLength(65);
    expect(ring[0]).toEqual(ring[64]);
    for (const [lon = 0, lat = 0] of ring) expect(haversineKm(centre, { lon, lat }) * 1000).toBeCloseTo(400, 0);
  });

  it('is framed at a zoom that shows it: closer for a handset fix than for a cell estimate, within a town and a street view', () => {
    const handset = zoomToShowRadius(40, 30.17);
    const carrier = zoomToShowRadius(400, 30.17);
    expect(handset).toBeGreaterThan(carrier);
    // 40,030 km × cos 30.17° / 512 px = 67.6 km a pixel at zoom 0; 400 m over 90 px is 2^13.89 times closer.
    expect(carrier).toBeCloseTo(13.89, 2);
    expect(zoomToShowRadius(5, 30.17)).toBe(16);
    expect(zoomToShowRadius(20_000, 30.17)).toBe(11);
  });
});
