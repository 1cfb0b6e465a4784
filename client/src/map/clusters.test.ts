import { describe, expect, it } from 'vitest';
import { CLINICAL_CLASSES, seededRandom, UNIT_STATUSES } from '@dispatch/shared';
import { clusterCalls, clusterUnits, CLUSTER_MAX_ZOOM, type CallPoint, type UnitPoint } from './clusters.ts';

const rand = seededRandom(64);
const around = (n: number) => Array.from({ length: n }, () => [121.25 + (rand() - 0.5) * 0.1, 30.17 + (rand() - 0.5) * 0.06] as const);

describe('map bubbles', () => {
  const units: UnitPoint[] = around(64).map(([lon, lat], i) => ({ id: i + 1, kind: i % 4 === 0 ? 'critical_care' : 'standard', status: UNIT_STATUSES[i % UNIT_STATUSES.length] ?? 'available', lon, lat }));

  it('holds every unit once, counts critical-care units and statuses per bubble, and keeps the chosen unit apart', () => {
    const c = clusterUnits(units, 10, (id) => id === 5);
    expect(c.clusters.length).toBeGreaterThan(0);
    const members = c.clusters.flatMap((b) => c.members(b.clusterId));
    expect(new Set([...members, ...c.singles]).size).toBe(64);
    expect(members.length + c.singles.length).toBe(64);
    expect(c.singles).toContain(5);
    for (const b of c.clusters) {
      const inside = c.members(b.clusterId).map((id) => units[id - 1]!);
      expect(b.count).toBe(inside.length);
      expect(b.criticalCare).toBe(inside.filter((u) => u.kind === 'critical_care').length);
      expect(Object.values(b.byStatus).reduce((n, v) => n + (v ?? 0), 0)).toBe(inside.length);
      expect(c.expansionZoom(b.clusterId)).toBeGreaterThan(10);
    }
  });

  it('puts nothing in a bubble above the cluster zoom', () => {
    expect(clusterUnits(units, CLUSTER_MAX_ZOOM + 1, () => false).clusters).toEqual([]);
  });

  it('never puts a critical call in a bubble; the sickest class colours the bubble', () => {
    const calls: CallPoint[] = around(300).map(([lon, lat], i) => ({ id: i + 1, clinicalClass: CLINICAL_CLASSES[i % 5] ?? 'common', lon, lat }));
    const c = clusterCalls(calls, 10, (p) => p.clinicalClass === 'critical');
    const bubbled = c.clusters.flatMap((b) => c.members(b.clusterId));
    expect(bubbled.some((id) => calls[id - 1]?.clinicalClass === 'critical')).toBe(false);
    expect(calls.filter((p) => p.clinicalClass === 'critical').every((p) => c.singles.includes(p.id))).toBe(true);
    expect(bubbled.length + c.singles.length).toBe(300);
    for (const b of c.clusters) {
      const classes = c.members(b.clusterId).map((id) => calls[id - 1]!.clinicalClass);
      expect(b.worst).toBe(CLINICAL_CLASSES.find((k) => classes.includes(k)));
      expect(b.byClass.severe ?? 0).toBe(classes.filter((k) => k === 'severe').length);
    }
  });
});
