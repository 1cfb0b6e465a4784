/** Admin adds an ambulance station. */
import type { z } from 'zod';
import type { UpsertStationBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { toStation } from '../../presenters/entities.ts';
import { createStationRepo, type StationRow } from '../../repositories/stations.ts';
import { runCommand, type Deps } from '../deps.ts';
import { duplicateAsConflict } from './unique.ts';

export async function createStation(deps: Deps, actor: Actor, input: z.infer<typeof UpsertStationBody>): Promise<StationRow> {
  return runCommand(deps, actor, async (tx, log) => {
    const row = await createStationRepo(tx).insert(input);
    log.add({ name: 'station.created', entity: 'station', entityId: row.id, before: null, after: toStation(row) });
    return row;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'code', input.code ?? '');
  });
}
