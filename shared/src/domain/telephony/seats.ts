/** Dispatch seats (调度席位): who holds one and what it is doing; the moves a seat may make. */
import { err, ok, type Result } from '../result.ts';

export const SEAT_STATES = ['ready', 'on_call', 'wrap_up', 'away'] as const;
export type SeatState = (typeof SEAT_STATES)[number];

/**
 * The moves a seat may make. A call ends into wrap-up; a seat in wrap-up may take the next call (in a surge
 * notes wait) but an away seat must come back to ready first; away is a pause that cannot cut a call short.
 */
export const SEAT_TRANSITIONS: Readonly<Record<SeatState, readonly SeatState[]>> = {
  ready: ['on_call', 'away'],
  on_call: ['wrap_up'],
  wrap_up: ['ready', 'away', 'on_call'],
  away: ['ready'],
};

/** The seat's next state, or SEAT_TRANSITION when the move is not allowed. Staying put is allowed. */
export function nextSeatState(from: SeatState, to: SeatState): Result<SeatState> {
  if (from === to || SEAT_TRANSITIONS[from].includes(to)) return ok(to);
  return err('SEAT_TRANSITION', `a seat ${from} cannot go ${to}`, { state: from });
}

/** A seat as every console sees it. */
export interface Seat {
  seat: number;
  /** One of the seats added for the surge plan, not the centre's normal ones (DOMAIN.md rule 4). */
  surge: boolean;
  state: SeatState;
  stateSince: string;
  /** The dispatcher signed in at the seat; null when nobody is. */
  holder: { userId: number; displayName: string } | null;
  version: number;
}

/**
 * What a call attempt means for the seats it touched: the seat talking to the caller is on a call; a seat the
 * call was transferred away from, or every seat of an attempt that is over, goes to wrap-up if it was on it.
 * The phone is the fact here: a seat the PBX says answered is on a call whatever state it claimed.
 */
export function seatMovesOf(attempt: { state: string; seat: number | null; answeredBySeat: number | null; transfers: readonly { seat: number | null }[] }): Map<number, SeatState> {
  const moves = new Map<number, SeatState>();
  const touched = [attempt.answeredBySeat, ...attempt.transfers.map((t) => t.seat), attempt.seat].filter((s): s is number => s !== null);
  for (const s of touched) moves.set(s, 'wrap_up');
  if (attempt.state === 'on_call' && attempt.seat !== null) moves.set(attempt.seat, 'on_call');
  return moves;
}
