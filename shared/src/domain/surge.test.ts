import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../model.ts';
import { cityDay, cityDayOf, cityIso } from './cityDay.ts';
import { peakHour } from './dailyReport.ts';
import { computeNowStats, pressureLevel } from './surge.ts';
import { evaluateAlerts } from './surgeAlerts.ts';
import { buildTrends } from './trends.ts';
import { buildCall, buildHospital, buildTransport, buildUnit, DEMO_RULES, FACTORY_NOW } from './testFactories.ts';

const th = DEFAULT_THRESHOLDS;
const minsAgo = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();

describe('city day', () => {
  it('runs midnight to midnight in UTC+8 and formats times with the offset', () => {
    expect(cityDay('2025-01-15', 480).from.toISOString()).toBe('2025-01-14T16:00:00.000Z');
    // 23:30 UTC on the 14th is already the 15th in Cixi.
    expect(cityDayOf(new Date('2025-01-14T23:30:00Z'), 480).day).toBe('2025-01-15');
    expect(cityIso('2025-01-15T00:05:00Z', 480)).toBe('2025-01-15T08:05:00+08:00');
    expect(cityIso(null, 480)).toBe('');
  });
});

describe('hospital pressure and alert conditions (a threshold reached counts)', () => {
  it('is red at the ICU line, on diversion or at the red offload wait; amber ten points below', () => {
    const base = { icuPct: 50, bedsPct: 50, edStatus: 'open' as const, longestHeldMin: null };
    expect(pressureLevel(base, th)).toBe('ok');
    expect(pressureLevel({ ...base, icuPct: 90 }, th)).toBe('red');
    expect(pressureLevel({ ...base, icuPct: 80 }, th)).toBe('amber');
    expect(pressureLevel({ ...base, edStatus: 'diversion' }, th)).toBe('red');
    expect(pressureLevel({ ...base, longestHeldMin: 15 }, th)).toBe('amber');
    expect(pressureLevel({ ...base, longestHeldMin: 30 }, th)).toBe('red');
  });

  it('raises load at 4x, critical at the 5x plan; no critical-care unit free is critical', () => {
    const stats = (callsLastHour: number, ccFree: boolean) =>
      computeNowStats({
        now: FACTORY_NOW,
        dayStart: new Date(FACTORY_NOW.getTime() - 8 * 3600_000),
        day: '2023-01-05',
        thresholds: { ...th, baselineCallsPerHour: 10, minFreeUnits: 0 },
        population: 1_850_000,
        residentsPerUnit: 30_000,
        surgePlanMultiple: 5,
        rules: DEMO_RULES,
        calls: Array.from({ length: callsLastHour }, (_, i) => buildCall({ status: 'closed', outcome: 'advice', receivedAt: minsAgo(i % 60) })),
        units: [buildUnit({ kind: 'critical_care', status: ccFree ? 'available' : 'on_scene' }), buildUnit()],
        transports: [],
        hospitals: [buildHospital()],
      });
    const at = (n: number, cc = true) => evaluateAlerts(stats(n, cc), { ...th, minFreeUnits: 0 }).map((a) => [a.subject, a.level]);
    expect(at(39)).toEqual([]);
    expect(at(40)).toEqual([['load', 'warning']]);
    expect(at(50)).toEqual([['load', 'critical']]);
    expect(at(0, false)).toEqual([['critical_care_units', 'critical']]);
  });

  it('counts a unit held at the door until now, and only today\'s handovers for the median', () => {
    const s = computeNowStats({
      now: FACTORY_NOW,
      dayStart: new Date(FACTORY_NOW.getTime() - 60 * 60_000),
      day: '2023-01-05',
      thresholds: th,
      population: 30_000,
      residentsPerUnit: 30_000,
      surgePlanMultiple: 5,
      rules: DEMO_RULES,
      calls: [],
      units: [buildUnit()],
      hospitals: [buildHospital({ id: 1 })],
      transports: [
        buildTransport({ hospitalId: 1, arrivedAt: minsAgo(40), handedOverAt: null, closedAt: null }),
        // Handed over yesterday: not in today's median, but nothing of it lies in today either.
        buildTransport({ hospitalId: 1, arrivedAt: minsAgo(200), handedOverAt: minsAgo(120), closedAt: minsAgo(120) }),
        buildTransport({ hospitalId: 1, arrivedAt: minsAgo(80), handedOverAt: minsAgo(50), closedAt: minsAgo(50) }),
      ],
    });
    // 40 min running + the 10 min of the 30-min handover that fell inside today = 50 min.
    expect(s.offload).toMatchObject({ heldNow: 1, longestHeldMin: 40, handoversToday: 1, medianTodayMin: 30, unitHoursLostToday: 0.83 });
    expect(evaluateAlerts(s, { ...th, minFreeUnits: 1 }).map((a) => a.subject)).toEqual(['offload:1']);
  });
});

describe('load peak and trend replay', () => {
  it('finds the busiest 60 minutes; a call exactly an hour earlier is outside the window', () => {
    expect(peakHour(['2025-01-15T00:00:00Z', '2025-01-15T01:00:00Z', '2025-01-15T01:10:00Z'])).toEqual({ count: 2, at: '2025-01-15T01:10:00.000Z' });
    expect(peakHour([])).toEqual({ count: 0, at: null });
  });

  it('does not count a call that was created and closed in one instant as waiting', () => {
    const from = new Date('2025-01-15T00:00:00Z');
    const at = '2025-01-15T00:05:00.000Z';
    const r = buildTrends({
      from,
      to: new Date('2025-01-15T00:15:00Z'),
      bucketMinutes: 15,
      initial: { calls: [], units: [], transports: [], hospitals: [] },
      events: [
        { seq: 1, at, name: 'call.created', entity: 'call', entityId: 1, after: { id: 1, kind: 'emergency', status: 'received' } },
        { seq: 2, at, name: 'call.statusChanged', entity: 'call', entityId: 1, after: { id: 1, kind: 'emergency', status: 'closed' } },
      ],
    });
    expect(r.buckets[0]).toMatchObject({ callsReceived: 1, queueLength: 0, queueMax: 0 });
  });
});
