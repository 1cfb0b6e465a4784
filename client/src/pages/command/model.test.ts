import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type HospitalPressure, type NowStats } from '@dispatch/shared';
import { levelAbove, loadLevel, pressureOrder } from './model.ts';

const load = (multiple: number): NowStats['load'] => ({ callsLastHour: 0, adviceLastHour: 0, transfersLastHour: 0, baselinePerHour: 40, multiple, planMultiple: 5, alertMultiple: DEFAULT_THRESHOLDS.loadMultiple, callsToday: 0, adviceToday: 0 });

describe('command tiles and pressure order', () => {
  it('colours the load amber from the alert multiple and red from the 5x plan', () => {
    expect([3.9, 4, 4.9, 5, 6].map((m) => loadLevel(load(m)))).toEqual(['ok', 'amber', 'amber', 'red', 'red']);
    expect(levelAbove(null, 1, 2)).toBe('ok');
    expect(levelAbove(30, 15, 30)).toBe('red');
  });

  it('puts red hospitals first, then fuller ICUs, then longer waits at the door', () => {
    const row = (code: string, level: HospitalPressure['level'], icuPct: number | null, longestHeldMin: number | null) => ({ code, level, icuPct, longestHeldMin }) as HospitalPressure;
    const order = pressureOrder([row('H09', 'ok', null, null), row('H03', 'amber', 80, null), row('H02', 'ok', 75, 12), row('H04', 'ok', 75, 20), row('H01', 'red', 95, null)]);
    expect(order.map((r) => r.code)).toEqual(['H01', 'H03', 'H04', 'H02', 'H09']);
  });
});
