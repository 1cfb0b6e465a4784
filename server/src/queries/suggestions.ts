/** Units and hospitals to suggest for a patient at a place, with the reasons for each. */
import { recommendUnits, suggestHospitals, type ClinicalClass } from '@dispatch/shared';
import { reportSkipped } from '../presenters/skipping.ts';
import { unitJobs } from './unitJobs.ts';
import type { Deps } from '../commands/deps.ts';
import { toHospital, toUnit } from '../presenters/entities.ts';
import { skipping } from '../presenters/skipping.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { createUnitRepo } from '../repositories/units.ts';
import { readThresholds } from '../repositories/settings.ts';

/** `declinedBy`: hospitals that just declined this patient; the next suggestion leaves them out. */
export async function suggestForCall(deps: Deps, patient: { lon: number; lat: number; clinicalClass: ClinicalClass }, declinedBy: readonly number[] = []) {
  const [units, hospitals, active, thresholds] = await Promise.all([
    createUnitRepo(deps.db).list(),
    createHospitalRepo(deps.db).list(),
    createTransportRepo(deps.db).listActive(),
    readThresholds(deps.db),
  ]);
  const offloadQueue = new Map<number, number>();
  for (const t of active) {
    if (t.hospitalId !== null && t.arrivedAt && !t.handedOverAt) offloadQueue.set(t.hospitalId, (offloadQueue.get(t.hospitalId) ?? 0) + 1);
  }
  const now = deps.clock();
  const fleet = units.flatMap(skipping('unit', toUnit));
  const forUnits = recommendUnits(patient, fleet, deps.estimator, { limit: 8, now, jobs: await unitJobs(deps, patient, fleet, active, hospitals) });
  reportSkipped('unit', forUnits.skipped);
  return {
    // `units` keeps its shape for existing callers; the critical-care fallback sits beside it.
    units: forUnits.units,
    noCriticalCareFree: forUnits.noCriticalCareFree,
    firstResponder: forUnits.firstResponder,
    earliestCriticalCare: forUnits.earliestCriticalCare,
    hospitals: suggestHospitals(patient, hospitals.filter((h) => !declinedBy.includes(h.id)).flatMap(skipping('hospital', toHospital)), {
      now,
      estimator: deps.estimator,
      offloadQueue,
      staleAfterMinutes: thresholds.staleCapacityMinutes,
      rules: deps.city.rules,
    }, 6),
    estimator: deps.estimator.name,
  };
}
