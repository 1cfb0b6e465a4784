/** Units and hospitals to suggest for a patient at a place, with the reasons for each. */
import {
  HANDOVER_MEDIAN_WINDOW_MINUTES,
  offloadAtHospitals,
  recommendUnits,
  screenHospitals,
  suggestHospitals,
  type ClinicalClass,
} from '@dispatch/shared';
import type { Deps } from '../commands/deps.ts';
import { toHospital, toUnit } from '../presenters/entities.ts';
import { reportSkipped, skipping } from '../presenters/skipping.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { createUnitRepo } from '../repositories/units.ts';
import { readThresholds } from '../repositories/settings.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** `declinedBy`: hospitals that just declined this patient; the next suggestion leaves them out. */
export async function suggestForCall(
  deps: Deps,
  patient: { lon: number; lat: number; clinicalClass: ClinicalClass; needsBed: boolean },
  declinedBy: readonly number[] = [],
) {
  const now = deps.clock();
  const [units, hospitals, doors, thresholds] = await Promise.all([
    createUnitRepo(deps.db).list(),
    createHospitalRepo(deps.db).list(),
    createTransportRepo(deps.db).listForOffload(new Date(now.getTime() - HANDOVER_MEDIAN_WINDOW_MINUTES * 60_000)),
    readThresholds(deps.db),
  ]);
  const offload = offloadAtHospitals(
    doors.map((t) => ({ hospitalId: t.hospitalId, arrivedAt: iso(t.arrivedAt), handedOverAt: iso(t.handedOverAt), closedAt: iso(t.closedAt) })),
    now,
  );
  // A stored hospital the rules cannot score (an unknown kind, a bad count) is logged, not a failed suggestion.
  const screened = screenHospitals(hospitals.filter((h) => !declinedBy.includes(h.id)).flatMap(skipping('hospital', toHospital)));
  reportSkipped('hospital', screened.skipped.map((s) => ({ id: s.hospitalId, reason: s.reason })));
  return {
    units: recommendUnits(patient, units.flatMap(skipping('unit', toUnit)), deps.estimator, 8),
    hospitals: suggestHospitals(patient, screened.valid, {
      now,
      estimator: deps.estimator,
      offload,
      staleAfterMinutes: thresholds.staleCapacityMinutes,
      rules: deps.city.rules,
    }, 6),
    estimator: deps.estimator.name,
  };
}
