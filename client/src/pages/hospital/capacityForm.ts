/** The capacity panel's draft: text as typed, checked field by field, turned into a PATCH of what changed. Pure. */
import type { CapacityInput, EdStatus, Hospital } from '@dispatch/shared';
import { formatLocalDateTime, parseLocalDateTime } from '../../ui/format.ts';

export const COUNT_FIELDS = ['openBeds', 'occupiedBeds', 'icuOpen', 'icuOccupied', 'icuConvertible', 'ventilatorsFree', 'feverClinicWaitMin'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export interface CapacityDraft {
  counts: Record<CountField, string>;
  edStatus: EdStatus;
  /** "YYYY-MM-DD HH:mm" as typed (browser's zone), '' when none. */
  diversionUntil: string;
}

export type DraftField = CountField | 'edStatus' | 'diversionUntil';
/** Error codes, translated by the panel (hospital:capacity.errors.<code>). */
export type DraftError = 'required' | 'integer' | 'negative' | 'tooLarge' | 'occupiedOverOpen' | 'icuOccupiedOverOpen' | 'untilRequired' | 'untilPast';

/** ISO instant → the text the diversion-until box shows, in the browser's zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : formatLocalDateTime(ms);
}

/** Quick choices for how long a diversion lasts, in hours: a charge nurse rarely needs another. */
export const DIVERSION_HOURS = [1, 2, 4, 8] as const;

export function draftOf(h: Hospital): CapacityDraft {
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, String(h[f])])) as Record<CountField, string>;
  return { counts, edStatus: h.edStatus, diversionUntil: toLocalInput(h.diversionUntil) };
}

const MAX: Record<CountField, number> = {
  openBeds: 100_000,
  occupiedBeds: 100_000,
  icuOpen: 100_000,
  icuOccupied: 100_000,
  icuConvertible: 100_000,
  ventilatorsFree: 100_000,
  feverClinicWaitMin: 1440,
};

/** Every problem of the draft at once, so each input can say what is wrong with it. */
export function draftErrors(d: CapacityDraft, nowMs: number): Partial<Record<DraftField, DraftError>> {
  const errors: Partial<Record<DraftField, DraftError>> = {};
  const n: Partial<Record<CountField, number>> = {};
  for (const f of COUNT_FIELDS) {
    const text = d.counts[f].trim();
    if (text === '') errors[f] = 'required';
    else if (!/^-?\d+$/.test(text)) errors[f] = 'integer';
    else if (Number(text) < 0) errors[f] = 'negative';
    else if (Number(text) > MAX[f]) errors[f] = 'tooLarge';
    else n[f] = Number(text);
  }
  if (n.openBeds !== undefined && n.occupiedBeds !== undefined && n.occupiedBeds > n.openBeds) errors.occupiedBeds = 'occupiedOverOpen';
  if (n.icuOpen !== undefined && n.icuOccupied !== undefined && n.icuOccupied > n.icuOpen) errors.icuOccupied = 'icuOccupiedOverOpen';
  if (d.edStatus === 'diversion') {
    const until = parseLocalDateTime(d.diversionUntil);
    if (until === null) errors.diversionUntil = 'untilRequired';
    else if (until <= nowMs) errors.diversionUntil = 'untilPast';
  }
  return errors;
}

/** Only the figures that differ from the hospital's current ones: two people editing different figures do not overwrite each other. */
export function changesOf(d: CapacityDraft, h: Hospital): CapacityInput {
  const out: CapacityInput = {};
  for (const f of COUNT_FIELDS) {
    const v = Number(d.counts[f].trim());
    if (v !== h[f]) out[f] = v;
  }
  if (d.edStatus !== h.edStatus) out.edStatus = d.edStatus;
  const ms = d.edStatus === 'diversion' ? parseLocalDateTime(d.diversionUntil) : null;
  const until = ms === null ? null : new Date(ms).toISOString();
  if (d.edStatus === 'diversion' && until !== h.diversionUntil) out.diversionUntil = until;
  return out;
}
