import { describe, expect, it } from 'vitest';
import { callAttempts, lineStateOf, ringSeconds, type LineEvent } from './lines.ts';
import { nextSeatState, seatMovesOf } from './seats.ts';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (eventId: string, kind: LineEvent['kind'], s: number, extra: Partial<LineEvent> = {}): LineEvent => ({ eventId, lineId: 1, kind, at: at(s), callerNumber: '13800000001', ...extra });

/** Every order of a list (small lists only). */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

const story = [ev('r', 'ringing', 0), ev('a', 'answered', 7, { seat: 3 }), ev('t', 'transferred', 60, { seat: 5 }), ev('e', 'ended', 200)];

describe('line events into call attempts', () => {

  it('a ring, an answer at seat 3, a transfer to seat 5 and the end make one ended attempt, waited 7 s', () => {
    const [attempt, ...more] = callAttempts(story);
    expect(more).toEqual([]);
    expect(attempt).toMatchObject({ state: 'ended', ringingAt: at(0), answeredAt: at(7), answeredBySeat: 3, seat: 5, endedAt: at(200), eventIds: ['r', 'a', 't', 'e'] });
    expect(attempt && ringSeconds(attempt)).toBe(7);
  });

  it('gives the same attempt whatever order the events arrive in (answer before ring, end before answer)', () => {
    const expected = callAttempts(story);
    for (const order of permutations(story)) expect(callAttempts(order)).toEqual(expected);
  });

  it('counts a duplicated event once', () => {
    const once = callAttempts(story);
    expect(callAttempts([...story, ev('a', 'answered', 7, { seat: 3 }), ...story])).toEqual(once);
  });

  it('an end without an answer is a caller who hung up: abandoned, with the wait until the hang-up', () => {
    const [a] = callAttempts([ev('r', 'ringing', 0), ev('e', 'ended', 25)]);
    expect(a?.state).toBe('abandoned');
    expect(a && ringSeconds(a)).toBe(25);
  });

  it('holds an answer whose ring has not arrived, and the late ring completes the same attempt', () => {
    const held = callAttempts([ev('a', 'answered', 5, { seat: 2 })]);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ state: 'on_call', ringingAt: null });
    expect(held[0] && ringSeconds(held[0])).toBeNull();
    const late = callAttempts([ev('a', 'answered', 5, { seat: 2 }), ev('r', 'ringing', 1)]);
    expect(late).toHaveLength(1);
    expect(late[0] && ringSeconds(late[0])).toBe(4);
  });

  it('a second ring on a line still marked busy closes the first attempt as lost', () => {
    const attempts = callAttempts([ev('r1', 'ringing', 0), ev('a1', 'answered', 3, { seat: 1 }), ev('r2', 'ringing', 600, { callerNumber: '13900000002' })]);
    expect(attempts.map((a) => a.state)).toEqual(['lost', 'ringing']);
    expect(lineStateOf(1, attempts)).toMatchObject({ state: 'ringing', attempt: { callerNumber: '13900000002' } });
  });

  it('keeps lines apart and shows a line idle once its call ended', () => {
    const attempts = callAttempts([...story, ev('x', 'ringing', 10, { lineId: 2 })]);
    expect(lineStateOf(1, attempts).state).toBe('idle');
    expect(lineStateOf(2, attempts).state).toBe('ringing');
    expect(lineStateOf(3, attempts)).toEqual({ lineId: 3, state: 'idle', attempt: null });
  });
});

describe('seat states', () => {
  it('a ready seat takes a call, the call ends into wrap-up, wrap-up goes back to ready', () => {
    expect(nextSeatState('ready', 'on_call')).toEqual({ ok: true, value: 'on_call' });
    expect(nextSeatState('on_call', 'wrap_up').ok).toBe(true);
    expect(nextSeatState('wrap_up', 'ready').ok).toBe(true);
  });

  it('a transfer puts the new seat on the call and the first into wrap-up; the end puts both into wrap-up', () => {
    const talking = callAttempts(story.slice(0, 3))[0];
    const over = callAttempts(story)[0];
    expect(talking && Object.fromEntries(seatMovesOf(talking))).toEqual({ 3: 'wrap_up', 5: 'on_call' });
    expect(over && Object.fromEntries(seatMovesOf(over))).toEqual({ 3: 'wrap_up', 5: 'wrap_up' });
  });

  it('refuses going away in the middle of a call, and taking a call while away', () => {
    expect(nextSeatState('on_call', 'away')).toMatchObject({ ok: false, error: { code: 'SEAT_TRANSITION' } });
    expect(nextSeatState('away', 'on_call').ok).toBe(false);
  });
});
