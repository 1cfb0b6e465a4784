/** Admin renames or moves a station; its units keep their live positions. */
import type { z } from 'zod';
import type { UpdateStationBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { notFound } from '../../errors.ts';
import { toStation } from '../../presenters/entities.ts';
import { createStationRepo, type StationRow } from '../../repositories/stations.ts';
import { runCommand, type Deps } from '../deps.ts';
import { duplicateAsConflict } from './unique.ts';

export async function updateStation(deps: Deps, actor: Actor, stationId: number, input: z.infer<typeof UpdateStationBody>): Promise<StationRow> {
  return runCommand(deps, actor, async (tx, log) => {
    const repo = createStationRepo(tx);
    const before = await repo.getForUpdate(stationId);
    if (!before) throw notFound('station', stationId);
    const after = await repo.update(stationId, input);
    log.add({ name: 'station.updated', entity: 'station', entityId: after.id, before: toStation(before), after: toStation(after) });
    return after;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'code', input.code ?? '');
  });
}
