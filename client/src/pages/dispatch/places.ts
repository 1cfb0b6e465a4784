/** Town and street-office centres from the offline base map, to place a call by its address when no point is given. */
import { useEffect, useState } from 'react';

export interface Place {
  name: string;
  nameEn: string;
  lon: number;
  lat: number;
}

let loading: Promise<Place[]> | null = null;

function loadPlaces(): Promise<Place[]> {
  loading ??= fetch('/basemap/places.geojson')
    .then((r) => r.json() as Promise<{ features: { properties: { name: string; nameEn: string; rank: number }; geometry: { coordinates: [number, number] } }[] }>)
    .then((fc) => fc.features.filter((f) => f.properties.rank > 0).map((f) => ({ name: f.properties.name, nameEn: f.properties.nameEn, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })))
    .catch(() => []);
  return loading;
}

export function usePlaces(): Place[] {
  const [places, setPlaces] = useState<Place[]>([]);
  useEffect(() => {
    let live = true;
    void loadPlaces().then((p) => live && setPlaces(p));
    return () => {
      live = false;
    };
  }, []);
  return places;
}

/** The place an address names ("周巷镇 …", "Zhouxiang, …"), longest name first so "新浦镇" beats "新浦". */
export function placeInAddress(address: string, places: readonly Place[]): Place | null {
  const text = address.toLowerCase();
  let best: Place | null = null;
  let bestLen = 0;
  for (const p of places) {
    // Town names without their suffix (镇/街道) match too: callers say "周巷" as often as "周巷镇".
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
