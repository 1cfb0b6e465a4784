/**
 * The city's calendar day, the one local day of the system: the command group's reports and "today", a hospital's
 * "today" at its ED door and the date in call numbers all run midnight to midnight city time, whatever zone the
 * server's machine is set to (containers usually run in UTC, which would start "today" at 08:00 in a UTC+8 city).
 */

/** China Standard Time: UTC+8 all year (no daylight saving), so a fixed offset is exact. */
export const CITY_UTC_OFFSET_MINUTES = 480;

export interface DayWindow {
  /** YYYY-MM-DD in city time. */
  day: string;
  from: Date;
  to: Date;
}

/** The city day named `day` (YYYY-MM-DD) as the instants [from, to). */
export function cityDay(day: string, offsetMinutes = CITY_UTC_OFFSET_MINUTES): DayWindow {
  const from = new Date(Date.parse(`${day}T00:00:00.000Z`) - offsetMinutes * 60_000);
  return { day, from, to: new Date(from.getTime() + 24 * 3600_000) };
}

/** The city day that contains `now` (local midnight belongs to the new day). */
export function cityDayOf(now: Date, offsetMinutes = CITY_UTC_OFFSET_MINUTES): DayWindow {
  return cityDay(new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10), offsetMinutes);
}

/** An instant as city local time with its offset, e.g. 2025-01-15T08:30:00+08:00 (NEMSIS and CSV readers want the offset). */
export function cityIso(at: Date | string | null, offsetMinutes = CITY_UTC_OFFSET_MINUTES): string {
  if (at === null) return '';
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
