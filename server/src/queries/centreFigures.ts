/** The centre's own figures of one city day, from the event log (shared/src/domain/telephony/centreFigures.ts). */
import { centreFigures, nearestTownSetting, type CentreFigures, type CityProfile } from '@dispatch/shared';
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

/** The figures of `day` (YYYY-MM-DD, city time), or of today; running clocks count up to `now`. */
export async function loadCentreFigures(db: Executor, now: Date, city: CityProfile, day?: string): Promise<CentreFigures> {
  const { window, until } = dayUpTo(day ?? cityToday(now).day, now);
  const [events, places] = await Promise.all([
    changesBetween(db, ['line', 'call', 'unit', 'transport'], new Date(window.from.getTime() - MARGIN_MS), new Date(Math.min(now.getTime() + 1, window.to.getTime() + MARGIN_MS))),
    listPlaces(db),
  ]);
  return centreFigures({ window, until, baselinePerHour: city.normalCallsPerHour, events, settingOf: nearestTownSetting(places) });
}
