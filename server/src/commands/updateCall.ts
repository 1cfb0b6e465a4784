/** Correct a call's details (re-triage, new address) while it is open. */
import type { UpdateCallInput } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { runCommand, type Deps } from './deps.ts';
import { lockCall, logCall, requireOpenCall } from './effects.ts';

export async function updateCall(deps: Deps, actor: Actor, callId: number, input: UpdateCallInput): Promise<CallRow> {
  return runCommand(deps, actor, async (tx, log) => {
    const before = await lockCall(tx, callId);
    requireOpenCall(before);
    const after = await createCallRepo(tx).update(callId, input);
    logCall(log, 'call.updated', before, after);
    return after;
  });
}
