/**
 * Each dispatcher's own day at the phone (issue 13 item 5, for the command group only): how many callers they
 * answered, how long those callers had waited, how long they talked, the incidents they opened and the advice
 * calls they closed. An answer belongs to whoever held the answering seat at that moment, from the seats' log
 * (the line events name a seat, not a person).
 */
import type { LoggedChange } from '../trends.ts';
import { callAttempts, ringSeconds } from './lines.ts';
import { lineEventsOf, share, type ShareFigure } from './centreFigures.ts';
import type { Seat } from './seats.ts';
import { CENTRE_TARGETS } from './targets.ts';

export interface DispatcherFigure {
  userId: number;
  displayName: string;
  /** Seats held within the day, in order. */
  seats: number[];
  /** Minutes signed in at a seat within the day (up to the report time). */
  signedInMin: number;
  /** Callers answered within the day. */
  answered: number;
  /** Of the callers they answered, those who had waited at most the target. */
  answeredWithin: ShareFigure;
  /** Mean wait of the callers they answered, and mean talk from answer to end or transfer away (seconds). */
  averageRingSec: number | null;
  averageTalkSec: number | null;
  /** Emergency calls they created and calls they closed as advice or home care. */
  incidents: number;
  adviceClosed: number;
}

export interface DispatcherFiguresInput {
  from: Date;
  /** min(window end, now). */
  until: Date;
  /** Each seat as it was just before `from` (holder included). */
  seatsAtStart: readonly Pick<Seat, 'seat' | 'holder'>[];
  /** Seat, line and call changes from a little before `from` to `until`, in any order. */
  events: readonly LoggedChange[];
}

type Holder = NonNullable<Seat['holder']>;
const ADVICE = new Set(['advice', 'home_care']);
const round1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? round1(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** Who held each seat over time: holder changes in log order, starting from the seats as they were. */
function seatTimeline(input: DispatcherFiguresInput, events: readonly LoggedChange[]) {
  const spans = new Map<number, { at: number; holder: Holder | null }[]>();
  const start = input.from.getTime();
  for (const s of input.seatsAtStart) spans.set(s.seat, [{ at: -Infinity, holder: s.holder }]);
  for (const e of events) {
    if (e.entity !== 'seat' || !e.after) continue;
    const seat = e.after as Pick<Seat, 'seat' | 'holder'>;
    const list = spans.get(seat.seat) ?? [{ at: -Infinity, holder: null }];
    const at = Date.parse(e.at);
    // seatsAtStart already holds what happened before the window.
    if (at < start) continue;
    list.push({ at, holder: seat.holder });
    spans.set(seat.seat, list);
  }
  const holderAt = (seat: number, t: number): Holder | null => {
    let found: Holder | null = null;
    for (const s of spans.get(seat) ?? []) {
      if (s.at > t) break;
      found = s.holder;
    }
    return found;
  };
  return { spans, holderAt };
}

/** The figures of every dispatcher who held a seat, answered a caller or acted on a call within [from, until). */
export function dispatcherFigures(input: DispatcherFiguresInput): DispatcherFigure[] {
  const from = input.from.getTime();
  const until = input.until.getTime();
  const events = [...input.events].sort((a, b) => a.seq - b.seq);
  const { spans, holderAt } = seatTimeline(input, events);
  const rows = new Map<number, { name: string; seats: Set<number>; signedInMs: number; answered: number; waits: number[]; talks: number[]; incidents: number; advice: number }>();
  const row = (h: Holder) => {
    let r = rows.get(h.userId);
    if (!r) rows.set(h.userId, (r = { name: h.displayName, seats: new Set(), signedInMs: 0, answered: 0, waits: [], talks: [], incidents: 0, advice: 0 }));
    return r;
  };

  for (const [seat, list] of spans) {
    list.forEach((s, i) => {
      if (!s.holder) return;
      const start = Math.max(s.at, from);
      const end = Math.min(list[i + 1]?.at ?? until, until);
      if (end <= start) return;
      const r = row(s.holder);
      r.seats.add(seat);
      r.signedInMs += end - start;
    });
  }

  for (const a of callAttempts(lineEventsOf(events))) {
    if (a.answeredAt === null || a.answeredBySeat === null) continue;
    const at = Date.parse(a.answeredAt);
    if (at < from || at >= until) continue;
    const holder = holderAt(a.answeredBySeat, at);
    if (!holder) continue;
    const r = row(holder);
    r.seats.add(a.answeredBySeat);
    r.answered++;
    const wait = ringSeconds(a);
    if (wait !== null) r.waits.push(wait);
    const away = a.transfers.find((t) => t.seat !== a.answeredBySeat)?.at ?? a.endedAt;
    if (away) r.talks.push((Date.parse(away) - at) / 1000);
  }

  // A call's advice close counts once, for whoever closed it. Only people who held a seat in the day are rows:
  // the figures are about the phone desk, not the command group's own edits.
  const advised = new Set<number>();
  const names = new Map<number, string>([...rows].map(([id, r]) => [id, r.name]));
  for (const e of events) {
    if (e.entity !== 'call' || !e.after || e.actorId == null) continue;
    const at = Date.parse(e.at);
    if (at < from || at >= until) continue;
    const name = names.get(e.actorId);
    if (name === undefined) continue;
    const c = e.after as { kind?: string; outcome?: string | null };
    const r = row({ userId: e.actorId, displayName: name });
    if (e.name === 'call.created' && c.kind === 'emergency' && !ADVICE.has(c.outcome ?? '')) r.incidents++;
    if (ADVICE.has(c.outcome ?? '') && !advised.has(e.entityId)) {
      advised.add(e.entityId);
      r.advice++;
    }
  }

  return [...rows]
    .map(([userId, r]) => ({
      userId,
      displayName: r.name,
      seats: [...r.seats].sort((a, b) => a - b),
      signedInMin: Math.round(r.signedInMs / 60_000),
      answered: r.answered,
      answeredWithin: share(r.waits.filter((w) => w <= CENTRE_TARGETS.answerWithinSeconds).length, r.waits.length, CENTRE_TARGETS.answeredWithinPct),
      averageRingSec: mean(r.waits),
      averageTalkSec: mean(r.talks),
      incidents: r.incidents,
      adviceClosed: r.advice,
    }))
    .sort((a, b) => b.answered - a.answered || a.displayName.localeCompare(b.displayName));
}
