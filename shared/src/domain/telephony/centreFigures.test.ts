/**
 * A recorded day of the centre, figures worked out by hand (in the comments), city day 2026-12-01 in
 * Asia/Shanghai (UTC+8): midnight is 2026-11-30T16:00Z.
 */
import { describe, expect, it } from 'vitest';
import { cityDay } from '../cityDay.ts';
import type { LoggedChange } from '../trends.ts';
import { centreFigures, nearestTownSetting, type CentreFiguresInput } from './centreFigures.ts';
import type { LineEvent } from './lines.ts';

const OFFSET = 480;
const DAY = cityDay('2026-12-01', OFFSET);
/** City local time 'YYYY-MM-DD HH:MM:SS' as an ISO instant. */
const local = (s: string) => new Date(Date.parse(`${s.replace(' ', 'T')}Z`) - OFFSET * 60_000).toISOString();
const on = (hms: string) => local(`2026-12-01 ${hms}`);

let seq = 0;
const logged = (name: string, entity: string, entityId: number, at: string, after: unknown): LoggedChange => ({ seq: ++seq, at, name, entity, entityId, after });
const line = (eventId: string, lineId: number, kind: LineEvent['kind'], at: string, seat?: number) =>
  logged(`line.${kind}`, 'line', lineId, at, { event: { eventId, lineId, kind, at, callerNumber: `1380000${lineId}000`, seat: seat ?? null }, line: null });

// Lines. Offered on the day: A1..A6 = 6 (A7 rang the day before). Answered within 10 s: A1 (5 s) and A5 (exactly 10 s).
// Judged 6 (four answered, two abandoned): 2/6 = 33.3 %. Abandoned A3, A4: 2/6 = 33.3 %.
const A2 = [line('a2-end', 2, 'ended', on('08:04:00')), line('a2-ans', 2, 'answered', on('08:00:25'), 2), line('a2-ring', 2, 'ringing', on('08:00:10'))];
const LINES = [
  line('a1-ring', 1, 'ringing', on('08:00:00')),
  line('a1-ans', 1, 'answered', on('08:00:05'), 1),
  line('a1-end', 1, 'ended', on('08:03:00')),
  ...A2, // arrived backwards: end, answer, ring; waited 15 s
  line('a3-ring', 3, 'ringing', on('08:10:00')),
  line('a3-ab', 3, 'abandoned', on('08:10:40')),
  line('a4-ring', 1, 'ringing', on('08:20:00')),
  line('a4-end', 1, 'ended', on('08:20:08')), // ended unanswered: abandoned
  line('a5-ring', 2, 'ringing', on('09:00:00')),
  line('a5-ans', 2, 'answered', on('09:00:10'), 1),
  line('a5-tr', 2, 'transferred', on('09:01:00'), 3),
  line('a5-end', 2, 'ended', on('09:05:00')),
  line('a6-ring', 4, 'ringing', on('23:59:55')), // straddles midnight: the 1st's, 12 s, late
  line('a6-ans', 4, 'answered', local('2026-12-02 00:00:07'), 4),
  line('a7-ring', 5, 'ringing', local('2026-11-30 23:59:50')), // the 30th's
  line('a7-ans', 5, 'answered', on('00:00:02'), 5),
  line('held-ans', 6, 'answered', on('10:00:00'), 6), // its ring never came: held, not offered
];
const DUPLICATES = [line('a1-ans', 1, 'answered', on('08:00:05'), 1), line('a3-ab', 3, 'abandoned', on('08:10:40'))];

// Units. T1 left in 2 min, T2 in 4 min (late), T3 stood down before leaving (not judged), T4 assigned 23:58
// and left 00:00:30 (2.5 min, the 1st's): 2/3 = 66.7 %.
const transport = (id: number, unitId: number, assignedAt: string, more: Record<string, string | null> = {}) =>
  ({ id, unitId, callId: id, assignedAt, arrivedAt: null, handedOverAt: null, closedAt: null, ...more });
const unit = (id: number, transportId: number, at: string) => logged('unit.statusChanged', 'unit', id, at, { id, status: 'en_route', transportId });
const UNITS = [
  logged('transport.assigned', 'transport', 1, on('08:05:00'), transport(1, 11, on('08:05:00'))),
  unit(11, 1, on('08:07:00')),
  logged('transport.assigned', 'transport', 2, on('08:06:00'), transport(2, 12, on('08:06:00'))),
  unit(12, 2, on('08:10:00')),
  logged('transport.assigned', 'transport', 3, on('08:30:00'), transport(3, 13, on('08:30:00'))),
  logged('transport.cancelled', 'transport', 3, on('08:31:00'), transport(3, 13, on('08:30:00'), { closedAt: on('08:31:00') })),
  logged('transport.assigned', 'transport', 4, on('23:58:00'), transport(4, 14, on('23:58:00'))),
  unit(14, 4, local('2026-12-02 00:00:30')),
];

// Handovers. T1 20 min, T2 40 min (late), T5 arrived 23:50 and handed over 00:10 (20 min, the 1st's), T4
// arrived the 2nd: 2/3 = 66.7 %.
const HANDOVERS = [
  logged('transport.handedOver', 'transport', 1, on('08:50:00'), transport(1, 11, on('08:05:00'), { arrivedAt: on('08:30:00'), handedOverAt: on('08:50:00') })),
  logged('transport.handedOver', 'transport', 2, on('09:40:00'), transport(2, 12, on('08:06:00'), { arrivedAt: on('09:00:00'), handedOverAt: on('09:40:00') })),
  logged('transport.handedOver', 'transport', 5, local('2026-12-02 00:10:00'), transport(5, 15, on('23:20:00'), { arrivedAt: on('23:50:00'), handedOverAt: local('2026-12-02 00:10:00') })),
  logged('transport.arrived', 'transport', 4, local('2026-12-02 00:30:00'), transport(4, 14, on('23:58:00'), { arrivedAt: local('2026-12-02 00:30:00') })),
];

// Response: urban (lon < 121.3) 7, 12 and 5 min: average 8.0 (target 8: met), p90 5,7,12 → 7 + 0.8 × 5 = 11.0.
// Rural 10 min. The transfer call is not an emergency response.
const URBAN = 121.2;
const RURAL = 121.4;
const call = (id: number, receivedAt: string, lon: number, kind = 'emergency') => logged('call.created', 'call', id, receivedAt, { id, kind, status: 'received', receivedAt, lon, lat: 30.1 });
const scene = (id: number, at: string) => logged('call.statusChanged', 'call', id, at, { id, status: 'on_scene' });
const CALLS = [
  call(1, on('08:00:00'), URBAN),
  scene(1, on('08:07:00')),
  call(2, on('08:00:10'), URBAN),
  scene(2, on('08:12:10')),
  logged('call.statusChanged', 'call', 2, on('08:30:00'), { id: 2, status: 'transporting' }),
  call(3, on('08:10:00'), RURAL),
  scene(3, on('08:20:00')),
  call(4, on('09:00:00'), URBAN),
  logged('call.statusChanged', 'call', 4, on('09:05:00'), { id: 4, status: 'transporting' }), // on scene skipped in the log
  call(5, on('09:10:00'), URBAN, 'transfer'),
  scene(5, on('09:20:00')),
];

const input = (events: LoggedChange[]): CentreFiguresInput => ({
  window: DAY,
  until: DAY.to,
  baselinePerHour: 2,
  events,
  settingOf: (p) => (p.lon < 121.3 ? 'urban' : 'rural'),
});
const ALL = [...LINES, ...UNITS, ...HANDOVERS, ...CALLS];

describe('the centre figures of a recorded day', () => {
  const f = centreFigures(input([...ALL, ...DUPLICATES]));

  it('answered within 10 s: 2 of 6 offered, the midnight call counted on the day it rang', () => {
    expect(f.offered).toBe(6);
    expect(f.answeredWithin).toEqual({ count: 2, of: 6, pct: 33.3, targetPct: 95, met: false });
    expect(f.held).toBe(1);
  });

  it('abandoned: the hang-up and the call ended unanswered, 2 of 6, duplicates counted once', () => {
    expect(f.abandoned).toMatchObject({ count: 2, of: 6, pct: 33.3 });
  });

  it('units leaving within 3 min: 2 of 3, the one stood down before leaving not judged', () => {
    expect(f.leftWithin).toEqual({ count: 2, of: 3, pct: 66.7, targetPct: 95, met: false });
  });

  it('response time by the town class: urban average 8.0 p90 11.0 (met), rural 10.0', () => {
    expect(f.response.urban).toEqual({ calls: 3, averageMin: 8, p90Min: 11, targetMin: 8, met: true });
    expect(f.response.rural).toEqual({ calls: 1, averageMin: 10, p90Min: 10, targetMin: 12, met: true });
  });

  it('handovers within 30 min: 2 of 3, the one arriving after midnight belongs to the next day', () => {
    expect(f.handoverWithin).toEqual({ count: 2, of: 3, pct: 66.7, targetPct: 90, met: false });
  });

  it('calls offered per city hour against the baseline of 2 an hour: 4 at 08:00 (2.0x), 1 at 09:00, 1 at 23:00', () => {
    expect(f.hours).toHaveLength(24);
    expect(f.hours[0]?.from).toBe('2026-11-30T16:00:00.000Z');
    expect(f.hours.map((h) => h.offered)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(f.peakHour).toMatchObject({ from: on('08:00:00'), offered: 4, multiple: 2 });
  });

  it('judges each hour as the day is judged, by when the ring, call, assignment or arrival came', () => {
    const hour = (hh: string) => f.hours.find((h) => h.from === on(`${hh}:00:00`));
    // 08:00: A1 in time of A1–A4 (1/4); A3, A4 abandoned; T1 left in time, T2 late, T3 stood down (1/2);
    // urban calls 1 and 2, 7 and 12 min (9.5), rural call 3, 10 min; T1 handed over in 20 min (1/1).
    expect(hour('08')).toEqual({ from: on('08:00:00'), offered: 4, multiple: 2, answeredWithinPct: 25, abandoned: 2, leftWithinPct: 50, responseUrbanMin: 9.5, responseRuralMin: 10, handoverWithinPct: 100 });
    // 09:00: A5 at exactly 10 s; nothing assigned; call 4 at 5 min; T2 arrived 09:00 and waited 40 min.
    expect(hour('09')).toEqual({ from: on('09:00:00'), offered: 1, multiple: 0.5, answeredWithinPct: 100, abandoned: 0, leftWithinPct: null, responseUrbanMin: 5, responseRuralMin: null, handoverWithinPct: 0 });
    // 23:00: A6 answered at 12 s; T4 assigned 23:58 left after midnight in 2.5 min; T5 arrived 23:50, 20 min.
    expect(hour('23')).toMatchObject({ offered: 1, answeredWithinPct: 0, leftWithinPct: 100, handoverWithinPct: 100, responseUrbanMin: null });
    expect(hour('03')).toMatchObject({ offered: 0, answeredWithinPct: null, leftWithinPct: null, handoverWithinPct: null });
  });

  it('gives the same figures whatever order the log is read in', () => {
    const shuffled = [...ALL].reverse();
    expect(centreFigures(input(shuffled))).toEqual(centreFigures(input(ALL)));
  });

  it('the next day gets the after-midnight arrival and none of the 1st calls', () => {
    const next = centreFigures({ ...input(ALL), window: cityDay('2026-12-02', OFFSET), until: cityDay('2026-12-02', OFFSET).to });
    expect(next.offered).toBe(0);
    // The 1st's held answer (10:00) is not the 2nd's.
    expect(next.held).toBe(0);
    // T4 arrived 00:30 and was never handed over: held past 30 min by the end of the day.
    expect(next.handoverWithin).toMatchObject({ count: 0, of: 1 });
  });

  it('a ring still unanswered at report time counts as late only once 10 s have gone', () => {
    const ringing = [line('r', 7, 'ringing', on('12:00:00'))];
    expect(centreFigures({ ...input(ringing), until: new Date(Date.parse(on('12:00:05'))) }).answeredWithin.of).toBe(0);
    expect(centreFigures({ ...input(ringing), until: new Date(Date.parse(on('12:00:11'))) }).answeredWithin).toMatchObject({ count: 0, of: 1 });
  });
});

describe('the town class of a call', () => {
  it('is the class of the nearest town or sub-district, not of a village', () => {
    const settingOf = nearestTownSetting([
      { kind: 'subdistrict', setting: 'urban', lon: 121.25, lat: 30.17 },
      { kind: 'town', setting: 'rural', lon: 121.45, lat: 30.2 },
      { kind: 'village', setting: 'urban', lon: 121.44, lat: 30.2 },
    ]);
    expect(settingOf({ lon: 121.26, lat: 30.17 })).toBe('urban');
    expect(settingOf({ lon: 121.44, lat: 30.2 })).toBe('rural');
  });
});
