/** Shared steps of the dispatch commands: load-and-lock, move a call along its lifecycle, log a change. */
import { callStatusRank, isCallOpen, nextCallStatus, type CallOutcome, type CallStatus, type EventName } from '@dispatch/shared';
import type { Tx } from '../db/client.ts';
import type { EventBuffer } from '../events/log.ts';
import { conflict, fromDomain, notFound } from '../errors.ts';
import { toCall, toHospital, toTransport, toUnit } from '../presenters/entities.ts';
import { createCallRepo, type CallRow } from '../repositories/calls.ts';
import { createHospitalRepo, type HospitalRow } from '../repositories/hospitals.ts';
import { createTransportRepo, type TransportRow } from '../repositories/transports.ts';
import { createUnitRepo, type UnitRow } from '../repositories/units.ts';

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

export async function getHospital(tx: Tx, id: number): Promise<HospitalRow> {
  const row = await createHospitalRepo(tx).get(id);
  if (!row) throw notFound('hospital', id);
  return row;
}

/** Destinations of a call's active transports: the hospitals whose staff follow it. */
export async function hospitalsOfCall(tx: Tx, callId: number): Promise<number[]> {
  const active = await createTransportRepo(tx).activeForCall(callId);
  return active.map((t) => t.hospitalId).filter((h): h is number => h !== null);
}

export function logCall(log: EventBuffer, name: EventName, before: CallRow | null, after: CallRow, hospitalIds: number[]): void {
  log.add({
    name,
    entity: 'call',
    entityId: after.id,
    before: before ? toCall(before) : null,
    after: toCall(after),
    hospitalIds: [...hospitalIds, after.sourceHospitalId, after.transferToHospitalId].filter((h): h is number => typeof h === 'number'),
  });
}

export function logUnit(log: EventBuffer, name: EventName, before: UnitRow | null, after: UnitRow, hospitalIds: number[]): void {
  log.add({ name, entity: 'unit', entityId: after.id, before: before ? toUnit(before) : null, after: toUnit(after), hospitalIds });
}

export function logTransport(log: EventBuffer, name: EventName, before: TransportRow | null, after: TransportRow, extraHospitalIds: number[] = []): void {
  log.add({
    name,
    entity: 'transport',
    entityId: after.id,
    before: before ? toTransport(before) : null,
    after: toTransport(after),
    hospitalIds: [before?.hospitalId, after.hospitalId, ...extraHospitalIds].filter((h): h is number => typeof h === 'number'),
  });
}

/**
 * Hospitals that follow a transfer whatever its units do: the sending and the receiving hospital.
 * Both fields are fixed when the call is made, so an unlocked read is enough.
 */
export async function transferHospitals(tx: Tx, callId: number): Promise<number[]> {
  const call = await createCallRepo(tx).get(callId);
  return call ? transferFollowers(call) : [];
}

/** The sending and receiving hospital of a transfer call; none for an emergency call. */
export function transferFollowers(call: Pick<CallRow, 'sourceHospitalId' | 'transferToHospitalId'>): number[] {
  return [call.sourceHospitalId, call.transferToHospitalId].filter((h): h is number => h !== null);
}

/**
 * A hospital that newly receives a patient hears the call and the unit as they are, logged like any
 * change, so its screen can show the patient at once and a reconnecting screen replays them. (The
 * dispatcher hears them too; for the audit trail they say when the hospital was told.)
 */
export function shareWithHospital(log: EventBuffer, hospitalId: number, call: CallRow, unit: UnitRow): void {
  logCall(log, 'call.sharedWithHospital', call, call, [hospitalId]);
  logUnit(log, 'unit.sharedWithHospital', unit, unit, [hospitalId, ...transferFollowers(call)]);
}

export function logHospital(log: EventBuffer, name: EventName, before: HospitalRow, after: HospitalRow): void {
  log.add({ name, entity: 'hospital', entityId: after.id, before: toHospital(before), after: toHospital(after), hospitalIds: [after.id] });
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
  opts: { onlyForward?: boolean; outcome?: CallOutcome; extra?: Partial<CallRow>; alsoTell?: number[] } = {},
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
  logCall(log, 'call.statusChanged', call, after, [...(await hospitalsOfCall(tx, call.id)), ...(opts.alsoTell ?? [])]);
  return after;
}

export function requireOpenCall(call: CallRow): void {
  if (!isCallOpen(call.status as CallStatus)) {
    throw conflict('CALL_CLOSED', `call ${call.id} is ${call.status}`, toCall(call));
  }
}
