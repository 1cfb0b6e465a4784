/** The command group (or IT) changes the city's alert thresholds; the change is logged and pushed to every console. */
import { sql } from 'drizzle-orm';
import type { Thresholds } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { invalid } from '../errors.ts';
import { readThresholds, writeThresholds } from '../repositories/settings.ts';
import { runCommand, type Deps } from './deps.ts';

/** Settings have no numeric id of their own; the log names the thresholds row 1. */
export const THRESHOLDS_ENTITY_ID = 1;

export async function changeThresholds(deps: Deps, actor: Actor, patch: Partial<Thresholds>): Promise<Thresholds> {
  return runCommand(deps, actor, async (tx, log) => {
    // Serialise concurrent edits so neither silently drops the other's fields.
    await tx.execute(sql`select 1 from settings where key = 'thresholds' for update`);
    const before = await readThresholds(tx);
    const after: Thresholds = { ...before, ...patch };
    if (after.offloadAmberMinutes > after.offloadRedMinutes) {
      throw invalid('offloadAmberMinutes', `amber (${after.offloadAmberMinutes} min) must not be above red (${after.offloadRedMinutes} min)`);
    }
    await writeThresholds(tx, after);
    log.add({ name: 'settings.changed', entity: 'settings', entityId: THRESHOLDS_ENTITY_ID, before, after });
    return after;
  });
}
