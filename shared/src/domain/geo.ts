/** Distances, travel-time estimates and map helpers on WGS84 lon/lat. */
import type { ClinicalClass, LonLat } from '../model.ts';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LonLat, b: LonLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface TravelTimeEstimator {
  readonly name: string;
  minutes(from: LonLat, to: LonLat, clinicalClass: ClinicalClass): number;
}

/** Roads are longer than the crow flies; 1.35 is a common detour factor for mixed urban/rural networks. */
export const DEFAULT_ROAD_FACTOR = 1.35;

/** Average speeds; lights and siren for the sickest make those runs faster. */
export const DEFAULT_SPEED_KMH: Readonly<Record<ClinicalClass, number>> = {
  critical: 55,
  severe: 50,
  common: 42,
  mild: 38,
  asymptomatic: 35,
};

/** Time for the crew to get rolling once dispatched. */
export const MOBILISATION_MINUTES = 1;

/** Estimator without a road graph: straight line × road factor at a class-dependent speed, plus mobilisation. */
export function createStraightLineEstimator(opts?: {
  roadFactor?: number;
  speedKmh?: Partial<Record<ClinicalClass, number>>;
}): TravelTimeEstimator {
  const roadFactor = opts?.roadFactor ?? DEFAULT_ROAD_FACTOR;
  const speed: Record<ClinicalClass, number> = { ...DEFAULT_SPEED_KMH, ...opts?.speedKmh };
  return {
    name: 'straight-line',
    minutes(from, to, clinicalClass) {
      return MOBILISATION_MINUTES + ((haversineKm(from, to) * roadFactor) / speed[clinicalClass]) * 60;
    },
  };
}

/** Initial compass bearing from a to b in degrees, 0 = north, clockwise, in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const dλ = (b.lon - a.lon) * RAD;
  const y = Math.sin(dλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(dλ);
  return ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
}

/** Linear point between a (t=0) and b (t=1); over city distances the flat approximation is invisible. */
export function interpolate(a: LonLat, b: LonLat, t: number): LonLat {
  const k = Math.min(1, Math.max(0, t));
  return { lon: a.lon + (b.lon - a.lon) * k, lat: a.lat + (b.lat - a.lat) * k };
}
