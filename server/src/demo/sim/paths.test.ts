import { describe, expect, it } from 'vitest';
import { haversineKm } from '@dispatch/shared';
import { seededRandom } from '../random.ts';
import { advance, planPath } from './paths.ts';

const station = { lon: 121.2721, lat: 30.1868 };
// Diagonal across town, so a corner route is clearly longer than the beeline.
const scene = { lon: 121.2236, lat: 30.2264 };

describe('simulated drives', () => {
  it('goes via a corner, not a beeline, and ends exactly at the target', () => {
    const path = planPath(station, scene, seededRandom(5));
    expect(path.length).toBe(2);
    expect(path[path.length - 1]).toEqual(scene);
    const viaCorner = haversineKm(station, path[0]!) + haversineKm(path[0]!, scene);
    expect(viaCorner).toBeGreaterThan(haversineKm(station, scene) * 1.1);
  });

  it('advances by the distance driven and arrives', () => {
    const path = planPath(station, scene, seededRandom(9));
    const total = haversineKm(station, path[0]!) + haversineKm(path[0]!, scene);
    const first = advance(station, path, 1);
    expect(first.arrived).toBe(false);
    expect(haversineKm(station, first.pos)).toBeCloseTo(Math.min(1, haversineKm(station, path[0]!)), 1);
    expect(first.heading).toBeGreaterThanOrEqual(0);
    expect(first.heading).toBeLessThan(360);
    const last = advance(first.pos, first.path, total);
    expect(last.arrived).toBe(true);
    expect(last.pos).toEqual(scene);
  });
});
