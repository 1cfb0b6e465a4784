/** Clocks and names for the ED screen: server-aligned now, relative times, names in the screen's language. */
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { Hospital } from '@dispatch/shared';
import { liveStore } from '../../live/store.ts';

/** Server-aligned now, re-rendering every `everyMs`, for clocks that count up. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => liveStore.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(liveStore.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "just now", "5 min ago", "3 h ago". */
export function ago(t: TFunction, iso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t('hospital:ago.now');
  if (minutes < 120) return t('hospital:ago.minutes', { count: minutes });
  return t('hospital:ago.hours', { count: Math.floor(minutes / 60) });
}

/** Wall-clock time hh:mm in the screen's language. */
export const clockTime = (ms: number, lang: string): string => new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });

export const hospitalName = (h: Pick<Hospital, 'name' | 'nameEn'> | undefined, lang: string, fallback = '—'): string =>
  h ? (lang.startsWith('en') ? h.nameEn : h.name) : fallback;
