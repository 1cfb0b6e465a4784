/** Each dispatcher's day at the phone (shared/src/domain/telephony/dispatcherFigures.ts), for the command group. */
import { dispatcherFigures, type DispatcherFigure, type Seat } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { statesAt } from '../repositories/eventHistory.ts';
import { createTelephonyRepo, toSeat } from '../repositories/telephony.ts';
import { readDayLog, type DayLog } from './centreFigures.ts';

/** The figures of `day` (or today) up to `now`; a report passes the log it has read for the centre's figures. */
export async function loadDispatcherFigures(db: Executor, now: Date, day?: string, log?: DayLog): Promise<DispatcherFigure[]> {
  const seatRows = await createTelephonyRepo(db).listSeats();
  const { window, until, events } = log ?? (await readDayLog(db, now, day));
  const before = await statesAt<Seat>(db, 'seat', seatRows.map((s) => s.seat), window.from);
  // A seat never changed since is today as it was then (every change is logged).
  const seatsAtStart = seatRows.map((r) => before.get(r.seat) ?? toSeat(r));
  return dispatcherFigures({ from: window.from, until, seatsAtStart, events });
}
