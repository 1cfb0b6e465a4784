/**
 * The seat's unfinished intake: every field, the point, the picked place. Kept in localStorage under the
 * signed-in user, so closing the form, Esc, another tab or a reload (even a crashed browser) loses nothing;
 * only taking the call or a confirmed discard clears it.
 */
import { useSyncExternalStore } from 'react';
import type { LonLat, Place } from '@dispatch/shared';
import { EMPTY_DRAFT, type Draft } from './intakeDraft.ts';

export interface SavedIntake {
  draft: Draft;
  location: LonLat | null;
  /** The location field as typed (may be half-typed, so not always `location`). */
  locationText: string;
  /** The town an approximate point was put at, if it was. */
  locationFromTown: string | null;
  picked: Place | null;
}

export const EMPTY_INTAKE: SavedIntake = { draft: EMPTY_DRAFT, location: null, locationText: '', locationFromTown: null, picked: null };

const PREFIX = 'dispatch.intakeDraft:';
const keyOf = (user: string) => `${PREFIX}${user}`;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const isPoint = (v: unknown): v is LonLat =>
  typeof v === 'object' && v !== null && Number.isFinite((v as LonLat).lon) && Number.isFinite((v as LonLat).lat);

/** Whether the dispatcher has put anything into the form at all. */
export function hasContent(s: SavedIntake): boolean {
  const d = s.draft;
  const typed = (Object.keys(EMPTY_DRAFT) as (keyof Draft)[]).some((k) => (typeof d[k] === 'string' ? d[k].trim() !== '' : d[k] !== EMPTY_DRAFT[k]));
  return typed || s.location !== null || s.locationText.trim() !== '';
}

/** The user's saved draft, or null; anything unreadable (an older shape, a hand edit) counts as none. */
export function loadIntake(user: string): SavedIntake | null {
  const raw = storage()?.getItem(keyOf(user));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedIntake> | null;
    if (typeof v !== 'object' || v === null || typeof v.draft !== 'object' || v.draft === null) return null;
    const draft: Draft = { ...EMPTY_DRAFT };
    for (const k of Object.keys(EMPTY_DRAFT) as (keyof Draft)[]) {
      const value: unknown = (v.draft as unknown as Record<string, unknown>)[k];
      if (typeof value === typeof EMPTY_DRAFT[k]) (draft as unknown as Record<string, unknown>)[k] = value;
    }
    const saved: SavedIntake = {
      draft,
      location: isPoint(v.location) ? { lon: v.location.lon, lat: v.location.lat } : null,
      locationText: typeof v.locationText === 'string' ? v.locationText : '',
      locationFromTown: typeof v.locationFromTown === 'string' ? v.locationFromTown : null,
      picked: isPoint(v.picked) && typeof v.picked.name === 'string' ? v.picked : null,
    };
    return hasContent(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Keep the draft; an empty form is the same as none. */
export function saveIntake(user: string, saved: SavedIntake): void {
  const s = storage();
  if (!s) return;
  const had = s.getItem(keyOf(user)) !== null;
  if (!hasContent(saved)) {
    if (had) {
      s.removeItem(keyOf(user));
      notify();
    }
    return;
  }
  try {
    s.setItem(keyOf(user), JSON.stringify(saved));
  } catch {
    // Storage full or blocked: the form still holds it for as long as the page lives.
  }
  if (!had) notify();
}

/** The call was taken, or the dispatcher discarded it on purpose. */
export function clearIntake(user: string): void {
  const s = storage();
  if (!s || s.getItem(keyOf(user)) === null) return;
  s.removeItem(keyOf(user));
  notify();
}

/** Whether the user has a draft waiting (the New-call tab says so while the form is closed). */
export function useHasIntakeDraft(user: string): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => storage()?.getItem(keyOf(user)) != null,
  );
}
