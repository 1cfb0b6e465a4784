/** What the dispatch screens compute from the live state: queue order, availability, clocks. Pure. */
import { DEFAULT_QUEUE_AGEING, isCallOpen, queueOrderAt, screenQueue, type QueueAgeing, type Alert, type Call, type Thresholds, type Transport, type Unit } from '@dispatch/shared';

const WAITING = new Set<Call['status']>(['received', 'triaged', 'awaiting_unit']);

/** A call still waiting for its first unit. */
export const isWaiting = (c: Pick<Call, 'status'>): boolean => WAITING.has(c.status);

/** How often the queue is re-sorted as calls age: a minute's lag on a 30-minute ageing step. */
export const QUEUE_RESORT_MS = 60_000;

/**
 * Open calls at `now`: those waiting for a unit first, each group in the shared priority order (which ages
 * with the wait, so call again as time passes). A call the order cannot read goes after the ranked ones,
 * in arrival order: a dispatcher must still see it, and it must not push a readable call down.
 */
export function queueOf(calls: Iterable<Call>, now: number, ageing: QueueAgeing = DEFAULT_QUEUE_AGEING): { waiting: Call[]; active: Call[]; unranked: number[] } {
  const waiting: Call[] = [];
  const active: Call[] = [];
  for (const c of calls) {
    if (!isCallOpen(c.status)) continue;
    (isWaiting(c) ? waiting : active).push(c);
  }
  const order = queueOrderAt(now, ageing);
  const ranked = (group: Call[]) => {
    const { valid, skipped } = screenQueue(group, now);
    const ranks = new Set(valid);
    return { calls: [...valid.sort(order), ...group.filter((c) => !ranks.has(c))], skipped };
  };
  const w = ranked(waiting);
  const a = ranked(active);
  return { waiting: w.calls, active: a.calls, unranked: [...w.skipped, ...a.skipped].map((s) => s.id) };
}

/** True when a waiting call has waited at least the configured minutes. */
export function isOverdue(c: Pick<Call, 'status' | 'receivedAt'>, nowMs: number, thresholds: Pick<Thresholds, 'queueWaitMinutes'>): boolean {
  return isWaiting(c) && nowMs - Date.parse(c.receivedAt) >= thresholds.queueWaitMinutes * 60_000;
}

export interface Availability {
  free: number;
  freeCriticalCare: number;
  inService: number;
  /** Fewer free units than thresholds.minFreeUnits. */
  low: boolean;
  noCriticalCare: boolean;
}

/** Free units against the threshold (DOMAIN.md rule 3 and the low-availability alert). */
export function availabilityOf(units: Iterable<Unit>, thresholds: Pick<Thresholds, 'minFreeUnits'>): Availability {
  let free = 0;
  let freeCriticalCare = 0;
  let inService = 0;
  for (const u of units) {
    if (u.status !== 'out_of_service') inService++;
    if (u.status !== 'available') continue;
    free++;
    if (u.kind === 'critical_care') freeCriticalCare++;
  }
  return { free, freeCriticalCare, inService, low: free < thresholds.minFreeUnits, noCriticalCare: freeCriticalCare === 0 };
}

/** Alerts not yet cleared, critical first, newest first. */
export function openAlerts(alerts: Iterable<Alert>): Alert[] {
  return [...alerts]
    .filter((a) => a.clearedAt === null)
    .sort((a, b) => (a.level === b.level ? Date.parse(b.raisedAt) - Date.parse(a.raisedAt) : a.level === 'critical' ? -1 : 1));
}

/** Transports of a call still under way (not handed over, closed or cancelled). */
export function activeTransports(transports: Iterable<Transport>, callId: number): Transport[] {
  return [...transports].filter((t) => t.callId === callId && !t.closedAt && t.acceptance !== 'cancelled' && t.acceptance !== 'handed_over');
}

/** Parse "113.10, 39.83" or "39.83, 113.10": in China the longitude is always the larger number. */
export function parseLonLat(text: string): { lon: number; lat: number } | null {
  const parts = text.trim().split(/[\s,，;]+/).filter(Boolean).map(Number);
  if (parts.length !== 2 || parts.some((x) => !Number.isFinite(x))) return null;
  const [a = 0, b = 0] = parts;
  const [lon, lat] = Math.abs(a) >= Math.abs(b) ? [a, b] : [b, a];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lon, lat };
}
