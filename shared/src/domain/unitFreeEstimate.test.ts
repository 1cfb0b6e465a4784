import { describe, expect, it } from 'vitest';
import type { TravelTimeEstimator } from './geo.ts';
import { buildUnit, CIXI_CENTRE, FACTORY_NOW } from './testFactories.ts';
import { estimateUnitFree, TYPICAL_HANDOVER_MINUTES, TYPICAL_SCENE_MINUTES, TYPICAL_TRANSPORT_MINUTES } from './unitFreeEstimate.ts';

const lonMinutes: TravelTimeEstimator = { name: 'test', minutes: (from, to) => Math.abs(from.lon - to.lon) * 1000 };
const at = (minutes: number) => ({ lon: CIXI_CENTRE.lon + minutes / 1000, lat: CIXI_CENTRE.lat });
const patient = { ...CIXI_CENTRE, clinicalClass: 'severe' as const };
const since = (minutesAgo: number) => new Date(FACTORY_NOW.getTime() - minutesAgo * 60_000).toISOString();
const job = { scene: at(10), destination: at(25), carrying: 'severe' as const };
const estimate = (status: Parameters<typeof buildUnit>[0], j: Parameters<typeof estimateUnitFree>[1] = job) =>
  estimateUnitFree(buildUnit({ id: 1, kind: 'critical_care', ...at(4), ...status }), j, patient, FACTORY_NOW, lonMinutes);

describe('estimateUnitFree', () => {
  it('en route: to scene, a typical scene time, the run to its hospital, a typical handover; then the drive here', () => {
    const e = estimate({ status: 'en_route' });
    expect(e?.freeInMinutes).toBe(6 + TYPICAL_SCENE_MINUTES + 15 + TYPICAL_HANDOVER_MINUTES);
    expect(e?.etaMinutes).toBe(6 + TYPICAL_SCENE_MINUTES + 15 + TYPICAL_HANDOVER_MINUTES + 25);
    expect(e?.assumptions).toEqual(['typical_scene', 'typical_handover']);
  });

  it('on scene: what is left of the typical scene time, never below zero', () => {
    expect(estimate({ status: 'on_scene', ...at(10), statusSince: since(5) })?.freeInMinutes).toBe(TYPICAL_SCENE_MINUTES - 5 + 15 + TYPICAL_HANDOVER_MINUTES);
    expect(estimate({ status: 'on_scene', ...at(10), statusSince: since(50) })?.freeInMinutes).toBe(15 + TYPICAL_HANDOVER_MINUTES);
  });

  it('transporting: the drive left to its hospital plus a handover; a typical run when the destination is not known', () => {
    expect(estimate({ status: 'transporting', ...at(20) })?.freeInMinutes).toBe(5 + TYPICAL_HANDOVER_MINUTES);
    const blind = estimate({ status: 'transporting', statusSince: since(4) }, { scene: at(10), destination: null, carrying: null });
    expect(blind?.freeInMinutes).toBe(TYPICAL_TRANSPORT_MINUTES - 4 + TYPICAL_HANDOVER_MINUTES);
    expect(blind?.assumptions).toContain('typical_transport');
  });

  it('at hospital: what is left of a typical handover, from the hospital it stands at', () => {
    const e = estimate({ status: 'at_hospital', ...at(25), statusSince: since(12) });
    expect(e?.freeInMinutes).toBe(TYPICAL_HANDOVER_MINUTES - 12);
    expect(e?.etaMinutes).toBe(TYPICAL_HANDOVER_MINUTES - 12 + 25);
  });

  it('gives no estimate for a unit not on a job or with no readable position', () => {
    for (const status of ['available', 'returning', 'out_of_service', 'parked'] as const) expect(estimate({ status: status as never })).toBeNull();
    expect(estimate({ status: 'on_scene', lon: Number.NaN })).toBeNull();
  });
});
