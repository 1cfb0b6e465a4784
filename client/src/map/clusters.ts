/**
 * Clusters for the city zoom (supercluster, the index MapLibre itself uses): units and calls that would
 * sit on one another become one bubble that says what it holds, counted by status (units) or class
 * (calls), and how many critical-care units are inside. Critical calls, the selected call or unit and
 * the units on the selected call are never clustered: a dispatcher must see each of them where it is.
 */
import Supercluster, { type ClusterProperties } from 'supercluster';
import { CLINICAL_CLASSES, UNIT_STATUSES, type ClinicalClass, type UnitKind, type UnitStatus } from '@dispatch/shared';

/** Above this zoom nothing is clustered (street level: every symbol apart). */
export const CLUSTER_MAX_ZOOM = 13;
/** Points closer than this (in pixels of the map's 512 px tiles, times the symbol scale) share a bubble. */
const RADIUS_PX = 28;

export interface UnitPoint {
  id: number;
  kind: UnitKind;
  status: UnitStatus;
  lon: number;
  lat: number;
}

type UnitProps = { id: number; cc: number } & Partial<Record<`s_${UnitStatus}`, number>>;

export interface UnitCluster {
  clusterId: number;
  lon: number;
  lat: number;
  count: number;
  criticalCare: number;
  byStatus: Partial<Record<UnitStatus, number>>;
}

export interface UnitClusters {
  singles: number[];
  clusters: UnitCluster[];
  /** The unit ids a bubble holds (tests, clicks). */
  members(clusterId: number): number[];
  /** The zoom at which a bubble comes apart. */
  expansionZoom(clusterId: number): number;
}

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

/** `scale`: the symbols' scale (a wall draws them larger, so they need more room before they touch). */
export function clusterUnits(points: readonly UnitPoint[], zoom: number, keepApart: (id: number) => boolean, scale = 1): UnitClusters {
  const apart = points.filter((p) => keepApart(p.id));
  const pooled = points.filter((p) => !keepApart(p.id));
  const index = new Supercluster<UnitProps, UnitProps>({
    radius: RADIUS_PX * scale,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    map: (p) => ({ ...p }),
    reduce: (acc, p) => {
      acc.cc += p.cc;
      for (const s of UNIT_STATUSES) {
        const k = `s_${s}` as const;
        if (p[k]) acc[k] = (acc[k] ?? 0) + (p[k] ?? 0);
      }
    },
  });
  index.load(
    pooled.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: { id: p.id, cc: p.kind === 'critical_care' ? 1 : 0, [`s_${p.status}`]: 1 },
    })),
  );
  const singles = apart.map((p) => p.id);
  const clusters: UnitCluster[] = [];
  for (const f of index.getClusters(WORLD, Math.floor(zoom))) {
    const props = f.properties as UnitProps & Partial<ClusterProperties>;
    if (!props.cluster) {
      singles.push(props.id);
      continue;
    }
    const byStatus: Partial<Record<UnitStatus, number>> = {};
    for (const s of UNIT_STATUSES) if (props[`s_${s}`]) byStatus[s] = props[`s_${s}`];
    const [lon, lat] = f.geometry.coordinates as [number, number];
    clusters.push({ clusterId: props.cluster_id ?? -1, lon, lat, count: props.point_count ?? 0, criticalCare: props.cc, byStatus });
  }
  return {
    singles,
    clusters,
    members: leavesOf(index),
    expansionZoom: (id) => index.getClusterExpansionZoom(id),
  };
}

export interface CallPoint {
  id: number;
  clinicalClass: ClinicalClass;
  lon: number;
  lat: number;
}

type CallProps = { id: number } & Partial<Record<`c_${ClinicalClass}`, number>>;

export interface CallCluster {
  clusterId: number;
  lon: number;
  lat: number;
  count: number;
  byClass: Partial<Record<ClinicalClass, number>>;
  /** The sickest class inside (the bubble's colour). */
  worst: ClinicalClass;
}

export interface CallClusters {
  singles: number[];
  clusters: CallCluster[];
  members(clusterId: number): number[];
  expansionZoom(clusterId: number): number;
}

export function clusterCalls(points: readonly CallPoint[], zoom: number, keepApart: (p: CallPoint) => boolean, scale = 1): CallClusters {
  const index = new Supercluster<CallProps, CallProps>({
    radius: RADIUS_PX * scale,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    map: (p) => ({ ...p }),
    reduce: (acc, p) => {
      for (const c of CLINICAL_CLASSES) {
        const k = `c_${c}` as const;
        if (p[k]) acc[k] = (acc[k] ?? 0) + (p[k] ?? 0);
      }
    },
  });
  const singleIds = points.filter(keepApart).map((p) => p.id);
  const pooled = points.filter((p) => !keepApart(p));
  index.load(
    pooled.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
      properties: { id: p.id, [`c_${p.clinicalClass}`]: 1 },
    })),
  );
  const clusters: CallCluster[] = [];
  for (const f of index.getClusters(WORLD, Math.floor(zoom))) {
    const props = f.properties as CallProps & Partial<ClusterProperties>;
    if (!props.cluster) {
      singleIds.push(props.id);
      continue;
    }
    const byClass: Partial<Record<ClinicalClass, number>> = {};
    for (const c of CLINICAL_CLASSES) if (props[`c_${c}`]) byClass[c] = props[`c_${c}`];
    const [lon, lat] = f.geometry.coordinates as [number, number];
    // CLINICAL_CLASSES runs from the sickest down.
    const worst = CLINICAL_CLASSES.find((c) => (byClass[c] ?? 0) > 0) ?? 'common';
    clusters.push({ clusterId: props.cluster_id ?? -1, lon, lat, count: props.point_count ?? 0, byClass, worst });
  }
  return {
    singles: singleIds,
    clusters,
    members: leavesOf(index),
    expansionZoom: (id) => index.getClusterExpansionZoom(id),
  };
}

/** A bubble's members, read from the index once per bubble: the overlay asks for them on every frame. */
function leavesOf<P extends { id: number }>(index: Supercluster<P, P>): (clusterId: number) => number[] {
  const known = new Map<number, number[]>();
  return (clusterId) => {
    let ids = known.get(clusterId);
    if (!ids) {
      ids = index.getLeaves(clusterId, Infinity).map((l) => l.properties.id);
      known.set(clusterId, ids);
    }
    return ids;
  };
}
