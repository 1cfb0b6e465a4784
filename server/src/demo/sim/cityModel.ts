/**
 * The simulator's picture of the demo city, built from its bundle: where it is (the city's own outline
 * feature), where people live (its towns and sub-districts, weighted by demo.json's residents or by how
 * many places the gazetteer lists for them) and what addresses sound like there (the gazetteer's streets
 * and villages of each town). Pure: no IO; the same `rand` gives the same points and addresses.
 */
import type { LonLat } from '@dispatch/shared';
import { bboxOf, cityFeatureOf, insideFeature } from '../../city/outline.ts';
import type { CityBundle } from '../../city/validateBundle.ts';
import type { DemoExtras } from '../bundle.ts';
import { gauss, intIn, pick } from '../random.ts';

type Rand = () => number;

export interface SimTown {
  name: string;
  lon: number;
  lat: number;
  urban: boolean;
  /** Relative number of residents. */
  weight: number;
  /** Spread of settlement around the seat, degrees of latitude (~1 km = 0.009). */
  spread: number;
  roads: readonly string[];
  villages: readonly { name: string; lon: number; lat: number }[];
}

export interface SimCity {
  id: string;
  /** The normal call rate the bundle states (calls per hour) and its surge plan's multiple. */
  normalCallsPerHour: number;
  surgePlanMultiple: number;
  towns: readonly SimTown[];
  nursingHomes: readonly string[];
  /** [minLon, minLat, maxLon, maxLat] of the city's feature. */
  bbox: readonly [number, number, number, number];
  /** True when the point lies in the city (not in a neighbour, not at sea). */
  inside: (lon: number, lat: number) => boolean;
}

/** Roads every Chinese town has, for an address when the gazetteer lists no street for a town. */
const GENERIC_ROADS = ['人民路', '中兴路', '新华路', '建设路', '文化路', '环城路', '工业路', '育才路'];
const MIN_SPREAD = 0.006;
const MAX_SPREAD = 0.025;

/** Degrees of longitude are shorter than degrees of latitude away from the equator. */
const lonScale = (lat: number) => Math.cos((lat * Math.PI) / 180);

export function simCityOf(bundle: CityBundle, extras: DemoExtras): SimCity {
  const feature = cityFeatureOf(bundle.outline, bundle.manifest.adcode);
  if (!feature) throw new Error(`outline has no feature for ${bundle.manifest.adcode}`);
  const seats = bundle.places.filter((p) => p.kind === 'town' || p.kind === 'subdistrict');
  if (seats.length === 0) throw new Error(`${bundle.manifest.id}: places.csv names no town or sub-district`);
  const towns: SimTown[] = seats.map((seat) => {
    const own = bundle.places.filter((p) => p.town === seat.name && p !== seat);
    const k = lonScale(seat.lat);
    // Where the town's own places lie tells how far it spreads; a town of one point gets the least.
    const settled = own.filter((p) => p.kind === 'village' || p.kind === 'community' || p.kind === 'street');
    const rms = settled.length > 0 ? Math.sqrt(settled.reduce((s, p) => s + ((p.lon - seat.lon) * k) ** 2 + (p.lat - seat.lat) ** 2, 0) / settled.length) : 0;
    return {
      name: seat.name,
      lon: seat.lon,
      lat: seat.lat,
      urban: seat.setting === 'urban',
      weight: extras.residents[seat.name] ?? 1 + own.length,
      spread: Math.min(MAX_SPREAD, Math.max(MIN_SPREAD, rms * 0.6)),
      roads: own.filter((p) => p.kind === 'street').map((p) => p.name),
      villages: own.filter((p) => p.kind === 'village').map((p) => ({ name: p.name, lon: p.lon, lat: p.lat })),
    };
  });
  return {
    id: bundle.manifest.id,
    normalCallsPerHour: bundle.manifest.normalCallsPerHour,
    surgePlanMultiple: bundle.manifest.surgePlanMultiple,
    towns,
    nursingHomes: bundle.places.filter((p) => p.kind === 'nursing_home').map((p) => p.name),
    bbox: bboxOf(feature),
    inside: (lon, lat) => insideFeature(feature, lon, lat),
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function weightedTown(city: SimCity, rand: Rand): SimTown {
  const total = city.towns.reduce((s, t) => s + t.weight, 0);
  let r = rand() * total;
  for (const t of city.towns) {
    r -= t.weight;
    if (r <= 0) return t;
  }
  return pick(rand, city.towns);
}

/**
 * A random point in the city, weighted toward where people live: 92% around a town's seat (normal spread
 * per town), 8% anywhere in the city. Deterministic for a given `rand`.
 */
export function randomPointIn(city: SimCity, rand: Rand): LonLat {
  const [x0, y0, x1, y1] = city.bbox;
  for (let tries = 0; tries < 10_000; tries++) {
    let lon: number;
    let lat: number;
    if (rand() < 0.08) {
      lon = x0 + rand() * (x1 - x0);
      lat = y0 + rand() * (y1 - y0);
    } else {
      const t = weightedTown(city, rand);
      lon = t.lon + (gauss(rand) * t.spread) / lonScale(t.lat);
      lat = t.lat + gauss(rand) * t.spread;
    }
    if (city.inside(lon, lat)) return { lon: round6(lon), lat: round6(lat) };
  }
  const seat = weightedTown(city, rand);
  return { lon: seat.lon, lat: seat.lat };
}

function nearest<T extends LonLat>(xs: readonly T[], p: LonLat): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  const k = lonScale(p.lat);
  for (const x of xs) {
    const d = ((x.lon - p.lon) * k) ** 2 + (x.lat - p.lat) ** 2;
    if (d < bestD) [best, bestD] = [x, d];
  }
  return best;
}

/**
 * A plausible street address near `p`, named after the nearest town: "<town> <road> 128号" in town, or
 * "<town> <village> 3组 27号" out in the fields (the town's nearest village in the gazetteer).
 */
export function addressNear(city: SimCity, p: LonLat, rand: Rand): string {
  const town = nearest(city.towns, p) ?? pick(rand, city.towns);
  const dKm = Math.hypot((town.lon - p.lon) * 111 * lonScale(p.lat), (town.lat - p.lat) * 111);
  const rural = dKm > 2.5 ? rand() < 0.8 : rand() < (town.urban ? 0.05 : 0.2);
  const village = rural ? nearest(town.villages, p) : undefined;
  if (village) return `${town.name} ${village.name} ${intIn(rand, 1, 12)}组 ${intIn(rand, 1, 120)}号`;
  const road = town.roads.length > 0 && rand() < 0.85 ? pick(rand, town.roads) : pick(rand, GENERIC_ROADS);
  const no = intIn(rand, 1, 400);
  const tail = rand() < 0.35 ? ` ${intIn(rand, 1, 30)}幢${intIn(rand, 1, 3)}单元${intIn(rand, 1, 18)}0${intIn(rand, 1, 4)}室` : '';
  return `${town.name} ${road} ${no}号${tail}`;
}
