/**
 * The server sends a hospital the call with every patient it gets, but a screen that started from an
 * older state may still meet a transport whose call it lacks: fetch that call once.
 */
import { useEffect, useState } from 'react';
import type { Call, Transport } from '@dispatch/shared';
import { api } from '../../api/http.ts';

export function useCallFallback(transports: readonly Transport[], known: ReadonlyMap<number, Call>): ReadonlyMap<number, Call> {
  const [fetched, setFetched] = useState<Map<number, Call>>(new Map());
  const [asked] = useState(() => new Set<number>());
  const missing = transports.map((t) => t.callId).filter((id) => !known.has(id) && !asked.has(id));
  const key = [...new Set(missing)].join(',');
  useEffect(() => {
    for (const id of new Set(missing)) {
      asked.add(id);
      api
        .get<{ call: Call }>(`/api/calls/${id}`)
        .then((r) => setFetched((m) => new Map(m).set(id, r.call)))
        .catch(() => undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (fetched.size === 0) return known;
  const merged = new Map(fetched);
  for (const [id, c] of known) merged.set(id, c);
  return merged;
}
