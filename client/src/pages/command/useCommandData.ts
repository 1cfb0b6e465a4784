/** The command screen's figures: fetched, then fetched again soon after any change that can move them, and every 15 s for the clocks. */
import { useCallback, useEffect, useState } from 'react';
import type { CentreFigures, DispatcherFigure, NowStats, TrendResult } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';

const MOVES_FIGURES = new Set(['call', 'unit', 'transport', 'hospital', 'settings', 'line', 'seat']);

/** Call `load` now, every `everyMs`, and `debounceMs` after a burst of relevant live events. */
function useLiveFetch(load: () => void, everyMs: number, debounceMs: number): void {
  useEffect(() => {
    load();
    const timer = setInterval(load, everyMs);
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = liveStore.onEvent((e) => {
      if (!MOVES_FIGURES.has(e.entity) || pending) return;
      pending = setTimeout(() => {
        pending = null;
        load();
      }, debounceMs);
    });
    return () => {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      off();
    };
  }, [load, everyMs, debounceMs]);
}

export function useNowStats(): { stats: NowStats | null; error: string | null } {
  const [stats, setStats] = useState<NowStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api
      .get<NowStats>('/api/stats/now')
      .then((s) => {
        setStats(s);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useLiveFetch(load, 15_000, 1000);
  return { stats, error };
}

/** Trends of a city day, or of the last 24 h when `day` is empty (those refresh; a past day does not change). */
export function useTrends(day: string): TrendResult | null {
  const [trends, setTrends] = useState<TrendResult | null>(null);
  const load = useCallback(() => {
    api
      .get<TrendResult>(day ? `/api/stats/trends?day=${day}` : '/api/stats/trends')
      .then(setTrends)
      .catch(() => undefined);
  }, [day]);
  useEffect(() => setTrends(null), [day]);
  useLiveFetch(load, 60_000, 10_000);
  return trends;
}

/**
 * The centre's own figures (answer times, unit departures, response times, handovers, offered calls) of today,
 * or of a city day when `day` is given; null fetches nothing.
 */
export function useCentreFigures(day: string | null = ''): CentreFigures | null {
  const [figures, setFigures] = useState<CentreFigures | null>(null);
  const load = useCallback(() => {
    if (day === null) return;
    api
      .get<CentreFigures>(day ? `/api/stats/centre?day=${day}` : '/api/stats/centre')
      .then(setFigures)
      .catch(() => undefined);
  }, [day]);
  useEffect(() => setFigures(null), [day]);
  // Rings and answers come by the second in a surge: at most one fetch every 5 s after them.
  useLiveFetch(load, 30_000, 5000);
  return figures;
}

/** Each dispatcher's day at the phone (the command group only: the server refuses anyone else). */
export function useDispatcherFigures(enabled: boolean): DispatcherFigure[] | null {
  const [rows, setRows] = useState<DispatcherFigure[] | null>(null);
  const load = useCallback(() => {
    if (!enabled) return;
    api
      .get<DispatcherFigure[]>('/api/stats/dispatchers')
      .then(setRows)
      .catch(() => undefined);
  }, [enabled]);
  useLiveFetch(load, 60_000, 10_000);
  return enabled ? rows : null;
}
