import { describe, expect, it } from 'vitest';
import { callAttempts, type LineEvent } from '../telephony/lines.ts';
import { callbackEntryFor, callbackList, type CallbackRecord } from './callbacks.ts';

const NOW = new Date('2026-12-02T02:00:00.000Z');
const t = (hhmmss: string) => `2026-12-02T${hhmmss}.000Z`;
let seq = 0;
const ev = (lineId: number, kind: LineEvent['kind'], at: string, callerNumber: string, seat: number | null = null): LineEvent => ({
  eventId: `e${++seq}-${kind}`,
  lineId,
  kind,
  at: t(at),
  callerNumber,
  seat,
});
/** A caller who rang and hung up after `waitS` seconds. */
const hungUp = (lineId: number, at: string, number: string, endAt: string) => [ev(lineId, 'ringing', at, number), ev(lineId, 'abandoned', endAt, number)];
const answered = (lineId: number, at: string, number: string, ansAt: string, endAt: string) => [
  ev(lineId, 'ringing', at, number),
  ev(lineId, 'answered', ansAt, number, 1),
  ev(lineId, 'ended', endAt, number),
];
let cbId = 0;
const callback = (number: string, at: string, outcome: CallbackRecord['outcome']): CallbackRecord => ({
  id: ++cbId,
  attemptEventId: 'x',
  callerNumber: number,
  at: t(at),
  by: '王调度',
  outcome,
  note: '',
  callId: null,
});

describe('callbackList', () => {
  it('lists a caller who hung up, with when it rang and how long they waited (ring to hang-up)', () => {
    const attempts = callAttempts(hungUp(1, '01:10:00', '13800000001', '01:10:42'));
    const [entry, ...rest] = callbackList(attempts, [], NOW);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ callerNumber: '13800000001', lineId: 1, firstRangAt: t('01:10:00'), waitedSeconds: 42, abandoned: 1, tries: 1, repeat: false, callbacks: [] });
    expect(entry?.attemptEventId).toBe(attempts[0]?.eventIds[0]);
  });

  it('an ended with no answer is a hang-up too; an answered call is not on the list', () => {
    const events = [...answered(1, '01:00:00', '13800000002', '01:00:05', '01:03:00'), ev(2, 'ringing', '01:20:00', '13800000003'), ev(2, 'ended', '01:20:30', '13800000003')];
    expect(callbackList(callAttempts(events), [], NOW).map((e) => e.callerNumber)).toEqual(['13800000003']);
  });

  it('one entry per number: three hang-ups are one caller with three tries, the oldest ring first, the last wait shown', () => {
    const events = [
      ...hungUp(1, '01:00:00', '13800000004', '01:00:20'),
      ...hungUp(2, '01:05:00', '13800000004', '01:05:50'),
      ...hungUp(3, '01:30:00', '13800000004', '01:30:15'),
    ];
    const [entry] = callbackList(callAttempts(events), [], NOW);
    expect(entry).toMatchObject({ firstRangAt: t('01:00:00'), lastRangAt: t('01:30:00'), waitedSeconds: 15, abandoned: 3, tries: 3, repeat: true, lineId: 3 });
  });

  it('orders the longest without an answer first', () => {
    const events = [...hungUp(1, '01:40:00', '13800000005', '01:40:30'), ...hungUp(2, '01:15:00', '13800000006', '01:15:30'), ...hungUp(3, '01:25:00', '13800000007', '01:25:30')];
    expect(callbackList(callAttempts(events), [], NOW).map((e) => e.callerNumber)).toEqual(['13800000006', '13800000007', '13800000005']);
  });

  it('a caller who later got through is resolved; one who hung up again after getting through is back on the list', () => {
    const through = [...hungUp(1, '01:00:00', '13800000008', '01:00:30'), ...answered(2, '01:10:00', '13800000008', '01:10:04', '01:12:00')];
    expect(callbackList(callAttempts(through), [], NOW)).toEqual([]);
    const again = [...through, ...hungUp(3, '01:50:00', '13800000008', '01:50:40')];
    const [entry] = callbackList(callAttempts(again), [], NOW);
    // Counted from the new hang-up; the tries count every attempt of the number (3), so the repeat shows.
    expect(entry).toMatchObject({ firstRangAt: t('01:50:00'), abandoned: 1, tries: 3, repeat: true });
  });

  it('callbacks without reaching the caller stay listed with their outcomes; `reached` takes the caller off', () => {
    const attempts = callAttempts(hungUp(1, '01:00:00', '13800000009', '01:00:30'));
    const tried = [callback('13800000009', '01:05:00', 'no_answer'), callback('13800000009', '01:15:00', 'busy')];
    const [entry] = callbackList(attempts, tried, NOW);
    expect(entry?.callbacks.map((c) => c.outcome)).toEqual(['no_answer', 'busy']);
    expect(callbackList(attempts, [...tried, callback('13800000009', '01:25:00', 'reached')], NOW)).toEqual([]);
  });

  it('a `reached` before a new hang-up does not resolve it, and older callbacks are not shown with it', () => {
    const events = [...hungUp(1, '01:00:00', '13800000010', '01:00:30'), ...hungUp(1, '01:40:00', '13800000010', '01:41:00')];
    const [entry] = callbackList(callAttempts(events), [callback('13800000010', '01:05:00', 'reached')], NOW);
    expect(entry).toMatchObject({ firstRangAt: t('01:40:00'), abandoned: 1, waitedSeconds: 60, callbacks: [] });
  });

  it('leaves out hang-ups older than the 24 h window', () => {
    const old = hungUp(1, '01:00:00', '13800000011', '01:00:30').map((e) => ({ ...e, at: e.at.replace('2026-12-02', '2026-11-30') }));
    expect(callbackList(callAttempts(old), [], NOW)).toEqual([]);
  });

  it('finds the entry of a logged callback by any event of an attempt, or by the number', () => {
    const events = hungUp(4, '01:00:00', '13800000012', '01:00:30');
    const attempts = callAttempts(events);
    const entries = callbackList(attempts, [], NOW);
    expect(callbackEntryFor(entries, attempts, { attemptEventId: events[1]?.eventId })?.entry?.callerNumber).toBe('13800000012');
    expect(callbackEntryFor(entries, attempts, { callerNumber: '13800000012' })?.attempt.lineId).toBe(4);
    expect(callbackEntryFor(entries, attempts, { attemptEventId: 'nope' })).toBeNull();
  });
});
