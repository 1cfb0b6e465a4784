/**
 * Plausible drives without a road graph: two legs via a corner (roads in a plain often run on a grid),
 * the corner pulled toward the straight line and jittered, kept inside the city.
 */
import { bearingDeg, haversineKm, interpolate, type LonLat } from '@dispatch/shared';

type Rand = () => number;

/** Waypoints after `from`, ending exactly at `to`; a corner only where `inside` (the city) says so. */
export function planPath(from: LonLat, to: LonLat, rand: Rand, inside: (lon: number, lat: number) => boolean = () => true): LonLat[] {
  if (haversineKm(from, to) < 0.3) return [to];
  const corners: LonLat[] = [
    { lon: to.lon, lat: from.lat },
    { lon: from.lon, lat: to.lat },
  ];
  if (rand() < 0.5) corners.reverse();
  const mid = interpolate(from, to, 0.5);
  for (const corner of corners) {
    // Somewhere between the pure L and the straight line, with ~100 m of jitter.
    const p = interpolate(corner, mid, 0.05 + rand() * 0.3);
    const waypoint = { lon: p.lon + (rand() - 0.5) * 0.002, lat: p.lat + (rand() - 0.5) * 0.0018 };
    if (inside(waypoint.lon, waypoint.lat)) return [waypoint, to];
  }
  return [to];
}

export interface Leg {
  pos: LonLat;
  heading: number;
  /** Remaining waypoints. */
  path: LonLat[];
  arrived: boolean;
}

/** Moves `km` along the path; returns the new position and what is left. */
export function advance(pos: LonLat, path: readonly LonLat[], km: number): Leg {
  let here = pos;
  let left = km;
  let heading = path[0] ? bearingDeg(pos, path[0]) : 0;
  const rest = [...path];
  while (rest.length > 0) {
    const next = rest[0] as LonLat;
    const d = haversineKm(here, next);
    if (d > 1e-9) heading = bearingDeg(here, next);
    if (d > left) {
      here = interpolate(here, next, left / d);
      return { pos: here, heading, path: rest, arrived: false };
    }
    left -= d;
    here = next;
    rest.shift();
  }
  return { pos: here, heading, path: [], arrived: true };
}

/** A GPS fix is never perfect: a few metres of noise, rounded to what a receiver reports. */
export function withNoise(p: LonLat, rand: Rand): LonLat {
  return {
    lon: Math.round((p.lon + (rand() - 0.5) * 0.00008) * 1e6) / 1e6,
    lat: Math.round((p.lat + (rand() - 0.5) * 0.00007) * 1e6) / 1e6,
  };
}
