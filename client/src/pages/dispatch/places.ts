/** Town and street-office centres of the loaded city's base map, to place a call by its address when no point is given. */
import { useEffect, useState } from 'react';
import { useLive } from '../../live/useLive.ts';

export interface Place {
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
}

let loading: { key: string; places: Promise<Place[]> } | null = null;

/** Fetched once per base-map version: a new city import is a new key. */
function loadPlaces(mapKey: string): Promise<Place[]> {
  if (loading?.key === mapKey) return loading.places;
  const places = fetch(`/api/city/map/places.geojson?v=${encodeURIComponent(mapKey)}`)
    .then((r) => r.json() as Promise<{ features: { properties: { name: string; nameEn: string; rank: number }; geometry: { coordinates: [number, number] } }[] }>)
    .then((fc) => fc.features.filter((f) => f.properties.rank > 0).map((f) => ({ name: f.properties.name, nameEn: f.properties.nameEn, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })))
    .catch(() => []);
  loading = { key: mapKey, places };
  return places;
}

export function usePlaces(): Place[] {
  const [places, setPlaces] = useState<Place[]>([]);
  const mapKey = useLive((s) => s.state.city.mapKey);
  useEffect(() => {
    if (!mapKey) return;
    let live = true;
    void loadPlaces(mapKey).then((p) => live && setPlaces(p));
    return () => {
      live = false;
    };
  }, [mapKey]);
  return places;
}

/** The place an address names ("云中镇 …", "Yunzhong, …"), longest name first so "金沙滩镇" beats "金沙滩". */
export function placeInAddress(address: string, places: readonly Place[]): Place | null {
  const text = address.toLowerCase();
  let best: Place | null = null;
  let bestLen = 0;
  for (const p of places) {
    // Town names without their suffix (镇/街道) match too: callers say "云中" as often as "云中镇".
    const names = [p.name, p.name.replace(/(街道|镇|新区)$/, ''), p.nameEn.toLowerCase()];
    for (const n of names) {
      if (n.length >= 2 && text.includes(n.toLowerCase()) && n.length > bestLen) {
        best = p;
        bestLen = n.length;
      }
    }
  }
  return best;
}
