/** Admin puts a new ambulance in the fleet: available at its station. */
import type { z } from 'zod';
import type { UpsertUnitBody } from '@dispatch/shared';
import type { Actor } from '../../events/log.ts';
import { invalid } from '../../errors.ts';
import { toUnit } from '../../presenters/entities.ts';
import { createStationRepo } from '../../repositories/stations.ts';
import { createUnitRepo, type UnitRow } from '../../repositories/units.ts';
import { runCommand, type Deps } from '../deps.ts';
import { logUnit } from '../effects.ts';
import { duplicate, duplicateAsConflict, findUnitByCallSign } from './unique.ts';

export async function createUnit(deps: Deps, actor: Actor, input: z.infer<typeof UpsertUnitBody>): Promise<UnitRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const station = await createStationRepo(tx).get(input.stationId);
    if (!station) throw invalid('stationId', `station ${input.stationId} does not exist`);
    const existing = await findUnitByCallSign(tx, input.callSign);
    if (existing) throw duplicate('callSign', input.callSign, toUnit(existing));
    const row = await createUnitRepo(tx).insert({
      callSign: input.callSign,
      kind: input.kind,
      stationId: station.id,
      status: 'available',
      statusSince: now,
      lon: station.lon,
      lat: station.lat,
      crew: input.crew,
      hasTerminal: input.hasTerminal,
    });
    logUnit(log, 'unit.created', null, row);
    return row;
  }).catch((error: unknown) => {
    throw duplicateAsConflict(error, 'callSign', input.callSign);
  });
}
