/**
 * The callback list (回拨): callers who hung up before anyone answered, until someone speaks to them. One entry
 * per number, not per attempt: a caller who tried three times and gave up three times is one person to call
 * back once. Pure: the server builds it from the stored line events and the logged callbacks.
 */
import type { CallAttempt } from '../telephony/lines.ts';

/** What came of calling a caller back: only `reached` (someone spoke to the caller) takes them off the list. */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/**
 * How far back the list looks. A caller who hung up more than a day ago has either called again or been
 * handed over at a shift change; the line events' own plausibility window is 24 h too (FIX_MAX_BEHIND_MS).
 */
export const CALLBACK_WINDOW_HOURS = 24;

/** One call back as a dispatcher logged it. */
export interface CallbackRecord {
  id: number;
  /** An event of the abandoned attempt it answers (the list names each entry by its latest attempt's first event). */
  attemptEventId: string;
  callerNumber: string;
  at: string;
  /** Display name of the dispatcher who called. */
  by: string | null;
  outcome: CallbackOutcome;
  note: string;
  /** The call opened from the call back, if the caller needed an ambulance after all. */
  callId: number | null;
}

/** A caller to call back. */
export interface CallbackEntry {
  callerNumber: string;
  /** First event id of the caller's latest abandoned attempt: what a logged callback names. */
  attemptEventId: string;
  lineId: number;
  /** The first unanswered ring of this episode: how long the caller has been without an answer. */
  firstRangAt: string;
  /** The latest abandoned ring. */
  lastRangAt: string;
  /** Ring to hang-up of the latest abandoned attempt, in whole seconds; null when its ring was never reported. */
  waitedSeconds: number | null;
  /** Abandoned attempts since the caller was last spoken to. */
  abandoned: number;
  /** Every attempt from this number in the window, answered or not: above 1 the caller is a repeat caller. */
  tries: number;
  repeat: boolean;
  /** Callbacks made since the first unanswered ring, oldest first. */
  callbacks: CallbackRecord[];
}

/** When an attempt happened: its ring, or for an attempt held without its ring, its end. */
const attemptTime = (a: CallAttempt): string | null => a.ringingAt ?? a.endedAt ?? a.answeredAt;
const ms = (iso: string): number => Date.parse(iso);

/**
 * The callers to call back at `now`, most urgent (longest without an answer) first. An abandoned attempt is
 * resolved by a later answered attempt from the same number (the caller got through) or by a callback with
 * outcome `reached` after it; attempts and callbacks older than the window are left out.
 */
export function callbackList(attempts: readonly CallAttempt[], callbacks: readonly CallbackRecord[], now: Date): CallbackEntry[] {
  const since = now.getTime() - CALLBACK_WINDOW_HOURS * 3600_000;
  const byNumber = new Map<string, CallAttempt[]>();
  for (const a of attempts) {
    const at = attemptTime(a);
    if (at === null || ms(at) < since) continue;
    const list = byNumber.get(a.callerNumber) ?? [];
    list.push(a);
    byNumber.set(a.callerNumber, list);
  }
  const callbacksOf = new Map<string, CallbackRecord[]>();
  for (const c of callbacks) {
    if (ms(c.at) < since) continue;
    const list = callbacksOf.get(c.callerNumber) ?? [];
    list.push(c);
    callbacksOf.set(c.callerNumber, list);
  }

  const entries: CallbackEntry[] = [];
  for (const [number, mine] of byNumber) {
    mine.sort((a, b) => ms(attemptTime(a) ?? '') - ms(attemptTime(b) ?? ''));
    const made = (callbacksOf.get(number) ?? []).sort((a, b) => ms(a.at) - ms(b.at) || a.id - b.id);
    // The caller was last spoken to at the later of their last answered attempt and the last `reached` callback.
    const answered = mine.filter((a) => a.answeredAt !== null).map((a) => ms(attemptTime(a) ?? a.answeredAt ?? ''));
    const reached = made.filter((c) => c.outcome === 'reached').map((c) => ms(c.at));
    const spokenAt = Math.max(Number.NEGATIVE_INFINITY, ...answered, ...reached);
    const open = mine.filter((a) => a.state === 'abandoned' && ms(attemptTime(a) ?? '') > spokenAt);
    const first = open[0];
    const last = open[open.length - 1];
    if (!first || !last) continue;
    const firstAt = attemptTime(first) ?? '';
    const waited = last.ringingAt !== null && last.endedAt !== null ? Math.round((ms(last.endedAt) - ms(last.ringingAt)) / 1000) : null;
    entries.push({
      callerNumber: number,
      attemptEventId: last.eventIds[0] ?? '',
      lineId: last.lineId,
      firstRangAt: firstAt,
      lastRangAt: attemptTime(last) ?? firstAt,
      waitedSeconds: waited,
      abandoned: open.length,
      tries: mine.length,
      repeat: mine.length > 1,
      callbacks: made.filter((c) => ms(c.at) >= ms(firstAt)),
    });
  }
  return entries.sort((a, b) => ms(a.firstRangAt) - ms(b.firstRangAt) || (a.callerNumber < b.callerNumber ? -1 : 1));
}

/** The entry a logged callback belongs to: by one of its attempts' event ids, or by the caller's number. */
export function callbackEntryFor(
  entries: readonly CallbackEntry[],
  attempts: readonly CallAttempt[],
  ref: { attemptEventId?: string | undefined; callerNumber?: string | undefined },
): { attempt: CallAttempt; entry: CallbackEntry | null } | null {
  const attempt = ref.attemptEventId
    ? attempts.find((a) => a.eventIds.includes(ref.attemptEventId ?? ''))
    : [...attempts].reverse().find((a) => a.callerNumber === ref.callerNumber && a.state === 'abandoned');
  if (!attempt) return null;
  return { attempt, entry: entries.find((e) => e.callerNumber === attempt.callerNumber) ?? null };
}
