/**
 * A caller's history beside intake, when a line is answered: the calls this number made before (any status),
 * how often it rang the lines, and the open calls near where the network places the caller.
 */
import type { Call, LonLat } from '../model.ts';
import { haversineKm } from './geo.ts';
import { isCallOpen } from './lifecycles.ts';
import { normalisePhone } from './duplicates.ts';

export const CALLER_HISTORY = {
  /** How far back a number's earlier calls and rings are looked for. */
  lookbackDays: 7,
  /** Earlier calls listed at most (most recent first). */
  maxCalls: 10,
  /** The nearby circle: the network's accuracy, but at least this (a handset fix of 10 m still means the block)... */
  minRadiusM: 300,
  /** ...and at most this (a rural cell of 20 km would list half the county). */
  maxRadiusM: 3000,
} as const;

/** The spellings the same number arrives in (138…, 86138…, 0086138…, +86…), for a lookup by digits. */
export function phoneSpellings(number: string): string[] {
  const d = normalisePhone(number);
  if (d === '') return [];
  return [d, `86${d}`, `0086${d}`, `+86${d}`, `+${d}`];
}

/** The radius of "near the caller" for a network location of this accuracy, in metres. */
export function nearbyRadiusM(accuracyM: number | null | undefined): number {
  const a = accuracyM ?? 0;
  return Math.min(CALLER_HISTORY.maxRadiusM, Math.max(CALLER_HISTORY.minRadiusM, a));
}

const byMostRecent = (a: Call, b: Call): number => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || b.id - a.id;

/**
 * Of `candidates`, the earlier calls from `number` (most recent first, at most maxCalls) and the other open
 * calls within `radiusM` of `where` (nearest first). A call from the number is listed once, as an earlier call.
 */
export function callerHistory(
  number: string,
  where: LonLat | null,
  radiusM: number,
  candidates: readonly Call[],
): { earlierCalls: Call[]; nearby: Call[] } {
  const phone = normalisePhone(number);
  const earlierCalls: Call[] = [];
  const nearby: { call: Call; km: number }[] = [];
  const seen = new Set<number>();
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (phone !== '' && c.callerPhone !== undefined && normalisePhone(c.callerPhone) === phone) {
      earlierCalls.push(c);
      continue;
    }
    if (where && isCallOpen(c.status) && c.mergedIntoId === null) {
      const km = haversineKm(where, c);
      if (km * 1000 <= radiusM) nearby.push({ call: c, km });
    }
  }
  return {
    earlierCalls: earlierCalls.sort(byMostRecent).slice(0, CALLER_HISTORY.maxCalls),
    nearby: nearby.sort((a, b) => a.km - b.km || a.call.id - b.call.id).map((n) => n.call),
  };
}
