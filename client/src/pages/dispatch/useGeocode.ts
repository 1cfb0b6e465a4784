/** Address candidates as the dispatcher types: the server's GEOCODER, asked 120 ms after the last keystroke. */
import { useEffect, useState } from 'react';
import type { GeocodeCandidate } from '@dispatch/shared';
import { api } from '../../api/http.ts';

export const GEOCODE_DEBOUNCE_MS = 120;
/** One character starts too many names to help; the server would answer, the list would only flicker. */
export const GEOCODE_MIN_CHARS = 2;
const MAX_CHARS = 80;

/** Candidates for `query` (empty below two characters); a late answer to an older query is dropped. */
export function useGeocode(query: string, enabled = true): GeocodeCandidate[] {
  const [candidates, setCandidates] = useState<GeocodeCandidate[]>([]);
  const q = [...query.trim()].slice(0, MAX_CHARS).join('');
  const active = enabled && [...q].length >= GEOCODE_MIN_CHARS;
  useEffect(() => {
    if (!active) {
      setCandidates([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .get<GeocodeCandidate[]>(`/api/geocode?${new URLSearchParams({ q, limit: '8' }).toString()}`)
        .then((r) => live && setCandidates(r))
        .catch(() => live && setCandidates([]));
    }, GEOCODE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, active]);
  return candidates;
}
