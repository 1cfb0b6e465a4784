/** A batch of AVL fixes from the gateway: stored newest-wins, then coalesced for the consoles. */
import { positionFollowers, transferParties, type PositionFixInput } from '@dispatch/shared';
import { createTransportRepo } from '../repositories/transports.ts';
import type { PositionCoalescer } from '../realtime/positions.ts';
import { createUnitRepo } from '../repositories/units.ts';
import type { Deps } from './deps.ts';

/**
 * Which hospital screens get each unit's fixes, read from the database at the fix, not from what this
 * instance happened to see: a unit assigned through another instance routes the same way here.
 */
async function positionFollowersOf(deps: Deps, unitIds: readonly number[]): Promise<Map<number, number[]>> {
  const jobs = await createTransportRepo(deps.db).jobsOfUnits(unitIds);
  return new Map(jobs.map((j) => [j.unitId, positionFollowers({ hospitalId: j.hospitalId, closedAt: null, handedOverAt: null }, transferParties(j))]));
}

export async function ingestPositions(
  deps: Deps,
  positions: PositionCoalescer,
  fixes: readonly PositionFixInput[],
): Promise<{ received: number; applied: number }> {
  // Several fixes of one unit in one batch: only its newest matters.
  const newest = new Map<number, PositionFixInput>();
  for (const f of fixes) {
    const seen = newest.get(f.unitId);
    if (!seen || seen.at < f.at) newest.set(f.unitId, f);
  }
  const batch = [...newest.values()].sort((a, b) => a.unitId - b.unitId);
  // Who follows each unit is read beside the write, not after it (one round trip less before the frame):
  // for every unit of the batch, of which the frame takes those the write applied.
  const [applied, followers] = await Promise.all([createUnitRepo(deps.db).applyFixes(batch), positionFollowersOf(deps, batch.map((f) => f.unitId))]);
  positions.ingest(batch, new Set(applied), followers);
  return { received: fixes.length, applied: applied.length };
}
