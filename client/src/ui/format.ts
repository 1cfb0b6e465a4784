/** Formatting every console shares: elapsed clocks and names in the screen's language. */
import type { Hospital } from '@dispatch/shared';

/** Elapsed time as m:ss, or h:mm:ss past an hour; never negative. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** A hospital's (or station's) name in the screen's language. */
export const hospitalName = (h: Pick<Hospital, 'name' | 'nameEn'> | undefined, lang: string, fallback = '—'): string =>
  h ? (lang.startsWith('en') ? h.nameEn : h.name) : fallback;

type ClockPart = 'time' | 'day' | 'dateTime';
const CLOCK_OPTIONS: Readonly<Record<ClockPart, Intl.DateTimeFormatOptions>> = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  day: { month: 'short', day: 'numeric' },
  dateTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};
const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the city's clock shows it, in the screen's language: 24-hour in both, because a 120 centre
 * logs in 24-hour time and "12am" is read wrong at 3 a.m. Formatters are cached (they are costly to make).
 */
export function formatCityClock(ms: number, part: ClockPart, lang: string, timeZone: string): string {
  const locale = lang.startsWith('en') ? 'en-GB' : 'zh-CN';
  const key = `${locale}|${timeZone}|${part}`;
  let f = clockFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { ...CLOCK_OPTIONS[part], timeZone });
    } catch {
      // An unknown zone name must not blank the screen: show UTC rather than nothing.
      f = new Intl.DateTimeFormat(locale, { ...CLOCK_OPTIONS[part], timeZone: 'UTC' });
    }
    clockFormats.set(key, f);
  }
  return f.format(ms);
}

/** A calendar day (YYYY-MM-DD, already the city's day) named in the screen's language, with its weekday. */
export function formatDayName(day: string, lang: string): string {
  const locale = lang.startsWith('en') ? 'en-GB' : 'zh-CN';
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));
}
