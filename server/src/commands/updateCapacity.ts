/** The hospital keeps its staffed beds, ICU, ED status and fever-clinic wait current. */
import { validateCapacity, type CapacityInput, type HospitalCapacity } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { AppError } from '../errors.ts';
import { toHospital } from '../presenters/entities.ts';
import { createHospitalRepo, type HospitalRow } from '../repositories/hospitals.ts';
import { runCommand, type Deps } from './deps.ts';
import { logHospital } from './effects.ts';
import { notFound } from '../errors.ts';

export async function updateCapacity(deps: Deps, actor: Actor, hospitalId: number, input: CapacityInput): Promise<HospitalRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createHospitalRepo(tx);
    const before = await repo.getForUpdate(hospitalId);
    if (!before) throw notFound('hospital', hospitalId);
    const current = toHospital(before);
    const merged: HospitalCapacity = {
      openBeds: input.openBeds ?? current.openBeds,
      occupiedBeds: input.occupiedBeds ?? current.occupiedBeds,
      icuOpen: input.icuOpen ?? current.icuOpen,
      icuOccupied: input.icuOccupied ?? current.icuOccupied,
      icuConvertible: input.icuConvertible ?? current.icuConvertible,
      ventilatorsFree: input.ventilatorsFree ?? current.ventilatorsFree,
      edStatus: input.edStatus ?? current.edStatus,
      diversionUntil: input.diversionUntil !== undefined ? input.diversionUntil : current.diversionUntil,
      feverClinicWaitMin: input.feverClinicWaitMin ?? current.feverClinicWaitMin,
    };
    if (merged.edStatus !== 'diversion') merged.diversionUntil = null;
    const valid = validateCapacity(merged);
    if (!valid.ok) {
      const field = valid.error.message.split(':')[0] ?? 'capacity';
      throw new AppError(400, valid.error.code, valid.error.message, { field, current });
    }
    const after = await repo.update(hospitalId, {
      ...merged,
      diversionUntil: merged.diversionUntil ? new Date(merged.diversionUntil) : null,
      capacityUpdatedAt: now,
      capacityUpdatedBy: actor.name,
    });
    logHospital(log, 'hospital.capacityChanged', before, after);
    return after;
  });
}
