/**
 * The ringing storm's telephony gateway: a CTI adapter as docs/telephony.md describes one, posting a batch of
 * line events every 100 ms to /api/telephony/events. Each of the centre's lines goes round
 * ringing → answered at a free seat → ended, or ringing → abandoned; every tick the lines whose next step is
 * due soonest take it, so the rate is exactly `perSecond` whatever the draws.
 *
 * Event ids carry the storm index and the tick's time (`ring.<index>.<sentAtMs>`), which the consoles time
 * from. A batch the in-flight cap holds back keeps its tick's time, so the wait counts against the figure;
 * a batch refused with 503 (nothing saved) is re-posted as it was, as the API asks.
 */
import { AREA } from '../lib/db.ts';
import { post } from '../lib/http.ts';
import { Histogram } from '../lib/stats.ts';

type Phase = 'idle' | 'ringing' | 'on_call';

interface Line {
  id: number;
  phase: Phase;
  caller: string;
  seat: number | null;
  dueAt: number;
}

interface WireEvent {
  eventId: string;
  lineId: number;
  kind: 'ringing' | 'answered' | 'ended' | 'abandoned';
  at: string;
  callerNumber: string;
  location?: { lon: number; lat: number; accuracyM: number; source: 'carrier' | 'handset' } | null;
  seat?: number;
}

interface TelephonyAnswer {
  results: { eventId: string; result: 'accepted' | 'held' | 'duplicate' }[];
}

const TICK_MS = 100;
/** Callers who hang up before a seat picks up (a storm's queue; the surge day had far more). */
const ABANDON_SHARE = 0.15;
/** Between two steps of a line, so a call rings and talks for a few hundred ms (the storm is compressed time). */
const STEP_MS = { min: 150, max: 650 } as const;
const MAX_IN_FLIGHT = 8;
const MAX_RETRIES = 5;

/** A fixed-seed generator: the same storm each run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RingingGateway {
  private readonly lines: Line[];
  private readonly freeSeats: number[];
  private readonly rand = random(120);
  private next = 0;
  private inFlight = 0;
  private readonly waiting: WireEvent[][] = [];
  private readonly settled: Promise<void>[] = [];
  /** Storm indexes the server stored (accepted or held): what every console must hear. */
  readonly stored: number[] = [];
  posted = 0;
  duplicates = 0;
  retries = 0;
  /** Batches that waited for the in-flight cap (their events keep the tick time). */
  heldBackBatches = 0;
  failed = 0;
  readonly statuses = new Map<number, number>();
  readonly kinds = new Map<WireEvent['kind'], number>();
  readonly roundTripMs = new Histogram(30_000);

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    lineIds: readonly number[],
    seats: readonly number[],
  ) {
    this.lines = lineIds.map((id) => ({ id, phase: 'idle', caller: '', seat: null, dueAt: 0 }));
    this.freeSeats = [...seats];
  }

  /** Post `perSecond` events a second for `seconds`, a batch every tick; resolves when every batch is answered. */
  async run(perSecond: number, seconds: number): Promise<void> {
    const perTick = Math.round((perSecond * TICK_MS) / 1000);
    const ticks = Math.round((seconds * 1000) / TICK_MS);
    const t0 = Date.now();
    for (let k = 0; k < ticks; k++) {
      // Against the start, not the last tick, so timer drift does not lower the rate.
      const wait = t0 + k * TICK_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.submit(this.tick(perTick, Date.now()));
    }
    while (this.waiting.length > 0 || this.inFlight > 0) await Promise.all(this.settled.splice(0));
  }

  private tick(count: number, now: number): WireEvent[] {
    const order = [...this.lines].sort((a, b) => a.dueAt - b.dueAt);
    return order.slice(0, count).map((line) => this.step(line, now));
  }

  private step(line: Line, now: number): WireEvent {
    const index = this.next++;
    const base = { eventId: `ring.${index}.${now}`, lineId: line.id, at: new Date(now).toISOString() };
    line.dueAt = now + STEP_MS.min + this.rand() * (STEP_MS.max - STEP_MS.min);
    let e: WireEvent;
    if (line.phase === 'idle') {
      line.caller = `13${String(Math.floor(this.rand() * 1e9)).padStart(9, '0')}`;
      line.phase = 'ringing';
      e = { ...base, kind: 'ringing', callerNumber: line.caller, location: this.location() };
    } else if (line.phase === 'ringing') {
      const seat = this.rand() < ABANDON_SHARE ? undefined : this.freeSeats.shift();
      if (seat === undefined) {
        line.phase = 'idle';
        e = { ...base, kind: 'abandoned', callerNumber: line.caller };
      } else {
        line.phase = 'on_call';
        line.seat = seat;
        e = { ...base, kind: 'answered', callerNumber: line.caller, seat };
      }
    } else {
      if (line.seat !== null) this.freeSeats.push(line.seat);
      line.phase = 'idle';
      line.seat = null;
      e = { ...base, kind: 'ended', callerNumber: line.caller };
    }
    this.kinds.set(e.kind, (this.kinds.get(e.kind) ?? 0) + 1);
    return e;
  }

  /** A third with a handset fix (tens of metres), a third a carrier estimate (hundreds), a third nothing. */
  private location(): WireEvent['location'] {
    const r = this.rand();
    if (r >= 2 / 3) return null;
    const lon = AREA.lon + (this.rand() - 0.5) * AREA.dLon;
    const lat = AREA.lat + (this.rand() - 0.5) * AREA.dLat;
    return r < 1 / 3 ? { lon, lat, accuracyM: 10 + Math.round(this.rand() * 40), source: 'handset' } : { lon, lat, accuracyM: 200 + Math.round(this.rand() * 600), source: 'carrier' };
  }

  private submit(batch: WireEvent[]): void {
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.heldBackBatches++;
      this.waiting.push(batch);
      return;
    }
    this.start(batch);
  }

  private start(batch: WireEvent[]): void {
    this.inFlight++;
    this.settled.push(
      this.send(batch).finally(() => {
        this.inFlight--;
        const held = this.waiting.shift();
        if (held) this.start(held);
      }),
    );
  }

  private async send(batch: WireEvent[]): Promise<void> {
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      const started = performance.now();
      // 0: no answer at all (the connection was lost or timed out).
      const { status, body: answer } = await post<TelephonyAnswer | null>(this.baseUrl, this.token, '/api/telephony/events', { events: batch }).catch(() => ({ status: 0, body: null }));
      this.roundTripMs.record(performance.now() - started);
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      if (status === 200 && answer) {
        this.posted += batch.length;
        for (const r of answer.results) {
          if (r.result === 'duplicate') this.duplicates++;
          else this.stored.push(Number(r.eventId.split('.')[1]));
        }
        return;
      }
      // 503 and a lost connection saved nothing (or, if it did, the re-post is a duplicate): post again.
      if (status !== 503 && status !== 0) break;
      this.retries++;
      await new Promise((r) => setTimeout(r, 200));
    }
    this.failed += batch.length;
  }
}
