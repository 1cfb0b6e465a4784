/**
 * The loaded city's calendar for code that has no deps at hand (call numbers, CSV times): the city day and
 * local times in the city's time zone. The city watcher (current.ts) sets the zone when the city loads.
 */
import { cityDay, cityDayOf, cityIso, NO_CITY, utcOffsetMinutes, type DayWindow } from '@dispatch/shared';

let zone = NO_CITY.timeZone;

export function setCityTimeZone(timeZone: string): void {
  zone = timeZone;
}

/** The city's offset from UTC at `at`, in minutes. */
export const cityOffset = (at: Date): number => utcOffsetMinutes(zone, at);

/** The city day that contains `now`. */
export const cityToday = (now: Date): DayWindow => cityDayOf(now, cityOffset(now));

/** The city day named YYYY-MM-DD (its offset taken at that day's noon, which no daylight-saving change straddles). */
export const cityDayNamed = (day: string): DayWindow => cityDay(day, cityOffset(new Date(`${day}T12:00:00.000Z`)));

/** An instant as city local time with its offset (NEMSIS and CSV readers want the offset). */
export const cityLocalIso = (at: Date | string | null): string => cityIso(at, at === null ? 0 : cityOffset(new Date(at)));
