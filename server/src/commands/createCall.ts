/** Take a 120 call: logged as received and queued for a unit, or closed at once as advice. */
import type { CreateCallInput } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { runCommand, type Deps } from './deps.ts';
import { advanceCall, logCall } from './effects.ts';

export async function createCall(deps: Deps, actor: Actor, input: CreateCallInput): Promise<CallRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const created = await createCallRepo(tx).insert({
      kind: 'emergency',
      status: 'received',
      receivedAt: now,
      statusSince: now,
      callerPhone: input.callerPhone,
      address: input.address,
      lon: input.lon,
      lat: input.lat,
      complaint: input.complaint,
      clinicalClass: input.clinicalClass,
      age: input.age,
      riskTier: input.riskTier,
      flags: input.flags,
      notes: input.notes,
    });
    logCall(log, 'call.created', null, created);
    if (input.closeAs === 'advice') return advanceCall(tx, log, created, 'closed', now, { outcome: 'advice' });
    if (input.closeAs === 'home_care') return advanceCall(tx, log, created, 'referred_home_care', now, { outcome: 'home_care' });
    // Intake records the class, so triage is done when the call is taken.
    return advanceCall(tx, log, created, 'awaiting_unit', now);
  });
}
