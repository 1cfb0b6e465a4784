/**
 * Hospitals as they reach the suggestion: a stored row, a replayed snapshot or a simulator's list may hold
 * values the types promise away (NaN position, a kind from a newer city bundle, a negative count, the
 * same id twice). One bad hospital must neither throw nor move the others, so each is checked here first.
 */
import { ED_STATUSES, HOSPITAL_KINDS, type Hospital } from '../model.ts';

/** A hospital left out of (or corrected for) the suggestion, with why. */
export interface SkippedHospital {
  hospitalId: number | null;
  /**
   * `invalid_id`, `duplicate_id`, `invalid_position`, `unknown_kind`, `unknown_ed_status`: left out.
   * `invalid_count:<field>`: kept, with that count at its safe value (see screenHospitals).
   */
  reason: string;
}

export interface ScreenedHospitals<H extends Hospital> {
  valid: H[];
  skipped: SkippedHospital[];
}

// Counts that make a hospital look roomier when they grow, and the occupied count each one is paired with.
const OPEN_COUNTS = ['openBeds', 'icuOpen', 'ventilatorsFree'] as const;
const OCCUPIED_COUNTS = [
  ['occupiedBeds', 'openBeds'],
  ['icuOccupied', 'icuOpen'],
] as const;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isCoordinate = (v: unknown, limit: number): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= limit;

/**
 * Splits hospitals into those the rules can score and those left out, in the input order. An unreadable
 * count does not drop the hospital (the designated one may be the only place for a critical patient): an
 * open or free count counts as 0 and an occupied count as full, so a bad figure never offers a bed.
 */
export function screenHospitals<H extends Hospital>(hospitals: readonly H[]): ScreenedHospitals<H> {
  const valid: H[] = [];
  const skipped: SkippedHospital[] = [];
  const seen = new Set<number>();
  for (const h of hospitals) {
    const id: unknown = (h as Partial<Hospital> | null | undefined)?.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      skipped.push({ hospitalId: null, reason: 'invalid_id' });
      continue;
    }
    if (seen.has(id)) {
      // The first copy is kept: a duplicate later in the list must not replace what was already ranked.
      skipped.push({ hospitalId: id, reason: 'duplicate_id' });
      continue;
    }
    seen.add(id);
    if (!isCoordinate(h.lon, 180) || !isCoordinate(h.lat, 90)) {
      skipped.push({ hospitalId: id, reason: 'invalid_position' });
      continue;
    }
    if (!(HOSPITAL_KINDS as readonly unknown[]).includes(h.kind)) {
      skipped.push({ hospitalId: id, reason: 'unknown_kind' });
      continue;
    }
    if (!(ED_STATUSES as readonly unknown[]).includes(h.edStatus)) {
      skipped.push({ hospitalId: id, reason: 'unknown_ed_status' });
      continue;
    }
    let fixed: H = h;
    for (const f of OPEN_COUNTS) {
      if (isCount(h[f])) continue;
      skipped.push({ hospitalId: id, reason: `invalid_count:${f}` });
      fixed = { ...fixed, [f]: 0 };
    }
    for (const [f, open] of OCCUPIED_COUNTS) {
      if (isCount(h[f])) continue;
      skipped.push({ hospitalId: id, reason: `invalid_count:${f}` });
      fixed = { ...fixed, [f]: fixed[open] };
    }
    valid.push(fixed);
  }
  return { valid, skipped };
}
