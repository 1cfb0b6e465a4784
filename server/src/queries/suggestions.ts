/** Units and hospitals to suggest for a patient at a place, with the reasons for each. */
import {
  HANDOVER_MEDIAN_WINDOW_MINUTES,
  offloadAtHospitals,
  promisedCare,
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
import { unitJobs } from './unitJobs.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** `declinedBy`: hospitals that just declined this patient; the next suggestion leaves them out. */
export async function suggestForCall(
  deps: Deps,
  patient: { lon: number; lat: number; clinicalClass: ClinicalClass; needsBed: boolean },
  declinedBy: readonly number[] = [],
) {
  const now = deps.clock();
  const transports = createTransportRepo(deps.db);
  const thresholdsRead = readThresholds(deps.db);
  const [units, hospitals, active, doors, thresholds, sent] = await Promise.all([
    createUnitRepo(deps.db).list(),
    createHospitalRepo(deps.db).list(),
    transports.listActive(),
    transports.listForOffload(new Date(now.getTime() - HANDOVER_MEDIAN_WINDOW_MINUTES * 60_000)),
    thresholdsRead,
    // A figure older than the stale threshold counts as unknown anyway: no need to look further back.
    thresholdsRead.then((th) => transports.listSentSince(new Date(now.getTime() - th.staleCapacityMinutes * 60_000))),
  ]);
  const offload = offloadAtHospitals(
    doors.map((t) => ({ hospitalId: t.hospitalId, arrivedAt: iso(t.arrivedAt), handedOverAt: iso(t.handedOverAt), closedAt: iso(t.closedAt) })),
    now,
  );
  const promised = promisedCare(
    sent.map((p) => ({ hospitalId: p.hospitalId, clinicalClass: p.clinicalClass as ClinicalClass, sentAt: p.sentAt.toISOString() })),
    new Map(hospitals.map((h) => [h.id, h.capacityUpdatedAt.toISOString()])),
  );
  const fleet = units.flatMap(skipping('unit', toUnit));
  const forUnits = recommendUnits(patient, fleet, deps.estimator, { limit: 8, now, jobs: await unitJobs(deps, patient, fleet, active, hospitals) });
  reportSkipped('unit', forUnits.skipped);
  // A stored hospital the rules cannot score (an unknown kind, a bad count) is logged, not a failed suggestion.
  const screened = screenHospitals(hospitals.filter((h) => !declinedBy.includes(h.id)).flatMap(skipping('hospital', toHospital)));
  reportSkipped('hospital', screened.skipped.map((s) => ({ id: s.hospitalId, reason: s.reason })));
  return {
    // `units` keeps its shape for existing callers; the critical-care fallback sits beside it.
    units: forUnits.units,
    noCriticalCareFree: forUnits.noCriticalCareFree,
    firstResponder: forUnits.firstResponder,
    earliestCriticalCare: forUnits.earliestCriticalCare,
    hospitals: suggestHospitals(patient, screened.valid, {
      now,
      estimator: deps.estimator,
      offload,
      promised,
      staleAfterMinutes: thresholds.staleCapacityMinutes,
      rules: deps.city.rules,
    }, 6),
    estimator: deps.estimator.name,
  };
}
