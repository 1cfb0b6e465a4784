/**
 * Raise the alerts whose condition now holds, escalate the open ones whose condition went from warning to
 * critical, and clear those whose condition ended: one transaction, logged as events.
 *
 * An open alert keeps one row per subject. It is rewritten only when it escalates (a new figure every tick
 * would flood the consoles): level, value, threshold and message take the critical reading, and the
 * acknowledgement is withdrawn, because whoever took the warning has not yet seen the critical. It never goes
 * back down while open; it clears when the condition ends.
 */
import { sql } from 'drizzle-orm';
import type { AlertCondition } from '@dispatch/shared';
import { SYSTEM_ACTOR } from '../events/log.ts';
import { toAlert } from '../presenters/entities.ts';
import { createAlertRepo, type AlertRow } from '../repositories/alerts.ts';
import { runCommand, type Deps } from './deps.ts';
import { ALERT_MONITOR_LOCK } from '../db/locks.ts';


export interface Reconciled {
  raised: AlertRow[];
  escalated: AlertRow[];
  cleared: AlertRow[];
}

export async function reconcileAlerts(deps: Deps, conditions: readonly AlertCondition[]): Promise<Reconciled> {
  return runCommand(deps, SYSTEM_ACTOR, async (tx, log, now) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ALERT_MONITOR_LOCK})`);
    const repo = createAlertRepo(tx);
    const open = await repo.listOpen();
    const openBySubject = new Map(open.map((a) => [a.subject, a]));
    const holding = new Set(conditions.map((c) => c.subject));
    const raised: AlertRow[] = [];
    const escalated: AlertRow[] = [];
    const cleared: AlertRow[] = [];
    for (const c of conditions) {
      const current = openBySubject.get(c.subject);
      if (current) {
        if (current.level !== 'warning' || c.level !== 'critical') continue;
        const { level, value, threshold, message } = c;
        const row = await repo.update(current.id, { level, value, threshold, message, acknowledgedAt: null, acknowledgedBy: null });
        log.add({ name: 'alert.escalated', entity: 'alert', entityId: row.id, before: toAlert(current), after: toAlert(row) });
        escalated.push(row);
        continue;
      }
      const row = await repo.insert({ ...c, raisedAt: now });
      log.add({ name: 'alert.raised', entity: 'alert', entityId: row.id, before: null, after: toAlert(row) });
      raised.push(row);
    }
    for (const a of open) {
      if (holding.has(a.subject)) continue;
      const row = await repo.update(a.id, { clearedAt: now });
      log.add({ name: 'alert.cleared', entity: 'alert', entityId: row.id, before: toAlert(a), after: toAlert(row) });
      cleared.push(row);
    }
    return { raised, escalated, cleared };
  });
}
