/**
 * The plausibility limits that depend on this server: its clock (AVL fix times) and its city (coordinates).
 * Built in app.ts from the environment; the city's bounds are replaced whenever the loaded city changes
 * (city/current.ts). The rules themselves are the shared domain/plausibility.ts.
 */
import { fixTimeProblem, outsideBounds, type BBox, type FixWindow } from '@dispatch/shared';
import type { Env } from './env.ts';
import { invalid } from './errors.ts';

export interface InputLimits {
  /** The loaded city's bounding box [minLon, minLat, maxLon, maxLat] (null before one is loaded) and the margin around it. */
  city: { bbox: BBox | null; marginKm: number };
  fixWindow: FixWindow;
}

export function inputLimits(env: Env, cityBBox: BBox | null): InputLimits {
  return {
    city: { bbox: cityBBox, marginKm: env.CITY_MARGIN_KM },
    fixWindow: { maxAheadMs: env.FIX_MAX_AHEAD_MS, maxBehindMs: env.FIX_MAX_BEHIND_MS },
  };
}

/** Refuse (400 naming `prefix` + lon or lat) a place outside the city plus margin; absent coordinates pass. */
export function assertInCity(limits: InputLimits, point: { lon?: number; lat?: number }, prefix = ''): void {
  // Before a city is loaded there is nothing to be outside of; the schemas still bound lon and lat.
  if (!limits.city.bbox) return;
  const axis = outsideBounds(point, limits.city.bbox, limits.city.marginKm);
  if (axis) throw invalid(`${prefix}${axis}`, `outside the city (its bounds plus ${limits.city.marginKm} km)`);
}

/**
 * Refuse a whole AVL batch when any fix is implausible: dated outside the window around `now` (a fix far in
 * the future would also win newest-wins forever and freeze the unit) or placed outside the city. Names the
 * first bad fix, e.g. `fixes.3.at`; nothing of the batch is written.
 */
export function assertFixesPlausible(limits: InputLimits, fixes: readonly { lon: number; lat: number; at: number }[], now: Date): void {
  for (const [i, fix] of fixes.entries()) {
    const time = fixTimeProblem(fix.at, now.getTime(), limits.fixWindow);
    if (time === 'ahead') throw invalid(`fixes.${i}.at`, `more than ${Math.round(limits.fixWindow.maxAheadMs / 1000)} s ahead of the server's clock`);
    if (time === 'behind') throw invalid(`fixes.${i}.at`, `more than ${Math.round(limits.fixWindow.maxBehindMs / 1000)} s behind the server's clock`);
    assertInCity(limits, fix, `fixes.${i}.`);
  }
}

/**
 * Refuse a whole telephony batch when an event is dated outside the window around `now` (the AVL window: a
 * PBX clock drifts as a GPS unit's does) or places the caller outside the city. Names the field, e.g.
 * `events.2.location.lat`; nothing of the batch is written.
 */
export function assertLineEventsPlausible(limits: InputLimits, events: readonly { at: string; location?: { lon: number; lat: number } | null }[], now: Date): void {
  for (const [i, e] of events.entries()) {
    const time = fixTimeProblem(Date.parse(e.at), now.getTime(), limits.fixWindow);
    if (time === 'ahead') throw invalid(`events.${i}.at`, `more than ${Math.round(limits.fixWindow.maxAheadMs / 1000)} s ahead of the server's clock`);
    if (time === 'behind') throw invalid(`events.${i}.at`, `more than ${Math.round(limits.fixWindow.maxBehindMs / 1000)} s behind the server's clock`);
    if (e.location) assertInCity(limits, e.location, `events.${i}.location.`);
  }
}
