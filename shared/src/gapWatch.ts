/**
 * Notices that a connected console missed a push and catches it up over the open socket (no reconnect).
 *
 * Sequence numbers count every logged event, but an audience hears only some of them (a nurse hears her
 * hospital's patients), so a jump from 40 to 47 is not by itself a loss. Only the server knows what the
 * audience should have heard, and its replay (`resync` with a lastSeq) already answers exactly that. So:
 * - `complete` is the seq up to which this console holds everything its audience hears: pushes that follow
 *   on one another move it; a replay moves it to at least the highest seq the console had seen when it asked
 *   (seq order is commit order, so everything up to that seq was committed before the server read the log).
 * - `seen` is the highest seq known to exist: pushes, and the heartbeat's newest seq (a lost last push).
 * - When `seen` passes `complete`, wait a grace (an overtaken push may still arrive), then resync from
 *   `complete`: one request in flight at most, and at least `minIntervalMs` between two, so a filtered
 *   audience whose jumps are normal pays one cheap, mostly empty replay per interval, not one per push.
 * Nothing here is shared between server instances: the client keeps it, and the log answers.
 */
import type { ReplayResult } from './realtime.ts';

export interface GapWatchOptions {
  /** Ask the server for every event this console may hear after `lastSeq`; null when the request failed. */
  resync: (lastSeq: number) => Promise<ReplayResult | null>;
  /** Apply what the resync returned (a replay; a snapshot when too much was missed). */
  apply: (result: ReplayResult) => void;
  /** How long a seq may stay missing before we ask (a push overtaken by a later one arrives within it). */
  graceMs?: number;
  /** The least time between two catch-up requests. */
  minIntervalMs?: number;
}

export const GAP_GRACE_MS = 400;
export const GAP_MIN_INTERVAL_MS = 3000;

/** Finds seq gaps in what a console heard and closes them with a resync; one per connection. */
export class GapWatch {
  private complete = 0;
  private seen = 0;
  /** Seqs heard above `complete`, not yet contiguous with it. */
  private heardAbove = new Set<number>();
  private synced = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private lastAskAt = Number.NEGATIVE_INFINITY;
  /** Bumped on every (re)start, so an answer to a request of an earlier connection is ignored. */
  private generation = 0;
  private readonly graceMs: number;
  private readonly minIntervalMs: number;
  /** How many catch-up requests were sent (tests, diagnostics). */
  asked = 0;

  constructor(private readonly opts: GapWatchOptions) {
    this.graceMs = opts.graceMs ?? GAP_GRACE_MS;
    this.minIntervalMs = opts.minIntervalMs ?? GAP_MIN_INTERVAL_MS;
  }

  /** The seq up to which everything this audience hears is held: what a reconnect should resume from. */
  get completeSeq(): number {
    return this.complete;
  }

  /** A snapshot or replay arrived (at connect, or answering a catch-up); `askedAt` is the seq seen when asking. */
  caughtUp(result: ReplayResult, askedAt = 0): void {
    if (result.kind === 'snapshot') {
      // A snapshot replaces the state: pushes applied before it are gone, so they count as not held.
      const above = Math.max(0, ...this.heardAbove);
      this.heardAbove.clear();
      this.complete = result.snapshot.seq;
      this.seen = Math.max(this.seen, above, this.complete);
    } else {
      this.complete = Math.max(this.complete, askedAt, result.toSeq);
      this.seen = Math.max(this.seen, this.complete);
    }
    this.synced = true;
    this.advance();
    this.schedule();
  }

  /** A pushed event was received (and applied). */
  heard(seq: number): void {
    if (seq <= this.complete) return;
    this.heardAbove.add(seq);
    if (seq > this.seen) this.seen = seq;
    this.advance();
    this.schedule();
  }

  /** The server's newest seq (heartbeat): a console that lost the last push notices it here. */
  head(seq: number): void {
    if (seq > this.seen) this.seen = seq;
    this.schedule();
  }

  /** The connection dropped: forget timers and requests; the reconnect's sync starts again. */
  pause(): void {
    this.synced = false;
    this.generation++;
    this.inFlight = false;
    this.cancel();
  }

  /** Whether a gap is open (seen but not yet caught up). */
  get behind(): boolean {
    return this.seen > this.complete;
  }

  private advance(): void {
    while (this.heardAbove.delete(this.complete + 1)) this.complete++;
    for (const seq of this.heardAbove) if (seq <= this.complete) this.heardAbove.delete(seq);
  }

  private schedule(): void {
    if (!this.behind) return this.cancel();
    if (!this.synced || this.timer !== null || this.inFlight) return;
    const wait = Math.max(this.graceMs, this.lastAskAt + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.ask();
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async ask(): Promise<void> {
    if (!this.synced || !this.behind) return;
    const generation = this.generation;
    const askedAt = this.seen;
    this.inFlight = true;
    this.lastAskAt = Date.now();
    this.asked++;
    let result: ReplayResult | null;
    try {
      result = await this.opts.resync(this.complete);
    } catch {
      result = null;
    }
    if (generation !== this.generation) return;
    this.inFlight = false;
    if (!result) return this.schedule();
    this.opts.apply(result);
    this.caughtUp(result, askedAt);
  }
}
