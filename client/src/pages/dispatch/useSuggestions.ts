/** The server's unit and hospital suggestions for a call, fetched again whenever the fleet or a hospital changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HospitalSuggestion, UnitFreeEstimate, UnitRecommendation } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';

export interface Suggestions {
  units: UnitRecommendation[];
  /** The patient needs a critical-care unit and none may be sent now; the two fields below say what can be done. */
  noCriticalCareFree: boolean;
  firstResponder: UnitRecommendation | null;
  earliestCriticalCare: UnitFreeEstimate | null;
  hospitals: HospitalSuggestion[];
}

const REFRESH_ON = /^(unit\.|hospital\.|transport\.)/;

export function useSuggestions(callId: number | null, callKey: string): { data: Suggestions | null; error: string | null; refresh: () => Promise<Suggestions | null> } {
  const [data, setData] = useState<Suggestions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef(callId);
  current.current = callId;

  const refresh = useCallback(async () => {
    if (callId === null) return null;
    try {
      const s = await api.get<Suggestions>(`/api/calls/${callId}/suggestions`);
      if (current.current !== callId) return null;
      setData(s);
      setError(null);
      return s;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    }
  }, [callId]);

  useEffect(() => {
    setData(null);
    void refresh();
    // Another seat takes a unit, a hospital fills up: the ranking changes, so ask again (debounced).
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = liveStore.onEvent((e) => {
      if (!REFRESH_ON.test(e.name) || e.name === 'unit.sharedWithHospital') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 400);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [refresh, callKey]);

  return { data, error, refresh };
}
