/**
 * AVL fixes are telemetry, not state changes: they are kept latest-per-unit and pushed as one
 * compact frame a few times a second, never one emit per fix per console.
 */
import type { PositionFrame, PositionTuple, PositionFixInput } from '@dispatch/shared';

export interface PositionSink {
  /** Emit one frame to a room. */
  emit(room: string, frame: PositionFrame): void;
}

export class PositionCoalescer {
  private pending = new Map<number, PositionTuple>();
  /** Newest fix time seen per unit, so a late packet never moves a unit back on screen. */
  private newest = new Map<number, number>();
  /** Hospitals following each unit (its destination, a transfer's sending hospital), so a hospital screen gets only those. */
  private inbound = new Map<number, readonly number[]>();
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

  /** Keep the newest fix per unit; returns how many fixes were newer than what we had. */
  ingest(fixes: readonly PositionFixInput[], acceptedIds?: ReadonlySet<number>): number {
    let taken = 0;
    for (const f of fixes) {
      if (acceptedIds && !acceptedIds.has(f.unitId)) continue;
      const seen = this.newest.get(f.unitId);
      if (seen !== undefined && seen >= f.at) continue;
      this.newest.set(f.unitId, f.at);
      this.pending.set(f.unitId, [f.unitId, round6(f.lon), round6(f.lat), Math.round(f.heading), Math.round(f.speedKmh), f.at]);
      taken++;
    }
    return taken;
  }

  /** The hospitals whose screens get this unit's fixes; none once it leaves its patient. */
  setInbound(unitId: number, hospitalIds: readonly number[]): void {
    if (hospitalIds.length === 0) this.inbound.delete(unitId);
    else this.inbound.set(unitId, [...new Set(hospitalIds)]);
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const fixes = [...this.pending.values()];
    this.pending.clear();
    const at = Date.now();
    this.sink.emit('positions', { at, fixes });
    const byHospital = new Map<number, PositionTuple[]>();
    for (const fix of fixes) {
      for (const h of this.inbound.get(fix[0]) ?? []) {
        let list = byHospital.get(h);
        if (!list) byHospital.set(h, (list = []));
        list.push(fix);
      }
    }
    for (const [h, list] of byHospital) this.sink.emit(`hospital:${h}`, { at, fixes: list });
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
