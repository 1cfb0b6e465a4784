/** Live state to GeoJSON features for the map's live sources (calls, hospitals). */
import {
  freeBeds,
  freeIcu,
  isCallOpen,
  isCapacityStale,
  type Call,
  type ClinicalClass,
  type Hospital,
  type LiveState,
  type Transport,
} from '@dispatch/shared';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { CLASS_COLOUR, pressureColour } from './colours.ts';
import { clusterCalls, type CallPoint } from './clusters.ts';
import { callClusterRadius, type CallMark } from './liveOverlay.ts';

type Props = Record<string, string | number | boolean>;
const point = (id: number, lon: number, lat: number, properties: Props): Feature<Point, Props> => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties,
});

/** Open calls; a waiting call older than `overdueMinutes` is marked `overdue` (drawn loud). */
export function callFeatures(calls: Iterable<Call>, nowMs: number, selectedId: number | null, overdueMinutes = Infinity): FeatureCollection<Point, Props> {
  const features: Feature<Point, Props>[] = [];
  for (const c of calls) {
    if (!isCallOpen(c.status)) continue;
    const waitMin = Math.max(0, Math.floor((nowMs - Date.parse(c.receivedAt)) / 60_000));
    const waiting = c.status === 'awaiting_unit' || c.status === 'received' || c.status === 'triaged';
    features.push(
      point(c.id, c.lon, c.lat, {
        id: c.id,
        clinicalClass: c.clinicalClass,
        colour: CLASS_COLOUR[c.clinicalClass],
        waitLabel: `${waitMin}′`,
        waiting,
        overdue: waiting && waitMin >= overdueMinutes,
        selected: c.id === selectedId,
      }),
    );
  }
  return { type: 'FeatureCollection', features };
}

/** A hospital's pressure: the fuller of its beds and its ICU, 0..1. */
export function hospitalPressure(h: Hospital): number {
  const beds = h.openBeds > 0 ? h.occupiedBeds / h.openBeds : 0;
  const icu = h.icuOpen > 0 ? h.icuOccupied / h.icuOpen : 0;
  return Math.min(1, Math.max(beds, icu));
}

export function offloadQueues(transports: Iterable<Transport>): Map<number, number> {
  const queue = new Map<number, number>();
  for (const t of transports) {
    if (t.hospitalId !== null && t.arrivedAt && !t.handedOverAt && !t.closedAt) queue.set(t.hospitalId, (queue.get(t.hospitalId) ?? 0) + 1);
  }
  return queue;
}

export function hospitalFeatures(state: LiveState, now: Date): FeatureCollection<Point, Props> {
  const queue = offloadQueues(state.transports.values());
  const features: Feature<Point, Props>[] = [];
  for (const h of state.hospitals.values()) {
    const p = hospitalPressure(h);
    const held = queue.get(h.id) ?? 0;
    const stale = isCapacityStale(h.capacityUpdatedAt, now, state.thresholds.staleCapacityMinutes);
    const gauge = h.icuOpen > 0 ? `ICU ${freeIcu(h)}/${h.icuOpen} · ${freeBeds(h)}` : `${freeBeds(h)}`;
    features.push(
      point(h.id, h.lon, h.lat, {
        id: h.id,
        name: h.name,
        nameEn: h.nameEn,
        kind: h.kind,
        major: h.kind === 'designated' || h.kind === 'second_level' || h.kind === 'sub_designated',
        colour: pressureColour(p),
        pressure: p,
        gauge: `${gauge}${held > 0 ? ` ⚠${held}` : ''}${stale ? ' ?' : ''}`,
        diversion: h.edStatus === 'diversion',
        saturated: h.edStatus === 'saturated',
        offloadQueue: held,
        stale,
      }),
    );
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The calls as the map shows them at this zoom: critical and selected calls always on their own, the
 * rest in bubbles where they would sit on one another. `features` feeds the calls source; the overlay
 * labels the single calls and writes each bubble's count.
 */
export function callScene(open: FeatureCollection<Point, Props>, zoom: number, symbolScale: number) {
  const points: CallPoint[] = open.features.map((f) => {
    const [lon, lat] = f.geometry.coordinates as [number, number];
    return { id: Number(f.properties.id), clinicalClass: f.properties.clinicalClass as ClinicalClass, lon, lat };
  });
  const byId = new Map(open.features.map((f) => [Number(f.properties.id), f]));
  const clustered = clusterCalls(points, zoom, (p) => p.clinicalClass === 'critical' || byId.get(p.id)?.properties.selected === true, symbolScale);
  const singles: CallMark[] = [];
  const features: Feature<Point, Props>[] = [];
  for (const id of clustered.singles) {
    const f = byId.get(id);
    if (!f) continue;
    features.push(f);
    const [lon, lat] = f.geometry.coordinates as [number, number];
    singles.push({ id, lon, lat, clinicalClass: f.properties.clinicalClass as ClinicalClass, waitLabel: String(f.properties.waitLabel) });
  }
  for (const c of clustered.clusters) {
    features.push(
      point(-1 - c.clusterId, c.lon, c.lat, {
        cluster: true,
        clusterId: c.clusterId,
        count: c.count,
        colour: CLASS_COLOUR[c.worst],
        radius: callClusterRadius(c.count, symbolScale),
      }),
    );
  }
  return { features: { type: 'FeatureCollection' as const, features }, singles, clusters: clustered.clusters, clustered };
}

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * A circle of `radiusM` metres around a point as a GeoJSON polygon (destination points on the sphere), so a
 * network location's accuracy is drawn at its true size at every zoom and latitude.
 */
export function circlePolygon(center: { lon: number; lat: number }, radiusM: number, steps = 64): Feature<Polygon> {
  const lat1 = (center.lat * Math.PI) / 180;
  const lon1 = (center.lon * Math.PI) / 180;
  const d = Math.max(radiusM, 1) / EARTH_RADIUS_M;
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const bearing = (2 * Math.PI * (i % steps)) / steps;
    const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
    const lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
    ring.push([(lon2 * 180) / Math.PI, (lat2 * 180) / Math.PI]);
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { radiusM } };
}

/**
 * The zoom at which a circle of `radiusM` around latitude `lat` is about `px` CSS pixels across its radius
 * (web-mercator tiles of 512 px), kept between a town's view and a street's: an answered caller's accuracy
 * circle is seen at a glance, whether the network gave 40 m or 4 km.
 */
export function zoomToShowRadius(radiusM: number, lat: number, px = 90): number {
  const metresPerPxAtZ0 = (2 * Math.PI * EARTH_RADIUS_M * Math.cos((lat * Math.PI) / 180)) / 512;
  const z = Math.log2((metresPerPxAtZ0 * px) / Math.max(radiusM, 1));
  return Math.min(16, Math.max(11, z));
}
