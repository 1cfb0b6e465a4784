import { describe, expect, it } from 'vitest';
import type { ClinicalClass } from '../model.ts';
import { cityDayOf } from './cityDay.ts';
import { summarizeHospitalDay } from './hospitalDay.ts';
import { buildTransport, FACTORY_NOW } from './testFactories.ts';

const CIXI = 480; // UTC+8

describe('cityDayOf', () => {
  it('finds the local day in a zone ahead of UTC, midnight to midnight', () => {
    // 08:00Z on 5 Jan is 16:00 in Cixi; the day ran from 16:00Z on 4 Jan.
    const b = cityDayOf(FACTORY_NOW, CIXI);
    expect(b.day).toBe('2023-01-05');
    expect(b.from.toISOString()).toBe('2023-01-04T16:00:00.000Z');
    expect(b.to.toISOString()).toBe('2023-01-05T16:00:00.000Z');
    // Local midnight belongs to the new day; one millisecond before, to the old one.
    expect(cityDayOf(new Date('2023-01-04T16:00:00.000Z'), CIXI).day).toBe('2023-01-05');
    expect(cityDayOf(new Date('2023-01-04T15:59:59.999Z'), CIXI).day).toBe('2023-01-04');
    expect(cityDayOf(new Date('2023-01-04T15:59:59.999Z'), 0).day).toBe('2023-01-04');
  });
});

describe('summarizeHospitalDay', () => {
  const bounds = cityDayOf(FACTORY_NOW, CIXI);
  const t = (callId: number, arrivedAt: string | null, handedOverAt: string | null, hospitalId = 1) =>
    buildTransport({ callId, hospitalId, arrivedAt, handedOverAt, closedAt: handedOverAt, acceptance: handedOverAt ? 'handed_over' : 'arrived' });
  const classOf = new Map<number, ClinicalClass>([
    [1, 'critical'],
    [2, 'common'],
    [3, 'common'],
    [4, 'severe'],
    [5, 'mild'],
    [6, 'critical'],
    [7, 'common'],
  ]);
  const transports = [
    t(1, '2023-01-05T01:00:00.000Z', '2023-01-05T01:10:00.000Z'), // 10 min
    t(2, '2023-01-05T02:00:00.000Z', '2023-01-05T02:25:00.000Z'), // 25 min
    t(3, '2023-01-05T03:00:00.000Z', '2023-01-05T03:40:00.000Z'), // 40 min
    t(4, '2023-01-04T15:50:00.000Z', '2023-01-04T16:20:00.000Z'), // arrived 23:50 yesterday, handed over 00:20 today: 30 min
    t(5, '2023-01-05T07:30:00.000Z', null), // at the door now
    t(6, '2023-01-05T04:00:00.000Z', '2023-01-05T05:00:00.000Z', 2), // another hospital
    t(7, '2023-01-04T10:00:00.000Z', '2023-01-04T10:30:00.000Z'), // yesterday
  ];
  const declines = [
    { at: '2023-01-05T05:00:00.000Z', reason: 'no_icu_bed' as const },
    { at: '2023-01-05T06:00:00.000Z', reason: 'ed_saturated' as const },
    { at: '2023-01-04T15:59:00.000Z', reason: 'other' as const }, // 23:59 yesterday
  ];

  it('counts handovers, offload median and p90, declines and patients by class for the local day', () => {
    const day = summarizeHospitalDay({ hospitalId: 1, transports, classOf, declines, bounds });
    expect(day.day).toBe('2023-01-05');
    expect(day.handovers).toBe(4);
    // Offloads 10, 25, 30, 40: median (25 + 30) / 2; p90 at rank 0.9 × 3 = 2.7 → 30 + 0.7 × 10.
    expect(day.offloadMedianMin).toBe(27.5);
    expect(day.offloadP90Min).toBeCloseTo(37, 10);
    expect(day.declines).toBe(2);
    expect(day.declinesByReason).toEqual({ no_icu_bed: 1, no_ventilator: 0, ed_saturated: 1, other: 0 });
    // Seen today: arrived today 1 (critical), 2 and 3 (common), 5 (mild); 4 (severe) arrived at 23:50
    // yesterday but was handed over today; 7 was yesterday altogether.
    expect(day.patientsByClass).toEqual({ critical: 1, severe: 1, common: 2, mild: 1, asymptomatic: 0 });
    expect(day.atDoorNow).toBe(1);
  });

  it('has no offload figures on a day without handovers', () => {
    const day = summarizeHospitalDay({ hospitalId: 1, transports: [t(5, '2023-01-05T07:30:00.000Z', null)], classOf, declines: [], bounds });
    expect(day.handovers).toBe(0);
    expect(day.offloadMedianMin).toBeNull();
    expect(day.offloadP90Min).toBeNull();
    expect(day.atDoorNow).toBe(1);
  });
});
