/** Units move smoothly from the position drawn now to each new fix over about one fix interval. */
import type { PositionFrame, Unit } from '@dispatch/shared';

const GLIDE_MS = 1000;

interface Leg {
  fromLon: number;
  fromLat: number;
  toLon: number;
  toLat: number;
  start: number;
}

export class Glide {
  private legs = new Map<number, Leg>();
  private until = 0;

  /** New fixes arrived (units already hold them): glide from the drawn position to them. */
  retarget(frame: PositionFrame, units: ReadonlyMap<number, Unit>, now: number): void {
    for (const [id, lon, lat] of frame.fixes) {
      const unit = units.get(id);
      if (!unit) continue;
      const leg = this.legs.get(id);
      const [fromLon, fromLat] = leg ? this.at(leg, now) : [lon, lat];
      // A jump of more than ~5 km is a correction, not driving: snap.
      const far = Math.abs(fromLon - lon) > 0.05 || Math.abs(fromLat - lat) > 0.05;
      this.legs.set(id, far ? { fromLon: lon, fromLat: lat, toLon: lon, toLat: lat, start: now } : { fromLon, fromLat, toLon: lon, toLat: lat, start: now });
    }
    this.until = now + GLIDE_MS;
  }

  active(now: number): boolean {
    return now <= this.until + 50;
  }

  /** When the latest glide ends: a redraw at or after it draws every unit at its fix. */
  get endsAt(): number {
    return this.until;
  }

  position(unit: Unit, now: number): [number, number] {
    const leg = this.legs.get(unit.id);
    if (!leg || leg.toLon !== unit.lon || leg.toLat !== unit.lat) return [unit.lon, unit.lat];
    return this.at(leg, now);
  }

  private at(leg: Leg, now: number): [number, number] {
    const t = Math.min(1, Math.max(0, (now - leg.start) / GLIDE_MS));
    return [leg.fromLon + (leg.toLon - leg.fromLon) * t, leg.fromLat + (leg.toLat - leg.fromLat) * t];
  }
}
