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
