/** A repeat or duplicate call is folded into the call it repeats; it leaves the queue. */
import type { Actor } from '../events/log.ts';
import { conflict, invalid } from '../errors.ts';
import { toCall } from '../presenters/entities.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { runCommand, type Deps } from './deps.ts';
import { lockCall, logCall, requireOpenCall } from './effects.ts';

export async function mergeCall(deps: Deps, actor: Actor, callId: number, intoCallId: number): Promise<CallRow> {
  if (callId === intoCallId) throw invalid('intoCallId', 'a call cannot be merged into itself');
  return runCommand(deps, actor, async (tx, log, now) => {
    // Lock in id order so two seats merging crosswise cannot deadlock.
    const [first, second] = callId < intoCallId ? [callId, intoCallId] : [intoCallId, callId];
    const a = await lockCall(tx, first);
    const b = await lockCall(tx, second);
    const call = a.id === callId ? a : b;
    const into = a.id === callId ? b : a;
    requireOpenCall(call);
    requireOpenCall(into);
    if ((await createTransportRepo(tx).activeForCall(callId)).length > 0) {
      throw conflict('UNITS_STILL_ASSIGNED', `call ${callId} has units on it; merge the other way`, toCall(call));
    }
    const note = `${into.notes}${into.notes ? '\n' : ''}[merged ${call.callerPhone}] ${call.complaint}${call.notes ? ` — ${call.notes}` : ''}`;
    const intoAfter = await createCallRepo(tx).update(into.id, { notes: note.slice(0, 2000) });
    logCall(log, 'call.updated', into, intoAfter);
    const after = await createCallRepo(tx).update(call.id, {
      status: 'cancelled',
      outcome: 'merged',
      mergedIntoId: into.id,
      statusSince: now,
      closedAt: now,
    });
    logCall(log, 'call.merged', call, after);
    return after;
  });
}
