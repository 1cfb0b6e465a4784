/** 120 load against the surge plan and the fleet norm (DOMAIN.md rules 3 and 4). */

/*
 * The fleet norm (one ambulance per so many residents) and the plan multiple (call lines and seats scale to at
 * least this multiple of normal load) are the loaded city's: CityProfile.residentsPerAmbulance, surgePlanMultiple.
 */

/** Calls in the last hour as a multiple of the normal hourly baseline, rounded to 0.1; 0 without a baseline. */
export function loadMultiple(callsLastHour: number, baselinePerHour: number): number {
  if (!(baselinePerHour > 0)) return 0;
  return Math.round((callsLastHour / baselinePerHour) * 10) / 10;
}

/** Units required by the norm (rounded up: a part-unit is still a unit needed) against units on the books. */
export function fleetNorm(unitCount: number, population: number, residentsPerUnit: number): { required: number; actual: number; meets: boolean } {
  const required = residentsPerUnit > 0 ? Math.ceil(Math.max(0, population) / residentsPerUnit) : 0;
  return { required, actual: unitCount, meets: unitCount >= required };
}
