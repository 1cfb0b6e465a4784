/** Raise the alerts whose condition now holds and clear those whose condition ended: one transaction, logged as events. */
import { sql } from 'drizzle-orm';
import type { AlertCondition } from '@dispatch/shared';
import { SYSTEM_ACTOR } from '../events/log.ts';
import { toAlert } from '../presenters/entities.ts';
import { createAlertRepo, type AlertRow } from '../repositories/alerts.ts';
import { runCommand, type Deps } from './deps.ts';

// Two monitors (two instances) must not both raise the same alert: they queue on this lock.
const ALERT_MONITOR_LOCK = 120_121;

export interface Reconciled {
  raised: AlertRow[];
  cleared: AlertRow[];
}

export async function reconcileAlerts(deps: Deps, conditions: readonly AlertCondition[]): Promise<Reconciled> {
  return runCommand(deps, SYSTEM_ACTOR, async (tx, log, now) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ALERT_MONITOR_LOCK})`);
    const repo = createAlertRepo(tx);
    const open = await repo.listOpen();
    const openSubjects = new Set(open.map((a) => a.subject));
    const holding = new Set(conditions.map((c) => c.subject));
    const raised: AlertRow[] = [];
    const cleared: AlertRow[] = [];
    for (const c of conditions) {
      if (openSubjects.has(c.subject)) continue;
      const row = await repo.insert({ ...c, raisedAt: now });
      log.add({ name: 'alert.raised', entity: 'alert', entityId: row.id, before: null, after: toAlert(row), hospitalIds: [] });
      raised.push(row);
    }
    for (const a of open) {
      if (holding.has(a.subject)) continue;
      const row = await repo.update(a.id, { clearedAt: now });
      log.add({ name: 'alert.cleared', entity: 'alert', entityId: row.id, before: toAlert(a), after: toAlert(row), hospitalIds: [] });
      cleared.push(row);
    }
    return { raised, cleared };
  });
}
