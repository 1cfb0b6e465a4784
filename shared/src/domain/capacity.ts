/** Hospital capacity: validation of reports, freshness, and free/occupied figures. */
import type { HospitalCapacity } from '../model.ts';
import { ED_STATUSES } from '../model.ts';
import type { DomainError, Result } from './result.ts';
import { err, ok } from './result.ts';

const COUNT_FIELDS = [
  'openBeds',
  'occupiedBeds',
  'icuOpen',
  'icuOccupied',
  'icuConvertible',
  'ventilatorsFree',
  'feverClinicWaitMin',
] as const satisfies readonly (keyof HospitalCapacity)[];

/** INVALID_CAPACITY error whose message starts with "field: " so the API can report the field. */
export function capacityFieldError<T = never>(field: keyof HospitalCapacity, problem: string, current: unknown): Result<T> {
  return err('INVALID_CAPACITY', `${field}: ${problem}`, current);
}

/** The field named at the start of a field error's message, if any. */
export function errorField(e: DomainError): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9]*): /.exec(e.message);
  return m?.[1];
}

/** Checks a capacity report: non-negative integers, occupied within open; `current` is the rejected value. */
export function validateCapacity(c: HospitalCapacity): Result<HospitalCapacity> {
  for (const f of COUNT_FIELDS) {
    const v = c[f];
    if (!Number.isInteger(v) || v < 0) return capacityFieldError(f, 'must be a non-negative integer', v);
  }
  if (c.occupiedBeds > c.openBeds) {
    return capacityFieldError('occupiedBeds', `cannot exceed openBeds (${c.openBeds})`, c.occupiedBeds);
  }
  if (c.icuOccupied > c.icuOpen) {
    return capacityFieldError('icuOccupied', `cannot exceed icuOpen (${c.icuOpen})`, c.icuOccupied);
  }
  if (!(ED_STATUSES as readonly string[]).includes(c.edStatus)) {
    return capacityFieldError('edStatus', `must be one of ${ED_STATUSES.join(', ')}`, c.edStatus);
  }
  if (c.diversionUntil !== null && Number.isNaN(Date.parse(c.diversionUntil))) {
    return capacityFieldError('diversionUntil', 'must be an ISO date-time or null', c.diversionUntil);
  }
  return ok(c);
}

/** True when the report is older than the threshold; an unreadable timestamp counts as stale. */
export function isCapacityStale(capacityUpdatedAt: string, now: Date, staleAfterMinutes: number): boolean {
  const at = Date.parse(capacityUpdatedAt);
  if (Number.isNaN(at)) return true;
  return now.getTime() - at > staleAfterMinutes * 60_000;
}

/** Free general beds, never negative. */
export function freeBeds(h: Pick<HospitalCapacity, 'openBeds' | 'occupiedBeds'>): number {
  return Math.max(0, h.openBeds - h.occupiedBeds);
}

/** Free ICU beds, never negative. */
export function freeIcu(h: Pick<HospitalCapacity, 'icuOpen' | 'icuOccupied'>): number {
  return Math.max(0, h.icuOpen - h.icuOccupied);
}

/** ICU occupancy in percent (unrounded); 0 when no ICU bed is open. */
export function icuOccupancyPct(h: Pick<HospitalCapacity, 'icuOpen' | 'icuOccupied'>): number {
  return h.icuOpen > 0 ? (h.icuOccupied / h.icuOpen) * 100 : 0;
}

/** Bed occupancy in percent (unrounded); 0 when no bed is open. */
export function bedOccupancyPct(h: Pick<HospitalCapacity, 'openBeds' | 'occupiedBeds'>): number {
  return h.openBeds > 0 ? (h.occupiedBeds / h.openBeds) * 100 : 0;
}
