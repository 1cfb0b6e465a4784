/**
 * The demo city's gazetteer: its towns and sub-districts (label points) and its hospitals, as Places.
 * Until a city bundle's places.csv is loaded, this is what the address search knows.
 */
import type { LonLat, Place, PlaceKind } from '@dispatch/shared';
import { DEMO_HOSPITALS, DEMO_PLACES, type DemoPlace } from './city.ts';

const kindOf = (p: DemoPlace): PlaceKind => (p.addressName ? 'village' : p.name.endsWith('街道') ? 'subdistrict' : 'town');
/** The town a place belongs to: the larger town of an address name (周巷镇天元 → 周巷镇), or itself. */
const townOf = (p: DemoPlace) => p.addressName?.match(/^(.+?(?:镇|街道|乡))/u)?.[1] ?? p.name;

function nearestTown(p: LonLat): string {
  let best: DemoPlace | undefined;
  let bestD = Infinity;
  for (const pl of DEMO_PLACES) {
    if (pl.addressName) continue;
    const d = ((pl.lon - p.lon) * 0.866) ** 2 + (pl.lat - p.lat) ** 2;
    if (d < bestD) [best, bestD] = [pl, d];
  }
  return best?.name ?? '';
}

/** Every place the demo knows, towns first. */
export function demoGazetteer(): Place[] {
  const areas = DEMO_PLACES.map((p): Place => ({
    name: p.name,
    aliases: [p.nameEn, ...(p.addressName ? [p.addressName] : [])],
    kind: kindOf(p),
    town: townOf(p),
    setting: p.rank === 1 ? 'urban' : 'rural',
    lon: p.lon,
    lat: p.lat,
  }));
  const hospitals = DEMO_HOSPITALS.map((h): Place => {
    const town = nearestTown(h);
    return { name: h.name, aliases: [h.nameEn], kind: 'hospital', town, setting: town.endsWith('街道') ? 'urban' : 'rural', lon: h.lon, lat: h.lat };
  });
  return [...areas, ...hospitals];
}
