/** Relative and wall-clock times for the ED screen, in the screen's language. */
import type { TFunction } from 'i18next';

/** "just now", "5 min ago", "3 h ago". */
export function ago(t: TFunction, iso: string, nowMs: number): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(iso)) / 60_000));
  if (minutes < 1) return t('hospital:ago.now');
  if (minutes < 120) return t('hospital:ago.minutes', { count: minutes });
  return t('hospital:ago.hours', { count: Math.floor(minutes / 60) });
}
