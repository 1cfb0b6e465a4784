/** Send a unit to a call, optionally with its destination hospital. Exactly one seat wins a unit. */
import { nextUnitStatus, unitMayCarry, type AssignInput, type ClinicalClass, type UnitKind, type UnitStatus } from '@dispatch/shared';
import type { Actor } from '../events/log.ts';
import { conflict } from '../errors.ts';
import { toUnit } from '../presenters/entities.ts';
import type { CallRow } from '../repositories/calls.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';
import { runCommand, type Deps } from './deps.ts';
import { checkDestination } from './destination.ts';
import { advanceCall, lockCall, lockUnit, logCall, logTransport, logUnit, requireOpenCall } from './effects.ts';

export interface Assignment {
  call: CallRow;
  unit: UnitRow;
  transport: TransportRow;
  /** A standard unit sent ahead to a patient who needs critical care (it does not transport). */
  firstResponder: boolean;
}

export async function assignUnit(deps: Deps, actor: Actor, callId: number, input: AssignInput): Promise<Assignment> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const call = await lockCall(tx, callId);
    requireOpenCall(call);
    // The row lock makes concurrent seats queue here; the loser sees the winner's status.
    const unit = await lockUnit(tx, input.unitId);
    const step = nextUnitStatus(unit.status as UnitStatus, 'dispatched');
    if (!step.ok) throw conflict('UNIT_NOT_AVAILABLE', `unit ${unit.callSign} is ${unit.status}`, toUnit(unit));
    const cls = call.clinicalClass as ClinicalClass;
    // A first responder is the one honest way a standard unit reaches a patient who needs critical care:
    // asked for explicitly, and without a destination, since it must not carry them.
    const firstResponder = !unitMayCarry(unit.kind as UnitKind, cls);
    if (firstResponder && !input.firstResponder) {
      throw conflict('UNIT_CANNOT_CARRY', `unit ${unit.callSign} is not a critical-care unit; a ${cls} patient needs one`, toUnit(unit));
    }
    if (firstResponder && input.hospitalId !== null) {
      throw conflict('FIRST_RESPONDER_NO_TRANSPORT', `unit ${unit.callSign} goes as first responder and may not carry a ${cls} patient to a hospital`, toUnit(unit));
    }
    const destination = input.hospitalId ? await checkDestination(tx, callId, input.hospitalId, { clinicalClass: cls, needsBed: call.flags.needsBed === true }, input.overrideDiversion, deps.city.rules, now) : null;
    const transport = await createTransportRepo(tx).insert({
      callId,
      unitId: unit.id,
      hospitalId: input.hospitalId,
      acceptance: input.hospitalId ? 'pending' : null,
      diversionOverride: destination?.diversionOverride ?? false,
      assignedAt: now,
    });
    const unitAfter = await createUnitRepo(tx).update(unit.id, {
      status: 'dispatched',
      statusSince: now,
      callId,
      transportId: transport.id,
    });
    logUnit(log, 'unit.statusChanged', unit, unitAfter);
    const callAfter = await advanceCall(tx, log, call, 'unit_assigned', now, { onlyForward: true });
    // A second unit on a call already under way moves no status: tell the new hospital of the call anyway.
    if (input.hospitalId && callAfter === call) logCall(log, 'call.sharedWithHospital', call, call);
    // The transport goes last, so a hospital screen already holds the call and the unit it names.
    logTransport(log, 'transport.assigned', null, transport);
    return { call: callAfter, unit: unitAfter, transport, firstResponder };
  }).catch((error: unknown) => {
    throw uniqueViolationAsConflict(error);
  });
}

/** The partial unique index is the last line of defence against a double assignment. */
function uniqueViolationAsConflict(error: unknown): unknown {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code === '23505') return conflict('UNIT_NOT_AVAILABLE', 'unit was just assigned by another seat', null);
  return error;
}
