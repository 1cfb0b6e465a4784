/**
 * Which travel-time estimator the suggestions use, chosen by configuration. Every suggestion goes
 * through the shared TravelTimeEstimator interface, so a real road router (OSRM, Valhalla) is one more
 * entry here — typically answering from a travel-time matrix it refreshes in the background, since
 * ranking 2,000 units must stay synchronous and under a few milliseconds.
 */
import { createStraightLineEstimator, type TravelTimeEstimator } from '@dispatch/shared';
import type { Env } from '../env.ts';

export const ESTIMATORS = {
  'straight-line': (env: Env) => createStraightLineEstimator({ roadFactor: env.ROAD_FACTOR }),
} satisfies Record<string, (env: Env) => TravelTimeEstimator>;

export type EstimatorName = keyof typeof ESTIMATORS;

export function createEstimator(env: Env): TravelTimeEstimator {
  return ESTIMATORS[env.TRAVEL_ESTIMATOR](env);
}
