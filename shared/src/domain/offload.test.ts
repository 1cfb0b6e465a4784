import { describe, expect, it } from 'vitest';
import { median, offloadAtHospitals, offloadLevel, offloadMinutes, percentile } from './offload.ts';
import { buildTransport, FACTORY_NOW } from './testFactories.ts';

const ago = (m: number) => new Date(FACTORY_NOW.getTime() - m * 60_000).toISOString();

describe('offload', () => {
  it('is null before arrival, runs until handover, stops at handover', () => {
    expect(offloadMinutes(buildTransport(), FACTORY_NOW)).toBeNull();
    expect(offloadMinutes(buildTransport({ arrivedAt: ago(22) }), FACTORY_NOW)).toBe(22);
    expect(offloadMinutes(buildTransport({ arrivedAt: ago(40), handedOverAt: ago(31) }), FACTORY_NOW)).toBe(9);
  });

  it('turns amber and red at the thresholds', () => {
    const th = { offloadAmberMinutes: 15, offloadRedMinutes: 30 };
    expect(offloadLevel(14.9, th)).toBe('ok');
    expect(offloadLevel(15, th)).toBe('amber');
    expect(offloadLevel(29.9, th)).toBe('amber');
    expect(offloadLevel(30, th)).toBe('red');
  });

  it('computes percentiles by linear interpolation', () => {
    const xs = [40, 10, 30, 20]; // sorted 10 20 30 40
    expect(median(xs)).toBe(25);
    expect(percentile(xs, 90)).toBeCloseTo(37, 10); // h = 0.9 × 3 = 2.7 → 30 + 0.7 × 10
    expect(percentile(xs, 0)).toBe(10);
    expect(percentile(xs, 100)).toBe(40);
    expect(median([5, 1, 3])).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10); // h = 8.1
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
    expect(median([Number.NaN, 4])).toBe(4);
  });

  it('does not reorder the caller\'s array', () => {
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('sums each hospital’s door: who waits now, the longest wait, and the last hour’s median handover', () => {
    const at = (hospitalId: number, arrived: number, handedOver: number | null, closed: number | null = null) =>
      buildTransport({ hospitalId, arrivedAt: ago(arrived), handedOverAt: handedOver === null ? null : ago(handedOver), closedAt: closed === null ? null : ago(closed) });
    const doors = offloadAtHospitals(
      [
        at(1, 25, null),
        at(1, 40, null),
        at(1, 50, 30), // 20 min handover, 30 min ago
        at(1, 70, 60), // 10 min, exactly an hour ago: in
        at(1, 200, 90), // 110 min, handed over 90 min ago: out of the window
        at(2, 30, 25),
        at(2, 20, null, 5), // closed without handover (cancelled): not at the door
        buildTransport({ hospitalId: 3, arrivedAt: null }),
        buildTransport({ hospitalId: null, arrivedAt: ago(10) }),
      ],
      FACTORY_NOW,
    );
    expect(doors.get(1)).toEqual({ atDoor: 2, longestWaitMinutes: 40, medianLastHourMinutes: 15 });
    expect(doors.get(2)).toEqual({ atDoor: 0, longestWaitMinutes: 0, medianLastHourMinutes: 5 });
    expect(doors.has(3)).toBe(false);
  });
});
