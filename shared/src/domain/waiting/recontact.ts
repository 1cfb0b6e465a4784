/**
 * Re-contact (再次联系): while a call waits for an ambulance, a dispatcher calls the caller again at a set
 * interval, to re-triage (has the patient got worse?) and to keep the caller on side. In the December 2022
 * surge callers waited an hour and more for a unit; a patient who deteriorates in the queue is found only by
 * asking again.
 */
import { DEFAULT_THRESHOLDS, type Call, type CallStatus, type ClinicalClass, type Thresholds } from '../../model.ts';
import type { CallbackOutcome } from './callbacks.ts';

/**
 * Minutes between re-contacts when the city sets none. DOMAIN.md names no interval; ten minutes matches the
 * queue-wait alert (`queueWaitMinutes`), so the first reminder comes when a wait starts to count as long.
 */
export const DEFAULT_RECONTACT_MINUTES = DEFAULT_THRESHOLDS.recontactMinutes;

/** Statuses in which a call is waiting for an ambulance: taken, not yet given a unit. */
export const WAITING_FOR_UNIT: readonly CallStatus[] = ['received', 'triaged', 'awaiting_unit'];

/** The interval the city set among its thresholds (the command group edits it; city.json may set it). */
export function recontactMinutesOf(th: Partial<Pick<Thresholds, 'recontactMinutes'>>): number {
  const m = th.recontactMinutes;
  return typeof m === 'number' && m > 0 ? m : DEFAULT_RECONTACT_MINUTES;
}

export interface RecontactDue {
  /** True once the interval has passed since the call came in or the caller was last contacted. */
  due: boolean;
  /** When the next re-contact falls due (ISO). */
  dueAt: string;
  /** Whole minutes since the last contact (or since the call came in). */
  sinceContactMin: number;
  /** Whole minutes past due; 0 while not due. */
  overdueMin: number;
  /** Whether the caller has been re-contacted at all. */
  contacted: boolean;
}

type RecontactCall = Pick<Call, 'status' | 'receivedAt' | 'mergedIntoId'> & { lastContactAt?: string | null };

/** Whether a call waiting for an ambulance is due a re-contact at `now`; null for a call that is not waiting. */
export function recontactDue(call: RecontactCall, now: Date, intervalMin: number): RecontactDue | null {
  if (!WAITING_FOR_UNIT.includes(call.status) || call.mergedIntoId !== null) return null;
  const last = call.lastContactAt ?? null;
  const from = Date.parse(last ?? call.receivedAt);
  if (!Number.isFinite(from)) return null;
  const interval = intervalMin > 0 ? intervalMin : DEFAULT_RECONTACT_MINUTES;
  const dueAtMs = from + interval * 60_000;
  const since = Math.max(0, Math.floor((now.getTime() - from) / 60_000));
  const due = now.getTime() >= dueAtMs;
  return {
    due,
    dueAt: new Date(dueAtMs).toISOString(),
    sinceContactMin: since,
    overdueMin: due ? Math.floor((now.getTime() - dueAtMs) / 60_000) : 0,
    contacted: last !== null,
  };
}

/** What a re-contact found, as the event log keeps it: a class change always names its reason. */
export interface RecontactRecord {
  outcome: CallbackOutcome;
  note: string;
  /** The class before and after; equal when the re-contact did not re-triage. */
  classFrom: ClinicalClass;
  classTo: ClinicalClass;
  /** Why the class changed; '' when it did not. */
  reason: string;
}
