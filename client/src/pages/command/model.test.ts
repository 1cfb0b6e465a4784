import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type HospitalPressure, type NowStats } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { levelAbove, loadLevel, pressureOrder, tilesOf } from './model.ts';

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

  it('counts in the tiles\' details agree with their number in English: 1 call, 1 handover; 2 calls, 2 handovers', () => {
    const stats = (n: number): NowStats => ({
      at: '2026-01-01T00:00:00Z',
      day: '2026-01-01',
      queue: { waiting: 0, longestWaitMin: null },
      load: { ...load(0.1), callsLastHour: n, callsToday: n },
      units: { total: 15, byStatus: { available: 15, dispatched: 0, en_route: 0, on_scene: 0, transporting: 0, at_hospital: 0, returning: 0, out_of_service: 0 }, inService: 15, busy: 0, free: 15, busyShare: 0, criticalCareTotal: 5, criticalCareFree: 5 },
      offload: { heldNow: 0, longestHeldMin: null, handoversToday: n, medianTodayMin: 3, p90TodayMin: 3, unitHoursLostToday: 0, worstHospitals: [] },
      hospitals: [],
      city: { icuOpen: 0, icuOccupied: 0, icuPct: null, openBeds: 0, occupiedBeds: 0, bedsPct: null, icuConvertibleClosed: 0 },
      diversion: [],
      fleet: { population: 348_500, residentsPerUnit: 30_000, required: 12, actual: 15, meets: true },
    });
    const detail = (lang: string, n: number) => {
      const t = i18n.getFixedT(lang, 'command');
      const tiles = tilesOf(stats(n), DEFAULT_THRESHOLDS, (key, opts) => t(key, opts ?? {}));
      return Object.fromEntries(tiles.map((tile) => [tile.key, tile.detail]));
    };
    expect(detail('en', 1)).toMatchObject({ load: '1 call in the last hour · baseline 40/h · plan 5×', advice: '0 in the last hour · 1 call today', offloadToday: 'p90 3 min · 0 unit-hours lost · 1 handover' });
    expect(detail('en', 2)).toMatchObject({ load: '2 calls in the last hour · baseline 40/h · plan 5×', advice: '0 in the last hour · 2 calls today', offloadToday: 'p90 3 min · 0 unit-hours lost · 2 handovers' });
    expect(detail('zh-CN', 1)).toMatchObject({ load: '近一小时 1 个呼叫 · 基线 40/小时 · 预案 5 倍', offloadToday: 'P90 3 分钟 · 损失 0 车·小时 · 交接 1 例' });
  });
});
