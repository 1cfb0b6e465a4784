/** A server-aligned clock that re-renders its component every `everyMs`, for timers that count up. */
import { useEffect, useState } from 'react';
import { liveStore } from '../../live/store.ts';

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => liveStore.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(liveStore.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
