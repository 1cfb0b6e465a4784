/**
 * The phone side of the centre now, against its plan (DOMAIN.md rule 4: call lines and seats expanded to 5x
 * normal): how many lines are in use and how many seats are staffed, next to the normal number and the plan.
 * The normal number is what the centre lists as its normal lines and seats (not marked surge); the plan is
 * that number times the city's surge plan multiple.
 */
import type { PhoneLine } from './lines.ts';
import type { Seat } from './seats.ts';
import { CENTRE_TARGETS } from './targets.ts';

export type CapacityLevel = 'ok' | 'amber' | 'red';

export interface PhoneCapacity {
  lines: {
    /** Lines ringing or on a call. */
    inUse: number;
    ringing: number;
    /** Lines the centre has wired (normal and surge). */
    installed: number;
    normal: number;
    plan: number;
    /** Seconds the longest-ringing caller has waited; null when nothing rings. */
    longestRingSec: number | null;
    /**
     * Red when every installed line is taken (the next caller hears busy); amber when more lines are in use
     * than the centre normally has. A long ring is the ringing level's, not this one's.
     */
    level: CapacityLevel;
    /** Red when a caller has rung past the answer target, amber while anyone rings. */
    ringingLevel: CapacityLevel;
  };
  seats: {
    /** Seats with a dispatcher signed in (ready, on a call, in wrap-up or away). */
    staffed: number;
    /** Seats that can take the next call now: ready, or in wrap-up. */
    available: number;
    onCall: number;
    away: number;
    installed: number;
    normal: number;
    plan: number;
    /**
     * Red when fewer seats are staffed than the centre normally has, or lines ring with no seat to answer;
     * amber when the lines in use exceed the seats staffed (callers will queue).
     */
    level: CapacityLevel;
  };
}

/** The lines and seats now against the normal number and the plan; `now` makes the longest ring tick. */
export function phoneCapacityOf(lines: Iterable<PhoneLine>, seats: Iterable<Seat>, planMultiple: number, now: Date): PhoneCapacity {
  const allLines = [...lines];
  const allSeats = [...seats];
  const multiple = Math.max(1, planMultiple);
  const ringing = allLines.filter((l) => l.state === 'ringing');
  const inUse = allLines.filter((l) => l.state !== 'idle').length;
  const rings = ringing.flatMap((l) => (l.attempt?.ringingAt ? [Date.parse(l.attempt.ringingAt)] : []));
  const longestRingSec = rings.length ? Math.max(0, Math.round((now.getTime() - Math.min(...rings)) / 1000)) : null;
  const normalLines = allLines.filter((l) => !l.surge).length;
  const lineLevel: CapacityLevel = allLines.length > 0 && inUse >= allLines.length ? 'red' : inUse > normalLines ? 'amber' : 'ok';
  const ringingLevel: CapacityLevel = longestRingSec === null ? 'ok' : longestRingSec > CENTRE_TARGETS.answerWithinSeconds ? 'red' : 'amber';

  const staffed = allSeats.filter((s) => s.holder !== null);
  const available = staffed.filter((s) => s.state === 'ready' || s.state === 'wrap_up').length;
  const normalSeats = allSeats.filter((s) => !s.surge).length;
  const seatLevel: CapacityLevel =
    staffed.length < normalSeats || (ringing.length > 0 && available === 0) ? 'red' : inUse > staffed.length ? 'amber' : 'ok';
  return {
    lines: { inUse, ringing: ringing.length, installed: allLines.length, normal: normalLines, plan: Math.ceil(normalLines * multiple), longestRingSec, level: lineLevel, ringingLevel },
    seats: {
      staffed: staffed.length,
      available,
      onCall: staffed.filter((s) => s.state === 'on_call').length,
      away: staffed.filter((s) => s.state === 'away').length,
      installed: allSeats.length,
      normal: normalSeats,
      plan: Math.ceil(normalSeats * multiple),
      level: seatLevel,
    },
  };
}
