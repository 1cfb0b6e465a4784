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
