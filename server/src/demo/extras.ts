/**
 * The demo extras of a city's demo.json on top of its import: crews on shift and how full each hospital is
 * when the demo opens. One command under the seed's actor, every change in the event log as a nurse's
 * capacity report or an admin's crew edit would be, so a replay of the log shows the same city.
 */
import { asc } from 'drizzle-orm';
import { validateCapacity } from '@dispatch/shared';
import { hospitals, units } from '../db/schema.ts';
import type { Actor } from '../events/log.ts';
import { toHospital } from '../presenters/entities.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createUnitRepo } from '../repositories/units.ts';
import { runCommand, type Deps } from '../commands/deps.ts';
import { logHospital, logUnit } from '../commands/effects.ts';
import type { DemoExtras } from './bundle.ts';

export async function applyDemoExtras(deps: Deps, actor: Actor, extras: DemoExtras): Promise<void> {
  await runCommand(deps, actor, async (tx, log, now) => {
    // Lock order (docs/decisions/0004): units before hospitals.
    const unitRepo = createUnitRepo(tx);
    for (const before of await tx.select().from(units).orderBy(asc(units.id)).for('no key update')) {
      const crew = extras.crews[before.callSign];
      if (!crew) continue;
      logUnit(log, 'unit.updated', before, await unitRepo.update(before.id, { crew }));
    }
    const hospitalRepo = createHospitalRepo(tx);
    for (const before of await tx.select().from(hospitals).orderBy(asc(hospitals.id)).for('no key update')) {
      const o = extras.hospitals[before.code];
      if (!o) continue;
      const capacity = { ...toHospital(before), ...o, diversionUntil: null };
      const valid = validateCapacity(capacity);
      if (!valid.ok) throw new Error(`demo.json hospitals.${before.code}: ${valid.error.message}`);
      const after = await hospitalRepo.update(before.id, { ...o, capacityUpdatedAt: now, capacityUpdatedBy: actor.name });
      logHospital(log, 'hospital.capacityChanged', before, after);
    }
  });
}
