import { describe, expect, it } from 'vitest';
import { consoleAnswerEventId, longestRinging, mayAnswer, pastAnswerTarget, ringingForSeconds, ringingLines } from './answer.ts';
import { callAttempts, lineStateOf, type LineEvent, type LineState } from './lines.ts';

const T0 = Date.parse('2026-12-01T08:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
let n = 0;
const ev = (lineId: number, kind: LineEvent['kind'], s: number, extra: Partial<LineEvent> = {}): LineEvent => ({ eventId: `e${++n}`, lineId, kind, at: at(s), callerNumber: `1380000000${lineId}`, ...extra });
/** The lines' states after their events, as the server keeps them. */
const linesAfter = (events: LineEvent[]): LineState[] => {
  const attempts = callAttempts(events);
  return [...new Set(events.map((e) => e.lineId))].map((id) => lineStateOf(id, attempts));
};

describe('longestRinging: the line the next answer takes', () => {
  it('is the caller who has waited longest, whatever order the lines are listed in', () => {
    const lines = linesAfter([ev(1, 'ringing', 20), ev(2, 'ringing', 5), ev(3, 'ringing', 12)]);
    expect(longestRinging(lines)?.lineId).toBe(2);
    expect(longestRinging([...lines].reverse())?.lineId).toBe(2);
    expect(ringingLines(lines).map((l) => l.lineId)).toEqual([2, 3, 1]);
  });

  it('skips lines on a call, idle lines, ended and abandoned callers', () => {
    const lines = linesAfter([
      ev(1, 'ringing', 0),
      ev(1, 'answered', 4, { seat: 1 }),
      ev(2, 'ringing', 1),
      ev(2, 'abandoned', 30),
      ev(3, 'ringing', 2),
      ev(3, 'answered', 5, { seat: 2 }),
      ev(3, 'ended', 50),
      ev(4, 'ringing', 40),
    ]);
    expect(longestRinging(lines)?.lineId).toBe(4);
  });

  it('a held attempt (an answer before its ring) is not offered; nothing ringing gives null', () => {
    const lines = linesAfter([ev(5, 'answered', 3, { seat: 1 })]);
    expect(longestRinging(lines)).toBeNull();
    expect(longestRinging([])).toBeNull();
  });

  it('on the same ring instant, the lower line number first (the same answer on every server)', () => {
    const lines = linesAfter([ev(9, 'ringing', 7), ev(4, 'ringing', 7)]);
    expect(longestRinging(lines)?.lineId).toBe(4);
  });

  it('counts the ring in whole seconds and turns past the 10 s target at 11 s', () => {
    const [line] = ringingLines(linesAfter([ev(1, 'ringing', 0)]));
    expect(line && ringingForSeconds(line, new Date(T0 + 10_900))).toBe(10);
    expect(line && ringingForSeconds(line, new Date(T0 - 2000))).toBe(0);
    expect(pastAnswerTarget(10)).toBe(false);
    expect(pastAnswerTarget(11)).toBe(true);
  });
});

describe('mayAnswer and the console answer id', () => {
  it('a ready seat or one in wrap-up answers; on a call or away does not, with a code', () => {
    expect(mayAnswer('ready')).toEqual({ ok: true, value: 'on_call' });
    expect(mayAnswer('wrap_up').ok).toBe(true);
    expect(mayAnswer('on_call')).toMatchObject({ ok: false, error: { code: 'SEAT_ON_CALL' } });
    expect(mayAnswer('away')).toMatchObject({ ok: false, error: { code: 'SEAT_AWAY' } });
  });

  it('one id per seat and ring, within the gateway limit of 100 characters', () => {
    expect(consoleAnswerEventId(2, 7, 'pbx-42-ring')).toBe('console:2:7:pbx-42-ring');
    const long = `pbx-${'x'.repeat(120)}-42`;
    const id = consoleAnswerEventId(12, 300, long);
    expect(id.length).toBe(100);
    expect(id.startsWith('console:12:300:')).toBe(true);
    expect(id.endsWith('-42')).toBe(true);
  });
});
