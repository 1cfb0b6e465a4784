/** The rule check for sending a patient to a hospital: class, need of a bed, diversion with its exceptions. */
import { eligibleDestinations, hospitalMayTake, isOnDiversion, screenHospitals, type DestinationNeed, type RuleProfile } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import { conflict } from '../errors.ts';
import { toHospital } from '../presenters/entities.ts';
import { presentOne, skipping } from '../presenters/skipping.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { getHospital } from './effects.ts';

/**
 * Checks the destination against the same rule the suggestions follow (eligibleDestinations, without the
 * hospitals that declined this call), so a hospital offered as the diversion fallback can be chosen and
 * one never offered cannot.
 */
export async function checkDestination(
  tx: Tx,
  callId: number,
  hospitalId: number,
  patient: DestinationNeed,
  overrideDiversion: boolean,
  rules: RuleProfile,
  now: Date,
): Promise<{ diversionOverride: boolean }> {
  const hospital = presentOne('hospital', await getHospital(tx, hospitalId), toHospital);
  // The fallback depends on the other hospitals (is any open one left?), so the check reads them all.
  const declined = await createTransportRepo(tx).declinedBy(callId);
  const rows = (await createHospitalRepo(tx).list()).filter((h) => h.id === hospitalId || !declined.includes(h.id));
  const all = screenHospitals(rows.flatMap(skipping('hospital', toHospital))).valid;
  const destination = eligibleDestinations(patient, all, now, rules).find((d) => d.hospital.id === hospitalId);
  if (destination === undefined) {
    if (hospitalMayTake(hospital, patient.clinicalClass, rules, patient.needsBed) && isOnDiversion(hospital, now)) {
      throw conflict('HOSPITAL_ON_DIVERSION', `${hospital.nameEn} is on diversion`, hospital);
    }
    throw conflict('HOSPITAL_CANNOT_TAKE', `${hospital.nameEn} does not take ${patient.clinicalClass} patients`, hospital);
  }
  if (destination.diversion) {
    // The seeds let the sickest go to the nearest capable hospital whatever its status; others only as the last fallback.
    if (!overrideDiversion) throw conflict('HOSPITAL_ON_DIVERSION', `${hospital.nameEn} is on diversion`, hospital);
    return { diversionOverride: true };
  }
  return { diversionOverride: false };
}
