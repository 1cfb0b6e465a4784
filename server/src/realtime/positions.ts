/**
 * AVL fixes are telemetry, not state changes: they are kept latest-per-unit and pushed as one
 * compact frame, never one emit per fix per console. A frame goes out as soon as a gateway batch is
 * in, but never sooner than `minIntervalMs` after the previous one: a fix waits for the next frame at
 * most that long (it waited up to a fixed 250 ms tick before), and batches that arrive closer together
 * still share one frame, so the per-console cost stays bounded however many gateways post.
 */
import { POSITIONS_ROOM, type PositionFrame, type PositionTuple, type PositionFixInput } from '@dispatch/shared';

export interface PositionSink {
  /** Emit one frame to a room. */
  emit(room: string, frame: PositionFrame): void;
}

/** 10 frames a second at most: a fix is on screen within ~100 ms plus the push itself. */
export const DEFAULT_FRAME_MIN_INTERVAL_MS = 100;

export class PositionCoalescer {
  /** Latest fix per unit, with the hospitals following that unit when the fix came in. */
  private pending = new Map<number, { fix: PositionTuple; followers: readonly number[] }>();
  /** Newest fix time seen per unit, so a late packet never moves a unit back on screen. */
  private newest = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastFlushAt = 0;

  constructor(
    private readonly sink: PositionSink,
    private readonly minIntervalMs = DEFAULT_FRAME_MIN_INTERVAL_MS,
  ) {}

  start(): void {
    this.running = true;
    if (this.pending.size > 0) this.schedule();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One frame at most per interval; a timer of 0 still lets batches handled in the same turn share it. */
  private schedule(): void {
    if (this.timer || !this.running) return;
    const wait = Math.max(0, this.lastFlushAt + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  /**
   * Keep the newest fix per unit; returns how many fixes were newer than what we had. `followers`
   * names the hospitals whose screens get a unit's fixes, read from the database with the fix (the
   * visibility policy's positionFollowers), so every instance routes a unit the same way.
   */
  ingest(fixes: readonly PositionFixInput[], acceptedIds?: ReadonlySet<number>, followers?: ReadonlyMap<number, readonly number[]>): number {
    let taken = 0;
    for (const f of fixes) {
      if (acceptedIds && !acceptedIds.has(f.unitId)) continue;
      const seen = this.newest.get(f.unitId);
      if (seen !== undefined && seen >= f.at) continue;
      this.newest.set(f.unitId, f.at);
      this.pending.set(f.unitId, {
        fix: [f.unitId, round6(f.lon), round6(f.lat), Math.round(f.heading), Math.round(f.speedKmh), f.at],
        followers: followers?.get(f.unitId) ?? [],
      });
      taken++;
    }
    if (taken > 0) this.schedule();
    return taken;
  }

  flush(): void {
    if (this.pending.size === 0) return;
    this.lastFlushAt = Date.now();
    const entries = [...this.pending.values()];
    this.pending.clear();
    const at = Date.now();
    this.sink.emit(POSITIONS_ROOM, { at, fixes: entries.map((e) => e.fix) });
    const byHospital = new Map<number, PositionTuple[]>();
    for (const { fix, followers } of entries) {
      for (const h of followers) {
        let list = byHospital.get(h);
        if (!list) byHospital.set(h, (list = []));
        list.push(fix);
      }
    }
    for (const [h, list] of byHospital) this.sink.emit(`hospital:${h}`, { at, fixes: list });
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
