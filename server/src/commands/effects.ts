/** Shared steps of the dispatch commands: load-and-lock, move a call along its lifecycle, log a change. */
import { callStatusRank, isCallOpen, mayActForHospital, nextCallStatus, type CallOutcome, type CallStatus, type EventName } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import type { Actor, EventBuffer } from '../events/log.ts';
import { LockedRowsMoved } from '../events/retry.ts';
import { AppError, conflict, fromDomain, notFound } from '../errors.ts';
import { toCall, toHospital, toTransport, toUnit } from '../presenters/entities.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { createHospitalRepo, type HospitalRow } from '../repositories/hospitals.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';

/*
 * One lock order for every command (docs/decisions/0004-one-lock-order.md):
 *   idempotency key → calls (ascending id) → units (ascending id) → transports (ascending id)
 *   → phone lines (ascending) → seats (ascending) → crew shifts → hospital, station, alert, user, settings rows
 *   → the event log's advisory lock.
 * A command that starts from a unit or a transport reads it unlocked to learn its call, then locks in
 * that order and checks the rows still belong together; if not, LockedRowsMoved runs it again.
 */

export async function lockCall(tx: Tx, id: number): Promise<CallRow> {
  const row = await createCallRepo(tx).getForUpdate(id);
  if (!row) throw notFound('call', id);
  return row;
}

export async function lockUnit(tx: Tx, id: number): Promise<UnitRow> {
  const row = await createUnitRepo(tx).getForUpdate(id);
  if (!row) throw notFound('unit', id);
  return row;
}

export async function lockTransport(tx: Tx, id: number): Promise<TransportRow> {
  const row = await createTransportRepo(tx).getForUpdate(id);
  if (!row) throw notFound('transport', id);
  return row;
}

/** A transport's job locked in order: its call, its unit, then the transport (a transport never changes call or unit). */
export async function lockTransportJob(tx: Tx, transportId: number): Promise<{ call: CallRow; unit: UnitRow; transport: TransportRow }> {
  const peek = await createTransportRepo(tx).get(transportId);
  if (!peek) throw notFound('transport', transportId);
  const call = await lockCall(tx, peek.callId);
  const unit = await lockUnit(tx, peek.unitId);
  const transport = await lockTransport(tx, transportId);
  return { call, unit, transport };
}

/** A unit and the job it is on, locked in order: its call, the unit, its transport. */
export async function lockUnitJob(tx: Tx, unitId: number): Promise<{ call: CallRow | null; unit: UnitRow; transport: TransportRow | null }> {
  const peek = await createUnitRepo(tx).get(unitId);
  if (!peek) throw notFound('unit', unitId);
  const call = peek.callId ? await lockCall(tx, peek.callId) : null;
  const unit = await lockUnit(tx, unitId);
  // Assigned to or released from a call between the peek and the lock: start again.
  if (unit.callId !== (call?.id ?? null)) throw new LockedRowsMoved(`unit ${unit.callSign}`);
  const transport = unit.transportId ? await lockTransport(tx, unit.transportId) : null;
  return { call, unit, transport };
}

export async function getHospital(tx: Tx, id: number): Promise<HospitalRow> {
  const row = await createHospitalRepo(tx).get(id);
  if (!row) throw notFound('hospital', id);
  return row;
}

/** A hospital-scoped action, checked against the locked row: staff act only for the hospital the patient is bound for now. */
export function requireActsFor(actor: Actor, transport: TransportRow): void {
  if (!mayActForHospital(actor, transport.hospitalId)) {
    throw new AppError(403, 'NOT_YOUR_PATIENT', `this patient is not (or no longer) bound for your hospital`);
  }
}

export function logCall(log: EventBuffer, name: EventName, before: CallRow | null, after: CallRow): void {
  log.add({ name, entity: 'call', entityId: after.id, before: before ? toCall(before) : null, after: toCall(after) });
}

export function logUnit(log: EventBuffer, name: EventName, before: UnitRow | null, after: UnitRow): void {
  log.add({ name, entity: 'unit', entityId: after.id, before: before ? toUnit(before) : null, after: toUnit(after) });
}

export function logTransport(log: EventBuffer, name: EventName, before: TransportRow | null, after: TransportRow): void {
  log.add({ name, entity: 'transport', entityId: after.id, before: before ? toTransport(before) : null, after: toTransport(after) });
}

/**
 * A hospital that newly receives a patient hears the call and the unit as they are, logged like any
 * change, so its screen can show the patient at once and a reconnecting screen replays them. (The
 * dispatcher hears them too; for the audit trail they say when the hospital was told.)
 */
export function shareWithHospital(log: EventBuffer, call: CallRow, unit: UnitRow): void {
  logCall(log, 'call.sharedWithHospital', call, call);
  logUnit(log, 'unit.sharedWithHospital', unit, unit);
}

export function logHospital(log: EventBuffer, name: EventName, before: HospitalRow, after: HospitalRow): void {
  log.add({ name, entity: 'hospital', entityId: after.id, before: toHospital(before), after: toHospital(after) });
}

/**
 * Move a call to `to` if the lifecycle allows it. With several units on one call the call follows
 * the most advanced unit, so a lagging second unit never moves it backwards (`onlyForward`).
 */
export async function advanceCall(
  tx: Tx,
  log: EventBuffer,
  call: CallRow,
  to: CallStatus,
  now: Date,
  opts: { onlyForward?: boolean; outcome?: CallOutcome; extra?: Partial<CallRow> } = {},
): Promise<CallRow> {
  const from = call.status as CallStatus;
  if (from === to) return call;
  if (opts.onlyForward && callStatusRank(to) <= callStatusRank(from)) return call;
  const step = nextCallStatus(from, to);
  if (!step.ok) {
    if (opts.onlyForward) return call;
    throw fromDomain(step.error, toCall(call));
  }
  const closing = !isCallOpen(to);
  const after = await createCallRepo(tx).update(call.id, {
    status: to,
    statusSince: now,
    ...(opts.outcome ? { outcome: opts.outcome } : {}),
    ...(closing ? { closedAt: now } : {}),
    ...opts.extra,
  });
  logCall(log, 'call.statusChanged', call, after);
  return after;
}

export function requireOpenCall(call: CallRow): void {
  if (!isCallOpen(call.status as CallStatus)) {
    throw conflict('CALL_CLOSED', `call ${call.id} is ${call.status}`, toCall(call));
  }
}
