/** What busy critical-care units are doing, for the earliest-free estimate; read only when the patient needs one. */
import { needsCriticalCare, type ClinicalClass, type Hospital, type Unit, type UnitJob } from '@dispatch/shared';
import type { Deps } from '../commands/deps.ts';
import { createCallRepo } from '../repositories/calls.ts';
import type { HospitalRow } from '../repositories/hospitals.ts';
import type { TransportRow } from '../repositories/transports.ts';

/** Each busy critical-care unit's scene, destination and patient class, from its open transport. */
export async function unitJobs(
  deps: Deps,
  patient: { clinicalClass: ClinicalClass },
  fleet: readonly Unit[],
  active: readonly TransportRow[],
  hospitals: readonly Pick<HospitalRow, 'id' | 'lon' | 'lat'>[],
): Promise<Map<number, UnitJob>> {
  const jobs = new Map<number, UnitJob>();
  if (!needsCriticalCare(patient.clinicalClass)) return jobs;
  const busy = new Map(fleet.filter((u) => u.kind === 'critical_care' && u.transportId !== null).map((u) => [u.transportId, u]));
  const theirs = active.filter((t) => busy.get(t.id)?.id === t.unitId);
  if (theirs.length === 0) return jobs;
  const calls = new Map((await createCallRepo(deps.db).listByIds([...new Set(theirs.map((t) => t.callId))])).map((c) => [c.id, c]));
  const places = new Map<number, Pick<Hospital, 'lon' | 'lat'>>(hospitals.map((h) => [h.id, { lon: h.lon, lat: h.lat }]));
  for (const t of theirs) {
    const call = calls.get(t.callId);
    jobs.set(t.unitId, {
      scene: call ? { lon: call.lon, lat: call.lat } : null,
      destination: t.hospitalId !== null ? (places.get(t.hospitalId) ?? null) : null,
      carrying: call ? (call.clinicalClass as ClinicalClass) : null,
    });
  }
  return jobs;
}
