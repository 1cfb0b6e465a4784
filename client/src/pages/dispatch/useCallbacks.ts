/** The callback list, read over REST and read again soon after anything that can move it: a hang-up, an answer, a callback logged. */
import { useCallback, useEffect, useState } from 'react';
import type { CallbackEntry, LiveEvent } from '@dispatch/shared';
import { api } from '../../api/http.ts';
import { liveStore } from '../../live/store.ts';

// A ring alone moves nothing on the list (a caller who is still ringing is not yet one to call back).
const MOVES_LIST = (e: LiveEvent) => e.entity === 'callback' || e.name === 'line.abandoned' || e.name === 'line.ended' || e.name === 'line.answered';
/** Hang-ups come by the second in a surge: one read at most every this many ms after them. */
const DEBOUNCE_MS = 800;
/** And now and then anyway, for a missed push or a caller leaving the 24 h window. */
const EVERY_MS = 60_000;

export function useCallbacks(): { entries: CallbackEntry[] | null; error: string | null; reload: () => void } {
  const [entries, setEntries] = useState<CallbackEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api
      .get<CallbackEntry[]>('/api/callbacks')
      .then((list) => {
        setEntries(list);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, EVERY_MS);
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = liveStore.onEvent((e) => {
      if (!MOVES_LIST(e) || pending) return;
      pending = setTimeout(() => {
        pending = null;
        reload();
      }, DEBOUNCE_MS);
    });
    return () => {
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      off();
    };
  }, [reload]);
  return { entries, error, reload };
}
