/** Admin adds a hospital; its capacity starts empty until its staff report. */
import type { z } from 'zod';
import type { UpsertHospitalBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { toHospital } from '../../presenters/entities.ts';
import { createHospitalRepo, type HospitalRow } from '../../repositories/hospitals.ts';
import { runCommand, type Deps } from '../deps.ts';
import { assertStationExists, duplicate, duplicateAsConflict, findHospitalByCode } from './unique.ts';

export async function createHospital(deps: Deps, actor: Actor, input: z.infer<typeof UpsertHospitalBody>): Promise<HospitalRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const existing = await findHospitalByCode(tx, input.code);
    if (existing) throw duplicate('code', input.code, toHospital(existing));
    if (input.stationId != null) await assertStationExists(tx, input.stationId);
    const row = await createHospitalRepo(tx).insert({ ...input, capacityUpdatedAt: now, capacityUpdatedBy: actor.name });
    log.add({ name: 'hospital.created', entity: 'hospital', entityId: row.id, before: null, after: toHospital(row) });
    return row;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'code', input.code);
  });
}
