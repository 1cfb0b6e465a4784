/**
 * A dispatcher called the caller of a waiting call again (re-contact, 再次联系): the call's last contact moves to
 * now, so the reminder restarts, and what came of it is logged with the call (`call.recontacted`). A re-triage
 * changes the class here, and only with its reason: the log keeps who changed it (the actor), from what, to
 * what and why. A failed attempt (no answer, busy) restarts the interval too, so the reminder comes back for
 * another try instead of staying on without pause; its outcome is in the log.
 */
import type { RecontactInput, RecontactRecord } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { invalid } from '../errors.ts';
import { toCall } from '../presenters/entities.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { runCommand, type Deps } from './deps.ts';
import { lockCall, requireOpenCall } from './effects.ts';

export async function recontactCall(deps: Deps, actor: Actor, callId: number, input: RecontactInput): Promise<CallRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const before = await lockCall(tx, callId);
    requireOpenCall(before);
    const classFrom = before.clinicalClass as RecontactRecord['classFrom'];
    const classTo = input.clinicalClass ?? classFrom;
    const reason = input.reason?.trim() ?? '';
    if (classTo !== classFrom && reason === '') throw invalid('reason', `a class change (${classFrom} → ${classTo}) needs its reason`);
    const after = await createCallRepo(tx).update(callId, { lastContactAt: now, ...(classTo !== classFrom ? { clinicalClass: classTo } : {}) });
    const recontact: RecontactRecord = { outcome: input.outcome, note: input.note, classFrom, classTo, reason: classTo !== classFrom ? reason : '' };
    log.add({ name: 'call.recontacted', entity: 'call', entityId: callId, before: toCall(before), after: { ...toCall(after), recontact } });
    return after;
  });
}
