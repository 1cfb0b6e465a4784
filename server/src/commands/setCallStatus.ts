/** A dispatcher moves a call by hand: cancel, close as advice, treated on scene, home care. */
import type { CallOutcome, CallStatus } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { conflict } from '../errors.ts';
import { toCall } from '../presenters/entities.ts';
import type { CallRow } from '../repositories/calls.ts';
import { createTransportRepo } from '../repositories/transports.ts';
import { runCommand, type Deps } from './deps.ts';
import { advanceCall, lockCall } from './effects.ts';

const DEFAULT_OUTCOME: Partial<Record<CallStatus, CallOutcome>> = {
  cancelled: 'cancelled',
  treated_on_scene: 'treated_on_scene',
  referred_home_care: 'home_care',
  closed: 'advice',
};

/** Statuses a person may set; the unit-driven ones follow the units. */
const MANUAL: readonly CallStatus[] = ['triaged', 'awaiting_unit', 'cancelled', 'closed', 'treated_on_scene', 'referred_home_care'];

export async function setCallStatus(
  deps: Deps,
  actor: Actor,
  callId: number,
  input: { status: CallStatus; outcome?: CallOutcome },
): Promise<CallRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const call = await lockCall(tx, callId);
    if (!MANUAL.includes(input.status)) {
      throw conflict('UNIT_DRIVEN_STATUS', `status ${input.status} follows the unit; change the unit's status instead`, toCall(call));
    }
    const active = await createTransportRepo(tx).activeForCall(callId);
    if (active.length > 0 && ['cancelled', 'closed', 'referred_home_care'].includes(input.status)) {
      throw conflict('UNITS_STILL_ASSIGNED', `call ${callId} still has ${active.length} unit(s) on it; stand them down first`, toCall(call));
    }
    return advanceCall(tx, log, call, input.status, now, { outcome: input.outcome ?? DEFAULT_OUTCOME[input.status] });
  });
}
