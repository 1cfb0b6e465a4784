/** The live layers on top of the base map: hospitals, calls and the intake pin (units: unitOverlay.ts). */
import type { Map as MapLibreMap } from 'maplibre-gl';

const empty = { type: 'FeatureCollection' as const, features: [] };
const FONT = ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
/** The same fonts for labels drawn outside the map's layers (the unit overlay). */
export const LABEL_FONT = FONT.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(', ');

export function addLiveLayers(map: MapLibreMap, opts: { dark: boolean; english: boolean; scale?: number }): void {
  // Wall displays draw every symbol larger: read from across the room.
  const k = opts.scale ?? 1;
  const halo = opts.dark ? '#0b1220' : '#ffffff';
  const text = opts.dark ? '#e8eef7' : '#1d2733';
  // The fleet is not a map layer: UnitOverlay draws it on a canvas above (it moves too often).
  for (const id of ['hospitals', 'calls', 'pin']) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
  }
  addTownLabels(map, opts);

  map.addLayer({
    id: 'hospitals-symbol',
    type: 'symbol',
    source: 'hospitals',
    layout: {
      'icon-image': 'hospital',
      'icon-size': ['case', ['get', 'major'], 0.75 * k, 0.5 * k],
      'icon-allow-overlap': true,
      'text-field': ['format', ['get', opts.english ? 'nameEn' : 'name'], { 'font-scale': 0.85 }, '\n', {}, ['get', 'gauge'], { 'font-scale': 0.8 }],
      'text-font': FONT,
      'text-size': ['case', ['get', 'major'], 12 * k, 10 * k],
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
      'circle-radius': ['case', ['get', 'selected'], 12 * k, ['get', 'overdue'], 10 * k, 8 * k],
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': ['case', ['get', 'selected'], opts.dark ? '#ffffff' : '#000000', ['get', 'overdue'], '#ff1f3d', halo],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, ['get', 'overdue'], 3, ['get', 'waiting'], 2, 1],
      'circle-opacity': ['case', ['get', 'waiting'], 1, 0.55],
    },
  });
  map.addLayer({
    id: 'calls-age',
    type: 'symbol',
    source: 'calls',
    layout: { 'text-field': ['get', 'waitLabel'], 'text-font': FONT, 'text-size': 12 * k, 'text-offset': [0, -1.4], 'text-allow-overlap': true },
    paint: { 'text-color': ['get', 'colour'], 'text-halo-color': halo, 'text-halo-width': 1.5 },
  });

  map.addLayer({
    id: 'pin',
    type: 'circle',
    source: 'pin',
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1f6feb', 'circle-stroke-width': 3 },
  });
}

/**
 * Town names from the base map's `places` source, drawn under the live layers and never competing
 * with them for space: a dispatcher needs "Zhouxiang" on the map as much as the call signs.
 */
function addTownLabels(map: MapLibreMap, opts: { dark: boolean; english: boolean }): void {
  if (!map.getSource('places') || map.getLayer('towns-label')) return;
  // The base style's own place labels collide with the live symbols and vanish; ours replace them.
  for (const id of ['places-label-major', 'places-label-minor']) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
  map.addLayer({
    id: 'towns-label',
    type: 'symbol',
    source: 'places',
    filter: ['>=', ['get', 'rank'], 1],
    layout: {
      'text-field': ['get', opts.english ? 'nameEn' : 'name'],
      'text-font': FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 9, ['case', ['<=', ['get', 'rank'], 2], 13, 11], 13, 16],
      'text-allow-overlap': true,
      'text-ignore-placement': true,
      'text-letter-spacing': 0.1,
      // Above the place's point, where the station's units and their call signs below do not cover it.
      'text-anchor': 'bottom',
      'text-offset': [0, -0.9],
    },
    paint: {
      'text-color': opts.dark ? 'rgba(200, 214, 235, 0.55)' : 'rgba(60, 56, 50, 0.6)',
      'text-halo-color': opts.dark ? 'rgba(11, 18, 32, 0.6)' : 'rgba(246, 244, 238, 0.8)',
      'text-halo-width': 1.2,
    },
  });
}
