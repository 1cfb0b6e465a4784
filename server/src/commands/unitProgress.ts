/**
 * A unit's status drives its call and its transport: on scene, transporting, at hospital (the
 * offload clock starts), handover (the unit is released), back in service.
 */
import {
  callStatusForUnitStatus,
  nextAcceptance,
  nextUnitStatus,
  type AcceptanceStatus,
  type CallStatus,
  type UnitStatus,
} from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import type { Actor, EventBuffer } from '../events/log.ts';
import { conflict, fromDomain } from '../errors.ts';
import { toTransport, toUnit } from '../presenters/entities.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';
import { runCommand, type Deps } from './deps.ts';
import type { CallRow } from '../repositories/calls.ts';
import { advanceCall, lockTransportJob, lockUnitJob, logTransport, logUnit, requireActsFor } from './effects.ts';

/** Change a unit's status from the console or its data terminal. */
export async function setUnitStatus(deps: Deps, actor: Actor, unitId: number, to: UnitStatus): Promise<UnitRow> {
  return runCommand(deps, actor, async (tx, log, now) => changeUnitStatus(tx, log, now, await lockUnitJob(tx, unitId), to));
}

/** A unit's job, locked in the lock order (lockUnitJob). */
export type UnitJob = Awaited<ReturnType<typeof lockUnitJob>>;

/**
 * The unit status rules, in the caller's transaction on a job it has locked: the dispatcher's buttons, the
 * gateway and the crew's taps (commands/crew.ts) all change a unit's status through here, and only here.
 */
export async function changeUnitStatus(tx: Tx, log: EventBuffer, now: Date, job: UnitJob, to: UnitStatus): Promise<UnitRow> {
  const { call, unit, transport } = job;
  if (to === 'dispatched') throw conflict('USE_ASSIGN', 'a unit is dispatched by assigning it to a call', toUnit(unit));
  // The patient is still on the unit's stretcher at the ED: only a handover releases it.
  if (transport?.arrivedAt && !transport.handedOverAt && to !== 'at_hospital') {
    throw conflict('NOT_HANDED_OVER', `${unit.callSign} still holds its patient at the ED; record the handover`, toTransport(transport));
  }
  const step = nextUnitStatus(unit.status as UnitStatus, to);
  if (!step.ok) throw fromDomain(step.error, toUnit(unit));
  if (to === 'at_hospital') {
    if (!transport || !call) throw conflict('NO_TRANSPORT', `unit ${unit.callSign} carries no patient`, toUnit(unit));
    return (await arrive(tx, log, { call, unit, transport }, now)).unit;
  }
  if (to === 'transporting' && transport && transport.hospitalId === null) {
    throw conflict('NO_DESTINATION', `choose a destination for ${unit.callSign} before transporting`, toTransport(transport));
  }
  // Leaving the job before transport: stood down, broke down, or no patient to carry.
  const leavesJob = transport && (to === 'available' || to === 'out_of_service' || to === 'returning');
  if (transport && leavesJob) {
    await closeTransport(tx, log, transport, now, 'cancelled');
  }
  const unitAfter = await createUnitRepo(tx).update(unit.id, {
    status: to,
    statusSince: now,
    ...(leavesJob ? { callId: null, transportId: null } : {}),
  });
  logUnit(log, 'unit.statusChanged', unit, unitAfter);
  if (call) {
    const callTo = callStatusForUnitStatus(to);
    if (callTo) await advanceCall(tx, log, call, callTo, now, { onlyForward: true });
    else if (leavesJob) await afterUnitLeft(tx, log, call, to === 'returning' && unit.status === 'on_scene', now);
  }
  return unitAfter;
}

/** The hospital or the crew records arrival at the ED: the offload clock starts. */
export async function recordArrival(deps: Deps, actor: Actor, transportId: number): Promise<TransportRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const job = await lockTransportJob(tx, transportId);
    requireActsFor(actor, job.transport);
    return (await arrive(tx, log, job, now)).transport;
  });
}

/** Handover at the ED: the patient is on a hospital bed, the stretcher and the unit are free. */
export async function recordHandover(deps: Deps, actor: Actor, transportId: number): Promise<TransportRow> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const { call, unit, transport: before } = await lockTransportJob(tx, transportId);
    requireActsFor(actor, before);
    const step = nextAcceptance((before.acceptance ?? 'pending') as AcceptanceStatus, 'handed_over');
    if (!step.ok) throw fromDomain(step.error, toTransport(before));
    const after = await closeTransport(tx, log, before, now, 'handed_over');
    const unitAfter = await createUnitRepo(tx).update(unit.id, { status: 'returning', statusSince: now, callId: null, transportId: null });
    logUnit(log, 'unit.statusChanged', unit, unitAfter);
    const remaining = await createTransportRepo(tx).activeForCall(call.id);
    if (remaining.length === 0) {
      const handed = await advanceCall(tx, log, call, 'handed_over', now, { onlyForward: true });
      await advanceCall(tx, log, handed, 'closed', now, { outcome: 'transported' });
    }
    return after;
  });
}

async function arrive(
  tx: Tx,
  log: EventBuffer,
  job: { call: CallRow; unit: UnitRow; transport: TransportRow },
  now: Date,
): Promise<{ transport: TransportRow; unit: UnitRow }> {
  const { call, unit, transport } = job;
  if (transport.hospitalId === null || transport.acceptance === null) {
    throw conflict('NO_DESTINATION', `transport ${transport.id} has no destination`, toTransport(transport));
  }
  const step = nextAcceptance(transport.acceptance as AcceptanceStatus, 'arrived');
  if (!step.ok) throw fromDomain(step.error, toTransport(transport));
  let unitAfter = unit;
  if (unit.status !== 'at_hospital') {
    const unitStep = nextUnitStatus(unit.status as UnitStatus, 'at_hospital');
    if (!unitStep.ok) throw fromDomain(unitStep.error, toUnit(unit));
  }
  const after = await createTransportRepo(tx).update(transport.id, { acceptance: 'arrived', arrivedAt: now });
  logTransport(log, 'transport.arrived', transport, after);
  if (unit.status !== 'at_hospital') {
    unitAfter = await createUnitRepo(tx).update(unit.id, { status: 'at_hospital', statusSince: now });
    logUnit(log, 'unit.statusChanged', unit, unitAfter);
  }
  await advanceCall(tx, log, call, 'at_hospital', now, { onlyForward: true });
  return { transport: after, unit: unitAfter };
}

async function closeTransport(
  tx: Tx,
  log: EventBuffer,
  transport: TransportRow,
  now: Date,
  as: 'handed_over' | 'cancelled',
): Promise<TransportRow> {
  const after = await createTransportRepo(tx).update(transport.id, {
    acceptance: transport.acceptance === null && as === 'cancelled' ? null : as,
    closedAt: now,
    ...(as === 'handed_over' ? { handedOverAt: now } : {}),
  });
  logTransport(log, as === 'handed_over' ? 'transport.handedOver' : 'transport.cancelled', transport, after);
  return after;
}

/** A unit left a call without carrying the patient: the call waits for another unit or ends on scene. */
async function afterUnitLeft(tx: Tx, log: EventBuffer, call: CallRow, treatedOnScene: boolean, now: Date): Promise<void> {
  const remaining = await createTransportRepo(tx).activeForCall(call.id);
  if (remaining.length > 0) return;
  const to: CallStatus = treatedOnScene ? 'treated_on_scene' : 'awaiting_unit';
  await advanceCall(tx, log, call, to, now, treatedOnScene ? { outcome: 'treated_on_scene' } : {});
}
