import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type CentreFigures, type HospitalPressure, type NowStats } from '@dispatch/shared';
import i18n from '../../i18n/index.ts';
import { centreTilesOf, levelAbove, loadLevel, pressureOrder, tilesOf } from './model.ts';

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

describe("the centre's own figures", () => {
  const share = (count: number, of: number, targetPct: number | null) => ({ count, of, pct: of ? Math.round((count / of) * 1000) / 10 : null, targetPct, met: of && targetPct !== null ? (count / of) * 100 >= targetPct : null });
  const figures = (answered: number): CentreFigures => ({
    day: '2022-12-27',
    offered: 20,
    held: 0,
    answeredWithin: share(answered, 20, 95),
    abandoned: share(2, 20, null),
    leftWithin: share(19, 20, 95),
    response: {
      urban: { calls: 10, averageMin: 9.2, p90Min: 14, targetMin: 8, met: false },
      rural: { calls: 0, averageMin: null, p90Min: null, targetMin: 12, met: null },
    },
    handoverWithin: share(3, 3, 95),
    hours: [],
    peakHour: { from: '2022-12-27T00:00:00.000Z', offered: 9, multiple: 4.5, answeredWithinPct: 90, abandoned: 1, leftWithinPct: 100, responseUrbanMin: 9, responseRuralMin: null, handoverWithinPct: 100 },
  });
  const t = i18n.getFixedT('en', 'command');

  it('a missed national target is red, a met one or one without data is not, and the figures read as a dispatcher says them', () => {
    const tiles = centreTilesOf(figures(19), (k, o) => t(k, o ?? {}));
    const byKey = new Map(tiles.map((x) => [x.key, x]));
    expect(tiles.map((x) => x.key)).toEqual(['answered', 'abandoned', 'leftWithin', 'response-urban', 'response-rural', 'handoverWithin', 'offered']);
    // 19 of 20 is 95 %: the target is "at least 95", so it is met.
    expect(byKey.get('answered')).toMatchObject({ value: '95%', level: 'ok', detail: '19 of 20 rung; target ≥ 95%' });
    expect(centreTilesOf(figures(18), (k, o) => t(k, o ?? {}))[0]).toMatchObject({ value: '90%', level: 'red' });
    expect(byKey.get('response-urban')).toMatchObject({ value: '9 min', level: 'red' });
    expect(byKey.get('response-rural')).toMatchObject({ value: '—', level: 'ok' });
    expect(byKey.get('abandoned')).toMatchObject({ value: '10%', level: 'ok' });
    expect(byKey.get('offered')?.detail).toBe('busiest hour 9 calls, 4.5× a normal hour');
  });
});
