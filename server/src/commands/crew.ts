/**
 * The crew's side of a job, from its vehicle terminal (docs/crew.md): sign on to a unit for the shift, tap each
 * step, take back a mistaken tap within 30 s, send vitals ahead to the ED. Unit status changes go through the
 * unit status rules (unitProgress.ts changeUnitStatus); which tap comes next is domain/crewSteps.ts; what a
 * crew may see and act for is domain/visibility.ts.
 */
import {
  callStatusForUnitStatus,
  checkCrewTap,
  crewMayActForUnit,
  crewSeesJob,
  withinUndoWindow,
  type SessionUser,
  type UnitStatus,
  type VitalSigns,
  type VitalsReading,
} from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import type { Actor, EventBuffer } from '../events/log.ts';
import { LockedRowsMoved } from '../events/retry.ts';
import { AppError, conflict, fromDomain, notFound } from '../errors.ts';
import { toUnit } from '../presenters/entities.ts';
import { createCallRepo } from '../repositories/calls.ts';
import { createCrewRepo, type CrewShiftRow, type LastTap } from '../repositories/crew.ts';
import { createHospitalRepo } from '../repositories/hospitals.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';
import { runCommand, type Deps } from './deps.ts';
import { lockUnit, lockUnitJob, logCall, logTransport, logUnit } from './effects.ts';
import { changeUnitStatus, type UnitJob } from './unitProgress.ts';

const notOnShift = () => new AppError(409, 'NOT_ON_SHIFT', 'sign on to a unit first (POST /api/crew/shift)');

/** The member's open shift, read before any lock (to learn the unit), or a 409. */
async function shiftOf(tx: Tx, user: SessionUser): Promise<CrewShiftRow> {
  const shift = await createCrewRepo(tx).openShiftOf(user.id);
  if (!shift) throw notOnShift();
  return shift;
}

/** The unit the request names must be the member's own (visibility: crewMayActForUnit). */
function requireOwnUnit(shift: CrewShiftRow, unitId: number | undefined): void {
  if (unitId !== undefined && !crewMayActForUnit(shift, unitId)) {
    throw new AppError(403, 'NOT_YOUR_UNIT', `you are signed on to unit ${shift.unitId}, not unit ${unitId}`);
  }
}

/**
 * The member's unit and its job locked in the lock order, then the shift row (after the unit's), checked
 * still open: a sign-off committed meanwhile is a 409, not a tap for a unit the member has left.
 */
async function lockCrewJob(tx: Tx, user: SessionUser, unitId: number | undefined): Promise<{ shift: CrewShiftRow; job: UnitJob }> {
  const peek = await shiftOf(tx, user);
  requireOwnUnit(peek, unitId);
  const job = await lockUnitJob(tx, peek.unitId);
  const shift = await createCrewRepo(tx).lockShift(peek.id);
  if (!shift || shift.endedAt !== null) throw notOnShift();
  return { shift, job };
}

async function logCrewOnShift(tx: Tx, log: EventBuffer, unit: UnitRow): Promise<UnitRow> {
  const names = await createCrewRepo(tx).namesOnShift(unit.id);
  const after = await createUnitRepo(tx).update(unit.id, { shiftCrew: names });
  logUnit(log, 'unit.crewChanged', unit, after);
  return after;
}

/** Sign on to a unit; already on it: no change. On another unit: 409 with the current shift. */
export async function signOnShift(deps: Deps, actor: Actor, user: SessionUser, unitId: number): Promise<{ shift: CrewShiftRow; unit: UnitRow }> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const repo = createCrewRepo(tx);
    const open = await repo.openShiftOf(user.id);
    const unit = await lockUnit(tx, unitId);
    if (open && open.unitId === unitId) return { shift: open, unit };
    if (open) throw conflict('ON_SHIFT_ELSEWHERE', `you are signed on to unit ${open.unitId}; sign off first`, { unitId: open.unitId, startedAt: open.startedAt.toISOString() });
    const shift = await repo.startShift(user.id, unitId, now).catch((error: unknown) => {
      // The same member signing on twice at once (two devices): the one-open-shift index refuses the second.
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (code === '23505') throw conflict('ON_SHIFT_ELSEWHERE', 'you were just signed on to a unit from another device', null);
      throw error;
    });
    return { shift, unit: await logCrewOnShift(tx, log, unit) };
  });
}

/** Sign off the unit; 409 when not signed on. */
export async function signOffShift(deps: Deps, actor: Actor, user: SessionUser): Promise<{ shift: CrewShiftRow; unit: UnitRow }> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const unit = await lockShiftUnit(tx, user.id);
    const ended = unit ? await endShiftOn(tx, log, user.id, unit, now) : null;
    if (!ended) throw notOnShift();
    return ended;
  });
}

/**
 * The unit a member is signed on to, locked (units come before users and shifts in the lock order), or null when
 * the member is on no shift. Taken first by any command that may end the member's shift (sign-off, an admin
 * disabling the account or taking the crew role away).
 */
export async function lockShiftUnit(tx: Tx, userId: number): Promise<UnitRow | null> {
  const peek = await createCrewRepo(tx).openShiftOf(userId);
  return peek ? lockUnit(tx, peek.unitId) : null;
}

/** End the member's open shift on `unit` (locked by lockShiftUnit): the unit's crew on shift is told at once. Null when there is none. */
export async function endShiftOn(tx: Tx, log: EventBuffer, userId: number, unit: UnitRow, now: Date): Promise<{ shift: CrewShiftRow; unit: UnitRow } | null> {
  const open = await createCrewRepo(tx).openShiftOf(userId);
  if (!open) return null;
  // Signed on to another unit between the peek and the lock: start again.
  if (open.unitId !== unit.id) throw new LockedRowsMoved(`crew shift of user ${userId}`);
  const locked = await createCrewRepo(tx).lockShift(open.id);
  if (!locked || locked.endedAt !== null) return null;
  const shift = await createCrewRepo(tx).updateShift(locked.id, { endedAt: now });
  return { shift, unit: await logCrewOnShift(tx, log, unit) };
}

export interface CrewTapInput {
  status: Parameters<typeof checkCrewTap>[2];
  expectedStatus?: UnitStatus;
  transportId?: number;
  unitId?: number;
}

export interface CrewTapResult {
  unit: UnitRow;
  transport: TransportRow | null;
  shift: CrewShiftRow;
}

/** The job the terminal showed must still be the unit's; else 409 with the unit as it is now. */
function requireSameJob(unit: UnitRow, transportId: number | undefined): void {
  if (transportId !== undefined && unit.transportId !== transportId) {
    throw conflict('JOB_CHANGED', `unit ${unit.callSign} is no longer on that job`, toUnit(unit));
  }
}

/** One tap: the step expected next, stamped with server time; the member's last tap is kept for an undo. */
export async function crewTap(deps: Deps, actor: Actor, user: SessionUser, input: CrewTapInput): Promise<CrewTapResult> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const { shift, job } = await lockCrewJob(tx, user, input.unitId);
    const { unit, call, transport } = job;
    requireSameJob(unit, input.transportId);
    if (input.expectedStatus !== undefined && input.expectedStatus !== unit.status) {
      throw conflict('STALE_STATUS', `unit ${unit.callSign} is ${unit.status}, not ${input.expectedStatus}`, toUnit(unit));
    }
    const step = checkCrewTap(unit.status as UnitStatus, transport?.acknowledgedAt != null, input.status);
    if (!step.ok) throw fromDomain(step.error, toUnit(unit));
    const tap: LastTap = {
      at: now.toISOString(),
      status: input.status,
      unitId: unit.id,
      transportId: unit.transportId,
      unitBefore: { status: unit.status as UnitStatus, statusSince: unit.statusSince.toISOString() },
      callBefore: call ? { id: call.id, status: call.status, statusSince: call.statusSince.toISOString() } : null,
      callAfter: null,
      transportBefore: transport ? { acceptance: transport.acceptance, arrivedAt: transport.arrivedAt?.toISOString() ?? null } : null,
      undone: false,
    };
    let unitAfter = unit;
    if (input.status === 'acknowledged') {
      // checkCrewTap gives `acknowledged` only to a dispatched unit, which always has its transport.
      if (!transport) throw conflict('NO_JOB', `unit ${unit.callSign} has no job to acknowledge`, toUnit(unit));
      logTransport(log, 'transport.acknowledged', transport, await createTransportRepo(tx).update(transport.id, { acknowledgedAt: now }));
    } else {
      unitAfter = await changeUnitStatus(tx, log, now, job, input.status);
    }
    if (call) {
      const callNow = await createCallRepo(tx).get(call.id);
      if (callNow) tap.callAfter = { status: callNow.status, statusSince: callNow.statusSince.toISOString() };
    }
    const transportAfter = unitAfter.transportId ? ((await createTransportRepo(tx).get(unitAfter.transportId)) ?? null) : null;
    const shiftAfter = await createCrewRepo(tx).updateShift(shift.id, { lastTap: tap });
    return { unit: unitAfter, transport: transportAfter, shift: shiftAfter };
  });
}

/**
 * Take back the member's own last tap within 30 s (CREW_UNDO_WINDOW_MS), logged as `unit.statusUndone` (or
 * `transport.stepUndone` for an acknowledgement). Refused with 409 when the window has passed, when there is
 * nothing to undo, or when anyone (the dispatcher, the ED, another member) changed the unit or its job since.
 */
export async function undoCrewTap(deps: Deps, actor: Actor, user: SessionUser, unitId: number | undefined): Promise<CrewTapResult> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const { shift, job } = await lockCrewJob(tx, user, unitId);
    const { unit, call, transport } = job;
    const tap = shift.lastTap as LastTap | null;
    if (!tap || tap.undone || tap.unitId !== unit.id) throw conflict('NOTHING_TO_UNDO', 'you have no tap to undo', toUnit(unit));
    const tapAt = Date.parse(tap.at);
    if (!withinUndoWindow(tapAt, now.getTime())) throw conflict('UNDO_EXPIRED', 'a tap can be undone within 30 s only', toUnit(unit));
    const changedSince = () => conflict('CHANGED_SINCE', `unit ${unit.callSign} changed after your tap; ask the dispatcher`, toUnit(unit));
    if (unit.transportId !== tap.transportId) throw changedSince();
    let unitAfter = unit;
    if (tap.status === 'acknowledged') {
      if (!transport || transport.acknowledgedAt?.getTime() !== tapAt || unit.status !== 'dispatched') throw changedSince();
      logTransport(log, 'transport.stepUndone', transport, await createTransportRepo(tx).update(transport.id, { acknowledgedAt: null }));
    } else {
      if (unit.status !== tap.status || unit.statusSince.getTime() !== tapAt) throw changedSince();
      if (tap.status === 'at_hospital') {
        // The arrival the tap recorded is taken back with it (the offload clock had not really started).
        if (!transport || !tap.transportBefore || transport.arrivedAt?.getTime() !== tapAt || transport.handedOverAt) throw changedSince();
        const before = tap.transportBefore;
        logTransport(log, 'transport.stepUndone', transport, await createTransportRepo(tx).update(transport.id, { acceptance: before.acceptance, arrivedAt: before.arrivedAt ? new Date(before.arrivedAt) : null }));
      }
      unitAfter = await createUnitRepo(tx).update(unit.id, { status: tap.unitBefore.status, statusSince: new Date(tap.unitBefore.statusSince) });
      logUnit(log, 'unit.statusUndone', unit, unitAfter);
      // The call moved with the tap; it goes back too, unless something else moved it since.
      const implied = callStatusForUnitStatus(tap.status);
      if (call && tap.callBefore && tap.callAfter && implied && call.status === tap.callAfter.status && call.statusSince.getTime() === Date.parse(tap.callAfter.statusSince) && tap.callAfter.status !== tap.callBefore.status) {
        const callAfter = await createCallRepo(tx).update(call.id, { status: tap.callBefore.status, statusSince: new Date(tap.callBefore.statusSince) });
        logCall(log, 'call.statusChanged', call, callAfter);
      }
    }
    const transportAfter = unitAfter.transportId ? ((await createTransportRepo(tx).get(unitAfter.transportId)) ?? null) : null;
    const shiftAfter = await createCrewRepo(tx).updateShift(shift.id, { lastTap: { ...tap, undone: true } });
    return { unit: unitAfter, transport: transportAfter, shift: shiftAfter };
  });
}

/** A set of vitals for the job the unit is on now: stored (history and latest) and logged, so the ED and dispatch hear it. */
export async function recordCrewVitals(
  deps: Deps,
  actor: Actor,
  user: SessionUser,
  input: VitalSigns & { transportId?: number; unitId?: number },
): Promise<{ transport: TransportRow; reading: VitalsReading }> {
  return runCommand(deps, actor, async (tx, log, now) => {
    const { shift, job } = await lockCrewJob(tx, user, input.unitId);
    const { unit, transport } = job;
    requireSameJob(unit, input.transportId);
    if (!transport || !crewSeesJob(shift, { id: unit.id, transportId: unit.transportId }, { id: transport.id, unitId: transport.unitId, closedAt: transport.closedAt?.toISOString() ?? null })) {
      throw conflict('NO_JOB', `unit ${unit.callSign} carries no patient now`, toUnit(unit));
    }
    const { transportId: _t, unitId: _u, ...values } = input;
    const reading: VitalsReading = { ...definedOnly(values), at: now.toISOString(), by: user.displayName };
    await createCrewRepo(tx).addVitals(transport.id, user.id, reading);
    const after = await createTransportRepo(tx).update(transport.id, { vitals: reading });
    logTransport(log, 'transport.vitalsRecorded', transport, after);
    return { transport: after, reading };
  });
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The member's unit and its current job, read (no lock): what GET /api/crew/job shows. */
export async function readCrewJob(deps: Deps, user: SessionUser) {
  const repo = createCrewRepo(deps.db);
  const shift = await repo.openShiftOf(user.id);
  if (!shift) throw notOnShift();
  const unit = await createUnitRepo(deps.db).get(shift.unitId);
  if (!unit) throw notFound('unit', shift.unitId);
  const transport = unit.transportId ? await createTransportRepo(deps.db).get(unit.transportId) : undefined;
  const seen = transport && crewSeesJob(shift, { id: unit.id, transportId: unit.transportId }, { id: transport.id, unitId: transport.unitId, closedAt: transport.closedAt?.toISOString() ?? null }) ? transport : undefined;
  const call = seen ? await createCallRepo(deps.db).get(seen.callId) : undefined;
  const destination = seen?.hospitalId ? await createHospitalRepo(deps.db).get(seen.hospitalId) : undefined;
  const vitals = seen ? await repo.vitalsOf(seen.id) : [];
  return { shift, unit, transport: seen ?? null, call: call ?? null, destination: destination ?? null, vitals };
}
