/** Spots repeat callers and other open calls for the same incident, before a new call is created. */
import type { Call } from '../model.ts';
import { haversineKm } from './geo.ts';
import { isCallOpen } from './lifecycles.ts';

export const DUPLICATE_DEFAULTS = { radiusM: 300, windowMinutes: 30, repeatHours: 6 } as const;

/** Phone number reduced to digits (keeping nothing of spaces, dashes, dots, brackets) without a +86/0086 prefix. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // The same mobile rings in as 138…, +86 138… or 0086 138… depending on the network.
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

const byMostRecent = (a: Call, b: Call): number => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id - a.id;

/**
 * Repeats: same phone within `repeatHours` (any status). Nearby: other open calls within `radiusM`
 * received in the last `windowMinutes`, leaving out calls already listed as repeats. Most recent first.
 */
export function findRepeatsAndDuplicates(
  candidate: { callerPhone?: string; lon?: number; lat?: number; id?: number },
  recentCalls: readonly Call[],
  now: Date,
  opts?: { radiusM?: number; windowMinutes?: number; repeatHours?: number },
): { repeatOf: Call[]; nearby: Call[] } {
  const radiusKm = (opts?.radiusM ?? DUPLICATE_DEFAULTS.radiusM) / 1000;
  const windowMs = (opts?.windowMinutes ?? DUPLICATE_DEFAULTS.windowMinutes) * 60_000;
  const repeatMs = (opts?.repeatHours ?? DUPLICATE_DEFAULTS.repeatHours) * 3_600_000;
  const phone = candidate.callerPhone === undefined ? '' : normalisePhone(candidate.callerPhone);
  const where = candidate.lon !== undefined && candidate.lat !== undefined ? { lon: candidate.lon, lat: candidate.lat } : null;
  const nowMs = now.getTime();

  const repeatOf: Call[] = [];
  const nearby: Call[] = [];
  for (const c of recentCalls) {
    if (candidate.id !== undefined && c.id === candidate.id) continue;
    const age = nowMs - Date.parse(c.receivedAt);
    if (phone !== '' && c.callerPhone !== undefined && age <= repeatMs && normalisePhone(c.callerPhone) === phone) {
      repeatOf.push(c);
      continue;
    }
    if (where !== null && age <= windowMs && isCallOpen(c.status) && haversineKm(where, c) <= radiusKm) {
      nearby.push(c);
    }
  }
  return { repeatOf: repeatOf.sort(byMostRecent), nearby: nearby.sort(byMostRecent) };
}
