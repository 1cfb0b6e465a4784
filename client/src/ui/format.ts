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

export type ClockPart = 'time' | 'seconds' | 'day' | 'dateTime';
const CLOCK_OPTIONS: Readonly<Record<ClockPart, Intl.DateTimeFormatOptions>> = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
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

const LOCAL_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/;

/**
 * A time typed as YYYY-MM-DD [HH:mm] (a space or a T between), in the browser's zone, as epoch ms; null
 * when it is not one. Used instead of the browser's own date boxes, which speak the browser's language
 * (mm/dd/yyyy on an English Chromium in front of a Chinese screen).
 */
export function parseLocalDateTime(text: string): number | null {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  const at = new Date(y, mo - 1, d, h, mi);
  // Reject what Date silently rolls over (2026-02-31, 25:00).
  if (at.getFullYear() !== y || at.getMonth() !== mo - 1 || at.getDate() !== d || at.getHours() !== h || at.getMinutes() !== mi) return null;
  return at.getTime();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → "YYYY-MM-DD HH:mm" in the browser's zone, the form parseLocalDateTime reads. */
export function formatLocalDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}
