/**
 * A token bucket per socket for what consoles send us. A console sends a resync now and then and a
 * ping every few seconds; a socket that sends far more is broken or hostile: its excess is dropped,
 * and if it keeps going it is cut off.
 */
export interface InboundLimit {
  /** Events allowed in a burst. */
  burst: number;
  /** Tokens refilled per second. */
  perSecond: number;
  /** Dropped events within one window that get the socket disconnected. */
  disconnectAfterDrops: number;
  windowMs: number;
}

export const DEFAULT_INBOUND_LIMIT: InboundLimit = { burst: 30, perSecond: 10, disconnectAfterDrops: 100, windowMs: 10_000 };

export type Verdict = 'pass' | 'drop' | 'disconnect';

export class InboundThrottle {
  private tokens: number;
  private last: number;
  private drops = 0;
  private windowStart: number;

  constructor(
    private readonly limit: InboundLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
    this.windowStart = now;
  }

  /** Take one token for an inbound event at `now` (ms). */
  take(now: number): Verdict {
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (now - this.windowStart >= this.limit.windowMs) {
      this.windowStart = now;
      this.drops = 0;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'pass';
    }
    this.drops += 1;
    return this.drops >= this.limit.disconnectAfterDrops ? 'disconnect' : 'drop';
  }
}
