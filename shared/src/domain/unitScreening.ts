/** Which unit rows can be ranked at all: a hostile row is left out and reported, never allowed to spoil the rest. */
import { UNIT_KINDS, UNIT_STATUSES, type Unit } from '../model.ts';
import { isDbId } from './plausibility.ts';

export const UNIT_SKIP_REASONS = ['bad_id', 'duplicate_id', 'unknown_kind', 'unknown_status', 'bad_position', 'no_eta'] as const;
export type UnitSkipReason = (typeof UNIT_SKIP_REASONS)[number];

/** A unit row left out of a ranking, with why; the server logs these where it loads units. */
export interface SkippedUnit {
  id: number;
  reason: UnitSkipReason;
}

export type UnitLike = Pick<Unit, 'id' | 'callSign' | 'kind' | 'status' | 'lon' | 'lat'> & Partial<Pick<Unit, 'statusSince'>>;

const KINDS: ReadonlySet<string> = new Set(UNIT_KINDS);
const STATUSES: ReadonlySet<string> = new Set(UNIT_STATUSES);

/** True for a finite WGS84 longitude/latitude pair (NaN, Infinity, undefined and out-of-range fail). */
export function isPlausiblePosition(p: { lon: unknown; lat: unknown }): boolean {
  const { lon, lat } = p;
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

function problemOf(u: UnitLike): UnitSkipReason | null {
  if (!isDbId(u.id)) return 'bad_id';
  if (!KINDS.has(u.kind)) return 'unknown_kind';
  if (!STATUSES.has(u.status)) return 'unknown_status';
  if (!isPlausiblePosition(u)) return 'bad_position';
  return null;
}

/**
 * Splits rows into those a ranking may use, in their input order, and those it must leave out.
 * Of two sound rows with one id the first is kept: a later copy is the stale one more often than not,
 * and keeping the first means a copy never pushes an earlier sound row out.
 */
export function screenUnits<U extends UnitLike>(units: readonly U[]): { valid: U[]; skipped: SkippedUnit[] } {
  const valid: U[] = [];
  const skipped: SkippedUnit[] = [];
  // Rows come from the database in id order: while ids only rise there can be no duplicate, so the set of
  // seen ids is built only from the first row that breaks the order (the ranking runs on every fleet change).
  let lastId = Number.NEGATIVE_INFINITY;
  let seen: Set<number> | null = null;
  for (const u of units) {
    // A hole in the array or a null row is as hostile as a NaN position.
    if (typeof u !== 'object' || u === null) {
      skipped.push({ id: Number.NaN, reason: 'bad_id' });
      continue;
    }
    let problem = problemOf(u);
    if (!problem && u.id <= lastId) {
      seen ??= new Set(valid.map((v) => v.id));
      if (seen.has(u.id)) problem = 'duplicate_id';
    }
    if (problem) {
      skipped.push({ id: u.id, reason: problem });
      continue;
    }
    lastId = Math.max(lastId, u.id);
    seen?.add(u.id);
    valid.push(u);
  }
  return { valid, skipped };
}
