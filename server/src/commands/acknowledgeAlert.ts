/** A person on the command group or a dispatch seat takes an alert in hand; their name goes on it. */
import type { Actor } from '../events/log.ts';
import { conflict, notFound } from '../errors.ts';
import { toAlert } from '../presenters/entities.ts';
import { createAlertRepo, type AlertRow } from '../repositories/alerts.ts';
import { runCommand, type Deps } from './deps.ts';

export async function acknowledgeAlert(deps: Deps, actor: Actor, alertId: number, personName: string): Promise<AlertRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createAlertRepo(tx);
    const before = await repo.getForUpdate(alertId);
    if (!before) throw notFound('alert', alertId);
    if (before.acknowledgedAt) {
      throw conflict('ALREADY_ACKNOWLEDGED', `alert ${alertId} was acknowledged by ${before.acknowledgedBy ?? 'someone'}`, toAlert(before));
    }
    const after = await repo.update(alertId, { acknowledgedAt: now, acknowledgedBy: personName });
    log.add({ name: 'alert.acknowledged', entity: 'alert', entityId: alertId, before: toAlert(before), after: toAlert(after) });
    return after;
  });
}
