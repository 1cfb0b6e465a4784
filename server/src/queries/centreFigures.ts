/** The centre's own figures of one city day, from the event log (shared/src/domain/telephony/centreFigures.ts). */
import { centreFigures, nearestTownSetting, type CentreFigures, type CityProfile, type DayWindow, type LoggedChange } from '@dispatch/shared';
import type { Executor } from '../db/client.ts';
import { changesBetween } from '../repositories/eventHistory.ts';
import { listPlaces } from '../repositories/places.ts';
import { cityToday } from '../city/calendar.ts';
import { dayUpTo } from './surgeStats.ts';

/**
 * How far around the day the log is read: a ring before midnight is answered after it, a unit assigned at
 * 23:58 leaves after midnight, a patient arriving at 23:50 is handed over after it.
 */
const MARGIN_MS = 6 * 3600_000;

/** One city day's slice of the log: the centre's and the dispatchers' figures are both judged from it. */
export interface DayLog {
  window: DayWindow;
  until: Date;
  events: LoggedChange[];
}

/** The log around `day` (YYYY-MM-DD, city time), or today, up to `now`: lines, calls, units, transports and seats. */
export async function readDayLog(db: Executor, now: Date, day?: string): Promise<DayLog> {
  const { window, until } = dayUpTo(day ?? cityToday(now).day, now);
  const events = await changesBetween(db, ['line', 'call', 'unit', 'transport', 'seat'], new Date(window.from.getTime() - MARGIN_MS), new Date(Math.min(now.getTime() + 1, window.to.getTime() + MARGIN_MS)));
  return { window, until, events };
}

/** The figures of `day` (YYYY-MM-DD, city time), or of today; running clocks count up to `now`. A report passes the log it has read. */
export async function loadCentreFigures(db: Executor, now: Date, city: CityProfile, day?: string, log?: DayLog): Promise<CentreFigures> {
  const [{ window, until, events }, places] = await Promise.all([log ?? readDayLog(db, now, day), listPlaces(db)]);
  return centreFigures({ window, until, baselinePerHour: city.normalCallsPerHour, events, settingOf: nearestTownSetting(places) });
}
