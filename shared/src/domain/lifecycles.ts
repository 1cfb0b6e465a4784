/** Explicit state machines for calls, units and hospital acceptance (DOMAIN.md "Lifecycles"). */
import type { AcceptanceStatus, CallStatus, UnitStatus } from '../model.ts';
import { CLOSED_CALL_STATUSES } from '../model.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

// Any open state before transport may be cancelled; once the patient is on board the call must run to handover.
export const CALL_TRANSITIONS: Readonly<Record<CallStatus, readonly CallStatus[]>> = {
  // Triage is often done while taking the call, so intake may jump straight to the queue;
  // advice-only calls close without a unit.
  received: ['triaged', 'awaiting_unit', 'closed', 'referred_home_care', 'cancelled'],
  triaged: ['awaiting_unit', 'closed', 'referred_home_care', 'cancelled'],
  awaiting_unit: ['unit_assigned', 'cancelled'],
  // A unit can be stood down or reassigned before it moves.
  unit_assigned: ['en_route', 'awaiting_unit', 'cancelled'],
  // The unit may break down on the way: the call goes back to the queue.
  en_route: ['on_scene', 'awaiting_unit', 'cancelled'],
  // No transport is recorded as treated_on_scene, not as a bare close, so the outcome is explicit.
  on_scene: ['transporting', 'treated_on_scene', 'referred_home_care', 'cancelled'],
  transporting: ['at_hospital'],
  at_hospital: ['handed_over'],
  handed_over: ['closed'],
  closed: [],
  cancelled: [],
  treated_on_scene: [],
  referred_home_care: [],
};

export const UNIT_TRANSITIONS: Readonly<Record<UnitStatus, readonly UnitStatus[]>> = {
  available: ['dispatched', 'out_of_service'],
  // Stood down before reaching the scene.
  dispatched: ['en_route', 'available', 'out_of_service'],
  en_route: ['on_scene', 'available', 'out_of_service'],
  // No transport needed: the unit heads back.
  on_scene: ['transporting', 'returning', 'out_of_service'],
  transporting: ['at_hospital', 'out_of_service'],
  at_hospital: ['returning', 'out_of_service'],
  // Re-tasked on the way back, the usual case in a surge.
  returning: ['available', 'dispatched', 'out_of_service'],
  out_of_service: ['available'],
};

export const ACCEPTANCE_TRANSITIONS: Readonly<Record<AcceptanceStatus, readonly AcceptanceStatus[]>> = {
  // Arrival without an explicit accept happens when the ED never answered; the stretcher is there anyway.
  pending: ['accepted', 'declined', 'arrived', 'cancelled'],
  // Back to pending when the dispatcher reroutes to another hospital.
  accepted: ['declined', 'arrived', 'cancelled', 'pending'],
  declined: ['pending'],
  arrived: ['handed_over'],
  handed_over: [],
  cancelled: [],
};

function step<S extends string>(
  table: Readonly<Record<S, readonly S[]>>,
  subject: string,
  from: S,
  to: S,
): Result<S> {
  if (table[from].includes(to)) return ok(to);
  return err('ILLEGAL_TRANSITION', `${subject} cannot go from ${from} to ${to}`, from);
}

/** Checks a call status change; fails with ILLEGAL_TRANSITION and the current status. */
export function nextCallStatus(from: CallStatus, to: CallStatus): Result<CallStatus> {
  return step(CALL_TRANSITIONS, 'call', from, to);
}

/** Checks a unit status change; fails with ILLEGAL_TRANSITION and the current status. */
export function nextUnitStatus(from: UnitStatus, to: UnitStatus): Result<UnitStatus> {
  return step(UNIT_TRANSITIONS, 'unit', from, to);
}

/** Checks a hospital acceptance change; fails with ILLEGAL_TRANSITION and the current status. */
export function nextAcceptance(from: AcceptanceStatus, to: AcceptanceStatus): Result<AcceptanceStatus> {
  return step(ACCEPTANCE_TRANSITIONS, 'acceptance', from, to);
}

const CALL_FOR_UNIT: Readonly<Partial<Record<UnitStatus, CallStatus>>> = {
  dispatched: 'unit_assigned',
  en_route: 'en_route',
  on_scene: 'on_scene',
  transporting: 'transporting',
  at_hospital: 'at_hospital',
};

/** The call status a unit's status implies, or null when the unit's status says nothing about the call. */
export function callStatusForUnitStatus(s: UnitStatus): CallStatus | null {
  return CALL_FOR_UNIT[s] ?? null;
}

const CLOSED: ReadonlySet<CallStatus> = new Set(CLOSED_CALL_STATUSES);

/** True while the call is still in the queue or being worked. */
export function isCallOpen(status: CallStatus): boolean {
  return !CLOSED.has(status);
}

/** True when the unit can be given a new call. */
export function isUnitFree(status: UnitStatus): boolean {
  return status === 'available';
}

/** Main-line order of call statuses; side exits rank with `closed` because they are just as final. */
export const CALL_STATUS_ORDER: Readonly<Record<CallStatus, number>> = {
  received: 0,
  triaged: 1,
  awaiting_unit: 2,
  unit_assigned: 3,
  en_route: 4,
  on_scene: 5,
  transporting: 6,
  at_hospital: 7,
  handed_over: 8,
  closed: 9,
  cancelled: 9,
  treated_on_scene: 9,
  referred_home_care: 9,
};

/** Rank along the main line, so a lagging second unit never moves a call backwards. */
export function callStatusRank(s: CallStatus): number {
  return CALL_STATUS_ORDER[s];
}
