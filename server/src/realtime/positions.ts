/**
 * AVL fixes are telemetry, not state changes: they are kept latest-per-unit and pushed as one
 * compact frame a few times a second, never one emit per fix per console.
 */
import { POSITIONS_ROOM, type PositionFrame, type PositionTuple, type PositionFixInput } from '@dispatch/shared';

export interface PositionSink {
  /** Emit one frame to a room. */
  emit(room: string, frame: PositionFrame): void;
}

export class PositionCoalescer {
  /** Latest fix per unit, with the hospitals following that unit when the fix came in. */
  private pending = new Map<number, { fix: PositionTuple; followers: readonly number[] }>();
  /** Newest fix time seen per unit, so a late packet never moves a unit back on screen. */
  private newest = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sink: PositionSink,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
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
    return taken;
  }

  flush(): void {
    if (this.pending.size === 0) return;
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
