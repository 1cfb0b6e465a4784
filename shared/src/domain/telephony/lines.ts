/**
 * Telephone lines (接警线路) as the CTI/PBX reports them: line events and the call attempts they make up.
 * The reducer is a function of the *set* of events (deduplicated by event id, then put in time order), so
 * the same events give the same attempts whatever order and however often they arrived.
 */

export const LINE_EVENT_KINDS = ['ringing', 'answered', 'transferred', 'ended', 'abandoned'] as const;
export type LineEventKind = (typeof LINE_EVENT_KINDS)[number];

/** Kinds that name the seat that took the call. */
export const SEAT_EVENT_KINDS = ['answered', 'transferred'] as const satisfies readonly LineEventKind[];

export const CALLER_LOCATION_SOURCES = ['carrier', 'handset'] as const;
export type CallerLocationSource = (typeof CALLER_LOCATION_SOURCES)[number];

/** Where the network places the caller: a carrier's cell estimate or the handset's own fix. */
export interface CallerLocation {
  lon: number;
  lat: number;
  accuracyM: number;
  source: CallerLocationSource;
}

/** One event of a line as the telephony gateway posts it. */
export interface LineEvent {
  eventId: string;
  lineId: number;
  kind: LineEventKind;
  /** When it happened at the PBX (ISO date-time), not when it reached us. */
  at: string;
  callerNumber: string;
  location?: CallerLocation | null;
  /** The seat that answered or took the transfer. */
  seat?: number | null;
}

/**
 * Where a call attempt is: ringing, talking at a seat, ended after an answer, abandoned (the caller hung up
 * before anyone answered), or lost (a new ring came on the line before its end was reported).
 */
export type AttemptState = 'ringing' | 'on_call' | 'ended' | 'abandoned' | 'lost';

/** One caller on one line, from the ring to the end. */
export interface CallAttempt {
  lineId: number;
  callerNumber: string;
  location: CallerLocation | null;
  state: AttemptState;
  /** Null while the ring has not been reported (an answer arrived first): the attempt is held. */
  ringingAt: string | null;
  answeredAt: string | null;
  /** The seat talking to the caller now (the last one it was transferred to). */
  seat: number | null;
  /** The seat that answered first: the per-dispatcher figures count the answer there. */
  answeredBySeat: number | null;
  transfers: { at: string; seat: number | null }[];
  endedAt: string | null;
  /** Events that made the attempt, in time order. */
  eventIds: string[];
}

// Events at the same instant are applied in lifecycle order, so an answer and a hang-up stamped with the
// same second still read as answered-then-ended.
const KIND_RANK: Record<LineEventKind, number> = { ringing: 0, answered: 1, transferred: 2, abandoned: 3, ended: 4 };

/** Events once each (the first copy of an id wins), in time order, lifecycle order within one instant, then id. */
export function orderLineEvents(events: readonly LineEvent[]): LineEvent[] {
  const seen = new Map<string, LineEvent>();
  for (const e of events) if (!seen.has(e.eventId)) seen.set(e.eventId, e);
  return [...seen.values()].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
}

const isOpen = (a: CallAttempt | undefined): a is CallAttempt => a !== undefined && (a.state === 'ringing' || a.state === 'on_call');

function startAttempt(e: LineEvent): CallAttempt {
  return {
    lineId: e.lineId,
    callerNumber: e.callerNumber,
    location: e.location ?? null,
    state: 'ringing',
    ringingAt: null,
    answeredAt: null,
    seat: null,
    answeredBySeat: null,
    transfers: [],
    endedAt: null,
    eventIds: [],
  };
}

/** The call attempts of any number of lines' events, per line in time order. */
export function callAttempts(events: readonly LineEvent[]): CallAttempt[] {
  const byLine = new Map<number, CallAttempt[]>();
  for (const e of orderLineEvents(events)) {
    const attempts = byLine.get(e.lineId) ?? [];
    byLine.set(e.lineId, attempts);
    let current = attempts[attempts.length - 1];
    if (e.kind === 'ringing') {
      // An attempt held without its ring (the PBX's clocks put the answer a moment before it) takes this ring.
      if (!(isOpen(current) && current.ringingAt === null && current.callerNumber === e.callerNumber)) {
        if (isOpen(current)) current.state = 'lost';
        current = startAttempt(e);
        attempts.push(current);
      }
      current.ringingAt = e.at;
    } else if (!isOpen(current)) {
      // Nothing open on the line: this event's ring has not arrived yet. Held as an attempt of its own.
      current = startAttempt(e);
      attempts.push(current);
    }
    current.eventIds.push(e.eventId);
    if (!current.location && e.location) current.location = e.location;
    switch (e.kind) {
      case 'ringing':
        break;
      case 'answered':
        if (current.answeredAt === null) {
          current.answeredAt = e.at;
          current.answeredBySeat = e.seat ?? null;
        }
        current.seat = e.seat ?? current.seat;
        current.state = 'on_call';
        break;
      case 'transferred':
        current.transfers.push({ at: e.at, seat: e.seat ?? null });
        current.seat = e.seat ?? current.seat;
        current.state = 'on_call';
        break;
      case 'ended':
        // Ended without an answer is a caller who hung up while it rang: abandoned, whatever the PBX calls it.
        current.state = current.answeredAt === null && current.transfers.length === 0 ? 'abandoned' : 'ended';
        current.endedAt = e.at;
        break;
      case 'abandoned':
        current.state = 'abandoned';
        current.endedAt = e.at;
        break;
    }
  }
  return [...byLine.values()].flat();
}

/** How long the caller waited before an answer or before hanging up, in seconds; null while unknown. */
export function ringSeconds(a: CallAttempt): number | null {
  if (a.ringingAt === null) return null;
  const end = a.answeredAt ?? (a.state === 'abandoned' ? a.endedAt : null);
  return end === null ? null : (Date.parse(end) - Date.parse(a.ringingAt)) / 1000;
}

/** A line as the consoles show it: idle, or the attempt on it now. */
export interface LineState {
  lineId: number;
  state: 'idle' | 'ringing' | 'on_call';
  attempt: CallAttempt | null;
}

/** A line as the snapshot lists it: its state and whether it is one of the surge plan's extra lines. */
export interface PhoneLine extends LineState {
  /** False for the centre's normal lines, true for the lines added for the surge plan (DOMAIN.md rule 4). */
  surge: boolean;
}

/** The line's state after its events: the last attempt if it is still open, else idle. */
export function lineStateOf(lineId: number, attempts: readonly CallAttempt[]): LineState {
  const mine = attempts.filter((a) => a.lineId === lineId);
  const last = mine[mine.length - 1];
  if (!isOpen(last)) return { lineId, state: 'idle', attempt: null };
  return { lineId, state: last.state === 'on_call' ? 'on_call' : 'ringing', attempt: last };
}
