/** One morning at two seats, worked out by hand; city day 2026-12-01 in UTC+8 (the window is given in UTC). */
import { describe, expect, it } from 'vitest';
import type { LoggedChange } from '../trends.ts';
import { dispatcherFigures } from './dispatcherFigures.ts';
import type { LineEvent } from './lines.ts';

const at = (hms: string) => `2026-12-01T${hms}.000Z`;
let seq = 0;
const logged = (name: string, entity: string, entityId: number, when: string, after: unknown, actorId: number | null = null): LoggedChange => ({ seq: ++seq, at: when, name, entity, entityId, after, actorId });
const LI = { userId: 7, displayName: 'Li Na' };
const WANG = { userId: 8, displayName: 'Wang Wei' };
const seat = (n: number, when: string, holder: typeof LI | null, name = 'seat.signedIn') => logged(name, 'seat', n, when, { seat: n, holder });
const line = (eventId: string, lineId: number, kind: LineEvent['kind'], when: string, seatNo?: number) =>
  logged(`line.${kind}`, 'line', lineId, when, { event: { eventId, lineId, kind, at: when, callerNumber: '13800000000', seat: seatNo ?? null }, line: null });

// Li holds seat 1 from before the window all hour; Wang holds seat 2 from 09:00 to 09:30, after which seat 2 is
// empty and a call answered there is nobody's.
const EVENTS: LoggedChange[] = [
  seat(2, at('09:00:00'), WANG),
  // Li answers after 4 s and talks 120 s; then after 16 s (late) and talks 60 s before transferring to seat 2.
  line('1r', 1, 'ringing', at('09:05:00')),
  line('1a', 1, 'answered', at('09:05:04'), 1),
  line('1e', 1, 'ended', at('09:07:04')),
  line('2r', 2, 'ringing', at('09:10:00')),
  line('2a', 2, 'answered', at('09:10:16'), 1),
  line('2t', 2, 'transferred', at('09:11:16'), 2),
  line('2e', 2, 'ended', at('09:12:00')),
  // Wang answers one after 8 s, talks 30 s.
  line('3r', 3, 'ringing', at('09:20:00')),
  line('3a', 3, 'answered', at('09:20:08'), 2),
  line('3e', 3, 'ended', at('09:20:38')),
  seat(2, at('09:30:00'), null, 'seat.signedOut'),
  // Answered at seat 2 after Wang left: nobody's.
  line('4r', 4, 'ringing', at('09:40:00')),
  line('4a', 4, 'answered', at('09:40:02'), 2),
  // Li opens an incident and closes an advice call (created and closed in one step, counted once);
  // Wang edits a call after signing out (still his: he held a seat today).
  logged('call.created', 'call', 1, at('09:06:00'), { kind: 'emergency', outcome: null }, 7),
  logged('call.created', 'call', 2, at('09:11:00'), { kind: 'emergency', outcome: 'advice' }, 7),
  logged('call.closed', 'call', 2, at('09:11:00'), { kind: 'emergency', outcome: 'advice' }, 7),
  logged('call.closed', 'call', 3, at('09:35:00'), { kind: 'emergency', outcome: 'home_care' }, 8),
  // The command group (id 9, never at a seat) closing a call is not a dispatcher's figure.
  logged('call.closed', 'call', 4, at('09:36:00'), { kind: 'emergency', outcome: 'advice' }, 9),
];

describe('per-dispatcher figures', () => {
  const rows = dispatcherFigures({ from: new Date(at('09:00:00')), until: new Date(at('10:00:00')), seatsAtStart: [{ seat: 1, holder: LI }, { seat: 2, holder: null }], events: EVENTS });

  it('gives each answer to whoever held the seat then, with the waits and talk times of their callers', () => {
    expect(rows.map((r) => r.displayName)).toEqual(['Li Na', 'Wang Wei']);
    const [li, wang] = rows;
    // Li: waits 4 and 16 s (mean 10), one in time of two; talks 120 s and 60 s (to the transfer): 90 s.
    expect(li).toMatchObject({ userId: 7, seats: [1], signedInMin: 60, answered: 2, averageRingSec: 10, averageTalkSec: 90, incidents: 1, adviceClosed: 1 });
    expect(li?.answeredWithin).toEqual({ count: 1, of: 2, pct: 50, targetPct: 95, met: false });
    // Wang: 30 min at seat 2, one caller after 8 s, 30 s; the 09:40 answer at his old seat is not his.
    expect(wang).toMatchObject({ userId: 8, seats: [2], signedInMin: 30, answered: 1, averageRingSec: 8, averageTalkSec: 30, incidents: 0, adviceClosed: 1 });
  });

  it('reads the log in any order and leaves out what fell outside the window', () => {
    const reversed = dispatcherFigures({ from: new Date(at('09:00:00')), until: new Date(at('10:00:00')), seatsAtStart: [{ seat: 1, holder: LI }, { seat: 2, holder: null }], events: [...EVENTS].reverse() });
    expect(reversed).toEqual(rows);
    const early = dispatcherFigures({ from: new Date(at('09:00:00')), until: new Date(at('09:15:00')), seatsAtStart: [{ seat: 1, holder: LI }, { seat: 2, holder: null }], events: EVENTS });
    expect(early.find((r) => r.userId === 7)).toMatchObject({ signedInMin: 15, answered: 2 });
    expect(early.find((r) => r.userId === 8)).toMatchObject({ signedInMin: 15, answered: 0, averageRingSec: null });
  });
});
