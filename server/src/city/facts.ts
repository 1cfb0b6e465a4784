/** The city's figures and rules the commands and read models need (deps.city), in one place. */
import { DEMO_RULES } from '@dispatch/shared';
import type { CityFacts } from '../commands/deps.ts';
import { CITY } from '../demo/city.ts';

/** The bundled demo city's facts: what the server runs on until a loaded city bundle supplies its own. */
export function demoCityFacts(): CityFacts {
  return { population: CITY.population, rules: DEMO_RULES };
}
