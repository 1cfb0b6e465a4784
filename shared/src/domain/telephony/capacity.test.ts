import { describe, expect, it } from 'vitest';
import { phoneCapacityOf } from './capacity.ts';
import type { PhoneLine } from './lines.ts';
import type { Seat, SeatState } from './seats.ts';

const NOW = new Date('2026-12-02T09:00:00Z');
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString();
const line = (lineId: number, surge: boolean, state: PhoneLine['state'] = 'idle', rangSecondsAgo = 0): PhoneLine => ({
  lineId,
  surge,
  state,
  attempt:
    state === 'idle'
      ? null
      : { lineId, callerNumber: '13800000000', location: null, state: state === 'on_call' ? 'on_call' : 'ringing', ringingAt: secondsAgo(rangSecondsAgo), answeredAt: null, seat: null, answeredBySeat: null, transfers: [], endedAt: null, eventIds: [] },
});
const seat = (n: number, surge: boolean, state: SeatState = 'away', held = false): Seat => ({ seat: n, surge, state, stateSince: NOW.toISOString(), holder: held ? { userId: n, displayName: `d${n}` } : null, version: 1 });

// A centre of 2 normal lines and 2 normal seats, wired for a 5x plan (10 lines, 10 seats).
const lines = (states: PhoneLine['state'][]) => Array.from({ length: 10 }, (_, i) => line(i + 1, i >= 2, states[i] ?? 'idle', 5));
const seats = (held: SeatState[]) => Array.from({ length: 10 }, (_, i) => seat(i + 1, i >= 2, held[i] ?? 'away', i < held.length));

describe('phoneCapacityOf', () => {
  it('counts the normal number and the 5x plan from the lines and seats the centre lists', () => {
    const c = phoneCapacityOf(lines([]), seats(['ready', 'ready']), 5, NOW);
    expect(c.lines).toMatchObject({ inUse: 0, installed: 10, normal: 2, plan: 10, longestRingSec: null, level: 'ok' });
    expect(c.seats).toMatchObject({ staffed: 2, available: 2, normal: 2, plan: 10, level: 'ok' });
  });

  it('is amber when more lines are busy than normally exist; the ringing level turns red when a caller rings past 10 s', () => {
    const busy = phoneCapacityOf(lines(['on_call', 'on_call', 'ringing']), seats(['on_call', 'on_call', 'ready']), 5, NOW);
    expect(busy.lines).toMatchObject({ inUse: 3, ringing: 1, longestRingSec: 5, level: 'amber', ringingLevel: 'amber' });
    const late = phoneCapacityOf([line(1, false, 'ringing', 11), line(2, false)], seats(['ready', 'ready']), 5, NOW);
    expect(late.lines).toMatchObject({ longestRingSec: 11, level: 'ok', ringingLevel: 'red' });
    const atTarget = phoneCapacityOf([line(1, false, 'ringing', 10), line(2, false)], seats(['ready', 'ready']), 5, NOW);
    expect(atTarget.lines).toMatchObject({ level: 'ok', ringingLevel: 'amber' });
    expect(phoneCapacityOf(lines([]), [], 5, NOW).lines.ringingLevel).toBe('ok');
  });

  it('is red when every wired line is taken: the next caller hears busy', () => {
    const full = phoneCapacityOf(lines(Array(10).fill('on_call')), seats(Array(10).fill('on_call')), 5, NOW);
    expect(full.lines).toMatchObject({ inUse: 10, level: 'red' });
  });

  it('seats: red below the normal staffing or when lines ring with no seat free; amber when calls outnumber staffed seats', () => {
    expect(phoneCapacityOf(lines([]), seats(['ready']), 5, NOW).seats).toMatchObject({ staffed: 1, level: 'red' });
    const noneFree = phoneCapacityOf(lines(['on_call', 'on_call', 'ringing']), seats(['on_call', 'on_call', 'away']), 5, NOW);
    expect(noneFree.seats).toMatchObject({ staffed: 3, available: 0, onCall: 2, away: 1, level: 'red' });
    const queueing = phoneCapacityOf(lines(['on_call', 'on_call', 'on_call', 'ringing']), seats(['on_call', 'on_call', 'wrap_up']), 5, NOW);
    expect(queueing.seats).toMatchObject({ staffed: 3, available: 1, level: 'amber' });
  });

  it('a plan multiple below 1 is read as 1, and an empty centre is not an error', () => {
    expect(phoneCapacityOf([], [], 0, NOW)).toMatchObject({ lines: { installed: 0, plan: 0, level: 'ok' }, seats: { staffed: 0, level: 'ok' } });
    expect(phoneCapacityOf(lines([]), seats(['ready', 'ready']), 0.5, NOW).lines.plan).toBe(2);
  });
});
