/**
 * The phone model: the centre's lines ring at the demo's call rate, the simulator's call takers answer at their
 * seats, callers who wait too long hang up. It plays the CTI adapter through the telephony gateway API with the
 * demo's `cti-gateway` account, and the call takers through the seat routes, as real clients would.
 *
 * A small discrete-event simulation: every step plays the rings, pick-ups, hang-ups, ends and wrap-ups due up to
 * now in time order, stamping each line event with the moment it happened (not when the step ran), so the
 * centre's figures measure the model and not the tick. Only the emergencies become incidents (`onEmergency`:
 * the simulator's intake, POST /api/calls); advice and repeat calls are short and close with no incident.
 */
import type { LineEvent, LineState, LonLat } from '@dispatch/shared';
import type { CallKindDrawn } from './callMix.ts';
import { randomPointIn } from './cityModel.ts';
import { isOk, type Session } from './api.ts';
import { drawLocationFix, drawMobile, drawPatienceSec, drawPhoneKind, drawPickupSec, drawTalkSec, drawWrapUpSec, ringGapMs } from './phoneDraws.ts';
import type { World } from './world.ts';

export interface PhoneStats {
  rung: number;
  answered: number;
  abandoned: number;
  /** Rings that found every line busy (the caller hears engaged; the PBX reports nothing). */
  busy: number;
  advice: number;
  repeats: number;
  emergencies: number;
  postErrors: number;
}

export interface PhoneModelOptions {
  /** Seats the simulator staffs in normal times and in a surge (the plan's 5x). */
  seats?: { normal: number; surge: number };
  /** The centre's lines in normal times (1..n); the surge plan opens n × the city's multiple. */
  normalLines: number;
  /** The lowest seat number the simulator takes: the seats below are left to the humans of the demo. */
  firstSeat?: number;
  /** The least a caller answered at the console stays on the line (real ms; default 90 s: intake is typed by a human). */
  consoleTalkMinMs?: number;
  /** Prefix of event ids, unique for ever: a restart must not collide with the last run's ids. */
  idPrefix: string;
}

interface Caller {
  id: number;
  lineId: number;
  number: string;
  kind: CallKindDrawn;
  location: LineEvent['location'];
  ringAt: number;
  giveUpAt: number;
  /** A seat is reaching for this line. */
  takenBy: SimSeat | null;
}

interface SimSeat {
  seat: number;
  session: Session;
  signedIn: boolean;
  /** What the seat does next and when: pick up `caller`, end the talk, or be ready after wrap-up. */
  next: { kind: 'pickUp' | 'end' | 'ready'; at: number; caller: Caller | null } | null;
  /** Leave the seat when this call is over (the surge is over). */
  leaving: boolean;
}

type Action = { kind: 'line'; event: LineEvent } | { kind: 'ready'; seat: SimSeat } | { kind: 'incident'; caller: Caller; seat: SimSeat };

const MAX_EVENTS_PER_STEP = 400;
const RECENT_CALLERS = 50;
/** A caller answered by a human stays on the line at least this long (real time: intake is typed, not modelled). */
const CONSOLE_TALK_MIN_MS = 90_000;

export class PhoneModel {
  readonly stats: PhoneStats = { rung: 0, answered: 0, abandoned: 0, busy: 0, advice: 0, repeats: 0, emergencies: 0, postErrors: 0 };
  private readonly seats: SimSeat[];
  private readonly waiting: Caller[] = [];
  /** Callers a human answered at the console (F4): the model, as the PBX, ends them after a talk. */
  private readonly atConsole: { caller: Caller; endAt: number }[] = [];
  private readonly busyLines = new Set<number>();
  private readonly recentNumbers: string[] = [];
  private nextRingAt: number | null = null;
  private seq = 0;
  private readonly seatsWanted: { normal: number; surge: number };
  private readonly rand: () => number;

  constructor(
    private readonly w: World,
    private readonly gateway: Session,
    seatSessions: Session[],
    private readonly opts: PhoneModelOptions,
    rand: () => number,
    private readonly perHour: () => number,
    /** An answered emergency becomes an incident, with the caller's number. */
    private readonly onEmergency: (callerNumber: string) => Promise<unknown>,
  ) {
    this.rand = rand;
    const first = opts.firstSeat ?? 3;
    this.seats = seatSessions.map((session, i) => ({ seat: first + i, session, signedIn: false, next: null, leaving: false }));
    // Normal times: the centre's normal staffing (6 seats in the demo city) by the model alone, a human at seat 1 or 2
    // on top; the surge: all ten accounts, well short of the plan's 30, as the command screen should show it.
    this.seatsWanted = opts.seats ?? { normal: 6, surge: 10 };
  }

  /** Rings are drawn again from now at the new rate (the surge switch takes effect at once). */
  rateChanged(now: number): void {
    if (this.nextRingAt !== null) this.nextRingAt = now + ringGapMs(this.perHour(), this.rand);
  }

  /** Plays everything due up to `now`, then tells the server. Never throws (failures are counted). */
  async step(now: number): Promise<void> {
    await this.staff();
    await this.heedConsoles(now);
    this.nextRingAt ??= now + ringGapMs(this.perHour(), this.rand);
    const actions: Action[] = [];
    for (let n = 0; n < MAX_EVENTS_PER_STEP; n++) {
      const due = this.nextDue();
      if (!due || due.at > now) break;
      due.run(actions);
    }
    await this.flush(actions);
  }

  /**
   * A dispatcher answering from the console asks the PBX to connect the line: as the PBX, the model reads the
   * lines back (GET /api/telephony/lines) while callers wait, and a caller answered at a seat that is not one of
   * its own stops waiting (no hang-up) and is ended after a talk in real time (a human is typing intake).
   */
  private async heedConsoles(now: number): Promise<void> {
    if (this.waiting.length === 0) return;
    const res = await this.gateway.call<LineState[]>('GET', '/api/telephony/lines');
    if (!isOk(res)) return;
    const mine = new Set(this.seats.map((s) => s.seat));
    for (const line of res.body) {
      const a = line.attempt;
      if (line.state !== 'on_call' || !a || a.answeredBySeat === null || mine.has(a.answeredBySeat)) continue;
      const c = this.waiting.find((x) => x.lineId === line.lineId && x.number === a.callerNumber);
      if (!c) continue;
      this.drop(c);
      this.stats.answered++;
      const s = c.takenBy;
      if (s?.next?.caller === c) {
        s.next = null;
        this.match(now);
      }
      this.atConsole.push({ caller: c, endAt: now + Math.max(this.opts.consoleTalkMinMs ?? CONSOLE_TALK_MIN_MS, this.simMs(drawTalkSec(this.rand, c.kind))) });
    }
  }

  /** Signs the call takers in (or out) to the number of seats the plan staffs now. */
  private async staff(): Promise<void> {
    const wanted = Math.min(this.seats.length, this.w.surge ? this.seatsWanted.surge : this.seatsWanted.normal);
    for (const [i, s] of this.seats.entries()) {
      if (i < wanted) {
        s.leaving = false;
        if (!s.signedIn) {
          // One sign-in a step: logins are rate limited and shared with the humans of the demo.
          const res = await s.session.call('POST', '/api/seats/sign-in', { seat: s.seat });
          s.signedIn = isOk(res);
          if (!s.signedIn) return;
        }
      } else if (s.signedIn) {
        s.leaving = true;
        if (s.next === null) await this.signOut(s);
      }
    }
  }

  private async signOut(s: SimSeat): Promise<void> {
    const res = await s.session.call('POST', '/api/seats/sign-out');
    if (isOk(res) || res?.status === 409) s.signedIn = false;
  }

  private linesOpen(): number {
    const n = this.opts.normalLines;
    return this.w.surge ? Math.ceil(n * (this.w.city?.surgePlanMultiple ?? 5)) : n;
  }

  /** The earliest thing due: a ring, a caller hanging up, or a seat's next move; a free seat picks up the longest wait. */
  private nextDue(): { at: number; run: (out: Action[]) => void } | null {
    let best: { at: number; run: (out: Action[]) => void } | null = null;
    const consider = (at: number, run: (out: Action[]) => void) => {
      if (!best || at < best.at) best = { at, run };
    };
    if (this.nextRingAt !== null) {
      const at = this.nextRingAt;
      consider(at, (out) => this.ring(at, out));
    }
    for (const c of this.waiting) consider(c.giveUpAt, (out) => this.hangUp(c, out));
    for (const talk of this.atConsole) consider(talk.endAt, (out) => this.endAtConsole(talk, out));
    for (const s of this.seats) {
      const next = s.next;
      if (next) consider(next.at, (out) => this.advance(s, next.at, out));
    }
    return best;
  }

  private ring(at: number, out: Action[]): void {
    this.nextRingAt = at + ringGapMs(this.perHour(), this.rand);
    const lineId = Array.from({ length: this.linesOpen() }, (_, i) => i + 1).find((l) => !this.busyLines.has(l));
    const kind = drawPhoneKind(this.rand, this.w.surge, this.recentNumbers.length > 0);
    const number = kind === 'repeat' ? (this.recentNumbers[Math.floor(this.rand() * this.recentNumbers.length)] ?? drawMobile(this.rand)) : drawMobile(this.rand);
    const point: LonLat | null = this.w.city ? randomPointIn(this.w.city, this.rand) : null;
    const location = point ? drawLocationFix(this.rand, point) : null;
    const patienceMs = (drawPatienceSec(this.rand) * 1000) / this.w.speedup;
    if (lineId === undefined) {
      this.stats.busy++;
      return;
    }
    const caller: Caller = { id: ++this.seq, lineId, number, kind, location, ringAt: at, giveUpAt: at + patienceMs, takenBy: null };
    this.busyLines.add(lineId);
    this.waiting.push(caller);
    this.stats.rung++;
    if (kind !== 'repeat') {
      this.recentNumbers.push(number);
      if (this.recentNumbers.length > RECENT_CALLERS) this.recentNumbers.shift();
    }
    out.push({ kind: 'line', event: this.event(caller, 'ringing', at, { location }) });
    this.match(at);
  }

  private hangUp(c: Caller, out: Action[]): void {
    this.drop(c);
    this.busyLines.delete(c.lineId);
    this.stats.abandoned++;
    out.push({ kind: 'line', event: this.event(c, 'abandoned', c.giveUpAt) });
    // The seat reaching for the line finds it dead and is free again at once.
    const s = c.takenBy;
    if (s?.next?.caller === c) {
      s.next = null;
      this.match(c.giveUpAt);
    }
  }

  private endAtConsole(talk: { caller: Caller; endAt: number }, out: Action[]): void {
    const i = this.atConsole.indexOf(talk);
    if (i >= 0) this.atConsole.splice(i, 1);
    this.busyLines.delete(talk.caller.lineId);
    out.push({ kind: 'line', event: this.event(talk.caller, 'ended', talk.endAt) });
  }

  private advance(s: SimSeat, at: number, out: Action[]): void {
    const next = s.next;
    if (!next) return;
    const c = next.caller;
    if (next.kind === 'pickUp' && c) {
      this.drop(c);
      this.stats.answered++;
      out.push({ kind: 'line', event: this.event(c, 'answered', at, { seat: s.seat }) });
      if (c.kind === 'emergency') out.push({ kind: 'incident', caller: c, seat: s });
      this.stats[c.kind === 'emergency' ? 'emergencies' : c.kind === 'advice' ? 'advice' : 'repeats']++;
      s.next = { kind: 'end', at: at + this.simMs(drawTalkSec(this.rand, c.kind)), caller: c };
    } else if (next.kind === 'end' && c) {
      this.busyLines.delete(c.lineId);
      out.push({ kind: 'line', event: this.event(c, 'ended', at) });
      s.next = { kind: 'ready', at: at + this.simMs(drawWrapUpSec(this.rand)), caller: null };
    } else {
      s.next = null;
      out.push({ kind: 'ready', seat: s });
      this.match(at);
    }
  }

  /** Every free seat reaches for the longest-ringing line nobody is reaching for. */
  private match(at: number): void {
    for (const s of this.seats) {
      if (!s.signedIn || s.leaving || s.next) continue;
      const c = this.waiting.find((x) => !x.takenBy);
      if (!c) return;
      c.takenBy = s;
      s.next = { kind: 'pickUp', at: Math.max(at, c.ringAt) + this.simMs(drawPickupSec(this.rand)), caller: c };
    }
  }

  private drop(c: Caller): void {
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  private simMs(sec: number): number {
    return (sec * 1000) / this.w.speedup;
  }

  private event(c: Caller, kind: LineEvent['kind'], at: number, extra: Partial<LineEvent> = {}): LineEvent {
    return { eventId: `${this.opts.idPrefix}-${c.id}-${kind}`, lineId: c.lineId, kind, at: new Date(at).toISOString(), callerNumber: c.number, ...extra };
  }

  /** Line events in batches, a seat's own "ready" after the events before it, incidents last. */
  private async flush(actions: Action[]): Promise<void> {
    let batch: LineEvent[] = [];
    const post = async () => {
      if (batch.length === 0) return;
      const res = await this.gateway.call('POST', '/api/telephony/events', { events: batch });
      if (!isOk(res)) {
        this.stats.postErrors++;
        this.w.log.warn({ status: res?.status, body: res?.body }, 'phone model: line events refused');
      }
      batch = [];
    };
    const incidents: Action[] = [];
    for (const a of actions) {
      if (a.kind === 'line') batch.push(a.event);
      else if (a.kind === 'incident') incidents.push(a);
      else {
        await post();
        const res = await a.seat.session.call('POST', `/api/seats/${a.seat.seat}/state`, { state: 'ready' });
        // 409: the server already moved the seat on (its next call was answered); the phone is authoritative.
        if (!isOk(res) && res?.status !== 409) this.stats.postErrors++;
        if (a.seat.leaving) await this.signOut(a.seat);
      }
    }
    await post();
    for (const a of incidents) if (a.kind === 'incident') await this.onEmergency(a.caller.number);
  }
}
