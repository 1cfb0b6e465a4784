/** Units and hospitals to suggest for a patient at a place, with the reasons for each. */
import { recommendUnits, suggestHospitals, type ClinicalClass } from '@dispatch/shared';
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
  return {
    units: recommendUnits(patient, units.flatMap(skipping('unit', toUnit)), deps.estimator, 8),
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
