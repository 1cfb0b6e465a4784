/** The live layers on top of the base map: hospitals, calls, units, and the intake pin. */
import type { Map as MapLibreMap } from 'maplibre-gl';

const empty = { type: 'FeatureCollection' as const, features: [] };
const FONT = ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export function addLiveLayers(map: MapLibreMap, opts: { dark: boolean; english: boolean }): void {
  const halo = opts.dark ? '#0b1220' : '#ffffff';
  const text = opts.dark ? '#e8eef7' : '#1d2733';
  for (const id of ['hospitals', 'calls', 'units', 'pin']) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
  }

  map.addLayer({
    id: 'hospitals-symbol',
    type: 'symbol',
    source: 'hospitals',
    layout: {
      'icon-image': 'hospital',
      'icon-size': ['case', ['get', 'major'], 0.75, 0.5],
      'icon-allow-overlap': true,
      'text-field': ['format', ['get', opts.english ? 'nameEn' : 'name'], { 'font-scale': 0.85 }, '\n', {}, ['get', 'gauge'], { 'font-scale': 0.8 }],
      'text-font': FONT,
      'text-size': ['case', ['get', 'major'], 12, 10],
      'text-offset': [0, 1.2],
      'text-anchor': 'top',
      'text-optional': true,
    },
    paint: {
      'icon-color': ['get', 'colour'],
      'icon-halo-color': ['case', ['get', 'diversion'], '#b2182b', halo],
      'icon-halo-width': ['case', ['get', 'diversion'], 3, 1],
      'text-color': ['case', ['get', 'diversion'], '#b2182b', text],
      'text-halo-color': halo,
      'text-halo-width': 1.2,
    },
  });

  map.addLayer({
    id: 'calls-circle',
    type: 'circle',
    source: 'calls',
    paint: {
      'circle-radius': ['case', ['get', 'selected'], 11, 7],
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': ['case', ['get', 'selected'], opts.dark ? '#ffffff' : '#000000', halo],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, ['get', 'waiting'], 2, 1],
      'circle-opacity': ['case', ['get', 'waiting'], 1, 0.55],
    },
  });
  map.addLayer({
    id: 'calls-age',
    type: 'symbol',
    source: 'calls',
    layout: { 'text-field': ['get', 'waitLabel'], 'text-font': FONT, 'text-size': 11, 'text-offset': [0, -1.3], 'text-allow-overlap': false },
    paint: { 'text-color': ['get', 'colour'], 'text-halo-color': halo, 'text-halo-width': 1.5 },
  });

  map.addLayer({
    id: 'units-symbol',
    type: 'symbol',
    source: 'units',
    layout: {
      'icon-image': ['get', 'icon'],
      'icon-size': ['case', ['==', ['get', 'kind'], 'critical_care'], 0.62, 0.55],
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'text-field': ['get', 'callSign'],
      'text-font': FONT,
      'text-size': 10,
      'text-offset': [0, 1.1],
      'text-anchor': 'top',
      'text-optional': true,
    },
    paint: {
      'icon-color': ['get', 'colour'],
      'icon-halo-color': halo,
      'icon-halo-width': ['case', ['==', ['get', 'kind'], 'critical_care'], 2.5, 1],
      'text-color': text,
      'text-halo-color': halo,
      'text-halo-width': 1.2,
    },
  });

  map.addLayer({
    id: 'pin',
    type: 'circle',
    source: 'pin',
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1f6feb', 'circle-stroke-width': 3 },
  });
}
