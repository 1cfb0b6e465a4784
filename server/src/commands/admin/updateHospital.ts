/** Admin corrects a hospital's code, names, kind or location; capacity stays with its staff. */
import type { z } from 'zod';
import type { UpdateHospitalBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { notFound } from '../../errors.ts';
import { toHospital } from '../../presenters/entities.ts';
import { createHospitalRepo, type HospitalRow } from '../../repositories/hospitals.ts';
import { runCommand, type Deps } from '../deps.ts';
import { logHospital } from '../effects.ts';
import { assertStationExists, duplicate, duplicateAsConflict, findHospitalByCode } from './unique.ts';

export async function updateHospital(deps: Deps, actor: Actor, hospitalId: number, input: z.infer<typeof UpdateHospitalBody>): Promise<HospitalRow> {
  return runCommand(deps, actor, async (tx, log) => {
    const repo = createHospitalRepo(tx);
    const before = await repo.getForUpdate(hospitalId);
    if (!before) throw notFound('hospital', hospitalId);
    if (input.code !== undefined && input.code !== before.code) {
      const taken = await findHospitalByCode(tx, input.code);
      if (taken) throw duplicate('code', input.code, toHospital(taken));
    }
    if (input.stationId != null) await assertStationExists(tx, input.stationId);
    const after = await repo.update(hospitalId, input);
    logHospital(log, 'hospital.updated', before, after);
    return after;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'code', input.code ?? '');
  });
}
