/**
 * Answering from the console (docs/telephony.md "Answering from the console"): which ringing line a seat
 * takes, whether the seat may take one, and the id of the `answered` event the console records for it.
 */
import { err, ok, type Result } from '../result.ts';
import { CENTRE_TARGETS } from './targets.ts';
import type { LineState } from './lines.ts';
import type { SeatState } from './seats.ts';

/** A line that is ringing now, with the ring time known (a held attempt without its ring is not offered). */
export type RingingLine = LineState & { state: 'ringing'; attempt: NonNullable<LineState['attempt']> & { ringingAt: string } };

const isRinging = (l: LineState): l is RingingLine => l.state === 'ringing' && l.attempt !== null && l.attempt.state === 'ringing' && l.attempt.ringingAt !== null;

/** The ringing lines, longest-waiting caller first (earliest ring; the lower line number on a tie). */
export function ringingLines(lines: Iterable<LineState>): RingingLine[] {
  return [...lines].filter(isRinging).sort((a, b) => Date.parse(a.attempt.ringingAt) - Date.parse(b.attempt.ringingAt) || a.lineId - b.lineId);
}

/** The line the next answer takes: the caller who has waited longest; null when nothing rings. */
export function longestRinging(lines: Iterable<LineState>): RingingLine | null {
  return ringingLines(lines)[0] ?? null;
}

/** How long a ringing line has rung at `now`, in whole seconds (never negative: PBX clocks run a little ahead). */
export function ringingForSeconds(line: RingingLine, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(line.attempt.ringingAt)) / 1000));
}

/** Whether a ring has passed the national answer target (10 s). */
export function pastAnswerTarget(seconds: number): boolean {
  return seconds > CENTRE_TARGETS.answerWithinSeconds;
}

/**
 * Whether a seat may take the next caller: ready, or in wrap-up (in a surge notes wait). A seat already on a
 * call must finish it (SEAT_ON_CALL); an away seat must come back to ready first (SEAT_AWAY).
 */
export function mayAnswer(state: SeatState): Result<'on_call'> {
  if (state === 'ready' || state === 'wrap_up') return ok('on_call');
  if (state === 'on_call') return err('SEAT_ON_CALL', 'the seat is on a call: finish it before answering the next');
  return err('SEAT_AWAY', 'the seat is away: set it ready to answer');
}

const EVENT_ID_MAX = 100;

/**
 * The id of the `answered` event the console records when seat `seat` takes the ring `ringingEventId` on
 * `lineId`: one id per seat and attempt, so the same answer recorded twice is a duplicate. Kept within the
 * gateway's 100 characters by shortening a long ring id to its end, which is where PBX ids differ.
 */
export function consoleAnswerEventId(seat: number, lineId: number, ringingEventId: string): string {
  const head = `console:${seat}:${lineId}:`;
  return head + ringingEventId.slice(-(EVENT_ID_MAX - head.length));
}
