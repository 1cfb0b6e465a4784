/** Each dispatcher's day at the phone (shared/src/domain/telephony/dispatcherFigures.ts), for the command group. */
import { dispatcherFigures, type DispatcherFigure, type Seat } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { changesBetween, statesAt } from '../repositories/eventHistory.ts';
import { createTelephonyRepo, toSeat } from '../repositories/telephony.ts';
import { cityToday } from '../city/calendar.ts';
import { dayUpTo } from './surgeStats.ts';

/** A ring before midnight is answered after it: read the lines a little before the day. */
const MARGIN_MS = 3600_000;

export async function loadDispatcherFigures(db: Executor, now: Date, day?: string): Promise<DispatcherFigure[]> {
  const { window, until } = dayUpTo(day ?? cityToday(now).day, now);
  const seatRows = await createTelephonyRepo(db).listSeats();
  const [events, before] = await Promise.all([
    changesBetween(db, ['seat', 'line', 'call'], new Date(window.from.getTime() - MARGIN_MS), new Date(until.getTime() + 1)),
    statesAt<Seat>(db, 'seat', seatRows.map((s) => s.seat), window.from),
  ]);
  // A seat never changed since is today as it was then (every change is logged).
  const seatsAtStart = seatRows.map((r) => before.get(r.seat) ?? toSeat(r));
  return dispatcherFigures({ from: window.from, until, seatsAtStart, events });
}
