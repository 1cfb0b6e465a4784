/** The rule check for sending a patient to a hospital: class, and diversion with its one exception. */
import { hospitalMayTake, type ClinicalClass, type RuleProfile } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import { conflict } from '../errors.ts';
import { toHospital } from '../presenters/entities.ts';
import { getHospital } from './effects.ts';

export async function checkDestination(
  tx: Tx,
  hospitalId: number,
  clinicalClass: ClinicalClass,
  overrideDiversion: boolean,
  rules: RuleProfile,
): Promise<{ diversionOverride: boolean }> {
  const hospital = await getHospital(tx, hospitalId);
  if (!hospitalMayTake(hospital as Parameters<typeof hospitalMayTake>[0], clinicalClass, rules)) {
    throw conflict('HOSPITAL_CANNOT_TAKE', `${hospital.nameEn} does not take ${clinicalClass} patients`, toHospital(hospital));
  }
  if (hospital.edStatus === 'diversion') {
    // The seeds let the sickest go to the nearest capable hospital whatever its status.
    if (clinicalClass !== 'critical' || !overrideDiversion) {
      throw conflict('HOSPITAL_ON_DIVERSION', `${hospital.nameEn} is on diversion`, toHospital(hospital));
    }
    return { diversionOverride: true };
  }
  return { diversionOverride: false };
}
