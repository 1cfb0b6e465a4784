/** A batch of AVL fixes from the gateway: stored newest-wins, then coalesced for the consoles. */
import type { PositionFixInput } from '@dispatch/shared';
import type { PositionCoalescer } from '../realtime/positions.ts';
import { createUnitRepo } from '../repositories/units.ts';
import type { Deps } from './deps.ts';

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
  const applied = await createUnitRepo(deps.db).applyFixes(batch);
  positions.ingest(batch, new Set(applied));
  return { received: fixes.length, applied: applied.length };
}
