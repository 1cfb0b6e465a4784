/** The live layers on top of the base map: hospitals, calls and the intake pin (units and labels: liveOverlay.ts). */
import type { Map as MapLibreMap } from 'maplibre-gl';

const empty = { type: 'FeatureCollection' as const, features: [] };
const FONT_STACK = ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
/** The same fonts for labels drawn outside the map's layers (the unit overlay). */
export const LABEL_FONT = FONT_STACK.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(', ');

export function addLiveLayers(map: MapLibreMap, opts: { dark: boolean; scale?: number }): void {
  // Wall displays draw every symbol larger: read from across the room.
  const k = opts.scale ?? 1;
  const halo = opts.dark ? '#0b1220' : '#ffffff';
  // The fleet is not a map layer: LiveOverlay draws it on a canvas above (it moves too often).
  for (const id of ['hospitals', 'calls', 'accuracy', 'pin']) {
    if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: empty });
  }
  hideBaseTownLabels(map);

  // Names, figures, call ages and call signs are drawn by the overlay (liveOverlay.ts), which keeps
  // every label off every other label and every symbol; the map draws the symbols under them.
  map.addLayer({
    id: 'hospitals-symbol',
    type: 'symbol',
    source: 'hospitals',
    layout: {
      'icon-image': 'hospital',
      'icon-size': ['case', ['get', 'major'], 0.75 * k, 0.5 * k],
      'icon-allow-overlap': true,
    },
    paint: {
      'icon-color': ['get', 'colour'],
      'icon-halo-color': ['case', ['get', 'diversion'], '#b2182b', halo],
      'icon-halo-width': ['case', ['get', 'diversion'], 3, 1],
    },
  });

  map.addLayer({
    id: 'calls-circle',
    type: 'circle',
    source: 'calls',
    filter: ['!=', ['get', 'cluster'], true],
    paint: {
      'circle-radius': ['case', ['get', 'selected'], 12 * k, ['get', 'overdue'], 10 * k, 8 * k],
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': ['case', ['get', 'selected'], opts.dark ? '#ffffff' : '#000000', ['get', 'overdue'], '#ff1f3d', halo],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, ['get', 'overdue'], 3, ['get', 'waiting'], 2, 1],
      'circle-opacity': ['case', ['get', 'waiting'], 1, 0.55],
    },
  });
  // Calls that would sit on one another at this zoom: one bubble, coloured by the sickest inside,
  // the count written on it by the overlay. Critical calls are never in one (clusters.ts).
  map.addLayer({
    id: 'calls-cluster',
    type: 'circle',
    source: 'calls',
    filter: ['==', ['get', 'cluster'], true],
    paint: {
      'circle-radius': ['get', 'radius'],
      'circle-color': ['get', 'colour'],
      'circle-stroke-color': halo,
      'circle-stroke-width': 2,
      'circle-opacity': 0.9,
    },
  });

  // The caller's network location: the circle the network says they are in (radius in metres, drawn as a
  // polygon so it keeps its true size at every zoom), under the pin the dispatcher may move.
  map.addLayer({ id: 'accuracy-fill', type: 'fill', source: 'accuracy', paint: { 'fill-color': '#1f6feb', 'fill-opacity': 0.12 } });
  map.addLayer({ id: 'accuracy-line', type: 'line', source: 'accuracy', paint: { 'line-color': '#1f6feb', 'line-width': 1.5, 'line-dasharray': [3, 2] } });
  map.addLayer({
    id: 'pin',
    type: 'circle',
    source: 'pin',
    paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1f6feb', 'circle-stroke-width': 3 },
  });
}

/**
 * The base style's own place labels collide with the live symbols and vanish; the overlay draws the
 * town names instead, in the same placement pass as the live labels.
 */
function hideBaseTownLabels(map: MapLibreMap): void {
  for (const id of ['places-label-major', 'places-label-minor']) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', 'none');
}
