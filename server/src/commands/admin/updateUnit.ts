/** Admin edits a unit: call sign, crew, terminal, home station, and its kind while it has no patient. */
import type { z } from 'zod';
import type { UpdateUnitBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import { toUnit } from '../../presenters/entities.ts';
import { createStationRepo } from '../../repositories/stations.ts';
import { createUnitRepo, type UnitRow } from '../../repositories/units.ts';
import { runCommand, type Deps } from '../deps.ts';
import { logUnit } from '../effects.ts';
import { duplicate, duplicateAsConflict, findUnitByCallSign } from './unique.ts';

export async function updateUnit(deps: Deps, actor: Actor, unitId: number, input: z.infer<typeof UpdateUnitBody>): Promise<UnitRow> {
  return runCommand(deps, actor, async (tx, log) => {
    const repo = createUnitRepo(tx);
    const before = await repo.getForUpdate(unitId);
    if (!before) throw notFound('unit', unitId);
    if (input.stationId !== undefined && !(await createStationRepo(tx).get(input.stationId))) {
      throw invalid('stationId', `station ${input.stationId} does not exist`);
    }
    if (input.callSign !== undefined && input.callSign !== before.callSign) {
      const taken = await findUnitByCallSign(tx, input.callSign);
      if (taken) throw duplicate('callSign', input.callSign, toUnit(taken));
    }
    // Only critical-care units may carry severe patients: the kind cannot change under a patient.
    if (input.kind !== undefined && input.kind !== before.kind && before.callId !== null) {
      throw conflict('UNIT_BUSY', `unit ${before.callSign} is on a job; change its kind when it is back`, toUnit(before));
    }
    const after = await repo.update(unitId, input);
    logUnit(log, 'unit.updated', before, after);
    return after;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'callSign', input.callSign ?? '');
  });
}
