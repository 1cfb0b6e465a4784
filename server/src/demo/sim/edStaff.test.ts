import { describe, expect, it } from 'vitest';
import { buildHospital } from '@dispatch/shared/domain/testFactories';
import { seededRandom } from '../random.ts';
import { nextCapacity, offloadMinutes } from './edStaff.ts';

describe('simulated ED staff', () => {
  it('offload delay grows with occupancy: about 5 min with room, 40+ when full, worse in a surge', () => {
    const mean = (pct: number, surge: boolean) => {
      const rand = seededRandom(1);
      let s = 0;
      for (let i = 0; i < 500; i++) s += offloadMinutes(pct, surge, rand);
      return s / 500;
    };
    expect(mean(50, false)).toBeCloseTo(5, 0);
    expect(mean(100, false)).toBeGreaterThan(40);
    expect(mean(100, true)).toBeGreaterThan(mean(100, false));
  });

  it('keeps reports valid, drifts up in a surge, and diverts a full hospital for two hours', () => {
    const rand = seededRandom(2);
    const now = new Date('2023-01-05T08:00:00Z');
    let h = buildHospital({ kind: 'second_level', openBeds: 200, occupiedBeds: 150, icuOpen: 6, icuOccupied: 5, edStatus: 'open', diversionUntil: null });
    let diverted = false;
    for (let i = 0; i < 400; i++) {
      const next = nextCapacity(h, { surge: true, admitted: 1, now, rand });
      h = { ...h, ...next };
      expect(h.occupiedBeds).toBeLessThanOrEqual(h.openBeds);
      expect(h.icuOccupied).toBeLessThanOrEqual(h.icuOpen);
      if (h.edStatus === 'diversion') {
        diverted = true;
        expect(Date.parse(h.diversionUntil ?? '') - now.getTime()).toBe(2 * 3600_000);
      }
    }
    expect(h.occupiedBeds).toBeGreaterThan(190);
    expect(diverted).toBe(true);
  });
});
