/** 120 load against the surge plan and the fleet norm (DOMAIN.md rules 3 and 4). */

/** The fleet norm: at least one ambulance per this many residents. */
export const RESIDENTS_PER_UNIT = 30_000;

/** Call lines and seats must scale to at least this multiple of normal load. */
export const SURGE_PLAN_MULTIPLE = 5;

/** Calls in the last hour as a multiple of the normal hourly baseline, rounded to 0.1; 0 without a baseline. */
export function loadMultiple(callsLastHour: number, baselinePerHour: number): number {
  if (!(baselinePerHour > 0)) return 0;
  return Math.round((callsLastHour / baselinePerHour) * 10) / 10;
}

/** Units required by the norm (rounded up: a part-unit is still a unit needed) against units on the books. */
export function fleetNorm(unitCount: number, population: number): { required: number; actual: number; meets: boolean } {
  const required = Math.ceil(Math.max(0, population) / RESIDENTS_PER_UNIT);
  return { required, actual: unitCount, meets: unitCount >= required };
}
