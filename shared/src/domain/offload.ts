/** Offload delay: the ambulance stretcher held at the ED door (DOMAIN.md rule 7). */
import type { Thresholds, Transport } from '../model.ts';

/** Minutes from arrival to handover, still running while not handed over; null before arrival. */
export function offloadMinutes(t: Pick<Transport, 'arrivedAt' | 'handedOverAt'>, now: Date): number | null {
  if (t.arrivedAt === null) return null;
  const end = t.handedOverAt === null ? now.getTime() : Date.parse(t.handedOverAt);
  return Math.max(0, (end - Date.parse(t.arrivedAt)) / 60_000);
}

export type OffloadLevel = 'ok' | 'amber' | 'red';

/** Traffic-light level; a threshold reached counts as crossed. */
export function offloadLevel(
  minutes: number,
  th: Pick<Thresholds, 'offloadAmberMinutes' | 'offloadRedMinutes'>,
): OffloadLevel {
  if (minutes >= th.offloadRedMinutes) return 'red';
  if (minutes >= th.offloadAmberMinutes) return 'amber';
  return 'ok';
}

/**
 * p-th percentile (p in 0..100) by linear interpolation between closest ranks (R type 7, numpy's
 * default, Excel PERCENTILE.INC); non-finite values are ignored; null for no data.
 */
export function percentile(values: readonly number[], p: number): number | null {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const h = ((Math.min(100, Math.max(0, p)) / 100) * (xs.length - 1));
  const lo = Math.floor(h);
  const a = xs[lo] ?? 0;
  const b = xs[Math.min(lo + 1, xs.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** Median (the 50th percentile, averaging the middle pair); null for no data. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Ambulances at one hospital's door now, and how long handovers took there in the last hour. */
export interface OffloadAtHospital {
  /** Ambulances arrived and not yet handed over. */
  atDoor: number;
  /** How long the longest-waiting of them has been held (0 when none). */
  longestWaitMinutes: number;
  /** Median arrival-to-handover of the handovers in the last hour; null when there was none. */
  medianLastHourMinutes: number | null;
}

/** The window of handovers the median looks back over. */
export const HANDOVER_MEDIAN_WINDOW_MINUTES = 60;

/**
 * Each hospital's door from its transports: those arrived and not handed over (an open job) are at the door,
 * those handed over in the last hour give the median. Other transports are ignored, so the caller may pass
 * only the rows that matter (createTransportRepo.listForOffload).
 */
export function offloadAtHospitals(
  transports: Iterable<Pick<Transport, 'hospitalId' | 'arrivedAt' | 'handedOverAt' | 'closedAt'>>,
  now: Date,
): Map<number, OffloadAtHospital> {
  const since = now.getTime() - HANDOVER_MEDIAN_WINDOW_MINUTES * 60_000;
  const waits = new Map<number, { atDoor: number; longest: number; handovers: number[] }>();
  for (const t of transports) {
    if (t.hospitalId === null || t.arrivedAt === null) continue;
    const minutes = offloadMinutes(t, now);
    if (minutes === null || !Number.isFinite(minutes)) continue;
    const w = waits.get(t.hospitalId) ?? { atDoor: 0, longest: 0, handovers: [] };
    if (t.handedOverAt === null) {
      if (t.closedAt !== null) continue;
      w.atDoor++;
      w.longest = Math.max(w.longest, minutes);
    } else if (Date.parse(t.handedOverAt) >= since) {
      w.handovers.push(minutes);
    } else continue;
    waits.set(t.hospitalId, w);
  }
  const out = new Map<number, OffloadAtHospital>();
  for (const [id, w] of waits) out.set(id, { atDoor: w.atDoor, longestWaitMinutes: w.longest, medianLastHourMinutes: median(w.handovers) });
  return out;
}
